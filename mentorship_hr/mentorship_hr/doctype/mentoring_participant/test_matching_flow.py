# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""Apply, approve, match, review and publish, on a real site (docs/design.md §4)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user


def designation(name: str) -> str:
	if not frappe.db.exists("Designation", name):
		frappe.get_doc({"doctype": "Designation", "designation_name": name}).insert()
	return name


def apply(program, employee, role, skills=(), **fields):
	skill_field = "skills_offered" if role == "Mentor" else "skills_sought"
	with as_user(builders.user_of(employee)):
		return frappe.get_doc(
			{
				"doctype": "Mentoring Participant",
				"program": program,
				"employee": employee,
				"role": role,
				skill_field: [{"skill": s} for s in skills],
				**fields,
			}
		).insert()


def approve_all(program, manager):
	"""A program manager approves every application to the program."""
	with as_user(manager):
		for name in frappe.get_all("Mentoring Participant", filters={"program": program}, pluck="name"):
			frappe.get_doc("Mentoring Participant", name).review_application(approve=1)


def notified(user, doc_name) -> bool:
	return bool(frappe.db.exists("Notification Log", {"for_user": user, "document_name": doc_name}))


def emailed(user, doc_name) -> bool:
	queue = frappe.get_all("Email Queue", filters={"reference_name": doc_name}, pluck="name")
	return bool(
		frappe.db.exists("Email Queue Recipient", {"parent": ("in", queue or [""]), "recipient": user})
	)


class TestMatchingFlow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		builders.outgoing_email_account()
		sales, ops = builders.department("Sales"), builders.department("Operations")
		cls.boss = builders.employee("boss", department=sales, designation=designation("Sales Director"))
		cls.m1 = builders.employee(
			"m1", department=sales, designation=designation("Sales Manager"), reports_to=cls.boss
		)
		cls.m2 = builders.employee("m2", department=sales, designation=designation("Sales Manager"))
		cls.e1 = builders.employee("e1", department=ops, designation=designation("Associate"))
		cls.e2 = builders.employee("e2", department=ops, designation=designation("Associate"))
		cls.e3 = builders.employee(
			"e3", department=ops, designation=designation("Associate"), reports_to=cls.boss
		)
		cls.manager = builders.user_with_roles("Mentoring Program Manager")

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("matching_test")
		self.program = builders.program(status="Enrolling", max_mentees_per_mentor=1).name
		apply(self.program, self.m1, "Mentor", ["Negotiation", "Delegation"], interests="chess")
		apply(self.program, self.m2, "Mentor", ["Empathy"])
		apply(self.program, self.e1, "Mentee", ["Negotiation", "Delegation"], interests="Chess, running")
		apply(self.program, self.e2, "Mentee", ["Empathy"])
		apply(self.program, self.e3, "Mentee", ["Negotiation"])
		approve_all(self.program, self.manager)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="matching_test")

	def status_of(self, employee, role="Mentee"):
		return frappe.db.get_value(
			"Mentoring Participant", {"program": self.program, "employee": employee, "role": role}, "status"
		)

	def proposals(self):
		return {
			p.mentee: p
			for p in frappe.get_all(
				"Mentoring Pairing",
				filters={"program": self.program, "status": "Proposed"},
				fields=["name", "mentor", "mentee", "match_score", "match_reasons", "source"],
			)
		}

	def test_approval_notifies_the_applicant(self):
		participant = frappe.db.get_value(
			"Mentoring Participant", {"program": self.program, "employee": self.e1}
		)
		self.assertTrue(notified(builders.user_of(self.e1), participant))
		self.assertTrue(emailed(builders.user_of(self.e1), participant))
		self.assertEqual(self.status_of(self.e1), "Approved")

	def test_match_proposes_the_optimal_pairs_with_reasons_and_waitlists_the_rest(self):
		with as_user(self.manager):
			result = frappe.get_doc("Mentoring Program", self.program).run_matching()
		proposals = self.proposals()
		# e3 and m1 share a manager (peers), so that pair is allowed.
		# Optimal total: m1-e1 (skills 2/2 + shared interest) and m2-e2 (empathy) beat giving m1 to e3.
		self.assertEqual({e: p.mentor for e, p in proposals.items()}, {self.e1: self.m1, self.e2: self.m2})
		self.assertEqual(result["waitlisted"], [self.e3])
		# a proposal is not yet a match; e3 waits, and the program manager sees why
		self.assertEqual((self.status_of(self.e1), self.status_of(self.e3)), ("Approved", "Waitlisted"))
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Participant", {"program": self.program, "employee": self.e3}, "waitlist_reason"
			),
			"the mentors who fit were matched with other mentees",
		)
		reasons = proposals[self.e1].match_reasons
		self.assertIn("offers 2 of 2 skills sought: delegation, negotiation", reasons)
		self.assertIn("shares interests: chess", reasons)
		self.assertIn("different department", reasons)
		self.assertIn("mentor is 4 levels senior", reasons)  # Sales Manager (5) over Associate (1)
		self.assertEqual(proposals[self.e1].source, "Bulk Match")
		self.assertGreater(proposals[self.e1].match_score, proposals[self.e2].match_score)

	def test_review_swap_remove_and_rerun_fill_only_gaps(self):
		with as_user(self.manager):
			frappe.get_doc("Mentoring Program", self.program).run_matching()
			p = self.proposals()
			frappe.get_doc("Mentoring Pairing", p[self.e1].name).swap_mentors(p[self.e2].name)
			swapped = self.proposals()
			self.assertEqual((swapped[self.e1].mentor, swapped[self.e2].mentor), (self.m2, self.m1))
			# both pairs are scored and explained again for their new mentor
			self.assertIn("offers 0 of 2 skills sought", swapped[self.e1].match_reasons)
			self.assertIn("offers 0 of 1 skills sought", swapped[self.e2].match_reasons)
			self.assertLess(swapped[self.e1].match_score, p[self.e1].match_score)
			title, mentor_name = frappe.db.get_value(
				"Mentoring Pairing", p[self.e1].name, ["title", "mentor_name"]
			)
			self.assertTrue(title.startswith(mentor_name))
			self.assertEqual(mentor_name, frappe.db.get_value("Employee", self.m2, "employee_name"))
			frappe.get_doc("Mentoring Pairing", p[self.e2].name).remove_proposal()
			self.assertEqual(self.status_of(self.e2), "Approved")
			self.assertNotIn(self.e2, self.proposals())
			# re-run: e1's edited proposal stays; m1's free place goes to the better of e2 and e3
			result = frappe.get_doc("Mentoring Program", self.program).run_matching()
		after = self.proposals()
		self.assertEqual(after[self.e1].name, p[self.e1].name)
		self.assertEqual(after[self.e1].mentor, self.m2)
		self.assertEqual(len(result["proposed"]), 1)
		self.assertEqual(after[self.e3].mentor, self.m1)  # e3 seeks negotiation, which m1 offers

	def test_publish_activates_rechecks_rules_and_notifies_pair_and_managers(self):
		with as_user(self.manager):
			frappe.get_doc("Mentoring Program", self.program).run_matching()
			p = self.proposals()
			# e2 now reports to m2: that proposal breaks the reporting-line rule
			frappe.db.set_value("Employee", self.e2, "reports_to", self.m2)
			with self.assertRaisesRegex(frappe.ValidationError, "Pairings go live once it starts"):
				frappe.get_doc("Mentoring Program", self.program).publish_matches()
			frappe.get_doc("Mentoring Program", self.program).set_status("Active")
			result = frappe.get_doc("Mentoring Program", self.program).publish_matches()
		self.assertEqual(result["published"], [p[self.e1].name])
		self.assertEqual(result["failed"][0]["pairing"], p[self.e2].name)
		self.assertIn("same reporting line", result["failed"][0]["reason"])
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", p[self.e2].name, "status"), "Proposed")

		active = frappe.get_doc("Mentoring Pairing", p[self.e1].name)
		self.assertEqual(active.status, "Active")
		self.assertEqual(active.health, "On Track")  # refreshed once for the whole batch
		self.assertFalse(frappe.db.get_value("Mentoring Pairing", p[self.e2].name, "health"))
		self.assertEqual((self.status_of(self.e1), self.status_of(self.m1, "Mentor")), ("Matched", "Matched"))
		self.assertEqual(self.status_of(self.e2), "Approved")  # its proposal was not published
		self.assertTrue(active.start_date)
		for user in (builders.user_of(self.m1), builders.user_of(self.e1), builders.user_of(self.boss)):
			self.assertTrue(notified(user, active.name), user)
			self.assertTrue(emailed(user, active.name), user)

	def test_employees_cannot_review_match_or_publish(self):
		participant = frappe.db.get_value(
			"Mentoring Participant", {"program": self.program, "employee": self.e1}
		)
		with as_user(builders.user_of(self.e1)):
			for call in (
				lambda: frappe.get_doc("Mentoring Participant", participant).review_application(approve=1),
				lambda: frappe.get_doc("Mentoring Program", self.program).run_matching(),
				lambda: frappe.get_doc("Mentoring Program", self.program).publish_matches(),
				lambda: frappe.get_doc("Mentoring Program", self.program).invite_participants("Mentee"),
			):
				with self.assertRaises(frappe.PermissionError):
					call()
			doc = frappe.get_doc("Mentoring Participant", participant)
			doc.status = "Matched"
			with self.assertRaises(frappe.PermissionError):
				doc.save()

	def test_ending_early_puts_the_mentee_back_in_the_pool_for_another_mentor(self):
		# any free mentor will do here, whatever skills they offer
		frappe.db.set_value("Mentoring Program", self.program, "require_skill_overlap", 0)
		with as_user(self.manager):
			frappe.get_doc("Mentoring Program", self.program).run_matching()
			frappe.get_doc("Mentoring Program", self.program).set_status("Active")
			frappe.get_doc("Mentoring Program", self.program).publish_matches()
			pairing = frappe.get_doc("Mentoring Pairing", {"program": self.program, "mentee": self.e1})
			pairing.update({"status": "Ended Early", "end_reason": "Not a fit"}).save()
			self.assertEqual(self.status_of(self.e1), "Approved")
			frappe.db.set_value("Mentoring Program", self.program, "max_mentees_per_mentor", 2)
			m2 = frappe.db.get_value("Mentoring Participant", {"program": self.program, "employee": self.m2})
			frappe.db.set_value("Mentoring Participant", m2, "capacity", 2)
			result = frappe.get_doc("Mentoring Program", self.program).run_matching()
		# m1 is free again but ended early with e1, so e1 goes to m2 and m1 takes e3
		self.assertEqual(
			{e: p.mentor for e, p in self.proposals().items()}, {self.e1: self.m2, self.e3: self.m1}
		)
		self.assertEqual(result["waitlisted"], [])

	def test_a_mentee_no_mentor_fits_waits_with_the_reason(self):
		# e2 seeks empathy, which only m2 offers; with m2 gone, nobody offers it
		frappe.db.set_value(
			"Mentoring Participant", {"program": self.program, "employee": self.m2}, "status", "Withdrawn"
		)
		with as_user(self.manager):
			result = frappe.get_doc("Mentoring Program", self.program).run_matching()
		self.assertIn(self.e2, result["waitlisted"])
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Participant", {"program": self.program, "employee": self.e2}, "waitlist_reason"
			),
			"no mentor with a free place offers a skill sought",
		)
		self.assertNotIn(self.e2, self.proposals())

	def test_review_report_lists_proposals_and_the_waitlist(self):
		from frappe.desk.query_report import run

		with as_user(self.manager):
			frappe.get_doc("Mentoring Program", self.program).run_matching()
			result = run("Mentoring Match Review", filters={"program": self.program})
		rows = {row["mentee"]: row for row in result["result"]}
		self.assertEqual(rows[self.e1]["mentor"], self.m1)
		self.assertEqual(rows[self.e3]["status"], "Waitlisted")
		self.assertEqual(
			rows[self.e3]["match_reasons"], "the mentors who fit were matched with other mentees"
		)
		self.assertEqual(result["chart"]["data"]["datasets"][0]["values"][-1], 1)
		with as_user(builders.user_of(self.e1)), self.assertRaises(frappe.PermissionError):
			run("Mentoring Match Review", filters={"program": self.program})

	def test_reverse_mentoring_pairs_a_junior_mentor_with_a_senior_mentee_and_says_why(self):
		program = builders.program(status="Enrolling", reverse_mentoring=1, reverse_level_gap=2).name
		ops = builders.department("Operations")
		intern = builders.employee("intern", department=ops, designation=designation("Intern"))
		# a Team Lead is one level below a Sales Manager: not junior enough for a gap of 2
		lead = builders.employee("lead", department=ops, designation=designation("Team Lead"))
		apply(program, intern, "Mentor", ["Empathy"], capacity=1)
		apply(program, lead, "Mentor", ["Empathy"], capacity=1)
		apply(program, self.m2, "Mentee", ["Empathy"])
		approve_all(program, self.manager)
		with as_user(self.manager):
			frappe.get_doc("Mentoring Program", program).run_matching()
		proposals = frappe.get_all(
			"Mentoring Pairing", filters={"program": program}, fields=["mentor", "mentee", "match_reasons"]
		)
		self.assertEqual([(p.mentor, p.mentee) for p in proposals], [(intern, self.m2)])
		self.assertIn("reverse: mentor level 0, mentee level 5", proposals[0].match_reasons)

		# by hand, the rule holds too, and says the levels
		with (
			as_user(self.manager),
			self.assertRaisesRegex(
				frappe.ValidationError,
				r"at least 2 level\(s\) below .*reverse: mentor level 4, mentee level 5",
			),
		):
			builders.pairing(program, lead, self.m2, status="Proposed")


class TestInvitations(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("invite_test")
		builders.outgoing_email_account()
		self.department = builders.department("Research")
		self.a = builders.employee("inv-a", department=self.department)
		self.b = builders.employee("inv-b", department=self.department)
		self.elsewhere = builders.employee("inv-c", department=builders.department("Legal"))
		self.program = builders.program(status="Enrolling").name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="invite_test")

	def test_invite_by_department_and_invitees_choose(self):
		apply(self.program, self.b, "Mentee")  # already enrolled: not invited again
		with as_user(builders.user_with_roles("Mentoring Program Manager")):
			result = frappe.get_doc("Mentoring Program", self.program).invite_participants(
				"Mentee", department=self.department
			)
		self.assertEqual((result["invited"], result["already_enrolled"]), (1, 1))
		invitation = result["participants"][0]
		self.assertEqual(
			frappe.db.get_value("Mentoring Participant", invitation, ["employee", "status"]),
			(self.a, "Invited"),
		)
		self.assertTrue(notified(builders.user_of(self.a), invitation))
		self.assertFalse(
			frappe.db.exists("Mentoring Participant", {"program": self.program, "employee": self.elsewhere})
		)

		with as_user(builders.user_of(self.elsewhere)), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Participant", invitation).respond_to_invitation(accept=1)
		with as_user(builders.user_of(self.a)):
			self.assertEqual(
				frappe.get_doc("Mentoring Participant", invitation).respond_to_invitation(accept=0),
				"Withdrawn",
			)
			with self.assertRaisesRegex(frappe.ValidationError, "already answered"):
				frappe.get_doc("Mentoring Participant", invitation).respond_to_invitation(accept=1)

	def test_accepting_an_invitation_enrolls(self):
		with as_user(builders.user_with_roles("HR Manager")):
			invitation = frappe.get_doc("Mentoring Program", self.program).invite_participants(
				"Mentor", department=self.department
			)["participants"][0]
		with as_user(builders.user_of(frappe.db.get_value("Mentoring Participant", invitation, "employee"))):
			self.assertEqual(
				frappe.get_doc("Mentoring Participant", invitation).respond_to_invitation(accept=1),
				"Approved",
			)

	def test_invitations_need_an_open_program_and_a_role(self):
		manager = builders.user_with_roles("Mentoring Program Manager")
		with as_user(manager), self.assertRaisesRegex(frappe.ValidationError, "as a Mentor or a Mentee"):
			frappe.get_doc("Mentoring Program", self.program).invite_participants("Sponsor")
		draft = builders.program(status="Draft").name
		with as_user(manager), self.assertRaisesRegex(frappe.ValidationError, "does not take enrollments"):
			frappe.get_doc("Mentoring Program", draft).invite_participants("Mentee")
