"""Surveys: the fit check and its back-up plan, who reads what, and the ratings in the KPI."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

FEEDBACK = "Mentoring Feedback"


class TestFeedback(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.program_manager = builders.user_with_roles("Mentoring Program Manager")
		self.program.db_set("program_manager", self.program_manager)

	def answer(self, user, **fields):
		with as_user(user):
			return frappe.get_doc(
				{
					"doctype": FEEDBACK,
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					"overall_rating": 0.8,
					"good_fit": "Yes",
					**fields,
				}
			).insert()

	def test_the_first_check_in_invites_both_sides_to_the_fit_check(self):
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, add_days(today(), -1))
			builders.checkin(self.pairing.name, today())
		for user in (self.mentor_user, self.mentee_user):
			subjects = frappe.get_all(
				"Notification Log", {"for_user": user, "document_name": self.pairing.name}, pluck="subject"
			)
			self.assertEqual(subjects.count("How is your mentoring going? Take the fit check"), 1, user)

	def test_the_respondent_is_the_session_user_and_answers_once(self):
		fb = self.answer(self.mentee_user, respondent=self.mentor_user, respondent_role="Mentor")
		self.assertEqual((fb.respondent, fb.respondent_role), (self.mentee_user, "Mentee"))
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "already answered the Fit Check"):
			self.answer(self.mentee_user)
		with self.assertRaisesRegex(frappe.ValidationError, "Say whether this is a good fit"):
			self.answer(self.mentor_user, good_fit=None)
		for user in (builders.user_of(self.stranger), builders.user_of(self.mentee_manager)):
			with self.assertRaises(frappe.PermissionError):
				self.answer(user)

	def test_not_a_fit_puts_the_pairing_at_risk_and_tells_the_program_manager(self):
		self.answer(self.mentor_user, good_fit="No", comments="We keep missing each other")
		pairing = frappe.get_doc("Mentoring Pairing", self.pairing.name)
		# why is a survey answer: the pairing says only that the program manager is acting
		self.assertEqual(
			(pairing.health, pairing.health_reason), ("At Risk", "The program manager is following up")
		)
		subjects = frappe.get_all(
			"Notification Log",
			{"for_user": self.program_manager, "document_name": self.pairing.name},
			pluck="subject",
		)
		self.assertIn(f"Mentoring pairing {pairing.title} is not a fit, says the mentor", subjects)
		# the back-up plan: ending it early returns the mentee to the pool
		builders.participant(self.program.name, self.mentee, "Mentee", "Matched")
		pairing.set_status("Ended Early", "Not a fit")
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Participant", {"program": self.program.name, "employee": self.mentee}, "status"
			),
			"Approved",
		)

	def test_the_counterpart_sees_ratings_only_and_managers_nothing(self):
		fb = self.answer(self.mentee_user, comments="PRIVATE-COMMENT", communication_rating=0.6)
		with as_user(self.mentor_user):
			self.assertFalse(frappe.has_permission(FEEDBACK, "read", fb.name))
			self.assertEqual(frappe.get_list(FEEDBACK, pluck="name"), [])
			(seen,) = frappe.get_doc("Mentoring Pairing", self.pairing.name).feedback_ratings()
		self.assertEqual(
			(seen.overall_rating, seen.communication_rating, seen.respondent_role), (0.8, 0.6, "Mentee")
		)
		self.assertNotIn("PRIVATE-COMMENT", frappe.as_json(seen))
		with as_user(builders.user_of(self.mentee_manager)):
			self.assertFalse(frappe.has_permission(FEEDBACK, "read", fb.name))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Mentoring Pairing", self.pairing.name).feedback_ratings()
		with as_user(self.program_manager):
			self.assertTrue(frappe.has_permission(FEEDBACK, "read", fb.name))
			self.assertFalse(frappe.has_permission(FEEDBACK, "write", fb.name))

	def test_the_mentees_overall_rating_feeds_the_mentors_score(self):
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		cycle = builders.appraisal_cycle([self.mentor, self.mentee], template).name
		self.answer(self.mentee_user, overall_rating=0.8)
		self.answer(self.mentor_user, overall_rating=0.4)

		def scores():
			sync_scores(program=self.program.name)
			mentor = frappe.get_doc("Mentoring Score", {"employee": self.mentor, "appraisal_cycle": cycle})
			mentee = frappe.get_doc("Mentoring Score", {"employee": self.mentee, "appraisal_cycle": cycle})
			return mentor, mentee

		# one rating alone is one person's answer, which managers would read in the score
		mentor, mentee = scores()
		self.assertEqual((mentor.mentee_feedback_applies, mentee.mentor_assessment_applies), (0, 0))
		self.answer(self.mentee_user, survey_type="Mid-point", overall_rating=0.6)
		self.answer(self.mentor_user, survey_type="Mid-point", overall_rating=0.6)
		mentor, mentee = scores()
		self.assertEqual((mentor.mentee_feedback, mentor.mentee_feedback_applies), (70, 1))
		self.assertEqual((mentee.mentor_assessment, mentee.mentor_assessment_applies), (50, 1))


class TestSurveyInvitations(MentoringTestCase):
	def subjects(self, user):
		return frappe.get_all(
			"Notification Log", {"for_user": user, "document_name": self.pairing.name}, pluck="subject"
		)

	def test_the_mid_point_survey_goes_once_at_the_programs_midpoint(self):
		from frappe.utils import add_days

		from mentorship_hr.engagement.reminders import send_daily_reminders
		from mentorship_hr.engagement.surveys import midpoint

		def halfway(user):
			return [s for s in self.subjects(user) if s.startswith("Halfway through your mentoring")]

		day = midpoint(self.program.start_date, self.program.end_date)
		send_daily_reminders(add_days(day, -1))
		self.assertEqual(halfway(self.mentee_user), [])
		send_daily_reminders(day)
		send_daily_reminders(add_days(day, 1))
		self.assertEqual(
			frappe.db.get_value("Mentoring Pairing", self.pairing.name, "midpoint_survey_sent"), 1
		)
		expected = [f"Halfway through your mentoring: take the mid-point survey ({self.pairing.title})"]
		for user in (self.mentor_user, self.mentee_user):
			self.assertEqual(halfway(user), expected)

	def test_a_completed_pairing_asks_both_for_the_final_survey(self):
		frappe.get_doc("Mentoring Pairing", self.pairing.name).set_status("Completed")
		for user in (self.mentor_user, self.mentee_user):
			self.assertIn("Your mentoring is complete: take the final survey", self.subjects(user))
		self.assertNotIn(
			"Your mentoring is complete: take the final survey",
			self.subjects(builders.user_of(self.mentee_manager)),
		)
