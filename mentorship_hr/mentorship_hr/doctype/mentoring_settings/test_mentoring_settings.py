# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestMentoringSettings(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_installed_defaults(self):
		settings = frappe.get_single("Mentoring Settings")
		self.assertEqual(settings.default_kra, "Mentoring")
		self.assertEqual(settings.confirmation_window_days, 7)
		self.assertEqual(
			(
				settings.mentor_weight_cadence,
				settings.mentee_weight_goal_progress,
				settings.mentee_weight_ownership,
			),
			(40, 40, 15),
		)

	def test_weights_that_sum_to_zero_are_refused(self):
		settings = frappe.get_single("Mentoring Settings")
		settings.update(
			{"mentee_weight_" + c: 0 for c in ("cadence", "goal_progress", "ownership", "mentor_assessment")}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "Mentee KPI weights"):
			settings.save()

	def test_negative_confirmation_window_is_refused(self):
		settings = frappe.get_single("Mentoring Settings")
		settings.confirmation_window_days = -1
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be negative"):
			settings.save()
