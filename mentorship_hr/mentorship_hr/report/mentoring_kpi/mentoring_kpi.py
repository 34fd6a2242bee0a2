# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt
"""How each person is scoring: one row per employee, role, program and appraisal cycle, from the
Mentoring Scores, with each component's value and weight ("n/a" where it does not apply) and the
HRMS Goal and Appraisal that carry the score. Rows follow the Mentoring Score's row rules."""

import frappe
from frappe import _
from frappe.utils import flt

from mentorship_hr.domain import kpi
from mentorship_hr.report_columns import column

COMPONENTS = ("cadence", "goal_progress", "mentee_feedback", "ownership", "mentor_assessment")
LABELS = {
	"cadence": "Check-in Cadence",
	"goal_progress": "Goal Progress",
	"mentee_feedback": "Mentee Feedback",
	"ownership": "Ownership",
	"mentor_assessment": "Mentor Assessment",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {}
	for field in ("program", "appraisal_cycle", "role", "employee"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	if filters.company:
		conditions["program"] = (
			"in",
			[
				p
				for p in frappe.get_all("Mentoring Program", {"company": filters.company}, pluck="name")
				if not filters.program or p == filters.program
			]
			or [""],
		)
	fields = ["name", "employee", "employee_name", "role", "program", "appraisal_cycle", "score"]
	fields += ["not_yet_scored", "first_period_ends", "hrms_goal", "counted_checkins", "expected_checkins"]
	fields += ["pairings", "circles"]
	for c in COMPONENTS:
		fields += [c, f"{c}_weight", f"{c}_applies"]
	scores = frappe.get_list(
		"Mentoring Score", filters=conditions, fields=fields, order_by="program, employee_name, role"
	)
	appraisal = appraisals(scores)
	data = []
	for s in scores:
		row = {
			"score_name": s.name,
			**{k: s[k] for k in ("employee", "employee_name", "role", "program", "appraisal_cycle")},
			"score": None if s.not_yet_scored else s.score,
			"status": _("Not yet scored: the first period ends on {0}").format(
				frappe.format(s.first_period_ends, "Date")
			)
			if s.not_yet_scored
			else _("Scored"),
			# nothing is expected in a first period: the score waits for it (not yet scored)
			"checkins": f"{s.counted_checkins or 0} / {s.expected_checkins or _('n/a')}",
			"pairings": s.pairings,
			"circles": s.circles,
			"hrms_goal": s.hrms_goal,
			"appraisal": appraisal.get((s.employee, s.appraisal_cycle)),
		}
		for c in COMPONENTS:
			if c not in kpi.COMPONENTS.get(s.role, ()):
				continue  # not a component of this role: left blank
			weight = f"{flt(s[f'{c}_weight'], 1):g}"
			row[c] = (
				_("{0}% (weight {1})").format(flt(s[c], 1), weight)
				if s[f"{c}_applies"]
				else _("n/a (weight {0})").format(weight)
			)
		data.append(row)
	return columns(), data


def appraisals(scores) -> dict:
	"""The HRMS Appraisal of each employee and cycle, where the viewer may read it."""
	if not frappe.has_permission("Appraisal", "read"):
		return {}
	rows = frappe.get_list(
		"Appraisal",
		filters={
			"employee": ("in", list({s.employee for s in scores}) or [""]),
			"appraisal_cycle": ("in", list({s.appraisal_cycle for s in scores}) or [""]),
			"docstatus": ("!=", 2),
		},
		fields=["name", "employee", "appraisal_cycle"],
	)
	return {(r.employee, r.appraisal_cycle): r.name for r in rows}


def columns():
	return [
		column("employee", _("Employee"), "Link", 120, "Employee"),
		column("employee_name", _("Employee Name"), width=160),
		column("role", _("Role"), width=80),
		column("program", _("Program"), "Link", 140, "Mentoring Program"),
		column("appraisal_cycle", _("Appraisal Cycle"), "Link", 140, "Appraisal Cycle"),
		column("score", _("Score"), "Float", 80),
		column("status", _("Status"), width=160),
		column("checkins", _("Check-ins Counted / Expected"), width=120),
		column("pairings", _("Pairings"), "Int", 80),
		column("circles", _("Circles"), "Int", 80),
		*[column(c, _(LABELS[c]), width=150) for c in COMPONENTS],
		column("hrms_goal", _("HRMS Goal"), "Link", 120, "Goal"),
		column("appraisal", _("Appraisal"), "Link", 140, "Appraisal"),
		column("score_name", _("Mentoring Score"), "Link", 140, "Mentoring Score"),
	]
