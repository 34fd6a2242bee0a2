"""Bulk matching of a program's approved mentees to its mentors, and publishing the result
(DESIGN.md §4). Reads the pool in batches and hands it to the pure matching code."""

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.domain.matching import (
	Person,
	Rules,
	Weights,
	assign,
	level_from_designation,
	parse_interests,
)
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.pairing_rules import OPEN_STATUSES, check_pairing_rules, reporting_map

POOL_STATUSES = ("Approved", "Matched", "Waitlisted")
# pairs in these states are not proposed or requested again: waiting, declined, expired, or ended early
NOT_AGAIN_STATUSES = ("Requested", "Declined", "Expired", "Ended Early")


def match_weights_of(program) -> Weights:
	return Weights(
		skills=program.match_weight_skills or 0,
		interests=program.match_weight_interests or 0,
		cross_department=program.match_weight_cross_department or 0,
		seniority=program.match_weight_seniority or 0,
	)


def load_pool(program) -> frappe._dict:
	"""Mentors with free places, mentees without an open pairing, and the rules between them."""
	participants = frappe.get_all(
		"Mentoring Participant",
		filters={"program": program.name, "status": ("in", POOL_STATUSES)},
		fields=["name", "employee", "employee_name", "role", "capacity", "interests", "department"],
	)
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
	# open and requested pairs, and pairs that ended early, are not proposed again
	known_pairings = frappe.get_all(
		"Mentoring Pairing",
		filters={"program": program.name, "status": ("in", [*OPEN_STATUSES, *NOT_AGAIN_STATUSES])},
		fields=["mentor", "mentee", "status"],
	)
	employees = [p.employee for p in participants]
	designations = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", employees or [""])},
			fields=["name", "designation"],
			as_list=True,
		)
	)
	load, taken = {}, set()
	for p in known_pairings:
		if p.status in OPEN_STATUSES:
			load[p.mentor] = load.get(p.mentor, 0) + 1
			taken.add(p.mentee)

	def person(p, skill_field, capacity=0):
		return Person(
			employee=p.employee,
			name=p.employee_name,
			department=p.department,
			level=level_from_designation(designations.get(p.employee)),
			skills=frozenset(skills.get((p.name, skill_field), ())),
			interests=parse_interests(p.interests),
			capacity=capacity,
		)

	mentors = [
		person(p, "skills_offered", (p.capacity or program.max_mentees_per_mentor) - load.get(p.employee, 0))
		for p in participants
		if p.role == "Mentor"
	]
	mentees = [
		person(p, "skills_sought") for p in participants if p.role == "Mentee" and p.employee not in taken
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
	)
	return frappe._dict(
		mentors=mentors,
		mentees=mentees,
		waiting=frozenset(p.mentee for p in known_pairings if p.status == "Requested"),
		rules=rules,
		participants={(p.employee, p.role): p.name for p in participants},
	)


def run_matching(program) -> dict:
	"""Propose the best set of pairs for the program's unmatched mentees. Active and Proposed
	pairings stay as they are; only the gaps are filled."""
	if program.status not in ("Enrolling", "Active"):
		frappe.throw(
			_("Program {0} is {1}; matching needs an Enrolling or Active program.").format(
				program.name, _(program.status)
			)
		)
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
	_set_mentee_status(pool, [m.mentee for m in matches], "Matched")
	_set_mentee_status(pool, unmatched, "Waitlisted")
	return {"proposed": proposed, "waitlisted": unmatched}


def _set_mentee_status(pool, employees: list[str], status: str):
	names = [pool.participants[(e, "Mentee")] for e in employees if (e, "Mentee") in pool.participants]
	if names:
		Participant = frappe.qb.DocType("Mentoring Participant")
		frappe.qb.update(Participant).set(Participant.status, status).where(
			Participant.name.isin(names)
		).run()


def publish(program: str) -> dict:
	"""Make every Proposed pairing of the program Active, re-checking every rule, and tell the
	pair and both managers. A pairing that breaks a rule stays Proposed and is reported."""
	published, failed = [], []
	for name in frappe.get_all(
		"Mentoring Pairing", filters={"program": program, "status": "Proposed"}, pluck="name", order_by="name"
	):
		frappe.db.savepoint("publish_pairing")
		try:
			doc = frappe.get_doc("Mentoring Pairing", name)
			doc.status = "Active"
			doc.save()
		except frappe.ValidationError as e:
			frappe.db.rollback(save_point="publish_pairing")
			frappe.clear_last_message()
			failed.append({"pairing": name, "reason": str(e)})
			continue
		announce(doc)
		published.append(name)
	return {"published": published, "failed": failed}


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
	)


def swap_mentors(a, b):
	"""Exchange the mentors of two stored Proposed pairings; both must still keep every rule."""
	if a.status != "Proposed" or b.status != "Proposed" or a.program != b.program:
		frappe.throw(_("Only two Proposed pairings of the same program can swap mentors."))
	a.mentor, b.mentor = b.mentor, a.mentor
	for doc in (a, b):
		doc.match_score, doc.match_reasons = None, _("Swapped by {0}").format(frappe.session.user)
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
