"""The Mentoring Program Impact report on a constructed company: group sizes, rates, scores and
tests worked out by hand, the filters, and who may run it."""

import math

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from hrms.tests.test_utils import create_company

from mentorship_hr.domain import impact
from mentorship_hr.mentorship_hr.report.mentoring_program_impact import mentoring_program_impact
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user, skill_map

REPORT = "Mentoring Program Impact"
COMPANY = "_Test Impact Company"
METRICS = {"retention": "Retention (%)", "promotion": "Promotion (%)", "score": "Appraisal Final Score"}
T1 = math.tan(0.475 * math.pi)  # the 97.5% t quantile with 1 degree of freedom


def day(offset: int) -> str:
	return add_days(today(), offset)


class TestProgramImpact(FrappeTestCase):
	"""One fresh company, the period the last 365 days.

	Program A (from day -300): M1 mentors E1 (Active) and E2 (Completed on day -30); M2 mentors E3
	(Paused) and L1, who joined on day -100 and so is not counted; X1 and X2 are only Proposed.
	Program B (from day -700): M3 and E4 ended on day -400, before the period; M4 mentors E5 (Active).
	N1, N2, N3 take no part; R0 left on day -400 and is not counted.
	Left: M2 (day -10), N1 (day -50), N2 (Left, no date), M3 (relieved on the last day, day 0);
	X1 leaves on day +30, after the period.
	Promotions (submitted, in the period): E1, N3. E2's is before the period; X2's is a draft.
	Appraisal final scores in the period: M1 4.0, M2 3.0, E1 4.5, E2 3.5, N3 3.0, X2 2.0, E4 2.5 (cycle
	C1) and X2 3.0 (cycle C2); N2 1.0 before the period; N1 5.0 a draft.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.company = create_company(COMPANY).name
		abbr = frappe.db.get_value("Company", cls.company, "abbr")
		cls.department = f"Operations - {abbr}"
		if not frappe.db.exists("Department", cls.department):
			frappe.get_doc(
				{"doctype": "Department", "department_name": "Operations", "company": cls.company}
			).insert()
		cls.build()

	@classmethod
	def person(cls, prefix, **fields):
		return builders.employee_without_user(
			f"impact-{prefix}", company=cls.company, department=cls.department, **fields
		)

	@classmethod
	def build(cls):
		e = cls.e = frappe._dict()
		for name in "M1 M2 M3 M4 E1 E2 E3 E4 E5 X1 X2 N1 N2 N3 R0".split():
			e[name] = cls.person(name)
		e.L1 = cls.person("L1", date_of_joining=day(-100))

		a = builders.program(company=cls.company, start_date=day(-300), end_date=day(60))
		b = builders.program(company=cls.company, start_date=day(-700), end_date=day(60))
		cls.program_a, cls.program_b = a.name, b.name
		builders.pairing(a.name, e.M1, e.E1)
		completed = builders.pairing(a.name, e.M1, e.E2).name
		paused = builders.pairing(a.name, e.M2, e.E3).name
		builders.pairing(a.name, e.M2, e.L1, start_date=day(-90))
		builders.pairing(a.name, e.X1, e.X2, status="Proposed", start_date=None)
		ended = builders.pairing(b.name, e.M3, e.E4, start_date=day(-650)).name
		builders.pairing(b.name, e.M4, e.E5, start_date=day(-100))
		# later statuses set directly: their notices and surveys are not what is tested here
		frappe.db.set_value("Mentoring Pairing", completed, {"status": "Completed", "end_date": day(-30)})
		frappe.db.set_value("Mentoring Pairing", paused, "status", "Paused")
		frappe.db.set_value("Mentoring Pairing", ended, {"status": "Completed", "end_date": day(-400)})

		for employee, date, submit in (
			(e.E1, day(-20), True),
			(e.N3, day(-15), True),
			(e.E2, day(-400), True),
			(e.X2, day(-5), False),
		):
			promotion = frappe.get_doc(
				{"doctype": "Employee Promotion", "employee": employee, "promotion_date": date}
			).insert()
			if submit:
				promotion.submit()

		template = builders.appraisal_template({"Delivery": 100})
		cls.c1 = cls.cycle(
			template,
			day(-90),
			day(-10),
			{e.M1: 4.0, e.M2: 3.0, e.E1: 4.5, e.E2: 3.5, e.N3: 3.0, e.X2: 2.0, e.E4: 2.5},
			drafts={e.N1: 5.0},
		)
		cls.c2 = cls.cycle(template, day(-300), day(-200), {e.X2: 3.0})
		cls.c0 = cls.cycle(template, day(-500), day(-400), {e.N2: 1.0})

		# leaving last: HRMS refuses promotions and appraisals for employees who left
		for employee, relieved, status in (
			(e.M2, day(-10), "Left"),
			(e.N1, day(-50), "Left"),
			(e.N2, None, "Left"),  # legacy data: Employee's own form asks for the date
			(e.M3, day(0), "Active"),
			(e.X1, day(30), "Active"),
			(e.R0, day(-400), "Left"),
		):
			frappe.db.set_value("Employee", employee, {"relieving_date": relieved, "status": status})

	@classmethod
	def cycle(cls, template, start, end, scores, drafts=None):
		"""A Manual Rating cycle whose final score is the goal score: one KRA weighted 100, so each
		appraisal's final score is the score given to its one goal. Real, submitted appraisals."""
		everyone = {**scores, **(drafts or {})}
		cycle = builders.appraisal_cycle(
			list(everyone),
			template,
			company=cls.company,
			start_date=start,
			end_date=end,
			kra_evaluation_method="Manual Rating",
			calculate_final_score_based_on_formula=1,
			final_score_formula="goal_score",
		).name
		for employee, score in everyone.items():
			appraisal = builders.appraisal_of(employee, cycle)
			appraisal.goals[0].score = score
			appraisal.save()
			assert appraisal.final_score == score, (appraisal.final_score, score)
			if employee in scores:
				appraisal.submit()
		return cycle

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("impact_test")
		self.manager = builders.user_with_roles("Mentoring Program Manager")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="impact_test")

	def report(self, user=None, **filters):
		filters = {"company": self.company, "from_date": day(-365), "to_date": day(0), **filters}
		with as_user(user or self.manager):
			result = run(REPORT, filters=filters)
		rows = {(r["metric"], r["group"]): r for r in result["result"]}
		return rows, result

	def cell(self, rows, metric, group):
		return rows[(METRICS[metric], group)]

	def test_skill_growth_of_mentees_against_the_others_in_the_same_skills(self):
		"""E1 and E2 seek Negotiation in program A; the period starts on day -365. Skill Maps: E1 1
		star (day -400) then 4 (day -20): +3, gap closed; E2 none then 2 (day -40): +2, still a gap.
		Of the others, N3 2 stars (day -380) then 3 (day -100): +1, closed; N2 none then 2 (day -100): +2, still a gap. E3
		seeks nothing and the other non-participants have no rating: none of them is measured."""
		e = self.e
		for mentee in (e.E1, e.E2):
			builders.participant(
				self.program_a, mentee, "Mentee", "Matched", skills_sought=[{"skill": "Negotiation"}]
			)
		for employee, history in (
			(e.E1, ((-400, 1), (-20, 4))),
			(e.E2, ((-40, 2),)),
			(e.N3, ((-380, 2), (-100, 3))),
			(e.N2, ((-100, 2),)),
		):
			for offset, stars in history:
				skill_map(employee, {"Negotiation": stars}, on=day(offset))
		rows, _result = self.report(program=self.program_a)
		growth, closed = "Skill Growth (stars)", "Skill Gaps Closed (%)"
		mentees, others = rows[(growth, "Mentees")], rows[(growth, "Non-participants")]
		self.assertEqual((mentees["employees"], others["employees"]), (2, 2))
		self.assertAlmostEqual(mentees["value"], 2.5)
		self.assertAlmostEqual(others["value"], 1.5)
		self.assertAlmostEqual(mentees["difference"], 1.0)
		self.assertAlmostEqual(mentees["p_value"], impact.compare_means([3, 2], [1, 2]).p_value)
		self.assertAlmostEqual(rows[(closed, "Mentees")]["value"], 50.0)
		self.assertAlmostEqual(rows[(closed, "Non-participants")]["value"], 50.0)
		self.assertNotIn((growth, "Mentors"), rows)

	def test_the_figures_of_program_a(self):
		rows, result = self.report(program=self.program_a)
		self.assertEqual(len(rows), 9)
		mentors, mentees, others = (
			lambda m: self.cell(rows, m, "Mentors"),
			lambda m: self.cell(rows, m, "Mentees"),
			lambda m: self.cell(rows, m, "Non-participants"),
		)
		# 14 employed on day -365 (not L1, not R0); M1, M2 mentor; E1, E2, E3 are mentored
		self.assertEqual([mentors(m)["employees"] for m in ("retention", "promotion")], [2, 2])
		self.assertEqual(mentees("retention")["employees"], 3)
		self.assertEqual(others("retention")["employees"], 9)
		self.assertIn("Mentors: 2. Mentees: 3. Non-participants: 9.", result["message"])
		self.assertIn("These are correlations, not causes", result["message"])

		# retention: M2 left; all mentees stay; of 9 others M3, N1 and N2 left
		self.assertAlmostEqual(mentors("retention")["value"], 50.0)
		self.assertAlmostEqual(mentees("retention")["value"], 100.0)
		self.assertAlmostEqual(others("retention")["value"], 600 / 9)
		self.assertAlmostEqual(mentors("retention")["difference"], 50 - 600 / 9)
		# Fisher by hand: [[1, 1], [6, 3]] is the likeliest table of 55, so p = 1;
		# [[3, 0], [6, 3]]: tables weigh 1, 27, 108, 84 of 220, so p = (1 + 27 + 84) / 220
		self.assertAlmostEqual(mentors("retention")["p_value"], 1.0)
		self.assertAlmostEqual(mentees("retention")["p_value"], 112 / 220)
		self.assertEqual(mentees("retention")["significant"], "No")
		low, high = impact.rate(1, 2).low, impact.rate(1, 2).high
		self.assertAlmostEqual(mentors("retention")["ci_low"], 100 * low)
		self.assertAlmostEqual(mentors("retention")["ci_high"], 100 * high)
		for column in ("difference", "p_value", "significant"):
			self.assertIsNone(others("retention").get(column))

		# promotion: E1 of the mentees, N3 of the others; E2's was before the period, X2's a draft
		self.assertAlmostEqual(mentors("promotion")["value"], 0.0)
		self.assertAlmostEqual(mentees("promotion")["value"], 100 / 3)
		self.assertAlmostEqual(others("promotion")["value"], 100 / 9)
		self.assertAlmostEqual(mentees("promotion")["difference"], 100 / 3 - 100 / 9)
		# [[1, 2], [1, 8]]: tables weigh 120, 90, 10 of 220; p = (90 + 10) / 220
		self.assertAlmostEqual(mentees("promotion")["p_value"], 100 / 220)
		self.assertAlmostEqual(mentors("promotion")["p_value"], 1.0)

		# scores: E3 has none; X2's two appraisals average 2.5; N2's is before the period, N1's a draft
		self.assertEqual((mentors("score")["employees"], mentors("score")["value"]), (2, 3.5))
		self.assertEqual((mentees("score")["employees"], mentees("score")["value"]), (2, 4.0))
		self.assertEqual(others("score")["employees"], 3)
		self.assertAlmostEqual(others("score")["value"], 8 / 3)
		self.assertAlmostEqual(mentees("score")["difference"], 4 - 8 / 3)
		# [4.0, 3.0]: sd = sqrt(0.5), se = 0.5
		self.assertAlmostEqual(mentors("score")["ci_low"], 3.5 - 0.5 * T1)
		self.assertAlmostEqual(mentors("score")["ci_high"], 3.5 + 0.5 * T1)
		welch = impact.compare_means([4.5, 3.5], [2.5, 3.0, 2.5])
		self.assertAlmostEqual(mentees("score")["p_value"], welch.p_value)
		self.assertEqual(mentees("score")["significant"], "No")

		chart = result["chart"]
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(chart["data"]["labels"], ["Retention (%)", "Promotion (%)", "Appraisal Final Score"])
		values = {d["name"]: [round(v, 9) for v in d["values"]] for d in chart["data"]["datasets"]}
		self.assertEqual(values["Mentors"], [50.0, 0.0, 3.5])
		self.assertEqual(values["Mentees"], [100.0, round(100 / 3, 9), 4.0])

	def test_all_programs_and_one_program(self):
		rows, result = self.report()
		# M4 and E5 join the groups from program B; M3 and E4 ended before the period
		self.assertIn("Mentors: 3. Mentees: 4. Non-participants: 7.", result["message"])
		self.assertAlmostEqual(self.cell(rows, "retention", "Mentors")["value"], 200 / 3)
		self.assertAlmostEqual(self.cell(rows, "retention", "Non-participants")["value"], 400 / 7)

		rows, result = self.report(program=self.program_b)
		self.assertIn("Mentors: 1. Mentees: 1. Non-participants: 12.", result["message"])
		one = self.cell(rows, "retention", "Mentors")
		# a group of one: its value, no interval, no test
		self.assertEqual((one["employees"], one["value"]), (1, 100.0))
		for column in ("ci_low", "ci_high", "p_value", "significant"):
			self.assertIsNone(one.get(column))
		self.assertEqual(self.cell(rows, "score", "Mentors")["employees"], 0)
		self.assertIsNone(self.cell(rows, "score", "Mentors").get("value"))

	def test_an_appraisal_cycle_narrows_the_scores(self):
		rows, _ = self.report(program=self.program_a, appraisal_cycle=self.c1)
		others = self.cell(rows, "score", "Non-participants")
		self.assertEqual((others["employees"], others["value"]), (3, 2.5))  # X2 scores 2.0 in C1
		rows, _ = self.report(program=self.program_a, appraisal_cycle=self.c0)
		# N2 left with no date but was employed on day -365: counted, with the score of C0
		others = self.cell(rows, "score", "Non-participants")
		self.assertEqual((others["employees"], others["value"]), (1, 1.0))
		self.assertIsNone(others.get("ci_low"))
		self.assertEqual(self.cell(rows, "score", "Mentors")["employees"], 0)

	def test_a_later_start_changes_who_was_employed(self):
		# from day -40: N1 (relieved on day -50) drops out; L1 (joined on day -100) counts, as a mentee
		rows, result = self.report(program=self.program_a, from_date=day(-40))
		self.assertIn("Mentors: 2. Mentees: 4. Non-participants: 8.", result["message"])
		self.assertEqual(self.cell(rows, "promotion", "Mentees")["employees"], 4)
		# of the 8 others, M3 and N2 leave
		self.assertAlmostEqual(self.cell(rows, "retention", "Non-participants")["value"], 600 / 8)

	def test_wrong_filters_are_said_not_thrown(self):
		# a throw inside a script report leaves Frappe's watcher to make it a prepared report
		_, result = self.report(program=builders.program().name)  # of another company
		self.assertEqual(result["result"], [])
		self.assertIn("is not a program of", result["message"])
		_, result = self.report(from_date=day(1))
		self.assertEqual(result["result"], [])
		self.assertIn("From Date must be on or before To Date.", result["message"])
		self.assertEqual(frappe.db.get_value("Report", REPORT, "prepared_report"), 0)

	def test_only_program_managers_and_hr_run_it(self):
		employee_user = builders.user_of(builders.employee("impact-plain"))
		filters = {"company": self.company, "from_date": day(-365), "to_date": day(0)}
		with as_user(employee_user):
			with self.assertRaises(frappe.PermissionError):
				run(REPORT, filters=filters)
			# and the report's own check, whatever the Report's roles say
			with self.assertRaises(frappe.PermissionError):
				mentoring_program_impact.execute(filters)
		for role in ("HR Manager", "Mentoring Program Manager"):
			rows, _ = self.report(user=builders.user_with_roles(role))
			self.assertEqual(len(rows), 9)

	def test_a_fixed_number_of_queries(self):
		filters = frappe._dict(company=self.company, from_date=day(-365), to_date=day(0))

		def queries():
			before = questions()
			mentoring_program_impact.execute(filters)
			return questions() - before

		queries()  # warm the caches
		few = queries()
		self.assertLessEqual(few, 10)
		# more employees, pairings, promotions: no more queries
		mentor, mentee = self.person("more-mentor"), self.person("more-mentee")
		builders.pairing(self.program_b, mentor, mentee, start_date=day(-50))
		for i in range(3):
			self.person(f"more-{i}")
		frappe.get_doc(
			{"doctype": "Employee Promotion", "employee": mentee, "promotion_date": day(-1)}
		).submit()
		self.assertEqual(queries(), few)


def questions() -> int:
	"""Statements this connection has sent so far."""
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])
