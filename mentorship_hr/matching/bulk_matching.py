"""Bulk matching of a program's approved mentees to its mentors, and publishing the result
(docs/design.md §4). Reads the pool in batches and hands it to the pure matching code."""

from dataclasses import replace

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.domain.matching import (
	Person,
	Rules,
	Weights,
	assign,
	compatibility,
	level_from_designation,
	parse_interests,
	waitlist_reason,
)
from mentorship_hr.engagement import health_service
from mentorship_hr.matching.pairing_rules import (
	OPEN_STATUSES,
	check_pairing_rules,
	reporting_map,
	reverse_gap_of,
)
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.skills.skill_map import ratings_of

POOL_STATUSES = ("Approved", "Matched", "Waitlisted")
# pairs in these states are not proposed or requested again: waiting, declined, expired, or ended early
NOT_AGAIN_STATUSES = ("Requested", "Declined", "Expired", "Ended Early")


def match_weights_of(program) -> Weights:
	return Weights(
		skills=program.match_weight_skills or 0,
		interests=program.match_weight_interests or 0,
		cross_department=program.match_weight_cross_department or 0,
		seniority=program.match_weight_seniority or 0,
		reverse=bool(program.reverse_mentoring),
	)


PROFILE_FIELDS = ["name", "employee", "employee_name", "role", "capacity", "interests", "department"]


def profiles(participants) -> dict[tuple[str, str], Person]:
	"""A matching profile for each enrollment, keyed by (employee, role), read in four queries.
	A mentor's capacity is their own, or the program's maximum; free places are counted by the caller.
	A mentor's skills carry their Skill Map stars, which weigh in the score."""
	skills = {}
	for row in frappe.get_all(
		"Mentoring Skill Item",
		filters={
			"parent": ("in", [p.name for p in participants] or [""]),
			"parenttype": "Mentoring Participant",
		},
		fields=["parent", "parentfield", "skill"],
	):
		skills.setdefault((row.parent, row.parentfield), set()).add(row.skill.lower())
	designations = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", [p.employee for p in participants] or [""])},
			fields=["name", "designation"],
			as_list=True,
		)
	)
	stars = ratings_of([p.employee for p in participants if p.role == "Mentor"])
	return {
		(p.employee, p.role): Person(
			employee=p.employee,
			name=p.employee_name,
			department=p.department,
			level=level_from_designation(designations.get(p.employee)),
			skills=frozenset(
				skills.get((p.name, "skills_offered" if p.role == "Mentor" else "skills_sought"), ())
			),
			interests=parse_interests(p.interests),
			capacity=p.capacity or 0,
			ratings=tuple((s.lower(), n) for s, n in stars.get(p.employee, {}).items())
			if p.role == "Mentor"
			else (),
		)
		for p in participants
	}


def load_pool(program) -> frappe._dict:
	"""Mentors with free places, mentees without an open pairing, and the rules between them."""
	participants = frappe.get_all(
		"Mentoring Participant",
		filters={"program": program.name, "status": ("in", POOL_STATUSES)},
		fields=PROFILE_FIELDS,
	)
	people = profiles(participants)
	# open and requested pairs, and pairs that ended early, are not proposed again
	known_pairings = frappe.get_all(
		"Mentoring Pairing",
		filters={"program": program.name, "status": ("in", [*OPEN_STATUSES, *NOT_AGAIN_STATUSES])},
		fields=["mentor", "mentee", "status"],
	)
	employees = [p.employee for p in participants]
	load, taken = {}, set()
	for p in known_pairings:
		if p.status in OPEN_STATUSES:
			load[p.mentor] = load.get(p.mentor, 0) + 1
			taken.add(p.mentee)

	mentors = [
		replace(
			person,
			capacity=(person.capacity or program.max_mentees_per_mentor) - load.get(person.employee, 0),
		)
		for (_employee, role), person in people.items()
		if role == "Mentor"
	]
	mentees = [
		person for (employee, role), person in people.items() if role == "Mentee" and employee not in taken
	]
	active_anywhere = frappe.get_all(
		"Mentoring Pairing",
		filters={"status": "Active", "mentee": ("in", [m.employee for m in mentees] or [""])},
		fields=["mentor", "mentee"],
		as_list=True,
	)
	rules = Rules(
		reports_to=reporting_map(employees),
		exclude_reporting_line=bool(program.exclude_reporting_line),
		exclude_same_department=bool(program.exclude_same_department),
		existing_pairs=frozenset(tuple(p) for p in active_anywhere)
		| frozenset((p.mentor, p.mentee) for p in known_pairings),
		require_skill_overlap=bool(program.require_skill_overlap),
		min_score=program.min_match_score or 0.0,
		reverse_gap=reverse_gap_of(program),
	)
	return frappe._dict(
		mentors=mentors,
		mentees=mentees,
		waiting=frozenset(p.mentee for p in known_pairings if p.status == "Requested"),
		rules=rules,
		participants={(p.employee, p.role): p.name for p in participants},
	)


def check_open_for_matching(program):
	if program.status not in ("Enrolling", "Active"):
		frappe.throw(
			_("Program {0} is {1}; matching needs an Enrolling or Active program.").format(
				program.name, _(program.status)
			)
		)


def run_matching(program) -> dict:
	"""Propose the best set of pairs for the program's unmatched mentees. Active and Proposed
	pairings stay as they are; only the gaps are filled."""
	check_open_for_matching(program)
	pool = load_pool(program)
	mentees = [m for m in pool.mentees if m.employee not in pool.waiting]  # they await their own pick
	matches, unmatched = assign(pool.mentors, mentees, pool.rules, match_weights_of(program))
	proposed = []
	for match in matches:
		doc = frappe.get_doc(
			{
				"doctype": "Mentoring Pairing",
				"program": program.name,
				"mentor": match.mentor,
				"mentee": match.mentee,
				"status": "Proposed",
				"source": "Bulk Match",
				"match_score": match.score,
				"match_reasons": "; ".join(match.reasons),
			}
		)
		doc.flags.actor = transitions.SYSTEM
		doc.insert(ignore_permissions=True)
		proposed.append(doc.name)
	# a proposal is not a match until it is published; those left over wait, with the reason
	_set_mentee_status(pool, [m.mentee for m in matches], "Approved")
	weights, left = match_weights_of(program), {m.employee: m for m in mentees}
	by_reason = {}
	for employee in unmatched:
		reason = waitlist_reason(left[employee], pool.mentors, pool.rules, weights)
		by_reason.setdefault(reason, []).append(employee)
	for reason, employees in by_reason.items():
		_set_mentee_status(pool, employees, "Waitlisted", _(reason))
	return {"proposed": proposed, "waitlisted": unmatched}


def _set_mentee_status(pool, employees: list[str], status: str, reason: str = ""):
	names = [pool.participants[(e, "Mentee")] for e in employees if (e, "Mentee") in pool.participants]
	if names:
		Participant = frappe.qb.DocType("Mentoring Participant")
		frappe.qb.update(Participant).set(Participant.status, status).set(
			Participant.waitlist_reason, reason
		).where(Participant.name.isin(names)).run()


def check_started(program: str):
	status = frappe.db.get_value("Mentoring Program", program, "status")
	if status != "Active":
		frappe.throw(
			_("Program {0} is {1}. Pairings go live once it starts: Start the program, then publish.").format(
				frappe.bold(program), _(status)
			),
			title=_("Program Not Started"),
		)


def publish(program: str) -> dict:
	"""Make every Proposed pairing of the program Active, re-checking every rule, and tell the
	pair and both managers. A pairing that breaks a rule stays Proposed and is reported. Pairings
	go live only in an Active program: before it starts, proposals wait."""
	check_started(program)
	published, failed = [], []
	names = frappe.get_all(
		"Mentoring Pairing", filters={"program": program, "status": "Proposed"}, pluck="name", order_by="name"
	)
	with health_service.deferred():
		for name in names:
			doc = frappe.get_doc("Mentoring Pairing", name)
			if made_active(doc, failed, "pairing"):
				announce(doc)
				published.append(name)
	return {"published": published, "failed": failed}


def made_active(doc, failed: list, key: str) -> bool:
	"""Make a Proposed pairing or circle Active, re-checking its rules; if it breaks one, nothing of
	it is written and `failed` says why."""
	frappe.db.savepoint("publish")
	try:
		doc.status = "Active"
		doc.save()
	except frappe.ValidationError as e:
		frappe.db.rollback(save_point="publish")
		frappe.clear_last_message()
		failed.append({key: doc.name, "reason": str(e)})
		return False
	return True


def announce(pairing):
	"""Tell the pair and both managers that the pairing is active, with the agreement and goals."""
	goals = frappe.get_all(
		"Mentoring Goal", filters={"pairing": pairing.name}, fields=["title", "target_date"]
	)
	users = [pairing.mentor_user, pairing.mentee_user, *manager_users([pairing.mentor, pairing.mentee])]
	notify(
		users,
		_("Mentoring pairing: {0}").format(pairing.title),
		pairing,
		"mentoring_pairing_active",
		goals=goals,
		cadence=frappe.db.get_value("Mentoring Program", pairing.program, "checkin_frequency_days"),
	)


def swap_mentors(a, b):
	"""Exchange the mentors of two stored Proposed pairings; both must still keep every rule."""
	if a.status != "Proposed" or b.status != "Proposed" or a.program != b.program:
		frappe.throw(_("Only two Proposed pairings of the same program can swap mentors."))
	a.mentor, b.mentor = b.mentor, a.mentor
	people = profiles(
		frappe.get_all(
			"Mentoring Participant",
			filters={"program": a.program, "employee": ("in", [a.mentor, b.mentor, a.mentee, b.mentee])},
			fields=PROFILE_FIELDS,
		)
	)
	weights = match_weights_of(frappe.get_cached_doc("Mentoring Program", a.program))
	for doc in (a, b):
		mentor, mentee = people.get((doc.mentor, "Mentor")), people.get((doc.mentee, "Mentee"))
		score, reasons = compatibility(mentor, mentee, weights) if mentor and mentee else (None, ())
		doc.match_score, doc.match_reasons = score, "; ".join(reasons)
	a.flags.ignore_pairing_rules = True  # half-swapped until b is saved; checked below
	a.save(ignore_permissions=True)
	b.save(ignore_permissions=True)
	check_pairing_rules(a)


def remove_proposal(doc):
	if doc.status != "Proposed":
		frappe.throw(_("Only a Proposed pairing can be removed."))
	frappe.delete_doc("Mentoring Pairing", doc.name)
	participant = frappe.db.get_value(
		"Mentoring Participant", {"program": doc.program, "employee": doc.mentee, "role": "Mentee"}
	)
	if participant:
		frappe.db.set_value("Mentoring Participant", participant, "status", "Approved")
