# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt
"""Is mentoring paying off? Mentors and mentees against the company's other employees over a period:
retention, promotion, appraisal final score and skill growth in Frappe HR's Skill Maps, with
intervals and tests (domain/impact.py). Aggregates only, never a row per person. Seven queries,
however many employees."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import escape_html, formatdate, getdate, today

from mentorship_hr.domain import impact
from mentorship_hr.domain.skills import stars
from mentorship_hr.permissions import check_program_manager
from mentorship_hr.report_columns import column

STATUSES = ("Active", "Paused", "Completed", "Ended Early")  # pairings that ran
MENTORS, MENTEES, OTHERS = "mentors", "mentees", "others"


def group_labels() -> dict:
	return {MENTORS: _("Mentors"), MENTEES: _("Mentees"), OTHERS: _("Non-participants")}


def execute(filters=None):
	check_program_manager()
	filters = frappe._dict(filters or {})
	if not (filters.company and filters.from_date and filters.to_date):
		return columns(), [], _("Pick a company and a period.")
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	problem = filter_problem(filters, start, end)
	if problem:
		return columns(), [], problem

	employees = employed_on(filters.company, start)
	mentors, mentees = participants(filters, start, end, set(employees))
	groups = {MENTORS: mentors, MENTEES: mentees, OTHERS: set(employees) - mentors - mentees}
	retained = {e for e, row in employees.items() if impact.retained(row.status, row.relieving_date, end)}
	promoted = promoted_in(filters.company, start, end)
	scores = appraisal_scores(filters.company, start, end, filters.appraisal_cycle)

	sought = skills_sought(filters, mentees)
	evaluations = skill_evaluations(filters.company, set().union(*sought.values()), end)
	rows = [
		*rate_rows(_("Retention (%)"), groups, retained),
		*rate_rows(_("Promotion (%)"), groups, promoted),
		*score_rows(_("Appraisal Final Score"), groups, scores),
		*growth_rows(groups, sought, evaluations, start, end),
	]
	return columns(), rows, message(groups, filters.company, start), chart(rows)


def filter_problem(filters, start, end) -> str | None:
	"""What is wrong with the filters, said rather than thrown: a throw inside a script report
	leaves Frappe's 15-second watcher running, and it then turns the report into a prepared one."""
	if start > end:
		return _("From Date must be on or before To Date.")
	if (
		filters.program
		and frappe.db.get_value("Mentoring Program", filters.program, "company") != filters.company
	):
		return _("Program {0} is not a program of {1}.").format(
			frappe.bold(escape_html(filters.program)), frappe.bold(escape_html(filters.company))
		)
	return None


# Data: one query each


def employed_on(company: str, day) -> dict:
	"""The company's employees employed on the day, by name."""
	rows = frappe.get_all(
		"Employee",
		filters={"company": company, "date_of_joining": ("<=", day)},
		fields=["name", "status", "date_of_joining", "relieving_date"],
	)
	return {r.name: r for r in rows if impact.employed_on(r.date_of_joining, r.relieving_date, day)}


def participants(filters, start, end, employed: set) -> tuple[set, set]:
	"""Mentors and mentees of pairings that ran during the period, among the employed."""
	program_filters = {"company": filters.company}
	if filters.program:
		program_filters["name"] = filters.program
	programs = dict(
		frappe.get_all(
			"Mentoring Program", filters=program_filters, fields=["name", "start_date"], as_list=True
		)
	)
	mentors, mentees = set(), set()
	if not programs:
		return mentors, mentees
	pairings = frappe.get_all(
		"Mentoring Pairing",
		filters={"program": ("in", list(programs)), "status": ("in", STATUSES)},
		fields=["program", "mentor", "mentee", "start_date", "end_date"],
	)
	for p in pairings:
		# no start date: from the program's start; no end date: still running today
		began = getdate(p.start_date or programs[p.program])
		if impact.overlaps(began, getdate(p.end_date or today()), start, end):
			mentors.add(p.mentor)
			mentees.add(p.mentee)
	return mentors & employed, mentees & employed


def promoted_in(company: str, start, end) -> set:
	"""Employees of the company with a submitted promotion dated within the period."""
	Promotion, Employee = frappe.qb.DocType("Employee Promotion"), frappe.qb.DocType("Employee")
	return set(
		frappe.qb.from_(Promotion)
		.join(Employee)
		.on(Employee.name == Promotion.employee)
		.select(Promotion.employee)
		.distinct()
		.where(
			(Employee.company == company)
			& (Promotion.docstatus == 1)
			& Promotion.promotion_date.between(start, end)
		)
		.run(pluck=True)
	)


def appraisal_scores(company: str, start, end, cycle: str | None = None) -> dict:
	"""Each employee's mean final score over their submitted appraisals in the cycle, or else
	overlapping the period (by the appraisal's dates, or its cycle's when it has none)."""
	Appraisal, Cycle = frappe.qb.DocType("Appraisal"), frappe.qb.DocType("Appraisal Cycle")
	Employee = frappe.qb.DocType("Employee")
	query = (
		frappe.qb.from_(Appraisal)
		.join(Employee)
		.on(Employee.name == Appraisal.employee)
		.left_join(Cycle)
		.on(Cycle.name == Appraisal.appraisal_cycle)
		.select(Appraisal.employee, Appraisal.final_score)
		.where((Employee.company == company) & (Appraisal.docstatus == 1) & Appraisal.final_score.isnotnull())
	)
	if cycle:
		query = query.where(Appraisal.appraisal_cycle == cycle)
	else:
		began = Coalesce(Appraisal.start_date, Cycle.start_date)
		ended = Coalesce(Appraisal.end_date, Cycle.end_date)
		query = query.where((began <= end) & (ended >= start))
	found = defaultdict(list)
	for employee, score in query.run():
		found[employee].append(float(score))
	return {employee: sum(values) / len(values) for employee, values in found.items()}


def skills_sought(filters, mentees: set) -> dict[str, set]:
	"""The skills each of the mentees seeks in the company's programs (or the one picked)."""
	Item, Participant = frappe.qb.DocType("Mentoring Skill Item"), frappe.qb.DocType("Mentoring Participant")
	Program = frappe.qb.DocType("Mentoring Program")
	query = (
		frappe.qb.from_(Item)
		.join(Participant)
		.on((Participant.name == Item.parent) & (Item.parenttype == "Mentoring Participant"))
		.join(Program)
		.on(Program.name == Participant.program)
		.select(Participant.employee, Item.skill)
		.where(
			(Item.parentfield == "skills_sought")
			& (Participant.role == "Mentee")
			& (Program.company == filters.company)
			& Participant.employee.isin(list(mentees) or [""])
		)
	)
	if filters.program:
		query = query.where(Program.name == filters.program)
	found = defaultdict(set)
	for employee, skill in query.run():
		found[employee].add(skill)
	return dict(found)


def skill_evaluations(company: str, skills: set, end) -> dict[str, dict[str, list]]:
	"""The company's employees' Skill Map evaluations of these skills up to the end, as
	{employee: {skill: [(date, stars)]}}."""
	Skill, Employee = frappe.qb.DocType("Employee Skill"), frappe.qb.DocType("Employee")
	rows = (
		frappe.qb.from_(Skill)
		.join(Employee)
		.on((Employee.name == Skill.parent) & (Skill.parenttype == "Employee Skill Map"))
		.select(Skill.parent, Skill.skill, Skill.evaluation_date, Skill.proficiency)
		.where(
			(Employee.company == company)
			& Skill.skill.isin(list(skills) or [""])
			& (Skill.evaluation_date <= end)
		)
	).run()
	found = defaultdict(lambda: defaultdict(list))
	for employee, skill, on, proficiency in rows:
		found[employee][skill].append((getdate(on), stars(proficiency)))
	return found


# Rows


def rate_rows(metric: str, groups: dict, hits: set) -> list[dict]:
	return share_rows(metric, {key: (len(members & hits), len(members)) for key, members in groups.items()})


def score_rows(metric: str, groups: dict, scores: dict) -> list[dict]:
	return mean_rows(
		metric, {key: [scores[e] for e in sorted(members) if e in scores] for key, members in groups.items()}
	)


def growth_rows(groups: dict, sought: dict, evaluations: dict, start, end) -> list[dict]:
	"""Mentees' mean change in stars in the skills they seek, against non-participants' change in
	the same skills over the same dates; and the share whose gaps closed (reached 3 stars)."""
	scope = set().union(*sought.values())
	if not scope:
		return []
	# a mentee is measured on the skills they seek; anyone else on those of them their Skill Map rates
	skills_of = {MENTEES: lambda e: sought.get(e, ()), OTHERS: lambda e: scope & set(evaluations.get(e, {}))}

	def measured(group, measure):
		found = (
			measure(evaluations.get(e, {}), skills_of[group](e), start, end) for e in sorted(groups[group])
		)
		return [v for v in found if v is not None]

	change = {group: measured(group, impact.skill_change) for group in (MENTEES, OTHERS)}
	closed = {group: measured(group, impact.gaps_closed) for group in (MENTEES, OTHERS)}
	return [
		*mean_rows(_("Skill Growth (stars)"), change),
		*share_rows(_("Skill Gaps Closed (%)"), {g: (sum(v), len(v)) for g, v in closed.items()}),
	]


def share_rows(metric: str, counts: dict[str, tuple[int, int]]) -> list[dict]:
	"""A rate per group (k of n), each against the non-participants'."""
	k0, n0 = counts[OTHERS]
	return [
		row(
			metric, key, impact.rate(k, n), None if key == OTHERS else impact.compare_rates(k, n, k0, n0), 100
		)
		for key, (k, n) in counts.items()
	]


def mean_rows(metric: str, values: dict[str, list[float]]) -> list[dict]:
	"""A mean per group, each against the non-participants'."""
	base = values[OTHERS]
	return [
		row(metric, key, impact.mean_score(v), None if key == OTHERS else impact.compare_means(v, base), 1)
		for key, v in values.items()
	]


def row(metric: str, group: str, estimate, comparison, scale: float) -> dict:
	def scaled(value):
		return None if value is None else value * scale

	out = {
		"metric": metric,
		"group": group_labels()[group],
		"employees": estimate.n,
		"value": scaled(estimate.value),
		"ci_low": scaled(estimate.low),
		"ci_high": scaled(estimate.high),
		"difference": None,
		"p_value": None,
		"significant": None,
	}
	if comparison:
		out["difference"] = scaled(comparison.difference)
		out["p_value"] = comparison.p_value
		if comparison.significant is not None:
			out["significant"] = _("Yes") if comparison.significant else _("No")
	return out


def columns():
	return [
		column("metric", _("Metric"), "Data", 190),
		column("group", _("Group"), "Data", 140),
		column("employees", _("Employees (n)"), "Int", 120),
		column("value", _("Value"), "Float", 100, precision=2),
		column("ci_low", _("95% CI Low"), "Float", 110, precision=2),
		column("ci_high", _("95% CI High"), "Float", 110, precision=2),
		column("difference", _("Difference vs Non-participants"), "Float", 210, precision=2),
		column("p_value", _("p-value"), "Float", 100, precision=4),
		column("significant", _("Significant"), "Data", 100),
	]


def message(groups: dict, company: str, start) -> str:
	return "<br>".join(
		[
			_("Mentors: {0}. Mentees: {1}. Non-participants: {2}.").format(
				len(groups[MENTORS]), len(groups[MENTEES]), len(groups[OTHERS])
			),
			_(
				"Everyone counted, participants included, was an employee of {0} on {1}; an employee who both mentors and is mentored counts in both groups."
			).format(escape_html(company), formatdate(start)),
			_(
				"These are correlations, not causes: employees who join mentoring may differ from those who do not."
			),
			_(
				"Small groups give wide intervals. Groups of fewer than 2 get no interval or test, and a difference is marked significant only when p < 0.05."
			),
		]
	)


def chart(rows: list[dict]) -> dict:
	"""Each metric's value per group: rates in percent, the score as it is."""
	metrics = list(dict.fromkeys(r["metric"] for r in rows))
	value = {(r["metric"], r["group"]): r["value"] or 0 for r in rows}  # skill rows have no mentors
	return {
		"data": {
			"labels": metrics,
			"datasets": [
				{"name": label, "values": [value.get((m, label), 0) for m in metrics]}
				for label in group_labels().values()
			],
		},
		"type": "bar",
	}
