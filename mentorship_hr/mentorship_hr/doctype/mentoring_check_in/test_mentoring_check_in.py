# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.desk.form.load import getdoc
from frappe.utils import add_days, getdate, today

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase


class TestCheckinValidation(MentoringTestCase):
	def test_future_date_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "in the future"):
			builders.checkin(self.pairing.name, add_days(today(), 1))
		self.assertFalse(frappe.db.exists("Mentoring Check-in", {"pairing": self.pairing.name}))

	def test_date_before_the_pairing_started_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "before the pairing started"):
			builders.checkin(self.pairing.name, add_days(self.pairing.start_date, -1))

	def test_checkin_on_an_ended_pairing_is_refused(self):
		self.pairing.update({"status": "Completed", "end_date": today()}).save()
		with self.assertRaisesRegex(frappe.ValidationError, "need an Active pairing"):
			builders.checkin(self.pairing.name)

	def test_someone_outside_the_pair_is_told_plainly(self):
		"""Not Frappe's "Not allowed via controller permission check" trace, but what the policy
		says, for logging one and for changing one."""
		for user in (builders.user_of(self.mentee_manager), builders.user_of(self.stranger)):
			frappe.clear_messages()
			with (
				builders.as_user(user),
				self.assertRaisesRegex(frappe.PermissionError, "only on your own pairings") as refused,
			):
				builders.checkin(self.pairing.name, submit=False)
			self.assertNotIn("controller", str(refused.exception) + str(frappe.message_log))
		checkin = builders.checkin(self.pairing.name, submit=False)
		with (
			builders.as_user(builders.user_of(self.stranger)),
			self.assertRaisesRegex(frappe.PermissionError, "You cannot"),
		):
			frappe.get_doc("Mentoring Check-in", checkin.name).update({"summary": "Changed"}).save()
		self.assertFalse(frappe.db.exists("Mentoring Check-in", {"summary": "Changed"}))

	def test_logged_by_role_comes_from_the_user(self):
		with builders.as_user(self.mentor_user):
			checkin = builders.checkin(self.pairing.name, submit=False, logged_by_role="Mentee")
		self.assertEqual((checkin.logged_by, checkin.logged_by_role), (self.mentor_user, "Mentor"))

	def test_submitting_applies_goal_updates_and_refreshes_the_pairing(self):
		goal = builders.goal(self.pairing.name)
		with builders.as_user(self.mentee_user):  # the mentee's own updates apply at once
			checkin = builders.checkin(
				self.pairing.name, add_days(today(), -3), goal_updates=[{"goal": goal.name, "progress": 60}]
			)
		self.assertEqual(
			frappe.db.get_value("Mentoring Goal", goal.name, ["progress", "status"]), (60, "In Progress")
		)
		self.assertEqual(checkin.confirmation_status, "Pending")
		self.assertEqual(getdate(checkin.submitted_on), getdate(today()))
		last, due = frappe.db.get_value(
			"Mentoring Pairing", self.pairing.name, ["last_checkin_date", "next_checkin_due"]
		)
		self.assertEqual(getdate(last), getdate(add_days(today(), -3)))
		self.assertEqual(getdate(due), getdate(add_days(today(), 11)))

	def test_goal_update_of_another_pairing_or_out_of_range_is_refused(self):
		other = builders.pairing(builders.program().name, self.mentor, builders.employee())
		foreign = builders.goal(other.name)
		with self.assertRaisesRegex(frappe.ValidationError, "does not belong to this pairing"):
			builders.checkin(self.pairing.name, goal_updates=[{"goal": foreign.name, "progress": 10}])
		goal = builders.goal(self.pairing.name)
		with self.assertRaisesRegex(frappe.ValidationError, "between 0 and 100"):
			builders.checkin(self.pairing.name, goal_updates=[{"goal": goal.name, "progress": 140}])
		self.assertEqual(frappe.db.get_value("Mentoring Goal", goal.name, "progress"), 0)

	def test_each_side_gives_only_its_own_rating(self):
		with builders.as_user(self.mentee_user):
			checkin = builders.checkin(self.pairing.name, submit=False, mentee_rating=0.8)
			checkin.mentor_rating = 1
			with self.assertRaisesRegex(frappe.PermissionError, "Only the mentor or program managers and HR"):
				checkin.save()


class TestConfirmation(MentoringTestCase):
	def setUp(self):
		super().setUp()
		with builders.as_user(self.mentee_user):
			self.checkin = builders.checkin(
				self.pairing.name, add_days(today(), -2), agenda="Negotiation prep"
			)

	def test_counterpart_confirms(self):
		with builders.as_user(self.mentor_user):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).confirm()
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Check-in", self.checkin.name, ["confirmation_status", "confirmed_by"]
			),
			("Confirmed", self.mentor_user),
		)

	def test_logger_and_strangers_cannot_confirm(self):
		with builders.as_user(self.mentee_user), self.assertRaisesRegex(frappe.PermissionError, "other side"):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).confirm()
		with builders.as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).confirm()
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in", self.checkin.name, "confirmation_status"), "Pending"
		)

	def test_dispute_needs_a_reason_and_only_a_program_manager_resolves_it(self):
		with builders.as_user(self.mentor_user):
			doc = frappe.get_doc("Mentoring Check-in", self.checkin.name)
			with self.assertRaisesRegex(frappe.ValidationError, "Say why"):
				doc.dispute("  ")
			doc.dispute("We did not meet that day")
			with self.assertRaisesRegex(frappe.ValidationError, "already Disputed"):
				frappe.get_doc("Mentoring Check-in", self.checkin.name).confirm()
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in", self.checkin.name, "confirmation_status"), "Disputed"
		)
		with builders.as_user(builders.user_with_roles("Mentoring Program Manager")):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).confirm()
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in", self.checkin.name, "confirmation_status"), "Confirmed"
		)

	def test_only_the_logger_cancels(self):
		with builders.as_user(self.mentor_user), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).cancel()
		with builders.as_user(self.mentee_user):
			frappe.get_doc("Mentoring Check-in", self.checkin.name).cancel()
		self.assertEqual(frappe.db.get_value("Mentoring Check-in", self.checkin.name, "docstatus"), 2)

	def test_draft_cannot_be_confirmed(self):
		with builders.as_user(self.mentee_user):
			draft = builders.checkin(self.pairing.name, submit=False)
		with (
			builders.as_user(self.mentor_user),
			self.assertRaisesRegex(frappe.ValidationError, "Submit the check-in"),
		):
			frappe.get_doc("Mentoring Check-in", draft.name).confirm()


class TestCheckinPrivacy(MentoringTestCase):
	def setUp(self):
		super().setUp()
		with builders.as_user(self.mentor_user):
			self.checkin = builders.checkin(
				self.pairing.name, submit=False, private_notes="Worried about burnout"
			)

	def test_the_pair_reads_check_ins_and_notes(self):
		for user in (self.mentor_user, self.mentee_user):
			with builders.as_user(user):
				self.assertEqual(frappe.get_list("Mentoring Check-in", pluck="name"), [self.checkin.name])
				getdoc("Mentoring Check-in", self.checkin.name)
				self.assertEqual(frappe.response.docs[-1].private_notes, "Worried about burnout")

	def test_managers_never_see_check_ins(self):
		for manager in (self.mentee_manager, self.mentor_manager, self.stranger):
			with builders.as_user(builders.user_of(manager)):
				self.assertEqual(frappe.get_list("Mentoring Check-in", pluck="name"), [])
				with self.assertRaises(frappe.PermissionError):
					getdoc("Mentoring Check-in", self.checkin.name)
				with self.assertRaises(frappe.PermissionError):
					builders.checkin(self.pairing.name, submit=False)

	def test_hr_sees_the_check_in_but_not_the_private_notes(self):
		with builders.as_user(builders.user_with_roles("HR Manager")):
			getdoc("Mentoring Check-in", self.checkin.name)
			self.assertIsNone(frappe.response.docs[-1].private_notes)
			doc = frappe.get_doc("Mentoring Check-in", self.checkin.name)
			doc.summary, doc.private_notes = "Edited by HR", ""
			doc.save()
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in Note", {"checkin": self.checkin.name}, "notes"),
			"Worried about burnout",
		)
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in", self.checkin.name, "summary"), "Edited by HR"
		)
