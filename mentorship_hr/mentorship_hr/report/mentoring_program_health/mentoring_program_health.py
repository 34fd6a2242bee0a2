# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt
"""Who needs help: one row per pairing with its health, cadence, goals, surveys and managers, and
one per circle with its health, cadence and goals.

Rows follow the pairing's and the circle's row rules (a manager sees their reports' pairings, the pair their own).
Survey ratings are shown to program managers and HR, and to the pair on their own pairing;
never to managers. Failed fit checks (survey answers) are shown to program managers and HR only.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from mentorship_hr.domain.briefing import HEALTHS
from mentorship_hr.domain.workshop import share_prepared
from mentorship_hr.engagement import workshop
from mentorship_hr.engagement.digests import circle_facts, pairing_facts
from mentorship_hr.engagement.surveys import latest_ratings
from mentorship_hr.matching.circle_rules import members_by_circle
from mentorship_hr.permissions import is_program_manager
from mentorship_hr.report_columns import PAIRING_SUMMARY, column

FIELDS = [
	*PAIRING_SUMMARY,
	"title",
	"mentor_manager_name",
	"mentee_manager_name",
	"last_checkin_date",
	"next_checkin_due",
	"mentor_manager_ack_on",
	"mentee_manager_ack_on",
]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	start, end = period(filters)
	pairings = frappe.get_list(
		"Mentoring Pairing", filters=pairing_filters(filters, end), fields=FIELDS, order_by="program, title"
	)
	pairings = [p for p in pairings if not start or not p.end_date or getdate(p.end_date) >= getdate(start)]
	today = getdate(nowdate())
	attended = workshop.attendance(pairings)
	facts = pairing_facts(pairings, today, attended)
	ratings = survey_ratings(pairings)
	staff = is_program_manager()
	data = []
	for p in pairings:
		f = facts[p.name]
		data.append(
			{
				**p,
				"pairing": p.name,
				"checkins_held": f.held,
				"checkins_expected": f.expected,
				"goal_progress": f.goal_progress,
				"workshop": workshop.describe(attended.get(p.name)),
				**({"fit_failed": int(f.fit_failed)} if staff else {}),
				**ratings.get(p.name, {}),
			}
		)
	pairing_rows = list(data)
	data += circle_rows(filters, start, end, today)
	return columns(staff), data, None, chart(pairing_rows), summary(attended)


def circle_rows(filters, start, end, today) -> list[dict]:
	"""One row per circle the viewer reads (the circle's row rules), with its health and sessions
	held against expected, and its members' goal progress; a circle has no survey columns."""
	circles = frappe.get_list(
		"Mentoring Circle",
		filters=pairing_filters(filters, end),
		fields=[
			"name",
			"title",
			"program",
			"status",
			"lead_mentor_name",
			"co_mentor_name",
			"health",
			"health_reason",
			"start_date",
			"end_date",
		],
		order_by="program, title",
	)
	circles = [c for c in circles if not start or not c.end_date or getdate(c.end_date) >= getdate(start)]
	if not circles:
		return []
	found = circle_facts(today, sorted({c.program for c in circles}))
	members = members_by_circle([c.name for c in circles])
	rows = []
	for c in circles:
		f = found.facts.get(c.name)
		rows.append(
			{
				"circle": c.name,
				"program": c.program,
				"status": c.status,
				"mentor_name": ", ".join(n for n in (c.lead_mentor_name, c.co_mentor_name) if n),
				"mentee_name": _("{0} ({1} members)").format(c.title, len(members.get(c.name, ()))),
				"health": c.health,
				"health_reason": c.health_reason,
				"checkins_held": f.held if f else None,
				"checkins_expected": f.expected if f else None,
				"goal_progress": f.goal_progress if f else None,
			}
		)
	return rows


def summary(attended: dict) -> list[dict]:
	"""The share of pairings prepared by the launch workshop, where a program held one."""
	share = share_prepared([sides["prepared"] for sides in attended.values()])
	if share is None:
		return []
	return [
		{
			"value": share,
			"label": _("Prepared: both sides attended the launch workshop"),
			"datatype": "Percent",
			"indicator": "Green" if share >= 80 else "Orange",
		}
	]


def period(filters):
	"""The dates the pairings must overlap: the appraisal cycle's, or From and To Date."""
	if filters.appraisal_cycle:
		return frappe.db.get_value("Appraisal Cycle", filters.appraisal_cycle, ["start_date", "end_date"])
	return filters.from_date, filters.to_date


def pairing_filters(filters, end) -> list:
	result = [["status", "=", filters.status or "Active"]]
	if filters.program:
		result.append(["program", "=", filters.program])
	if filters.company:
		programs = frappe.get_all("Mentoring Program", {"company": filters.company}, pluck="name")
		result.append(["program", "in", programs or [""]])
	if filters.health:
		result.append(["health", "=", filters.health])
	if end:
		result.append(["start_date", "<=", end])
	return result


def survey_ratings(pairings) -> dict:
	"""The latest overall rating from each side, for the viewers allowed to see it."""
	return {
		name: {f"{role.lower()}_rating": r.rating for role, r in sides.items()}
		for name, sides in latest_ratings(pairings).items()
	}


def columns(staff: bool):
	return [
		column("pairing", _("Pairing"), "Link", 140, "Mentoring Pairing"),
		column("circle", _("Circle"), "Link", 140, "Mentoring Circle"),
		column("program", _("Program"), "Link", 140, "Mentoring Program"),
		column("mentor_name", _("Mentor"), width=150),
		column("mentee_name", _("Mentee"), width=150),
		column("health", _("Health"), width=120),
		column("health_reason", _("Why"), width=200),
		column("last_checkin_date", _("Last Check-in"), "Date", 110),
		column("next_checkin_due", _("Next Check-in Due"), "Date", 120),
		column("checkins_held", _("Check-ins Held"), "Int", 110),
		column("checkins_expected", _("Check-ins Expected"), "Int", 130),
		column("goal_progress", _("Goal Progress (%)"), "Float", 120),
		column("workshop", _("Launch Workshop"), width=160),
		column("mentee_rating", _("Mentee's Latest Rating (of 5)"), "Float", 120),
		column("mentor_rating", _("Mentor's Latest Rating (of 5)"), "Float", 120),
		# a survey answer: program managers and HR only
		*([column("fit_failed", _("Fit Check Failed"), "Check", 110)] if staff else []),
		column("mentor_manager_name", _("Mentor's Manager"), width=150),
		column("mentor_manager_ack_on", _("Acknowledged (Mentor's Manager)"), "Date", 130),
		column("mentee_manager_name", _("Mentee's Manager"), width=150),
		column("mentee_manager_ack_on", _("Acknowledged (Mentee's Manager)"), "Date", 130),
		column("status", _("Status"), width=90),
	]


def chart(data):
	counts = [sum(1 for row in data if row["health"] == h) for h in HEALTHS]
	return {
		"data": {"labels": [_(h) for h in HEALTHS], "datasets": [{"name": _("Pairings"), "values": counts}]},
		"type": "donut",
		"colors": ["#29cd42", "#ffa00a", "#e24c4c"],
	}
