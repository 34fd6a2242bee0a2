# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.desk.form.load import getdoc

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase


class TestMentoringGoal(MentoringTestCase):
	def test_goal_needs_an_active_pairing(self):
		proposed = builders.pairing(self.program.name, self.mentor, builders.employee(), status="Proposed")
		with self.assertRaisesRegex(frappe.ValidationError, "need an Active pairing"):
			builders.goal(proposed.name)
		self.assertFalse(frappe.db.exists("Mentoring Goal", {"pairing": proposed.name}))

	def test_progress_outside_0_100_is_refused(self):
		for progress in (120, -5):
			with self.assertRaisesRegex(frappe.ValidationError, "between 0 and 100"):
				builders.goal(self.pairing.name, progress=progress)

	def test_status_follows_progress(self):
		goal = builders.goal(self.pairing.name)
		self.assertEqual(goal.status, "Not Started")
		goal.progress = 40
		goal.save()
		self.assertEqual(goal.status, "In Progress")
		goal.progress = 100
		goal.save()
		self.assertEqual(goal.status, "Achieved")
		goal.status, goal.progress = "Dropped", 10
		goal.save()
		self.assertEqual(goal.status, "Dropped")

	def test_marking_achieved_completes_progress(self):
		goal = builders.goal(self.pairing.name, progress=60)
		goal.status = "Achieved"
		goal.save()
		self.assertEqual(goal.progress, 100)

	def test_mentee_writes_goals_mentor_writes_assessment(self):
		with builders.as_user(self.mentee_user):
			goal = builders.goal(
				self.pairing.name, description="Lead the weekly stand-up", target_date="2099-01-01"
			)
			goal.progress = 25
			goal.save()
			goal.mentor_rating = 1
			with self.assertRaisesRegex(frappe.PermissionError, "Only the mentor or program managers"):
				goal.save()
		with builders.as_user(self.mentor_user):
			goal = frappe.get_doc("Mentoring Goal", goal.name)
			goal.mentor_rating, goal.mentor_comment = 0.8, "Clear progress"
			goal.save()
			goal.reload()
			goal.title = "Rewritten by the mentor"
			with self.assertRaisesRegex(frappe.PermissionError, "Only the mentee or program managers"):
				goal.save()
			with self.assertRaises(frappe.PermissionError):
				builders.goal(self.pairing.name)
		self.assertEqual(frappe.db.get_value("Mentoring Goal", goal.name, "mentor_rating"), 0.8)

	def test_managers_read_goals_strangers_do_not(self):
		goal = builders.goal(self.pairing.name)
		with builders.as_user(builders.user_of(self.mentee_manager)):
			self.assertEqual(frappe.get_list("Mentoring Goal", pluck="name"), [goal.name])
			getdoc("Mentoring Goal", goal.name)
			self.assertFalse(frappe.has_permission("Mentoring Goal", "write", goal.name))
		with builders.as_user(builders.user_of(self.stranger)):
			self.assertEqual(frappe.get_list("Mentoring Goal", pluck="name"), [])
			with self.assertRaises(frappe.PermissionError):
				getdoc("Mentoring Goal", goal.name)
			with self.assertRaises(frappe.PermissionError):
				builders.goal(self.pairing.name)
