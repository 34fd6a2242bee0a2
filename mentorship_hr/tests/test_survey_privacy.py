"""Survey answers, end to end: a failed fit check reaches the respondent, program managers and HR,
and nobody else. Managers, the sponsor and the other side of the pair see the pairing At Risk with
the program manager following up, never why in survey terms."""

import frappe
from frappe.utils import today

from mentorship_hr.engagement import digests
from mentorship_hr.mentorship_hr.report.mentoring_program_health import mentoring_program_health
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

SURVEY_WORDS = ("fit check", "not a fit", "good_fit", "rematch", "NOT-A-FIT-COMMENT")


class TestSurveyPrivacy(MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.run_by_staff(self)
		with as_user(self.mentee_user):
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					"overall_rating": 0.2,
					"good_fit": "No",
					"comments": "NOT-A-FIT-COMMENT",
				}
			).insert()
		self.managers = [builders.user_of(self.mentee_manager), builders.user_of(self.mentor_manager)]

	def assertNothingOfTheSurvey(self, text, who):
		for word in SURVEY_WORDS:
			self.assertNotIn(word.lower(), str(text).lower(), f"{who} sees '{word}'")

	def test_the_pairing_says_at_risk_and_that_the_program_manager_is_acting(self):
		pairing = frappe.get_doc("Mentoring Pairing", self.pairing.name)
		self.assertEqual(
			(pairing.health, pairing.health_reason), ("At Risk", "The program manager is following up")
		)
		self.assertFalse(pairing.meta.has_field("rematch_flag"))
		for user in (*self.managers, self.mentor_user):
			with as_user(user):
				doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
				doc.run_method("onload")
				self.assertNothingOfTheSurvey(frappe.as_json(doc.as_dict()), user)
		with as_user(self.program_manager):
			doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
			doc.run_method("onload")
			self.assertTrue(doc.get_onload().fit_check_failed)

	def report(self, user):
		with as_user(user):
			columns, rows, *_ = mentoring_program_health.execute({"program": self.program.name})
		return {c["fieldname"] for c in columns}, rows

	def test_the_program_health_report_shows_survey_answers_to_program_managers_only(self):
		columns, rows = self.report(self.program_manager)
		self.assertIn("fit_failed", columns)
		self.assertEqual((rows[0]["fit_failed"], rows[0]["mentee_rating"]), (1, 1.0))
		for user in self.managers:
			columns, rows = self.report(user)
			self.assertEqual(len(rows), 1, user)
			self.assertNotIn("fit_failed", columns)
			self.assertFalse({"fit_failed", "mentee_rating", "mentor_rating"} & set(rows[0]), user)
			self.assertNothingOfTheSurvey(rows[0]["health_reason"], user)

	def test_the_weekly_messages_tell_why_to_program_managers_only(self):
		digests.send_leader_briefings(today())
		digests.send_manager_digests(today())
		briefing = [e for e in builders.queued_emails(self.program_manager) if "briefing" in e.subject]
		self.assertIn("Fit checks that failed", briefing[0].text)
		sponsor = builders.user_of(self.sponsor)
		sponsor_briefing = [e for e in builders.queued_emails(sponsor) if "briefing" in e.subject]
		self.assertEqual(len(sponsor_briefing), 1)
		self.assertIn("the program manager is following up", sponsor_briefing[0].text.lower())
		self.assertNothingOfTheSurvey(sponsor_briefing[0].text, "the sponsor")
		for user in self.managers:
			for email in builders.queued_emails(user):
				self.assertNothingOfTheSurvey(email.text, user)

	def test_the_other_side_sees_ratings_never_answers(self):
		with as_user(self.mentor_user):
			ratings = frappe.get_doc("Mentoring Pairing", self.pairing.name).feedback_ratings()
			self.assertEqual([r.overall_rating for r in ratings], [0.2])
			self.assertFalse({"good_fit", "comments"} & set(ratings[0]))
			self.assertEqual(frappe.get_list("Mentoring Feedback", pluck="name"), [])
