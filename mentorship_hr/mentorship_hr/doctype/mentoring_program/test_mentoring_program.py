# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mentorship_hr.tests import builders


class TestMentoringProgram(FrappeTestCase):
	def test_end_before_start_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "End Date cannot be before"):
			builders.program(start_date=today(), end_date=add_days(today(), -1))
		self.assertFalse(
			frappe.db.exists(
				"Mentoring Program", {"company": builders.COMPANY, "end_date": add_days(today(), -1)}
			)
		)

	def test_weights_must_sum_to_a_positive_number(self):
		zero = {
			"mentor_weight_cadence": 0,
			"mentor_weight_goal_progress": 0,
			"mentor_weight_mentee_feedback": 0,
		}
		with self.assertRaisesRegex(frappe.ValidationError, "Mentor KPI weights"):
			builders.program(**zero)
		with self.assertRaisesRegex(frappe.ValidationError, "Mentee KPI weights"):
			builders.program(mentee_weight_cadence=50, mentee_weight_goal_progress=-10)

	def test_frequency_and_capacity_must_be_positive(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Check-in Frequency"):
			builders.program(checkin_frequency_days=0)
		with self.assertRaisesRegex(frappe.ValidationError, "Max Mentees"):
			builders.program(max_mentees_per_mentor=0)

	def test_reverse_mentoring_needs_a_gap_of_at_least_one_level(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Minimum Level Gap to 1 or more"):
			builders.program(reverse_mentoring=1, reverse_level_gap=0)
		self.assertEqual(builders.program(reverse_mentoring=1).reverse_level_gap, 1)

	def test_circle_sizes_must_make_sense(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Circle Size to 2 or more"):
			builders.program(format="Circles", circle_size=1, circle_min_fill=1)
		with self.assertRaisesRegex(frappe.ValidationError, "between 1 and the Circle Size"):
			builders.program(format="Both", circle_size=4, circle_min_fill=5)
		# a one-to-one program keeps whatever the circle fields hold: they do not apply
		self.assertEqual(builders.program(circle_size=0).format, "One-to-one")
		circles = builders.program(format="Circles")
		self.assertEqual((circles.circle_size, circles.circle_min_fill), (6, 3))

	def test_new_program_takes_kra_and_weights_from_settings(self):
		program = builders.program()
		self.assertEqual(program.kra, "Mentoring")
		self.assertEqual(
			(
				program.mentor_weight_cadence,
				program.mentor_weight_goal_progress,
				program.mentee_weight_ownership,
			),
			(40, 30, 15),
		)
		self.assertEqual((program.checkin_frequency_days, program.max_mentees_per_mentor), (14, 2))

	def test_explicit_weights_are_kept(self):
		program = builders.program(mentor_weight_cadence=10, mentee_weight_ownership=0)
		self.assertEqual((program.mentor_weight_cadence, program.mentee_weight_ownership), (10, 0))

	def test_program_is_readable_by_employees_but_only_managers_edit(self):
		program = builders.program()
		user = builders.user_of(builders.employee())
		self.assertTrue(frappe.has_permission("Mentoring Program", "read", program.name, user=user))
		self.assertFalse(frappe.has_permission("Mentoring Program", "write", program.name, user=user))
		manager = builders.user_with_roles("Mentoring Program Manager")
		self.assertTrue(frappe.has_permission("Mentoring Program", "write", program.name, user=manager))
