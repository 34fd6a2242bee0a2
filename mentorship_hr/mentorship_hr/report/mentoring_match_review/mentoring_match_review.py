# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt
"""The program manager's review of proposed and requested pairs before they go live."""

import frappe
from frappe import _

from mentorship_hr.permissions import check_program_manager
from mentorship_hr.report_columns import column


def execute(filters=None):
	check_program_manager()
	filters = frappe._dict(filters or {})
	if not filters.program:
		return columns(), [], _("Pick a program to review its proposals and waitlist.")
	statuses = [filters.status] if filters.status else ["Proposed", "Requested"]
	rows = frappe.get_all(
		"Mentoring Pairing",
		filters={"program": filters.program, "status": ("in", statuses)},
		fields=[
			"name as pairing",
			"status",
			"source",
			"mentee",
			"mentee_name",
			"mentee_department",
			"mentor",
			"mentor_name",
			"mentor_department",
			"match_score",
			"match_reasons",
		],
		order_by="match_score desc, name",
	)
	waitlisted = frappe.get_all(
		"Mentoring Participant",
		filters={"program": filters.program, "role": "Mentee", "status": "Waitlisted"},
		fields=[
			"employee as mentee",
			"employee_name as mentee_name",
			"department as mentee_department",
			"waitlist_reason as match_reasons",
		],
	)
	for row in waitlisted:
		row.update({"status": _("Waitlisted"), "match_reasons": row.match_reasons or _("Not matched yet")})
	return columns(), rows + waitlisted, None, chart(rows, waitlisted)


def columns():
	# names first: people review pairs of people, the record's ID comes last
	return [
		column("mentee_name", _("Mentee"), "Data", 160),
		column("mentee_department", _("Mentee's Department"), "Data", 150),
		column("mentor_name", _("Mentor"), "Data", 160),
		column("mentor_department", _("Mentor's Department"), "Data", 150),
		column("match_score", _("Score"), "Float", 80, precision=1),
		column("match_reasons", _("Why"), "Data", 520),
		column("status", _("Status"), "Data", 100),
		column("source", _("Source"), "Data", 120),
		column("pairing", _("Pairing"), "Link", 140, "Mentoring Pairing"),
	]


def chart(rows, waitlisted):
	bands = {_("80-100"): 0, _("60-80"): 0, _("40-60"): 0, _("0-40"): 0}
	for row in rows:
		score = row.match_score or 0
		band = 0 if score >= 80 else 1 if score >= 60 else 2 if score >= 40 else 3
		bands[list(bands)[band]] += 1
	return {
		"data": {
			"labels": [*bands, _("Waitlisted")],
			"datasets": [{"name": _("Mentees"), "values": [*bands.values(), len(waitlisted)]}],
		},
		"type": "bar",
		"valuesOverPoints": 1,  # whole mentees over each bar, not fractional axis ticks
		"axisOptions": {"xIsSeries": 0, "shortenYAxisNumbers": 1},
	}
