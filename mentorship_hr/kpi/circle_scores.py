"""What the score sync reads of a program's circles (docs/design.md §3, "Circles"): the circles,
their people, their check-ins with who attended, and the members' goals, in a fixed number of
queries."""

import frappe
from frappe.utils import flt, getdate

from mentorship_hr.domain import kpi
from mentorship_hr.kpi.checkin_reads import submitted_checkins
from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of


def load_circles(programs, data) -> set[str]:
	"""Fill data.circles_by_program with the programs' scored circles as the KPI reads them, and
	return the employees in them."""
	circles = frappe.get_all(
		"Mentoring Circle",
		filters={
			"program": ("in", [p.name for p in programs]),
			"status": ("in", kpi.SCORED_STATUSES),
			"start_date": ("is", "set"),
		},
		fields=["name", "program", "lead_mentor", "co_mentor", "start_date", "end_date"],
	)
	if not circles:
		return set()
	names = [c.name for c in circles]
	members = members_by_circle(names)
	checkins = _checkins(names)
	goals = {}
	for g in frappe.get_all(
		"Mentoring Goal",
		filters={"circle": ("in", names)},
		fields=["circle", "mentee", "progress", "status", "mentor_rating"],
	):
		goal = kpi.Goal(progress=flt(g.progress), status=g.status, mentor_rating=g.mentor_rating or None)
		goals.setdefault(g.circle, []).append((g.mentee, goal))
	people = set()
	for c in circles:
		mentors = tuple(mentors_of(c))
		held = checkins.get(c.name, [])
		data.circles_by_program.setdefault(c.program, []).append(
			kpi.Circle(
				name=c.name,
				mentors=mentors,
				members=tuple(members.get(c.name, ())),
				start_date=getdate(c.start_date),
				end_date=getdate(c.end_date) if c.end_date else None,
				checkins=tuple(r.checkin for r in held),
				attended=tuple(r.attended for r in held),
				logged_by=tuple(r.logger for r in held),
				goals=tuple(goals.get(c.name, ())),
			)
		)
		people |= set(mentors) | set(members.get(c.name, ()))
	return people


def _checkins(circles: list[str]) -> dict[str, list[frappe._dict]]:
	"""Each circle's submitted check-ins, with who attended and the employee who logged it (the
	logger's employee record that attended)."""
	rows = submitted_checkins("circle", circles)
	if not rows:
		return {}
	attended = {}
	for a in frappe.get_all(
		"Mentoring Check-in Attendee",
		filters={"parenttype": "Mentoring Check-in", "parent": ("in", [r.name for r in rows]), "present": 1},
		fields=["parent", "employee"],
	):
		attended.setdefault(a.parent, set()).add(a.employee)
	employees_of_user = {}
	for e in frappe.get_all(
		"Employee",
		filters={"user_id": ("in", list({r.logged_by for r in rows if r.logged_by}) or [""])},
		fields=["name", "user_id"],
	):
		employees_of_user.setdefault(e.user_id, set()).add(e.name)
	result = {}
	for r in rows:
		r.attended = frozenset(attended.get(r.name, ()))
		r.logger = next(iter(sorted(employees_of_user.get(r.logged_by, set()) & r.attended)), None)
		result.setdefault(r.link, []).append(r)
	return result
