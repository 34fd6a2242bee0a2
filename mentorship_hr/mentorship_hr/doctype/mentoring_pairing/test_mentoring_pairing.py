# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.desk.form.load import getdoc
from frappe.utils import add_days

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase


class TestPairingRules(MentoringTestCase):
	def test_mentor_equal_to_mentee_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot mentor themselves"):
			builders.pairing(self.program.name, self.mentee, self.mentee)

	def test_dates_outside_the_program_are_refused(self):
		before = add_days(self.program.start_date, -1)
		with self.assertRaisesRegex(frappe.ValidationError, "outside program"):
			builders.pairing(self.program.name, self.mentor, builders.employee(), start_date=before)
		after = add_days(self.program.end_date, 1)
		with self.assertRaisesRegex(frappe.ValidationError, "outside program"):
			builders.pairing(self.program.name, self.mentor, builders.employee(), end_date=after)

	def test_end_before_start_is_refused(self):
		self.pairing.start_date = add_days(self.program.start_date, 10)
		self.pairing.end_date = add_days(self.program.start_date, 5)
		with self.assertRaisesRegex(frappe.ValidationError, "End Date cannot be before"):
			self.pairing.save()

	def test_reporting_line_is_refused_both_ways_and_two_levels_up(self):
		lead = builders.employee("lead", reports_to=self.mentee_manager)
		report = builders.employee("report", reports_to=lead)
		program = builders.program(max_mentees_per_mentor=5).name
		for mentor, mentee in ((lead, report), (report, lead), (self.mentee_manager, report)):
			with self.assertRaisesRegex(frappe.ValidationError, "same reporting line"):
				builders.pairing(program, mentor, mentee)
		# allowed when the program does not exclude it
		relaxed = builders.program(exclude_reporting_line=0).name
		self.assertEqual(builders.pairing(relaxed, lead, report).status, "Active")

	def test_same_department_is_refused_when_the_program_excludes_it(self):
		program = builders.program(exclude_same_department=1).name
		colleague = builders.employee("colleague")  # same department as the mentee
		with self.assertRaisesRegex(frappe.ValidationError, "pairs people across departments"):
			builders.pairing(program, colleague, self.mentee)
		self.assertEqual(builders.pairing(program, self.mentor, self.mentee).status, "Active")

	def test_mentor_over_capacity_is_refused_counting_proposed(self):
		program = builders.program(max_mentees_per_mentor=1).name
		builders.pairing(program, self.mentor, builders.employee(), status="Proposed")
		with self.assertRaisesRegex(frappe.ValidationError, "at capacity: 1 of 1"):
			builders.pairing(program, self.mentor, builders.employee())
		self.assertEqual(frappe.db.count("Mentoring Pairing", {"program": program}), 1)

	def test_participant_capacity_overrides_program_maximum(self):
		frappe.get_doc(
			{
				"doctype": "Mentoring Participant",
				"program": self.program.name,
				"employee": self.mentor,
				"role": "Mentor",
				"capacity": 1,
			}
		).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "at capacity: 1 of 1"):
			builders.pairing(self.program.name, self.mentor, builders.employee())

	def test_second_active_pairing_of_a_mentee_is_refused(self):
		other_mentor = builders.employee("mentor2", department=builders.department("Sales"))
		with self.assertRaisesRegex(frappe.ValidationError, "already has an active pairing"):
			builders.pairing(self.program.name, other_mentor, self.mentee)
		# a Proposed alternative is fine, and so is an Active one in another program
		builders.pairing(self.program.name, other_mentor, self.mentee, status="Proposed")
		builders.pairing(builders.program().name, other_mentor, self.mentee)

	def test_same_pair_twice_is_refused(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			builders.pairing(self.program.name, self.mentor, self.mentee, status="Proposed")

	def test_ending_early_needs_a_reason_and_sets_the_end_date(self):
		self.pairing.status = "Ended Early"
		with self.assertRaisesRegex(frappe.ValidationError, "ended early"):
			self.pairing.save()
		self.pairing.reload()
		self.pairing.status = "Ended Early"
		self.pairing.end_reason = "Mentee moved to another country"
		self.pairing.save()
		self.assertTrue(self.pairing.end_date)

	def test_activation_sets_the_start_date(self):
		proposed = builders.pairing(
			self.program.name, self.mentor, builders.employee(), status="Proposed", start_date=None
		)
		self.assertIsNone(proposed.start_date)
		proposed.status = "Active"
		proposed.save()
		self.assertTrue(proposed.start_date)

	def test_title_and_fetched_people(self):
		self.assertEqual(self.pairing.mentee_manager, self.mentee_manager)
		self.assertEqual(self.pairing.mentor_user, self.mentor_user)
		self.assertIn("→", self.pairing.title)


class TestPairingPermissions(MentoringTestCase):
	def test_mentor_and_mentee_read_and_write_their_pairing(self):
		for user in (self.mentor_user, self.mentee_user):
			with builders.as_user(user):
				self.assertEqual(frappe.get_list("Mentoring Pairing", pluck="name"), [self.pairing.name])
				doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
				doc.agreement = f"Meet every two weeks ({user})"
				doc.save()

	def test_the_pair_edit_only_the_agreement(self):
		for user in (self.mentor_user, self.mentee_user):
			with builders.as_user(user):
				doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
				doc.status = "Completed"
				with self.assertRaisesRegex(
					frappe.PermissionError, "You cannot move this Mentoring Pairing from Active to Completed"
				):
					doc.save()
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "status"), "Active")

	def test_managers_read_but_cannot_write(self):
		for manager in (self.mentee_manager, self.mentor_manager):
			with builders.as_user(builders.user_of(manager)):
				self.assertEqual(frappe.get_list("Mentoring Pairing", pluck="name"), [self.pairing.name])
				getdoc("Mentoring Pairing", self.pairing.name)
				doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
				doc.agreement = "changed by a manager"
				with self.assertRaises(frappe.PermissionError):
					doc.save()

	def test_other_employees_are_refused(self):
		with builders.as_user(builders.user_of(self.stranger)):
			self.assertEqual(frappe.get_list("Mentoring Pairing", pluck="name"), [])
			with self.assertRaises(frappe.PermissionError):
				getdoc("Mentoring Pairing", self.pairing.name)

	def test_employees_cannot_create_pairings(self):
		with builders.as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			builders.pairing(self.program.name, builders.employee(), self.mentee, status="Proposed")

	def test_program_managers_and_hr_see_every_pairing(self):
		for role in ("Mentoring Program Manager", "HR Manager"):
			with builders.as_user(builders.user_with_roles(role)):
				self.assertIn(self.pairing.name, frappe.get_list("Mentoring Pairing", pluck="name"))
				getdoc("Mentoring Pairing", self.pairing.name)
