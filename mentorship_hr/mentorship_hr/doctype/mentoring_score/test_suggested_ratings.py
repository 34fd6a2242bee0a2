# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""Suggested ratings for Manual Rating cycles, on real HRMS appraisals."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.kpi.appraisal_tools import apply_suggested_ratings, get_appraisal_mentoring
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


class TestManualRatingCycle(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -30))
		with as_user(self.mentee_user):
			builders.goal(self.pairing.name, progress=60)
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle(
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
		appraisal = builders.appraisal_of(self.mentee, self.cycle)
		row = next(r for r in appraisal.goals if r.kra == "Mentoring")
		self.assertEqual((score, row.score), (34.3, 1.72))  # 34.3 / 20 = 1.715, half up
		self.assertEqual(get_appraisal_mentoring(appraisal.name)["suggested_by_kra"], {"Mentoring": 1.72})
		self.assertAlmostEqual(row.score_earned, row.score * 20 / 100)
		self.assertAlmostEqual(appraisal.total_score, row.score_earned, places=2)

	def test_submitted_appraisals_are_reported_not_changed(self):
		appraisal = builders.appraisal_of(self.mentor, self.cycle)
		for row in appraisal.goals:
			row.score = 3
		appraisal.submit()
		result = apply_suggested_ratings(self.cycle)
		self.assertEqual(result.not_changed, [{"appraisal": appraisal.name, "reason": "already submitted"}])
		self.assertEqual({r.score for r in builders.appraisal_of(self.mentor, self.cycle).goals}, {3})

	def test_automated_cycles_are_refused(self):
		template = builders.appraisal_template({"Quality": 100})
		cycle = builders.appraisal_cycle([self.stranger], template).name
		with self.assertRaisesRegex(frappe.ValidationError, "does not use Manual Rating"):
			apply_suggested_ratings(cycle)
