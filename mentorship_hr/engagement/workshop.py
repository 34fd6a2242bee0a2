"""The launch workshop, held as Frappe HR Training Events (README, "The launch workshop").

A program manager holds a session from the program: a submitted Training Event of type Workshop
with every approved participant not yet prepared as a mandatory attendee, so Frappe HR sends its
own invitation. Attendance comes back as Frappe HR records it: the session's submitted Training
Result lists who came; without one, a session marked Completed counts the attendees its own
attendance column marks Present (Frappe HR's default, set before it is submitted). It marks the participant prepared (domain/workshop.py), shows on the
pairing, Program Health and the briefing, adds the session to the attendee's Employee Skill Map
trainings, and, where the program asks for it, lets a pairing go live.
"""

import frappe
from frappe import _
from frappe.utils import formatdate, get_datetime, getdate, now, now_datetime

from mentorship_hr.domain import workshop as rules

INVITES = ("Approved", "Matched")  # the approved participants, paired or not
TRAINING_COLUMNS = "name creation modified owner modified_by parent parenttype parentfield idx training training_date".split()


def sessions_of(programs) -> dict[str, list[rules.Session]]:
	"""Each program's workshop sessions that were not cancelled, in three queries."""
	events = frappe.get_all(
		"Training Event",
		filters={
			"mentoring_program": ("in", list(programs) or [""]),
			"docstatus": 1,
			"event_status": ("!=", "Cancelled"),
		},
		fields=["name", "mentoring_program", "start_time", "location", "event_status"],
		order_by="start_time",
	)
	names = [e.name for e in events] or [""]
	results = _with_results(names)
	invited, marked_present = {}, {}
	for row in frappe.get_all(
		"Training Event Employee",
		filters={"parenttype": "Training Event", "parent": ("in", names)},
		fields=["parent", "employee", "attendance"],
	):
		invited.setdefault(row.parent, set()).add(row.employee)
		if row.attendance == "Present":
			marked_present.setdefault(row.parent, set()).add(row.employee)
	found = {}
	for e in events:
		# a submitted result says who came; else a completed session's own attendance does
		taken = e.name in results or e.event_status == "Completed"
		present = results.get(e.name) if e.name in results else marked_present.get(e.name, ())
		found.setdefault(e.mentoring_program, []).append(
			rules.Session(
				e.name,
				get_datetime(e.start_time),
				e.location or "",
				taken,
				frozenset(invited.get(e.name, ())),
				frozenset(present if taken else ()),
			)
		)
	return found


def _with_results(events: list[str]) -> dict[str, set[str]]:
	"""Who each session's submitted Training Results list: they were there."""
	Result, Row = frappe.qb.DocType("Training Result"), frappe.qb.DocType("Training Result Employee")
	rows = (
		frappe.qb.from_(Row)
		.join(Result)
		.on((Result.name == Row.parent) & (Row.parenttype == "Training Result"))
		.select(Result.training_event, Row.employee)
		.where(Result.training_event.isin(events) & (Result.docstatus == 1))
	).run(as_dict=True)
	found = {}
	for r in rows:
		found.setdefault(r.training_event, set()).add(r.employee)
	return found


def attendance(pairings) -> dict[str, dict]:
	"""For each pairing (rows with name, program, mentor and mentee) of a program that holds a
	workshop: whether each side attended ('Attended', 'Missed', 'Invited' or None) and whether both
	are prepared."""
	sessions = sessions_of({p.program for p in pairings})
	return {p.name: _sides(sessions[p.program], p) for p in pairings if sessions.get(p.program)}


def _sides(sessions, pairing) -> dict:
	return {
		"mentor": rules.status(sessions, pairing.mentor),
		"mentee": rules.status(sessions, pairing.mentee),
		"prepared": rules.both_prepared(sessions, pairing.mentor, pairing.mentee),
	}


def of_pairing(pairing) -> dict | None:
	"""The pairing's attendance, with the next session still to come, for its form and its page."""
	sessions = sessions_of([pairing.program]).get(pairing.program)
	if not sessions:
		return None
	coming = rules.next_session(sessions, now_datetime())
	return {
		**_sides(sessions, pairing),
		"next": {"name": coming.name, "starts": coming.starts, "location": coming.location}
		if coming
		else None,
	}


def describe(sides: dict | None) -> str:
	"""A pairing's workshop attendance in a few words, for lists and reports."""
	if not sides:
		return ""
	if sides["prepared"]:
		return _("Both attended")
	missing = [
		label
		for side, label in (("mentor", _("mentor")), ("mentee", _("mentee")))
		if sides[side] != rules.ATTENDED
	]
	return _("Waiting for the {0}").format(_(" and ").join(missing))


def hold(program, start_time, end_time, location: str, introduction: str | None = None) -> dict:
	"""Hold a session of the program's launch workshop: a submitted Training Event inviting every
	approved participant who has not attended a session yet."""
	start, end = get_datetime(start_time), get_datetime(end_time)
	if not (location or "").strip():
		frappe.throw(_("Say where the workshop is held."), title=_("Location Required"))
	if end <= start:
		frappe.throw(_("The workshop must end after it starts."), title=_("Invalid Times"))
	done = {e for s in sessions_of([program.name]).get(program.name, []) for e in s.present}
	attendees = [
		e
		for e in dict.fromkeys(
			frappe.get_all(
				"Mentoring Participant",
				filters={"program": program.name, "status": ("in", INVITES)},
				pluck="employee",
				order_by="employee_name",
			)
		)
		if e not in done
	]
	if not attendees:
		frappe.throw(
			_(
				"No approved participant is left to invite: approve applications first, or everyone has "
				"attended a session already."
			),
			title=_("Nobody to Invite"),
		)
	event = frappe.get_doc(
		{
			"doctype": "Training Event",
			"event_name": _session_name(program.program_name, start),
			"mentoring_program": program.name,
			"training_program": program.training_program,
			"type": "Workshop",
			"event_status": "Scheduled",
			"company": program.company,
			"location": location.strip(),
			"start_time": start,
			"end_time": end,
			"introduction": introduction
			or _(
				"The launch workshop of the mentoring program {0}: meet your mentoring partner and learn "
				"the basics of mentoring together."
			).format(frappe.bold(program.program_name)),
			"employees": [{"employee": e, "is_mandatory": 1} for e in attendees],
		}
	)
	event.flags.ignore_permissions = True  # the program manager holds it; HR's own rules stay on the form
	event.insert()
	event.submit()  # Frappe HR's "Training Scheduled" notification invites the attendees
	return {"training_event": event.name, "invited": len(attendees)}


def _session_name(program_name: str, start) -> str:
	base = _("{0}: launch workshop, {1}").format(program_name, formatdate(getdate(start)))
	name, n = base, 1
	while frappe.db.exists("Training Event", name):
		n += 1
		name = f"{base} ({n})"
	return name


def check_go_live(pairing) -> None:
	"""Where the program asks for it, a pairing goes live only once both sides attended."""
	if not frappe.db.get_value("Mentoring Program", pairing.program, "workshop_required"):
		return
	sides = attendance([pairing]).get(pairing.name)
	if sides and sides["prepared"]:
		return
	missing = [
		name
		for side, name in (("mentor", pairing.mentor_name), ("mentee", pairing.mentee_name))
		if not sides or sides[side] != rules.ATTENDED
	]
	frappe.throw(
		_(
			"This program's pairings go live once both sides attended the launch workshop; {0} not yet."
		).format(_(" and ").join(frappe.bold(n) for n in missing)),
		title=_("Launch Workshop First"),
	)


def record_trainings(doc, method=None) -> None:
	"""Add a held session to each attendee's Employee Skill Map trainings, once, as HR would: a new
	Skill Map for whoever has none, a row more on the others' (in one insert)."""
	name = doc.name if doc.doctype == "Training Event" else doc.training_event
	event = frappe.db.get_value(
		"Training Event", name, ["name", "mentoring_program", "start_time", "docstatus"], as_dict=True
	)
	if not event or not event.mentoring_program or event.docstatus != 1:
		return
	sessions = sessions_of([event.mentoring_program]).get(event.mentoring_program, [])
	present = next((s.present for s in sessions if s.name == event.name), frozenset())
	recorded = set(
		frappe.get_all(
			"Employee Training",
			filters={"parenttype": "Employee Skill Map", "training": event.name},
			pluck="parent",
		)
	)
	todo = sorted(present - recorded)
	maps = set(frappe.get_all("Employee Skill Map", filters={"name": ("in", todo or [""])}, pluck="name"))
	last = dict(
		frappe.get_all(
			"Employee Training",
			filters={"parenttype": "Employee Skill Map", "parent": ("in", list(maps) or [""])},
			fields=["parent", "max(idx)"],
			group_by="parent",
			as_list=True,
		)
	)
	day = getdate(event.start_time)
	for employee in todo:
		if employee not in maps:
			frappe.get_doc(
				{
					"doctype": "Employee Skill Map",
					"employee": employee,
					"trainings": [{"training": event.name, "training_date": day}],
				}
			).insert(ignore_permissions=True)
	stamp, user = now(), frappe.session.user
	frappe.db.bulk_insert(
		"Employee Training",
		TRAINING_COLUMNS,
		[
			_training_row(stamp, user, e, int(last.get(e) or 0) + 1, event.name, day)
			for e in todo
			if e in maps
		],
	)
	if maps:
		frappe.db.set_value(
			"Employee Skill Map", {"name": ("in", list(maps))}, "modified", stamp, update_modified=False
		)


def _training_row(stamp, user, employee, idx, event, day) -> tuple:
	"""An Employee Training row of the employee's Skill Map, in TRAINING_COLUMNS order."""
	name = frappe.generate_hash(length=10)
	return (name, stamp, stamp, user, user, employee, "Employee Skill Map", "trainings", idx, event, day)
