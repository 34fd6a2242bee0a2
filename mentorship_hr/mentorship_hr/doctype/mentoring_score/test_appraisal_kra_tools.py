# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""The template tool and suggested ratings for Manual Rating cycles, on real HRMS appraisals."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr import testing
from mentorship_hr.appraisal_tools import add_mentoring_kra, apply_suggested_ratings, get_appraisal_mentoring
from mentorship_hr.kpi_sync import sync_scores
from mentorship_hr.testing import MentoringTestCase, as_user


class TestAddMentoringKRA(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.template = testing.appraisal_template({"Quality": 30, "Development": 70})
		self.cycle = testing.appraisal_cycle([self.mentor, self.mentee], self.template).name
		self.submitted = testing.appraisal_of(self.mentor, self.cycle)
		self.submitted.submit()

	def weights(self, doc, table, field):
		return {row.get(field): row.per_weightage for row in doc.get(table)}

	def test_adds_the_kra_rescales_the_rest_and_updates_drafts(self):
		result = add_mentoring_kra(self.template, 20)
		expected = {"Quality": 24, "Development": 56, "Mentoring": 20}
		template = frappe.get_doc("Appraisal Template", self.template)
		self.assertEqual(self.weights(template, "goals", "key_result_area"), expected)

		draft = testing.appraisal_of(self.mentee, self.cycle)
		self.assertEqual(result.updated, [draft.name])
		self.assertEqual(self.weights(draft, "appraisal_kra", "kra"), expected)
		self.assertEqual(
			result.not_changed, [{"appraisal": self.submitted.name, "reason": "already submitted"}]
		)
		self.assertEqual(
			self.weights(testing.appraisal_of(self.mentor, self.cycle), "appraisal_kra", "kra"),
			{"Quality": 30, "Development": 70},
		)

	def test_drafts_of_a_completed_cycle_are_reported_not_changed(self):
		frappe.db.set_value("Appraisal Cycle", self.cycle, "status", "Completed")
		draft = testing.appraisal_of(self.mentee, self.cycle).name
		result = add_mentoring_kra(self.template, 20)
		self.assertEqual(result.updated, [])
		self.assertIn({"appraisal": draft, "reason": "its cycle is Completed"}, result.not_changed)

	def test_changing_the_weightage_again_keeps_100(self):
		add_mentoring_kra(self.template, 20)
		add_mentoring_kra(self.template, 10)
		template = frappe.get_doc("Appraisal Template", self.template)
		self.assertEqual(
			self.weights(template, "goals", "key_result_area"),
			{"Quality": 27, "Development": 63, "Mentoring": 10},
		)

	def test_bad_weightage_is_refused_and_nothing_changes(self):
		for weightage in (0, -5, 100, 120):
			with self.assertRaisesRegex(frappe.ValidationError, "weightage must be above 0"):
				add_mentoring_kra(self.template, weightage)
		template = frappe.get_doc("Appraisal Template", self.template)
		self.assertEqual(
			self.weights(template, "goals", "key_result_area"), {"Quality": 30, "Development": 70}
		)

	def test_drafts_are_left_alone_on_request(self):
		result = add_mentoring_kra(self.template, 20, apply_to_draft_appraisals=0)
		self.assertEqual(result.updated, [])
		self.assertNotIn(
			"Mentoring", self.weights(testing.appraisal_of(self.mentee, self.cycle), "appraisal_kra", "kra")
		)

	def test_employees_cannot_use_the_tool(self):
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			add_mentoring_kra(self.template, 20)


class TestManualRatingCycle(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -30))
		with as_user(self.mentee_user):
			testing.goal(self.pairing.name, progress=60)
		template = testing.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = testing.appraisal_cycle(
			[self.mentor, self.mentee], template, kra_evaluation_method="Manual Rating"
		).name
		sync_scores(program=self.program.name)

	def test_suggested_rating_fills_draft_appraisals(self):
		score = frappe.db.get_value(
			"Mentoring Score", {"employee": self.mentee, "appraisal_cycle": self.cycle}, "score"
		)
		# 30 days, 14-day cadence: 2 expected, none held -> cadence 0; goals 60%; no ratings or check-ins yet
		self.assertEqual(score, round((0.3 * 0 + 0.4 * 0.6) / (0.3 + 0.4) * 100, 1))

		result = apply_suggested_ratings(self.cycle)
		self.assertEqual(len(result.updated), 2)
		appraisal = testing.appraisal_of(self.mentee, self.cycle)
		row = next(r for r in appraisal.goals if r.kra == "Mentoring")
		self.assertEqual((score, row.score), (34.3, 1.72))  # 34.3 / 20 = 1.715, half up
		self.assertEqual(get_appraisal_mentoring(appraisal.name)["suggested_by_kra"], {"Mentoring": 1.72})
		self.assertAlmostEqual(row.score_earned, row.score * 20 / 100)
		self.assertAlmostEqual(appraisal.total_score, row.score_earned, places=2)

	def test_submitted_appraisals_are_reported_not_changed(self):
		appraisal = testing.appraisal_of(self.mentor, self.cycle)
		for row in appraisal.goals:
			row.score = 3
		appraisal.submit()
		result = apply_suggested_ratings(self.cycle)
		self.assertEqual(result.not_changed, [{"appraisal": appraisal.name, "reason": "already submitted"}])
		self.assertEqual({r.score for r in testing.appraisal_of(self.mentor, self.cycle).goals}, {3})

	def test_automated_cycles_are_refused(self):
		template = testing.appraisal_template({"Quality": 100})
		cycle = testing.appraisal_cycle([self.stranger], template).name
		with self.assertRaisesRegex(frappe.ValidationError, "does not use Manual Rating"):
			apply_suggested_ratings(cycle)
