"""What the participants' portal (/mentoring, built from frontend/) reads: the session user's own
mentoring, through the same row rules as the desk (frappe.get_list). Nothing here writes: the
portal's actions call the DocTypes' own whitelisted methods and Frappe's REST, as the desk does."""

import frappe
from frappe.utils import now_datetime, today

from mentorship_hr import access_policy
from mentorship_hr.domain import transitions
from mentorship_hr.engagement import workshop
from mentorship_hr.engagement.group_checkins import circle_role
from mentorship_hr.engagement.reminders import due_for
from mentorship_hr.matching.circle_rules import mentors_of
from mentorship_hr.matching.self_select import mentor_suggestions
from mentorship_hr.mentorship_hr.doctype.mentoring_circle.mentoring_circle import circles_of
from mentorship_hr.permissions import (
	employees_of,
	is_program_manager,
	pairing_role,
	relations_of,
	stored_state,
)
from mentorship_hr.report_columns import PAIRING_SUMMARY
from mentorship_hr.skills import growth

SHOWN = ("Requested", "Proposed", "Active", "Paused", "Completed")
DIRECTORY_SIZE = 50  # the best mentors a mentee is shown; the desk's Find a Mentor shows 5
PAIRING_FIELDS = [*PAIRING_SUMMARY, "title", "last_checkin_date", "next_checkin_due", "request_expires_on"]
CIRCLE_FIELDS = [
	"name",
	"title",
	"program",
	"status",
	"start_date",
	"end_date",
	"health",
	"health_reason",
	"agreement",
]
CIRCLE_SHOWN = ("Proposed", "Active", "Paused", "Completed")
CHECKIN_FIELDS = [
	"name",
	"checkin_date",
	"mode",
	"duration_minutes",
	"summary",
	"docstatus",
	"confirmation_status",
	"logged_by",
	"logged_by_role",
	"dispute_reason",
]
GOAL_FIELDS = [
	"name",
	"title",
	"description",
	"success_measure",
	"status",
	"progress",
	"target_date",
	"mentor_rating",
	"mentor_comment",
]


@frappe.whitelist()
def home() -> dict:
	"""My pairings (as mentor or mentee) with the other person, my circles, the next check-in of
	each and what I owe."""
	user = frappe.session.user
	mine = employees_of(user)
	pairings = _my_pairings(mine)
	events = _next_events([p.name for p in pairings], user)
	people = _profiles({_other(p, mine) for p in pairings})
	for p in pairings:
		p.my_role = transitions.MENTOR if p.mentor in mine else transitions.MENTEE
		p.other = people.get(_other(p, mine))
		p.next_event = events.get(p.name)
	circles = _my_circles(mine, user)
	todo = due_for(
		user,
		[p for p in pairings if p.status in ("Active", "Completed")],
		circles=[c for c in circles if c.status == "Active"],
	)
	invitations = frappe.get_list(
		"Mentoring Participant",
		filters={"employee": ("in", mine or [""]), "status": "Invited"},
		fields=["name", "program", "role"],
	)
	return {
		"employee": mine[0] if mine else None,
		"staff": is_program_manager(),
		"pairings": pairings,
		"circles": circles,
		"todo": todo,
		"invitations": invitations,
		"open_programs": frappe.get_list(
			"Mentoring Program", filters={"status": "Enrolling"}, pluck="name", order_by="start_date"
		),
	}


@frappe.whitelist()
def pairing(name: str) -> dict:
	"""One of my pairings: its goals, check-ins (the private notes for the pair only), the other
	person, the next check-in and what the user may do on it."""
	doc = frappe.get_doc("Mentoring Pairing", name)
	doc.check_permission("read")
	user = frappe.session.user
	role = pairing_role(name, user)
	pair = role in (transitions.MENTOR, transitions.MENTEE)
	checkins = frappe.get_list(
		"Mentoring Check-in",
		filters={"pairing": name, "docstatus": ("<", 2)},
		fields=CHECKIN_FIELDS,
		order_by="checkin_date desc, creation desc",
	)
	notes = _notes([c.name for c in checkins]) if pair else {}
	for c in checkins:
		c.private_notes = notes.get(c.name)
		c.may_confirm = bool(
			pair and c.docstatus == 1 and c.confirmation_status == "Pending" and c.logged_by_role != role
		)
	relations = relations_of(doc)
	mine = employees_of(user)
	other = _other(doc, mine) if pair else None
	return {
		"pairing": {f: doc.get(f) for f in (*PAIRING_FIELDS, "agreement")},
		"today": today(),  # the site's date, which the check-in date is checked against
		"my_role": role,
		"other": _profiles({other}).get(other) if other else None,
		"next_event": _next_events([name], user).get(name),
		"goals": frappe.get_list(
			"Mentoring Goal",
			filters={"pairing": name},
			fields=GOAL_FIELDS,
			order_by="creation",
		),
		"checkins": checkins,
		"skills": growth.in_stars(doc.skill_growth),
		"workshop": workshop.of_pairing(doc),
		"todo": due_for(user, [doc]) if pair and doc.status in ("Active", "Completed") else [],
		"may": {
			"log_checkin": doc.status == "Active"
			and access_policy.may_create("Mentoring Check-in", relations),
			"schedule": doc.status == "Active" and doc.may_schedule(),
			"add_goal": doc.status == "Active" and access_policy.may_create("Mentoring Goal", relations),
			"respond": doc.status == "Requested" and role == transitions.MENTOR,
			"edit_agreement": "agreement" in _writable("Mentoring Pairing", relations, doc),
			"edit_goals": access_policy.may_set("Mentoring Goal", "title", relations, None, False),
			"edit_notes": pair,  # the pair's own notes, while the check-in is not cancelled
		},
	}


@frappe.whitelist()
def circle(name: str) -> dict:
	"""One circle the user reads: its people, goals and check-ins with who attended (through the
	row rules: a manager gets the goals of their report, never a check-in), the private notes for
	the circle's mentors and members only, and what the user may do on it."""
	doc = frappe.get_doc("Mentoring Circle", name)
	doc.check_permission("read")
	user = frappe.session.user
	mine = employees_of(user)
	role = circle_role(doc, user)
	checkins = frappe.get_list(
		"Mentoring Check-in",
		filters={"circle": name, "docstatus": ("<", 2)},
		fields=CHECKIN_FIELDS,
		order_by="checkin_date desc, creation desc",
	)
	attendance = _attendance([c.name for c in checkins])
	notes = _notes([c.name for c in checkins]) if role else {}
	for c in checkins:
		c.attendance = attendance.get(c.name, [])
		c.private_notes = notes.get(c.name)
		came = {a.employee for a in c.attendance if a.present}
		c.may_confirm = bool(
			c.docstatus == 1
			and c.confirmation_status == "Pending"
			and came & set(mine)
			and c.logged_by != user
		)
	goals = frappe.get_list(
		"Mentoring Goal",
		filters={"circle": name},
		fields=[*GOAL_FIELDS, "mentee", "mentee_name"],
		order_by="creation",
	)
	for g in goals:
		g.mine = g.mentee in mine
	relations = relations_of(doc)
	active = doc.status == "Active"
	people = _profiles(set(doc.people()))
	return {
		"circle": {f: doc.get(f) for f in CIRCLE_FIELDS},
		"topics": [row.skill for row in doc.topic_skills],
		"mentors": [people.get(e) for e in mentors_of(doc) if people.get(e)],
		"members": [people.get(row.employee) for row in doc.members if people.get(row.employee)],
		"today": today(),
		"my_role": role,
		"next_event": _next_events([name], user, "Mentoring Circle").get(name) if role else None,
		"goals": goals,
		"checkins": checkins,
		"todo": due_for(user, [], circles=[doc]) if role and active else [],
		"may": {
			"log_checkin": active and bool(role),
			"schedule": active and (bool(relations & access_policy.PAIR) or is_program_manager()),
			"add_goal": active and role == transitions.MENTEE,
			"edit_agreement": "agreement" in _writable("Mentoring Circle", relations, doc),
			"edit_notes": bool(role),  # the circle's own notes, while the check-in is not cancelled
		},
	}


@frappe.whitelist()
def programs() -> dict:
	"""Programs open for enrollment, my enrollments, and the skills to choose from."""
	mine = employees_of(frappe.session.user)
	return {
		"employee": mine[0] if mine else None,
		"open": frappe.get_list(
			"Mentoring Program",
			filters={"status": "Enrolling"},
			fields=[
				"name",
				"program_name",
				"description",
				"start_date",
				"end_date",
				"max_mentees_per_mentor",
			],
			order_by="start_date",
		),
		"mine": _with_actions(
			frappe.get_list(
				"Mentoring Participant",
				filters={"employee": ("in", mine or [""])},
				fields=["name", "program", "role", "status", "waitlist_reason"],
				order_by="creation desc",
			)
		),
		"skills": frappe.get_list("Skill", pluck="name", order_by="name"),
		"designations": frappe.get_list("Designation", pluck="name", order_by="name"),
	}


@frappe.whitelist()
def find_a_mentor(program: str) -> dict:
	"""A program's mentors with free places, for the session user if they are an approved mentee
	without a mentor or a request waiting (as the desk's Find a Mentor): each with their photo,
	designation, skills offered, interests, bio, match score and reasons; and their requests."""
	doc = frappe.get_doc("Mentoring Program", program)
	doc.check_permission("read")
	mine = employees_of(frappe.session.user)
	can_request = doc.what_i_can_do()["can_find_mentor"]
	mentors = mentor_suggestions(doc, limit=DIRECTORY_SIZE) if can_request else []
	people = _profiles({m["mentor"] for m in mentors})
	about = _mentor_enrollments(program, [m["mentor"] for m in mentors])
	for m in mentors:
		m.update(profile=people.get(m["mentor"]), **about.get(m["mentor"], {}))
	return {
		"program": doc.program_name,
		"can_request": can_request,
		"mentors": mentors,
		"requests": frappe.get_list(
			"Mentoring Pairing",
			filters={"program": program, "mentee": ("in", mine or [""]), "source": "Mentee Request"},
			fields=["name", "mentor_name", "status", "requested_on", "request_expires_on"],
			order_by="creation desc",
		),
	}


def _mentor_enrollments(program: str, mentors: list[str]) -> dict[str, dict]:
	"""What mentors wrote when enrolling: skills offered, interests and bio."""
	rows = frappe.get_all(
		"Mentoring Participant",
		filters={"program": program, "role": "Mentor", "employee": ("in", mentors or [""])},
		fields=["name", "employee", "interests", "bio"],
	)
	skills = {}
	for item in frappe.get_all(
		"Mentoring Skill Item",
		filters={
			"parenttype": "Mentoring Participant",
			"parentfield": "skills_offered",
			"parent": ("in", [r.name for r in rows] or [""]),
		},
		fields=["parent", "skill"],
	):
		skills.setdefault(item.parent, []).append(item.skill)
	return {
		r.employee: {"interests": r.interests, "bio": r.bio, "skills": skills.get(r.name, [])} for r in rows
	}


def _with_actions(enrollments: list[frappe._dict]) -> list[frappe._dict]:
	"""Mark the enrollments whose mentee may find a mentor now (as the program form decides), and
	those the employee may still withdraw (as the access policy says)."""
	programs = {e.program for e in enrollments if e.role == "Mentee"}
	may = {p: frappe.get_doc("Mentoring Program", p).what_i_can_do()["can_find_mentor"] for p in programs}
	for e in enrollments:
		e.can_find_mentor = bool(e.role == "Mentee" and may.get(e.program))
		e.may_withdraw = access_policy.may_method(
			"Mentoring Participant", "withdraw", {access_policy.SELF}, {"status": e.status}
		)
	return enrollments


def _writable(doctype: str, relations, doc) -> list[str]:
	return access_policy.writable_fields(doctype, relations, stored_state(doc), new=False)


def _my_pairings(mine: list[str]) -> list[frappe._dict]:
	if not mine:
		return []
	return frappe.get_list(
		"Mentoring Pairing",
		filters={"status": ("in", SHOWN)},
		or_filters={"mentor": ("in", mine), "mentee": ("in", mine)},
		fields=PAIRING_FIELDS,
		order_by="status, modified desc",
	)


def _my_circles(mine: list[str], user: str) -> list[frappe._dict]:
	"""The circles I mentor or belong to, with my side and the next check-in."""
	names = circles_of(mine, CIRCLE_SHOWN)
	if not names:
		return []
	circles = frappe.get_list(
		"Mentoring Circle",
		filters={"name": ("in", names)},
		fields=[*CIRCLE_FIELDS, "lead_mentor", "co_mentor"],
		order_by="status, modified desc",
	)
	events = _next_events(names, user, "Mentoring Circle")
	for c in circles:
		c.my_role = transitions.MENTOR if set(mentors_of(c)) & set(mine) else transitions.MENTEE
		c.next_event = events.get(c.name)
	return circles


def _attendance(checkins: list[str]) -> dict[str, list]:
	"""Who was at each of these circle check-ins (call only with check-ins the user reads)."""
	found = {}
	for row in frappe.get_all(
		"Mentoring Check-in Attendee",
		filters={"parenttype": "Mentoring Check-in", "parent": ("in", checkins or [""])},
		fields=["parent", "employee", "employee_name", "role", "present"],
		order_by="idx",
	):
		found.setdefault(row.parent, []).append(row)
	return found


def _other(pairing, mine: list[str]) -> str:
	return pairing.mentee if pairing.mentor in mine else pairing.mentor


def _profiles(employees: set) -> dict[str, dict]:
	"""What the pair shows of each other: name, photo, department and designation. Read for the
	other side of a pairing the user reads, which shows their name already."""
	return {
		e.name: e
		for e in frappe.get_all(
			"Employee",
			filters={"name": ("in", [e for e in employees if e] or [""])},
			fields=["name", "employee_name", "image", "department", "designation"],
		)
	}


def _next_events(pairings: list[str], user: str, doctype="Mentoring Pairing") -> dict[str, dict]:
	"""Each pairing's next open check-in Event of the user's own (each of the pair has one), or
	each circle's (one Event, shared with all its people)."""
	if not pairings:
		return {}
	Event, Participant = frappe.qb.DocType("Event"), frappe.qb.DocType("Event Participants")
	where = (
		(Participant.reference_doctype == doctype)
		& Participant.reference_docname.isin(pairings)
		& (Event.status == "Open")
		& (Event.starts_on >= now_datetime())
	)
	if doctype == "Mentoring Pairing":
		where &= Event.owner == user
	rows = (
		frappe.qb.from_(Participant)
		.join(Event)
		.on(Event.name == Participant.parent)
		.select(Participant.reference_docname.as_("pairing"), Event.name, Event.starts_on, Event.ends_on)
		.where(where)
		.orderby(Event.starts_on, order=frappe.qb.desc)
	).run(as_dict=True)
	return {r.pairing: {"name": r.name, "starts_on": r.starts_on, "ends_on": r.ends_on} for r in rows}


def _notes(checkins: list[str]) -> dict[str, str]:
	"""The private notes of these check-ins (call for the pair, or the circle's people, only)."""
	return dict(
		frappe.get_all(
			"Mentoring Check-in Note",
			filters={"checkin": ("in", checkins or [""])},
			fields=["checkin", "notes"],
			as_list=True,
		)
	)
