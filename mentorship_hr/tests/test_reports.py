"""The leaders' reports: figures for a constructed data set, the row rules for each role, the filters."""

import json

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, today

from mentorship_hr.domain.briefing import HEALTHS
from mentorship_hr.engagement import health_service
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def report(name, user, **filters):
	with as_user(user):
		result = run(name, filters=filters, ignore_prepared_report=True)
	return result["result"], result.get("chart")


class TestProgramHealthReport(MentoringTestCase):
	def setUp(self):
		super().setUp()
		# frequency 14, started 90 days ago: 6 expected; 2 held, one disputed (not held)
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, add_days(today(), -20))
			disputed = builders.checkin(self.pairing.name, add_days(today(), -10))
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					"overall_rating": 0.8,
					"good_fit": "Yes",
					"comments": "COMMENT-SECRET",
				}
			).insert()
		with as_user(self.mentor_user):
			frappe.get_doc("Mentoring Check-in", disputed.name).dispute("not held")
		builders.goal(self.pairing.name, progress=20)
		builders.goal(self.pairing.name, progress=60)
		# another pair in another program, nobody above knows them
		self.other_mentor, self.other_mentee = builders.employee("m2"), builders.employee("e2")
		other_program = builders.program()
		self.other = builders.pairing(other_program.name, self.other_mentor, self.other_mentee)
		health_service.refresh([self.pairing.name, self.other.name])
		self.pm = builders.user_with_roles("Mentoring Program Manager")

	def rows(self, user, **filters):
		return {r["pairing"]: r for r in report("Mentoring Program Health", user, **filters)[0]}

	def test_the_figures_of_a_pairing(self):
		rows, chart = report("Mentoring Program Health", self.pm, program=self.program.name)
		(row,) = rows
		self.assertEqual(row["pairing"], self.pairing.name)
		self.assertEqual((row["checkins_held"], row["checkins_expected"]), (1, 6))
		self.assertEqual(row["goal_progress"], 40.0)
		self.assertEqual(row["mentee_rating"], 4.0)  # 0.8 of 5
		self.assertIsNone(row.get("mentor_rating"))
		self.assertEqual(row["health"], frappe.db.get_value("Mentoring Pairing", self.pairing.name, "health"))
		self.assertEqual(row["last_checkin_date"], frappe.utils.getdate(add_days(today(), -20)))
		self.assertEqual(sum(chart["data"]["datasets"][0]["values"]), 1)
		self.assertNotIn("COMMENT-SECRET", frappe.as_json(rows))

	def test_each_role_sees_its_own_rows(self):
		every = self.rows(self.pm)
		self.assertTrue({self.pairing.name, self.other.name} <= set(every))
		for user in (self.mentor_user, self.mentee_user, builders.user_of(self.mentee_manager)):
			self.assertEqual(set(self.rows(user)), {self.pairing.name}, user)
		self.assertEqual(self.rows(builders.user_of(self.stranger)), {})
		self.assertEqual(set(self.rows(builders.user_of(self.other_mentee))), {self.other.name})

	def test_managers_see_no_survey_ratings_but_the_pair_does(self):
		manager_row = self.rows(builders.user_of(self.mentee_manager))[self.pairing.name]
		self.assertIsNone(manager_row.get("mentee_rating"))
		self.assertEqual(self.rows(self.mentor_user)[self.pairing.name]["mentee_rating"], 4.0)

	def test_filters(self):
		self.assertEqual(self.rows(self.pm, program=self.other.program).keys(), {self.other.name})
		self.assertEqual(self.rows(self.pm, program=self.program.name, status="Completed"), {})
		health = frappe.db.get_value("Mentoring Pairing", self.pairing.name, "health")
		other = next(h for h in ("On Track", "Needs Attention", "At Risk") if h != health)
		self.assertEqual(self.rows(self.pm, program=self.program.name, health=other), {})
		# a period that ends before the pairing started
		self.assertEqual(self.rows(self.pm, program=self.program.name, to_date=add_days(today(), -100)), {})


class TestMentoringKPIReport(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.kra = builders.kra("Mentoring")
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee], template).name
		with as_user(self.mentee_user):
			for days in (80, 60, 40):
				builders.checkin(self.pairing.name, add_days(today(), -days), agenda="plan")
		builders.goal(self.pairing.name, progress=50)
		sync_scores(program=self.program.name)
		self.pm = builders.user_with_roles("Mentoring Program Manager")

	def rows(self, user, **filters):
		return report("Mentoring KPI", user, appraisal_cycle=self.cycle, **filters)[0]

	def test_one_row_per_employee_and_role_with_its_components(self):
		rows = {r["role"]: r for r in self.rows(builders.user_with_roles("HR Manager"))}
		self.assertEqual(set(rows), {"Mentor", "Mentee"})
		for role, employee in (("Mentor", self.mentor), ("Mentee", self.mentee)):
			score = frappe.get_doc(
				"Mentoring Score", {"employee": employee, "appraisal_cycle": self.cycle, "role": role}
			)
			row = rows[role]
			self.assertEqual(row["score"], score.score)
			self.assertEqual(row["hrms_goal"], score.hrms_goal)
			self.assertEqual(row["appraisal"], builders.appraisal_of(employee, self.cycle).name)
			self.assertEqual(row["goal_progress"], f"50.0% (weight {score.goal_progress_weight:g})")
		self.assertNotIn("ownership", rows["Mentor"])  # not a component of the mentor's role
		self.assertTrue(rows["Mentor"]["mentee_feedback"].startswith("n/a"))  # no ratings given
		# a program manager who may not read appraisals gets the scores without the link
		self.assertEqual({r.get("appraisal") for r in self.rows(self.pm)}, {None})

	def test_each_role_sees_its_own_rows(self):
		self.assertEqual({r["role"] for r in self.rows(self.mentee_user)}, {"Mentee"})
		self.assertEqual({r["role"] for r in self.rows(builders.user_of(self.mentor_manager))}, {"Mentor"})
		self.assertEqual(self.rows(builders.user_of(self.stranger)), [])

	def test_filters(self):
		hr = builders.user_with_roles("HR Manager")
		self.assertEqual({r["role"] for r in self.rows(hr, role="Mentee")}, {"Mentee"})
		self.assertEqual({r["employee"] for r in self.rows(hr, employee=self.mentor)}, {self.mentor})
		self.assertEqual(self.rows(hr, program=builders.program().name), [])


class TestWorkspace(MentoringTestCase):
	"""The Mentoring workspace's number cards and charts count what the viewer may see."""

	def setUp(self):
		super().setUp()
		self.other = builders.pairing(
			builders.program().name, builders.employee("m2"), builders.employee("e2")
		)
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, today())
		builders.goal(self.pairing.name, progress=30)
		builders.goal(self.other.name, progress=90)
		health_service.refresh([self.pairing.name, self.other.name])
		self.pm = builders.user_with_roles("Mentoring Program Manager")

	def card(self, name, user):
		from frappe.desk.doctype.number_card.number_card import get_result

		with as_user(user):
			return get_result(frappe.get_doc("Number Card", name).as_dict(), "[]")

	def chart(self, name, user):
		"""The chart's figures as the workspace draws them, by label (zero counts left out)."""
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

		doc = frappe.get_doc("Dashboard Chart", name)
		with as_user(user):
			if doc.chart_type == "Report":  # drawn from the report's own chart
				data = run(doc.report_name, json.loads(doc.filters_json))["chart"]["data"]
			else:
				data = get(chart_name=name, refresh=1)
		return {k: v for k, v in zip(data["labels"], data["datasets"][0]["values"], strict=True) if v}

	def test_cards_follow_the_row_rules(self):
		total = frappe.db.count("Mentoring Pairing", {"status": "Active"})
		self.assertEqual(self.card("Active Mentoring Pairings", self.pm), total)
		self.assertEqual(self.card("Active Mentoring Pairings", self.mentee_user), 1)
		self.assertEqual(self.card("Active Mentoring Pairings", builders.user_of(self.stranger)), 0)
		self.assertEqual(self.card("Mentoring Check-ins This Month", self.mentor_user), 1)
		self.assertEqual(self.card("Mean Mentoring Goal Progress", self.mentee_user), 30)
		self.assertEqual(self.card("Mean Mentoring Goal Progress", builders.user_of(self.mentee_manager)), 30)

	def test_the_health_chart_counts_visible_active_pairings(self):
		mine = self.chart("Mentoring Pairing Health", self.mentee_user)
		health = frappe.db.get_value("Mentoring Pairing", self.pairing.name, "health")
		self.assertEqual(mine, {health: 1})
		self.assertEqual(
			sum(self.chart("Mentoring Pairing Health", self.pm).values()),
			frappe.db.count("Mentoring Pairing", {"status": "Active", "health": ("in", HEALTHS)}),
		)

	def test_health_has_one_colour_everywhere(self):
		"""On Track green, Needs Attention orange, At Risk red: the donut colours its slices by
		position, so the report's chart keeps that order whatever the counts."""
		frappe.db.set_value("Mentoring Pairing", self.pairing.name, "health", "At Risk")
		chart = run("Mentoring Program Health", {"status": "Active"})["chart"]
		self.assertEqual(chart["data"]["labels"], list(HEALTHS))
		donut = json.loads(
			frappe.db.get_value("Dashboard Chart", "Mentoring Pairing Health", "custom_options")
		)
		self.assertEqual(donut["colors"], chart["colors"])
		self.assertEqual(chart["colors"], ["#29cd42", "#ffa00a", "#e24c4c"])
