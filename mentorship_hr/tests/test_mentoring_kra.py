"""The Mentoring KRA weighs only on participants' appraisals, on real HRMS cycles and appraisals."""

import frappe
from frappe.utils import add_days, formatdate, getdate, today

from mentorship_hr.kpi.appraisal_tools import get_appraisal_mentoring
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.overrides.appraisal_cycle import set_mentoring_kra
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def kra_weights(appraisal) -> dict:
	table = appraisal.goals if appraisal.rate_goals_manually else appraisal.appraisal_kra
	return {row.kra: row.per_weightage for row in table}


class TestMentoringKRA(MentoringTestCase):
	"""The mentor and mentee (scored) and a stranger (in no program) share one template and cycle."""

	def setUp(self):
		super().setUp()
		with as_user(self.mentee_user):
			builders.goal(self.pairing.name, progress=50)
		builders.checkin(self.pairing.name, add_days(today(), -20), confirmation_status="Confirmed")
		self.template = builders.appraisal_template({"Quality": 30, "Development": 70})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee, self.stranger], self.template).name
		self.goal_for(self.stranger, "Quality", 80)
		self.goal_for(self.stranger, "Development", 40)
		self.stranger_before = self.appraisal_numbers(self.stranger)

	def goal_for(self, employee, kra, progress):
		frappe.get_doc(
			{
				"doctype": "Goal",
				"goal_name": builders.unique("Goal"),
				"employee": employee,
				"kra": kra,
				"appraisal_cycle": self.cycle,
				"progress": progress,
			}
		).insert()

	def appraisal_numbers(self, employee):
		doc = builders.appraisal_of(employee, self.cycle)
		return (
			doc.appraisal_template,
			[(r.kra, r.per_weightage, r.goal_completion, r.goal_score) for r in doc.appraisal_kra],
			doc.total_score,
			doc.final_score,
		)

	def test_only_participants_carry_the_kra_and_others_keep_every_number(self):
		result = set_mentoring_kra(self.cycle, 20)
		variant = f"{self.template} + Mentoring 20%"
		mentee_appraisal = builders.appraisal_of(self.mentee, self.cycle)
		self.assertEqual(
			sorted(result.updated),
			sorted([mentee_appraisal.name, builders.appraisal_of(self.mentor, self.cycle).name]),
		)
		self.assertEqual(mentee_appraisal.appraisal_template, variant)
		self.assertEqual(kra_weights(mentee_appraisal), {"Quality": 24, "Development": 56, "Mentoring": 20})
		self.assertEqual(self.appraisal_numbers(self.stranger), self.stranger_before)
		self.assertEqual(self.stranger_before[2], (80 * 0.3 + 40 * 0.7) / 20)  # 2.6 of 5, as HRMS scores it
		# HRMS builds any later appraisal of a participant from the variant
		rows = {
			r.employee: r.appraisal_template for r in frappe.get_doc("Appraisal Cycle", self.cycle).appraisees
		}
		self.assertEqual(rows, {self.mentor: variant, self.mentee: variant, self.stranger: self.template})
		self.assertEqual(
			frappe.db.get_value("Appraisal Template", variant, "mentoring_base_template"), self.template
		)

	def test_the_synced_score_reaches_the_participants_kra_row(self):
		set_mentoring_kra(self.cycle, 20)
		sync_scores(program=self.program.name)
		score = frappe.db.get_value(
			"Mentoring Score", {"employee": self.mentee, "appraisal_cycle": self.cycle}, "score"
		)
		row = next(
			r for r in builders.appraisal_of(self.mentee, self.cycle).appraisal_kra if r.kra == "Mentoring"
		)
		self.assertGreater(score, 0)
		self.assertEqual((row.goal_completion, row.goal_score), (score, round(score * 0.2, 2)))
		self.assertEqual(self.appraisal_numbers(self.stranger), self.stranger_before)

	def test_appraisal_section_shows_the_role_and_explains_shared_weights(self):
		set_mentoring_kra(self.cycle, 20)
		appraisal = builders.appraisal_of(self.mentee, self.cycle).name
		with as_user(self.mentee_user):
			(score,) = get_appraisal_mentoring(appraisal)["scores"]
		shown = {c["name"]: (c["applies"], c["effective_weight"]) for c in score.components}
		# the mentee's four components only. No ratings and no counted check-in (it was not logged by
		# the pair), so cadence (30) and goals (40) share the whole: 30/70 and 40/70
		self.assertEqual(
			shown,
			{
				"cadence": (True, 42.9),
				"goal_progress": (True, 57.1),
				"ownership": (False, None),
				"mentor_assessment": (False, None),
			},
		)
		self.assertIn("Not applicable yet: Ownership, Mentor Assessment.", score.weights_note)
		self.assertIn("Cadence 30% → 42.9%, Goal Progress 40% → 57.1%", score.weights_note)

	def test_running_again_changes_nothing_and_zero_gives_the_template_back(self):
		set_mentoring_kra(self.cycle, 20)
		again = set_mentoring_kra(self.cycle, 20)
		self.assertEqual((again.updated, again.restored), ([], []))

		off = set_mentoring_kra(self.cycle, 0)
		self.assertEqual(len(off.restored), 2)
		mentee_appraisal = builders.appraisal_of(self.mentee, self.cycle)
		self.assertEqual(mentee_appraisal.appraisal_template, self.template)
		self.assertEqual(kra_weights(mentee_appraisal), {"Quality": 30, "Development": 70})

	def test_a_new_weightage_makes_its_own_variant(self):
		set_mentoring_kra(self.cycle, 20)
		set_mentoring_kra(self.cycle, 10)
		mentee_appraisal = builders.appraisal_of(self.mentee, self.cycle)
		self.assertEqual(mentee_appraisal.appraisal_template, f"{self.template} + Mentoring 10%")
		self.assertEqual(kra_weights(mentee_appraisal), {"Quality": 27, "Development": 63, "Mentoring": 10})

	def test_submitted_appraisals_are_reported_not_changed(self):
		submitted = builders.appraisal_of(self.mentor, self.cycle)
		submitted.submit()
		result = set_mentoring_kra(self.cycle, 20)
		self.assertIn(
			{
				"appraisal": submitted.name,
				"employee_name": submitted.employee_name,
				"reason": "already submitted",
			},
			result.not_changed,
		)
		self.assertEqual(
			kra_weights(builders.appraisal_of(self.mentor, self.cycle)), {"Quality": 30, "Development": 70}
		)

	def test_bad_weightage_and_completed_cycles_are_refused(self):
		for weightage in (-5, 100, 120):
			with self.assertRaisesRegex(frappe.ValidationError, "at least 0 and below 100"):
				set_mentoring_kra(self.cycle, weightage)
		frappe.db.set_value("Appraisal Cycle", self.cycle, "status", "Completed")
		with self.assertRaisesRegex(frappe.ValidationError, "is Completed"):
			set_mentoring_kra(self.cycle, 20)
		self.assertFalse(frappe.db.get_value("Appraisal Cycle", self.cycle, "mentoring_kra_weightage"))
		self.assertEqual(builders.appraisal_of(self.mentee, self.cycle).appraisal_template, self.template)

	def test_employees_cannot_use_the_tool(self):
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			set_mentoring_kra(self.cycle, 20)
		self.assertEqual(builders.appraisal_of(self.mentee, self.cycle).appraisal_template, self.template)


class TestNewPairNotYetScored(MentoringTestCase):
	"""A pair younger than one check-in period: no 0% goal, no KRA, until the period ends."""

	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -3))
		self.template = builders.appraisal_template({"Quality": 100})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee], self.template).name
		frappe.db.set_value("Appraisal Cycle", self.cycle, "mentoring_kra_weightage", 20)

	def score(self):
		return frappe.get_doc("Mentoring Score", {"employee": self.mentee, "appraisal_cycle": self.cycle})

	def test_day_three_is_not_scored_and_the_appraisal_is_untouched(self):
		summary = sync_scores(program=self.program.name)
		score = self.score()
		first_period_ends = add_days(today(), 10)  # 14-day frequency, started 3 days ago
		self.assertEqual((score.not_yet_scored, score.hrms_goal), (1, None))
		self.assertEqual(getdate(score.first_period_ends), getdate(first_period_ends))
		self.assertIn("Not yet scored: the first check-in period ends on", score.weights_note)
		self.assertFalse(frappe.db.exists("Goal", {"employee": self.mentee, "appraisal_cycle": self.cycle}))
		self.assertEqual(summary.kra_added, [])
		appraisal = builders.appraisal_of(self.mentee, self.cycle)
		self.assertEqual(
			(appraisal.appraisal_template, kra_weights(appraisal)), (self.template, {"Quality": 100})
		)

	def test_the_tool_lists_who_waits_and_until_when(self):
		result = set_mentoring_kra(self.cycle, 20)
		self.assertEqual(result.updated, [])
		name = frappe.db.get_value("Employee", self.mentee, "employee_name")
		self.assertIn(
			{
				"employee": self.mentee,
				"employee_name": name,
				"reason": f"not yet scored: the first check-in period ends on {formatdate(add_days(today(), 10))}",
			},
			result.waiting,
		)

	def test_once_the_first_period_ends_the_sync_adds_the_kra(self):
		sync_scores(program=self.program.name)
		with self.freeze_time(add_days(today(), 11)):
			summary = sync_scores(program=self.program.name)
		score = self.score()
		self.assertEqual(score.not_yet_scored, 0)
		self.assertTrue(score.hrms_goal)
		appraisal = builders.appraisal_of(self.mentee, self.cycle)
		self.assertIn(appraisal.name, summary.kra_added)
		self.assertEqual(kra_weights(appraisal), {"Quality": 80, "Mentoring": 20})
