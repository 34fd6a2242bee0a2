"""Placing a program's approved mentees into its circles, and publishing the circles
(docs/design.md §4b). Reads the pool in batches and hands it to the pure placing code."""

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.domain.circles import Circle, place
from mentorship_hr.domain.matching import Person, Rules, level_from_designation
from mentorship_hr.engagement import health_service
from mentorship_hr.matching.bulk_matching import (
	POOL_STATUSES,
	PROFILE_FIELDS,
	made_active,
	match_weights_of,
	profiles,
)
from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of
from mentorship_hr.matching.pairing_rules import reporting_map, reverse_gap_of

PLACED_INTO = ("Proposed", "Active")  # circles that take new members


def load_circles(program) -> tuple[list[Circle], list[Person]]:
	"""The program's circles that take members, as the placing code reads them, and the approved
	mentees in no open circle yet; in a fixed number of queries."""
	rows = frappe.get_all(
		"Mentoring Circle",
		filters={"program": program.name, "status": ("in", PLACED_INTO)},
		fields=["name", "status", "lead_mentor", "co_mentor"],
		order_by="name",
	)
	names = [r.name for r in rows]
	members, topics = members_by_circle(names + _paused(program)), {}
	for t in frappe.get_all(
		"Mentoring Skill Item",
		filters={"parenttype": "Mentoring Circle", "parent": ("in", names or [""])},
		fields=["parent", "skill"],
	):
		topics.setdefault(t.parent, set()).add(t.skill.lower())
	participants = frappe.get_all(
		"Mentoring Participant",
		filters={"program": program.name, "status": ("in", POOL_STATUSES)},
		fields=PROFILE_FIELDS,
	)
	people = profiles(participants)
	mentor_ids = {e for r in rows for e in mentors_of(r)}
	unenrolled = _plain_profiles(mentor_ids - {e for e, role in people if role == "Mentor"})
	circles = [
		Circle(
			name=r.name,
			mentors=tuple(people.get((e, "Mentor")) or unenrolled[e] for e in mentors_of(r)),
			topic=frozenset(topics.get(r.name, ())),
			places=max(0, (program.circle_size or 0) - len(members.get(r.name, ()))),
			members=len(members.get(r.name, ())),
			min_members=(program.circle_min_fill or 0) if r.status == "Proposed" else 0,
		)
		for r in rows
	]
	placed = {e for es in members.values() for e in es}
	mentees = [p for (e, role), p in people.items() if role == "Mentee" and e not in placed]
	return circles, mentees


def _paused(program) -> list[str]:
	return frappe.get_all(
		"Mentoring Circle", filters={"program": program.name, "status": "Paused"}, pluck="name"
	)


def _plain_profiles(employees) -> dict[str, Person]:
	rows = frappe.get_all(
		"Employee",
		filters={"name": ("in", list(employees) or [""])},
		fields=["name", "employee_name", "department", "designation"],
	)
	return {
		r.name: Person(r.name, r.employee_name, r.department, level_from_designation(r.designation))
		for r in rows
	}


def run_circle_matching(program) -> dict:
	"""Place the program's approved mentees in no circle yet into its Proposed and Active circles."""
	circles, mentees = load_circles(program)
	rules = Rules(
		reports_to=reporting_map(
			[p.employee for c in circles for p in c.mentors] + [m.employee for m in mentees]
		),
		exclude_reporting_line=bool(program.exclude_reporting_line),
		exclude_same_department=bool(program.exclude_same_department),
		require_skill_overlap=bool(program.require_skill_overlap),
		min_score=program.min_match_score or 0.0,
		reverse_gap=reverse_gap_of(program),
	)
	placements, left, short = place(circles, mentees, rules, match_weights_of(program))
	by_circle = {}
	for p in placements:
		by_circle.setdefault(p.circle, []).append(p)
	for name in sorted(by_circle):  # only the circles that take someone are saved, each re-checked
		doc = frappe.get_doc("Mentoring Circle", name)
		for p in by_circle[name]:
			doc.append(
				"members",
				{"employee": p.mentee, "match_score": p.score, "match_reasons": "; ".join(p.reasons)},
			)
		doc.flags.actor = transitions.SYSTEM
		doc.save(ignore_permissions=True)
	if program.format == "Circles":  # no one-to-one matching to wait for: those left wait, with why
		_waitlist(program, left, _("no circle with a free place fits"))
	return {
		"placed": {name: [p.mentee for p in rows] for name, rows in by_circle.items()},
		"left": left,
		"short": short,
	}


def _waitlist(program, employees: list[str], reason: str):
	if employees:
		Participant = frappe.qb.DocType("Mentoring Participant")
		frappe.qb.update(Participant).set(Participant.status, "Waitlisted").set(
			Participant.waitlist_reason, reason
		).where(
			(Participant.program == program.name)
			& (Participant.role == "Mentee")
			& Participant.employee.isin(employees)
		).run()


def publish_circles(program: str) -> dict:
	"""Start every Proposed circle of the program that has its minimum of members, re-checking
	every rule; one that breaks a rule or is short stays Proposed and is reported."""
	minimum = frappe.db.get_value("Mentoring Program", program, "circle_min_fill") or 1
	published, failed = [], []
	with health_service.deferred():
		for name in frappe.get_all(
			"Mentoring Circle",
			filters={"program": program, "status": "Proposed"},
			pluck="name",
			order_by="name",
		):
			doc = frappe.get_doc("Mentoring Circle", name)
			if len(doc.members) < minimum:
				failed.append(
					{
						"circle": name,
						"reason": _("{0} of the {1} members it needs").format(len(doc.members), minimum),
					}
				)
				continue
			if made_active(doc, failed, "circle"):
				published.append(name)
	return {"published": published, "failed": failed}
