"""The Appraisal form's Mentoring section (the mentoring_html field and the data its template
renders): what the employee, their manager and HR each see, on a real HRMS cycle."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mentorship_hr.install import CUSTOM_FIELDS, delete_fields
from mentorship_hr.kpi.appraisal_tools import get_appraisal_mentoring
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

SECRETS = ("AGENDA-SECRET", "SUMMARY-SECRET", "PRIVATE-SECRET", "COMMENT-SECRET")


class TestAppraisalSection(MentoringTestCase):
	"""The mentee logs a check-in full of text the section must never show, the mentor confirms
	it, both answer the fit check (the mentee says it is not a fit), and the scores are synced."""

	def setUp(self):
		super().setUp()
		with as_user(self.mentee_user):
			self.goal = builders.goal(self.pairing.name, progress=50)
			checkin = builders.checkin(
				self.pairing.name,
				add_days(today(), -20),
				agenda="AGENDA-SECRET",
				summary="SUMMARY-SECRET",
				private_notes="PRIVATE-SECRET",
			)
		with as_user(self.mentor_user):
			frappe.get_doc("Mentoring Check-in", checkin.name).confirm()
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee, self.stranger], template).name
		self.answer(self.mentee_user, overall_rating=0.8, good_fit="No", comments="COMMENT-SECRET")
		self.answer(self.mentor_user, overall_rating=0.6, good_fit="Yes")
		sync_scores(program=self.program.name)
		self.appraisal = builders.appraisal_of(self.mentee, self.cycle).name
		self.manager_user = builders.user_of(self.mentee_manager)

	def answer(self, user, **fields):
		with as_user(user):
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					**fields,
				}
			).insert()

	def section(self, user, appraisal=None):
		with as_user(user):
			data = get_appraisal_mentoring(appraisal or self.appraisal)
		for secret in SECRETS:
			self.assertNotIn(secret, frappe.as_json(data), user)
		return data

	def assertScoreAndHealth(self, data):
		(score,) = data["scores"]
		self.assertEqual((score.role, score.program, score.not_yet_scored), ("Mentee", self.program.name, 0))
		self.assertGreater(score.score, 0)
		self.assertEqual(
			[c["name"] for c in score.components],
			["cadence", "goal_progress", "ownership", "mentor_assessment"],
		)
		self.assertTrue(score.weights_note)
		(pairing,) = data["pairings"]
		self.assertEqual(
			(pairing.name, pairing.role, pairing.health, pairing.health_reason),
			(self.pairing.name, "Mentee", "At Risk", "The program manager is following up"),
		)
		self.assertEqual([g.title for g in data["goals"]], [self.goal.title])
		return pairing

	def assertRatingsShown(self, pairing):
		self.assertEqual(
			[(r["role"], r["survey_type"], r["rating"]) for r in pairing.survey_ratings],
			[("Mentor", "Fit Check", 3.0), ("Mentee", "Fit Check", 4.0)],
		)

	def test_the_employee_sees_score_health_and_both_sides_ratings(self):
		self.assertRatingsShown(self.assertScoreAndHealth(self.section(self.mentee_user)))

	def test_the_line_manager_sees_score_and_health_but_no_survey_ratings(self):
		pairing = self.assertScoreAndHealth(self.section(self.manager_user))
		self.assertNotIn("survey_ratings", pairing)

	def test_hr_sees_everything_but_check_in_content(self):
		hr = builders.user_with_roles("HR Manager")
		self.assertRatingsShown(self.assertScoreAndHealth(self.section(hr)))

	def test_the_mentors_manager_sees_no_ratings_on_the_mentors_appraisal(self):
		mentor_appraisal = builders.appraisal_of(self.mentor, self.cycle).name
		(pairing,) = self.section(self.mentor_user, mentor_appraisal)["pairings"]
		self.assertEqual([r["rating"] for r in pairing.survey_ratings], [3.0, 4.0])
		(pairing,) = self.section(builders.user_of(self.mentor_manager), mentor_appraisal)["pairings"]
		self.assertEqual(pairing.role, "Mentor")
		self.assertNotIn("survey_ratings", pairing)

	def test_a_stranger_is_refused(self):
		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			get_appraisal_mentoring(self.appraisal)

	def test_nothing_to_show_without_mentoring(self):
		# the form hides the section when both lists are empty
		data = self.section(
			builders.user_of(self.stranger), builders.appraisal_of(self.stranger, self.cycle).name
		)
		self.assertEqual((data["scores"], data["pairings"]), ([], []))


class TestAppraisalSectionFields(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("section_fields")
		for doctype in CUSTOM_FIELDS:
			self.addCleanup(frappe.clear_cache, doctype=doctype)  # runs after the rollback below
		self.addCleanup(frappe.db.rollback, save_point="section_fields")

	def test_the_fields_follow_the_kra_tables_and_uninstall_removes_them(self):
		meta = frappe.get_meta("Appraisal")
		self.assertEqual(meta.get_field("mentoring_section").fieldtype, "Section Break")
		self.assertEqual(meta.get_field("mentoring_html").fieldtype, "HTML")
		order = [df.fieldname for df in meta.fields]
		self.assertEqual(
			order[order.index("remarks") : order.index("remarks") + 4],
			["remarks", "mentoring_section", "mentoring_html", "total_section"],
		)
		# what before_uninstall runs. It deletes rows only, so the rollback brings them back
		# (create_fields would alter the table, which commits). No meta is loaded meanwhile.
		delete_fields()
		for fieldname in ("mentoring_section", "mentoring_html"):
			self.assertFalse(frappe.db.exists("Custom Field", {"dt": "Appraisal", "fieldname": fieldname}))
