"""Explicit actions instead of raw status edits: the pairing's Pause, Resume, Complete and End
Early, the program's Open Enrollment, Start and Complete, the bulk Approve, and what the program
form says about syncing and email."""

import frappe
from frappe.utils import add_days, getdate, today

from mentorship_hr.matching.enrollment import approve_applications
from mentorship_hr.notifications import notify
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def onload(doctype, name):
	doc = frappe.get_doc(doctype, name)
	doc.run_method("onload")
	return doc.get("__onload")


class TestPairingActions(MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.participant(self.program.name, self.mentee, "Mentee", "Matched")

	def move(self, status, reason=None):
		return frappe.get_doc("Mentoring Pairing", self.pairing.name).set_status(status, reason)

	def test_pause_resume_and_complete(self):
		self.assertEqual(
			onload("Mentoring Pairing", self.pairing.name).status_moves,
			["Completed", "Ended Early", "Paused"],
		)
		self.assertEqual(self.move("Paused"), "Paused")
		self.assertEqual(
			onload("Mentoring Pairing", self.pairing.name).status_moves,
			["Active", "Completed", "Ended Early"],
		)
		self.assertEqual(self.move("Active"), "Active")
		self.assertEqual(self.move("Completed"), "Completed")
		stored = frappe.get_doc("Mentoring Pairing", self.pairing.name)
		self.assertEqual(getdate(stored.end_date), getdate(today()))
		self.assertEqual(onload("Mentoring Pairing", self.pairing.name).status_moves, [])
		with self.assertRaisesRegex(frappe.ValidationError, "A Completed pairing cannot be moved to Active"):
			self.move("Active")

	def test_ending_early_needs_a_reason_and_returns_the_mentee_to_the_pool(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Say why the pairing ended early"):
			self.move("Ended Early", "  ")
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "status"), "Active")
		self.move("Ended Early", "Moved to another site")
		stored = frappe.get_doc("Mentoring Pairing", self.pairing.name)
		self.assertEqual((stored.status, stored.end_reason), ("Ended Early", "Moved to another site"))
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Participant", {"program": self.program.name, "employee": self.mentee}, "status"
			),
			"Approved",
		)

	def test_a_pair_gets_no_status_moves(self):
		for user in (self.mentor_user, self.mentee_user):
			with as_user(user):
				self.assertEqual(onload("Mentoring Pairing", self.pairing.name).status_moves, [])
				with self.assertRaises(frappe.PermissionError):
					self.move("Paused")
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "status"), "Active")

	def test_completing_after_the_program_ends_dates_the_pairing_at_the_program_end(self):
		end = add_days(today(), -1)
		frappe.db.set_value("Mentoring Program", self.program.name, "end_date", end)
		self.move("Completed")
		self.assertEqual(
			getdate(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "end_date")), getdate(end)
		)


class TestProgramActions(MentoringTestCase):
	def test_a_program_runs_draft_enrolling_active_completed(self):
		program = builders.program(status="Draft", start_date=add_days(today(), -10))
		self.assertEqual(onload("Mentoring Program", program.name).status_moves, ["Active", "Enrolling"])
		doc = frappe.get_doc("Mentoring Program", program.name)
		self.assertEqual(doc.set_status("Enrolling")["status"], "Enrolling")
		self.assertEqual(doc.set_status("Active")["status"], "Active")
		live = builders.pairing(program.name, self.mentor, self.mentee).name
		result = doc.set_status("Completed")
		self.assertEqual(result, {"status": "Completed", "completed_pairings": [live]})
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", live, "status"), "Completed")

	def test_moving_backwards_or_skipping_is_refused(self):
		doc = frappe.get_doc("Mentoring Program", self.program.name)  # Active
		for status in ("Enrolling", "Draft"):
			with self.assertRaisesRegex(
				frappe.ValidationError, f"An? Active program cannot be moved to {status}"
			):
				doc.set_status(status)
		self.assertEqual(frappe.db.get_value("Mentoring Program", self.program.name, "status"), "Active")

	def test_employees_cannot_move_a_program(self):
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Program", self.program.name).set_status("Completed")
		self.assertEqual(frappe.db.get_value("Mentoring Program", self.program.name, "status"), "Active")

	def test_sync_says_why_it_cannot_work(self):
		draft = builders.program(status="Draft")
		self.assertEqual(
			onload("Mentoring Program", draft.name).sync_blocked,
			"Scores are synced once the program is Active.",
		)
		frappe.db.set_value("Appraisal Cycle", {"company": builders.company()}, "status", "Completed")
		self.assertIn("No open appraisal cycle", onload("Mentoring Program", self.program.name).sync_blocked)
		builders.appraisal_cycle(
			[self.mentee], builders.appraisal_template({"Quality": 100}), create_appraisals=False
		)
		self.assertIsNone(onload("Mentoring Program", self.program.name).sync_blocked)


class TestBulkApprove(MentoringTestCase):
	def test_applications_are_approved_and_the_rest_reported(self):
		program = builders.program(status="Enrolling")
		applied = builders.participant(program.name, self.mentee, "Mentee", "Applied").name
		approved = builders.participant(program.name, self.mentor, "Mentor", "Approved", capacity=1).name
		result = approve_applications(frappe.as_json([applied, approved]))
		self.assertEqual(result["approved"], [applied])
		self.assertEqual(
			result["not_changed"], [{"name": approved, "reason": "it is Approved, not an application"}]
		)
		self.assertEqual(frappe.db.get_value("Mentoring Participant", applied, "status"), "Approved")

	def test_employees_cannot_bulk_approve(self):
		program = builders.program(status="Enrolling")
		applied = builders.participant(program.name, self.mentee, "Mentee", "Applied").name
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			approve_applications([applied])
		self.assertEqual(frappe.db.get_value("Mentoring Participant", applied, "status"), "Applied")


class TestWithoutEmailAccount(MentoringTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "default_outgoing", 0)
		frappe.db.set_value("Email Account", {"enable_outgoing": 1}, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}  # Frappe keeps the account found for the request

	def tearDown(self):
		super().tearDown()
		frappe.local.outgoing_email_account = {}

	def test_people_get_the_bell_and_nobody_gets_a_warning(self):
		frappe.local.message_log = []
		emails = frappe.db.count("Email Queue")
		notify([self.mentee_user], "Test subject", self.pairing, "mentoring_pairing_ended")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.mentee_user, "subject": "Test subject"})
		)
		self.assertEqual(frappe.db.count("Email Queue"), emails)
		self.assertEqual(frappe.local.message_log, [])

	def test_settings_and_program_say_so_once_to_program_managers(self):
		self.assertTrue(onload("Mentoring Settings", "Mentoring Settings").no_email_account)
		self.assertTrue(onload("Mentoring Program", self.program.name).no_email_account)
		with as_user(self.mentee_user):
			self.assertNotIn("no_email_account", onload("Mentoring Program", self.program.name))
		builders.outgoing_email_account()
		self.assertFalse(onload("Mentoring Settings", "Mentoring Settings").no_email_account)
