"""Weekly: the managers' digest and the leaders' briefing carry figures, never private content."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.domain.reminders import week_start
from mentorship_hr.engagement import digests, health_service
from mentorship_hr.skills import growth
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

SECRETS = ("AGENDA-SECRET", "SUMMARY-SECRET", "NOTE-SECRET", "COMMENT-SECRET")


def with_subject(user, prefix):
	return [e for e in builders.queued_emails(user) if e.subject.startswith(prefix)]


class TestWeeklyDigests(MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.run_by_staff(self)
		# frequency 14, started 90 days ago: 6 check-ins expected; 2 held, 1 of them disputed
		with as_user(self.mentee_user):
			builders.checkin(
				self.pairing.name,
				add_days(today(), -20),
				agenda="AGENDA-SECRET",
				summary="SUMMARY-SECRET",
				private_notes="NOTE-SECRET",
			)
			disputed = builders.checkin(self.pairing.name, add_days(today(), -10))
		with as_user(self.mentor_user):
			frappe.get_doc("Mentoring Check-in", disputed.name).dispute("not held")
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					"overall_rating": 0.4,
					"good_fit": "No",
					"comments": "COMMENT-SECRET",
				}
			).insert()
		builders.goal(self.pairing.name, progress=30)
		builders.goal(self.pairing.name, progress=70)
		builders.goal(self.pairing.name, progress=0, status="Dropped")
		for status in ("Matched", "Matched", "Waitlisted", "Applied"):
			builders.participant(self.program.name, builders.employee_without_user(), "Mentee", status)
		health_service.refresh([self.pairing.name])

	def test_each_manager_gets_one_digest_of_their_reports_pairings(self):
		sent = digests.send_manager_digests(today())
		mentor_manager, mentee_manager = (
			builders.user_of(self.mentor_manager),
			builders.user_of(self.mentee_manager),
		)
		self.assertEqual(sorted(sent), sorted([mentor_manager, mentee_manager]))
		for manager, report, role in (
			(mentee_manager, self.mentee, "Mentee"),
			(mentor_manager, self.mentor, "Mentor"),
		):
			(digest,) = with_subject(manager, "Mentoring this week")
			name = frappe.db.get_value("Employee", report, "employee_name")
			self.assertIn(
				f"{name} {role} {self.pairing.title} At Risk: The program manager is following up 1 / 6 50.0%",
				digest.text,
			)
			self.assertIn("At Risk: The program manager is following up", digest.body)
			self.assertIn("1 / 6", digest.body)  # the disputed check-in is not held
			self.assertIn("50.0%", digest.body)  # the dropped goal is left out
			for secret in SECRETS:
				self.assertNotIn(secret, digest.body)
		for user in (self.mentor_user, self.mentee_user, builders.user_of(self.stranger)):
			self.assertEqual(with_subject(user, "Mentoring this week"), [])

	def test_one_digest_a_week(self):
		digests.send_manager_digests(today())
		manager = builders.user_of(self.mentee_manager)
		self.assertEqual(digests.send_manager_digests(today()), [])
		next_week = add_days(week_start(frappe.utils.getdate()), 7)
		self.assertIn(manager, digests.send_manager_digests(next_week))
		self.assertEqual(len(with_subject(manager, "Mentoring this week")), 2)

	def test_the_briefing_goes_to_the_program_manager_and_the_sponsor(self):
		sent = digests.send_leader_briefings(today())
		sponsor_user = builders.user_of(self.sponsor)
		self.assertEqual(sorted(sent), sorted([self.program_manager, sponsor_user]))
		for user in (self.program_manager, sponsor_user):
			(brief,) = with_subject(user, f"Mentoring briefing: {self.program.program_name}")
			self.assertIn("Invited: 0 · Applied: 1 · Approved: 0 · Matched: 2 · Waitlisted: 1", brief.body)
			self.assertIn("On Track: 0 · Needs Attention: 0 · At Risk: 1", brief.body)
			self.assertIn("1 of 6 expected check-ins held (16.7%)", brief.body)
			self.assertIn("Mean goal progress: 50.0%", brief.body)
			# why it is at risk is a survey answer: program managers and HR only
			self.assertEqual("Fit checks that failed" in brief.body, user == self.program_manager)
			for secret in SECRETS:
				self.assertNotIn(secret, brief.body)
		self.assertEqual(digests.send_leader_briefings(today()), [])
		for user in (self.mentor_user, builders.user_of(self.mentee_manager)):
			self.assertEqual(with_subject(user, "Mentoring briefing"), [])

	def test_the_briefing_names_the_skills_being_grown_and_the_gaps_closed(self):
		# the pairing follows Negotiation (1 star at the start) and Empathy; a completed one closed
		# a Delegation gap (2 stars to 4)
		growth.record_baselines(self.pairing, ("Negotiation", "Empathy"))
		done = builders.pairing(
			self.program.name, builders.employee("done-mentor"), builders.employee("done")
		)
		growth.record_baselines(done, ("Delegation", "Negotiation"))
		frappe.db.set_value(
			"Mentoring Skill Growth", {"parent": done.name, "skill": "Delegation"}, {"baseline": 0.4}
		)
		done.db_set("status", "Completed")
		growth.write_to_skill_map(
			done.mentee,
			{
				frappe.db.get_value("Mentoring Skill Growth", {"parent": done.name, "skill": "Delegation"}): (
					"Delegation",
					4,
				)
			},
		)
		digests.send_leader_briefings(today())
		(brief,) = with_subject(self.program_manager, f"Mentoring briefing: {self.program.program_name}")
		self.assertIn("Skills being grown", brief.body)
		self.assertIn("Negotiation (2 pairings) · Delegation (1 pairing) · Empathy (1 pairing)", brief.body)
		self.assertIn("Skill gaps closed so far: 1", brief.body)

	def test_switched_off_in_settings(self):
		self.addCleanup(frappe.clear_document_cache, "Mentoring Settings", "Mentoring Settings")
		settings = frappe.get_single("Mentoring Settings")
		settings.update({"send_manager_digest": 0, "send_leader_briefing": 0})
		settings.save()
		self.assertEqual(digests.send_manager_digests(today()), [])
		self.assertEqual(digests.send_leader_briefings(today()), [])
