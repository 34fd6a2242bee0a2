# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""Self-select: suggestions, requests, answers, expiry and the race for a mentor's last place."""

import threading
from unittest.mock import patch

import frappe
from frappe.desk.form.load import getdoc
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mentorship_hr.matching import self_select
from mentorship_hr.matching.self_select import expire_requests, respond_to_request
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user


def enroll(program, employee, role, skills=(), status="Approved"):
	field = "skills_offered" if role == "Mentor" else "skills_sought"
	return frappe.get_doc(
		{
			"doctype": "Mentoring Participant",
			"program": program,
			"employee": employee,
			"role": role,
			"status": status,
			field: [{"skill": s} for s in skills],
		}
	).insert()


class TestSelfSelect(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		builders.outgoing_email_account()
		sales = builders.department("Sales")
		cls.m1 = builders.employee("ss-m1", department=sales)
		cls.m2 = builders.employee("ss-m2", department=sales)
		cls.m3 = builders.employee("ss-m3", department=sales)
		cls.mentee = builders.employee("ss-e")
		cls.other_mentee = builders.employee("ss-e2")
		cls.stranger = builders.employee("ss-x")
		cls.mentee_user = builders.user_of(cls.mentee)

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("self_select_test")
		# any mentor will do in these tests; the skill floor has its own test
		self.program = builders.program(
			status="Enrolling", max_mentees_per_mentor=1, require_skill_overlap=0
		).name
		enroll(self.program, self.m1, "Mentor", ["Negotiation"])
		enroll(self.program, self.m2, "Mentor", ["Empathy"])
		enroll(self.program, self.m3, "Mentor")
		enroll(self.program, self.mentee, "Mentee", ["Negotiation"])
		enroll(self.program, self.other_mentee, "Mentee", ["Negotiation"])

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="self_select_test")

	def request(self, mentor, mentee_user=None):
		with as_user(mentee_user or self.mentee_user):
			return frappe.get_doc("Mentoring Program", self.program).request_mentor(mentor)

	def test_suggestions_best_first_with_reasons(self):
		with as_user(self.mentee_user):
			suggestions = frappe.get_doc("Mentoring Program", self.program).get_mentor_suggestions()
		self.assertEqual([s["mentor"] for s in suggestions][:1], [self.m1])
		self.assertEqual(len(suggestions), 3)
		self.assertIn("offers 1 of 1 skills sought: negotiation", suggestions[0]["reasons"])
		self.assertGreater(suggestions[0]["score"], suggestions[1]["score"])

	def test_only_approved_mentees_get_suggestions(self):
		with (
			as_user(builders.user_of(self.stranger)),
			self.assertRaisesRegex(frappe.ValidationError, "not an approved mentee"),
		):
			frappe.get_doc("Mentoring Program", self.program).get_mentor_suggestions()

	def test_request_and_accept(self):
		pairing = self.request(self.m1)
		doc = frappe.get_doc("Mentoring Pairing", pairing)
		self.assertEqual((doc.status, doc.source), ("Requested", "Mentee Request"))
		self.assertEqual(str(doc.request_expires_on), add_days(today(), 7))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": doc.mentor_user, "document_name": pairing})
		)

		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=1)
		frappe.db.set_value("Mentoring Program", self.program, "status", "Active")  # started
		with as_user(doc.mentor_user):
			self.assertEqual(
				frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=1), "Active"
			)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.mentee_user, "document_name": pairing})
		)
		statuses = frappe.get_all(
			"Mentoring Participant",
			filters={"program": self.program, "employee": ("in", [self.m1, self.mentee])},
			pluck="status",
		)
		self.assertEqual(statuses, ["Matched", "Matched"])  # a self-selected pair is matched too
		with (
			as_user(self.mentee_user),
			self.assertRaisesRegex(frappe.ValidationError, "already have a mentor"),
		):
			frappe.get_doc("Mentoring Program", self.program).get_mentor_suggestions()

	def test_accepted_before_the_program_starts_waits_as_a_proposal(self):
		pairing = self.request(self.m1)
		mentor_user = builders.user_of(self.m1)
		with as_user(mentor_user):
			self.assertEqual(
				frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=1), "Proposed"
			)
		message = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.mentee_user, "document_name": pairing},
			pluck="subject",
		)
		self.assertIn("starts with the program", message[0])
		with self.assertRaisesRegex(frappe.ValidationError, "already have a mentor"):
			self.request(self.m2)
		program = frappe.get_doc("Mentoring Program", self.program)
		with self.assertRaisesRegex(frappe.ValidationError, "Pairings go live once it starts"):
			program.publish_matches()
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", pairing, "status"), "Proposed")

		frappe.db.set_value("Mentoring Program", self.program, "status", "Active")  # Start
		frappe.get_doc("Mentoring Program", self.program).publish_matches()
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", pairing, "status"), "Active")
		statuses = frappe.get_all(
			"Mentoring Participant",
			filters={"program": self.program, "employee": ("in", [self.m1, self.mentee])},
			pluck="status",
		)
		self.assertEqual(statuses, ["Matched", "Matched"])

	def test_request_bad_inputs(self):
		self.request(self.m1)
		with self.assertRaisesRegex(frappe.ValidationError, "already have a request waiting"):
			self.request(self.m2)
		with self.assertRaisesRegex(frappe.ValidationError, "not an approved mentor"):
			self.request(self.stranger, builders.user_of(self.other_mentee))
		with (
			as_user(builders.user_of(self.stranger)),
			self.assertRaisesRegex(frappe.ValidationError, "not an approved mentee"),
		):
			frappe.get_doc("Mentoring Program", self.program).request_mentor(self.m1)

	def test_decline(self):
		pairing = self.request(self.m2)
		with as_user(builders.user_of(self.m2)):
			self.assertEqual(
				frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=0), "Declined"
			)
			with self.assertRaisesRegex(frappe.ValidationError, "no longer open"):
				frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=1)
		self.request(self.m1)  # the mentee may ask someone else

	def test_a_request_keeps_the_same_exclusions_as_the_suggestions(self):
		# a mentor who declined, or let the request expire, is not asked again
		declined = self.request(self.m2)
		with as_user(builders.user_of(self.m2)):
			frappe.get_doc("Mentoring Pairing", declined).respond_to_request(accept=0)
		with self.assertRaisesRegex(frappe.ValidationError, "already paired"):
			self.request(self.m2)
		# a mentor with no free place
		builders.pairing(self.program, self.m3, self.other_mentee)
		with self.assertRaisesRegex(frappe.ValidationError, "mentor at capacity"):
			self.request(self.m3)
		# a mentor in the mentee's reporting line
		frappe.db.set_value("Employee", self.mentee, "reports_to", self.m1)
		with self.assertRaisesRegex(frappe.ValidationError, "same reporting line"):
			self.request(self.m1)
		# a program that no longer takes requests
		frappe.db.set_value("Employee", self.mentee, "reports_to", None)
		frappe.db.set_value("Mentoring Program", self.program, "status", "Completed")
		with self.assertRaisesRegex(frappe.ValidationError, "is Completed"):
			self.request(self.m1)
		self.assertEqual(
			frappe.db.count("Mentoring Pairing", {"program": self.program, "status": "Requested"}), 0
		)

	def test_the_program_form_offers_only_what_will_work(self):
		def me(user):
			with as_user(user):
				getdoc("Mentoring Program", self.program)
			return frappe.response.docs[-1].get("__onload")["me"]

		mine = me(self.mentee_user)
		self.assertEqual((mine["can_find_mentor"], mine["employee"]), (True, self.mentee))
		self.assertFalse(me(builders.user_of(self.m1))["can_find_mentor"])  # a mentor
		stranger = me(builders.user_of(self.stranger))
		self.assertEqual((stranger["can_find_mentor"], stranger["can_apply"]), (False, True))
		self.request(self.m1)
		self.assertFalse(me(self.mentee_user)["can_find_mentor"])  # waiting for an answer
		frappe.db.set_value("Mentoring Program", self.program, "status", "Active")
		self.assertFalse(me(builders.user_of(self.stranger))["can_apply"])  # enrollment closed

	def test_the_programs_match_quality_floor_applies_to_suggestions_and_requests(self):
		frappe.db.set_value("Mentoring Program", self.program, "require_skill_overlap", 1)
		with as_user(self.mentee_user):
			suggestions = frappe.get_doc("Mentoring Program", self.program).get_mentor_suggestions()
		self.assertEqual([s["mentor"] for s in suggestions], [self.m1])  # the only one offering negotiation
		with self.assertRaisesRegex(frappe.ValidationError, "offers none of the skills sought"):
			self.request(self.m2)
		frappe.db.set_value(
			"Mentoring Program", self.program, {"require_skill_overlap": 0, "min_match_score": 99}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "below the program's minimum of 99"):
			self.request(self.m1)

	def test_a_failing_request_does_not_stop_the_expiry_job(self):
		broken, fine = self.request(self.m1), self.request(self.m2, builders.user_of(self.other_mentee))
		frappe.db.set_value("Mentoring Pairing", (broken, fine), "request_expires_on", add_days(today(), -1))
		real_notify = self_select.notify

		def notify_fails_for_broken(users, subject, doc, *args, **kwargs):
			if doc.name == broken:
				raise frappe.ValidationError("the mail server refused this one")
			return real_notify(users, subject, doc, *args, **kwargs)

		# our own notifier fails for one request (failure injection; Frappe itself runs for real)
		with patch.object(self_select, "notify", notify_fails_for_broken):
			result = expire_requests()
		self.assertEqual((result.expired, result.failed), ([fine], [broken]))
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", broken, "status"), "Requested")
		self.assertTrue(frappe.db.exists("Error Log", {"method": ("like", f"%{broken}%")}))

	def test_capacity_is_checked_when_accepting(self):
		first = self.request(self.m1)
		second = self.request(self.m1, builders.user_of(self.other_mentee))
		with as_user(builders.user_of(self.m1)):
			frappe.get_doc("Mentoring Pairing", first).respond_to_request(accept=1)
			with self.assertRaisesRegex(frappe.ValidationError, "no free place left"):
				frappe.get_doc("Mentoring Pairing", second).respond_to_request(accept=1)
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", second, "status"), "Requested")

	def test_stale_requests_expire(self):
		pairing = self.request(self.m1)
		frappe.db.set_value("Mentoring Pairing", pairing, "request_expires_on", add_days(today(), -1))
		with as_user(builders.user_of(self.m1)), self.assertRaisesRegex(frappe.ValidationError, "expired on"):
			frappe.get_doc("Mentoring Pairing", pairing).respond_to_request(accept=1)
		fresh = self.request(self.m2, builders.user_of(self.other_mentee))
		expire_requests()
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", pairing, "status"), "Expired")
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", fresh, "status"), "Requested")
		self.request(self.m2)  # an expired request frees the mentee to ask again


class TestAcceptanceRace(FrappeTestCase):
	"""Two connections accept requests for a mentor's last place at the same moment."""

	def test_only_one_acceptance_wins_the_last_place(self):
		frappe.set_user("Administrator")
		program = builders.program(status="Active", max_mentees_per_mentor=1).name
		mentor = builders.employee_without_user("race-mentor", department=builders.department("Sales"))
		requests = [
			builders.pairing(
				program,
				mentor,
				builders.employee_without_user("race-mentee"),
				status="Requested",
				start_date=None,
				request_expires_on=add_days(today(), 7),
			).name
			for _i in range(2)
		]
		frappe.db.commit()  # both connections must see the requests
		site, sites_path = frappe.local.site, frappe.local.sites_path
		barrier, outcome = threading.Barrier(2), {}

		def accept(pairing):
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			frappe.flags.in_test = True
			frappe.set_user("Administrator")
			try:
				barrier.wait()
				outcome[pairing] = respond_to_request(frappe.get_doc("Mentoring Pairing", pairing), accept=1)
				frappe.db.commit()
			except frappe.ValidationError as e:
				frappe.db.rollback()
				outcome[pairing] = str(e)
			finally:
				frappe.destroy()

		try:
			threads = [threading.Thread(target=accept, args=(p,)) for p in requests]
			for t in threads:
				t.start()
			for t in threads:
				t.join(timeout=120)
			statuses = sorted(outcome.values())
			self.assertEqual(statuses[0], "Active", outcome)
			self.assertIn("no free place left", statuses[1])
			self.assertEqual(
				frappe.db.count("Mentoring Pairing", {"program": program, "status": "Active"}), 1
			)
		finally:
			_delete_committed(program)


def _delete_committed(program):
	frappe.db.rollback()
	pairings = frappe.get_all(
		"Mentoring Pairing", filters={"program": program}, fields=["name", "mentor", "mentee"]
	)
	for p in pairings:
		frappe.delete_doc("Mentoring Pairing", p.name, force=True, ignore_permissions=True)
	for employee in {e for p in pairings for e in (p.mentor, p.mentee)}:
		frappe.delete_doc("Employee", employee, force=True, ignore_permissions=True)
	frappe.delete_doc("Mentoring Program", program, force=True, ignore_permissions=True)
	frappe.db.commit()
