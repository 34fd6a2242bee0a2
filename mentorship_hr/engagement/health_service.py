"""Keep each Active pairing's health current (mentorship_hr/domain/health.py): daily, and when a
check-in is submitted, confirmed, disputed or cancelled. Reads in a fixed number of queries and
writes only the pairings whose health changed.

For health, a submitted check-in counts unless it is disputed: it shows the pair engaging at
once, while the KPI (domain/kpi.py) waits for the confirmation window before giving credit.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import getdate, nowdate

from mentorship_hr.access_policy import STAFF
from mentorship_hr.domain import health
from mentorship_hr.engagement.surveys import failed_fit_checks
from mentorship_hr.kpi.bulk_writes import differs
from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of

CHUNK = 1000
FIELDS = ("health", "health_reason", "last_checkin_date", "next_checkin_due", "stale_alert_sent")


def reason_text(h: health.Health) -> str:
	if h.reason == health.FIT_FAILED:
		# why is a survey answer, for program managers and HR only; everyone else reads this
		return _("The program manager is following up")
	if h.reason == health.NO_FIRST_CHECKIN:
		return _("No check-in in the first {0} days").format(h.days)
	if h.reason == health.OVERDUE:
		if h.days == 1:
			return _("Check-in overdue by 1 day")
		return _("Check-in overdue by {0} days").format(h.days)
	if not h.days:
		return _("Check-in due today")
	return (
		_("Next check-in due tomorrow") if h.days == 1 else _("Next check-in due in {0} days").format(h.days)
	)


def refresh(pairings: list[str] | None = None, today=None) -> dict:
	"""Refresh these pairings (all Active ones when None); returns what changed."""
	today = getdate(today or nowdate())
	rows = _active("Mentoring Pairing", pairings, ["title", "mentor", "mentee", *FIELDS])
	result = frappe._dict(changed=[], stale=[])
	for start in range(0, len(rows), CHUNK):
		_refresh_chunk(rows[start : start + CHUNK], today, result)
	return result


@contextmanager
def deferred():
	"""Inside the block, pairings and circles that become Active are refreshed together at its end."""
	frappe.flags.mentoring_health_deferred = waiting = frappe._dict(pairings=[], circles=[])
	try:
		yield
	finally:
		frappe.flags.mentoring_health_deferred = None
	if waiting.pairings:
		refresh(waiting.pairings)
	if waiting.circles:
		refresh_circles(waiting.circles)


def refresh_soon(pairing: str):
	"""Refresh one pairing now, or with the others at the end of a `deferred()` block."""
	if frappe.flags.mentoring_health_deferred is not None:
		frappe.flags.mentoring_health_deferred.pairings.append(pairing)
	else:
		refresh([pairing])


def refresh_circle_soon(circle: str):
	"""Refresh one circle now, or with the others at the end of a `deferred()` block."""
	if frappe.flags.mentoring_health_deferred is not None:
		frappe.flags.mentoring_health_deferred.circles.append(circle)
	else:
		refresh_circles([circle])


def _active(doctype: str, names: list[str] | None, fields: list[str]) -> list[frappe._dict]:
	"""The started Active pairings or circles named (all of them when None)."""
	filters = {"status": "Active", "start_date": ("is", "set")}
	if names is not None:
		filters["name"] = ("in", names or [""])
	return frappe.get_all(
		doctype, filters=filters, fields=["name", "program", "start_date", *fields], order_by="name"
	)


def refresh_circles(circles: list[str] | None = None, today=None) -> list[str]:
	"""Keep each Active circle's health current as a pairing's is (docs/design.md §4b), from its
	last check-in that is not disputed and its next scheduled one; returns the circles changed."""
	today = getdate(today or nowdate())
	rows = _active("Mentoring Circle", circles, ["lead_mentor", "co_mentor", "health", "health_reason"])
	assess_circles(rows, today)  # fills row.assessed and row.people
	updates = {}
	for row in rows:
		values = {"health": row.assessed.status, "health_reason": reason_text(row.assessed)}
		changed = {f: v for f, v in values.items() if differs(row.get(f), v)}
		if changed:
			updates[row.name] = changed
	frappe.db.bulk_update("Mentoring Circle", updates, chunk_size=200, update_modified=False)
	return list(updates)


def assess_circles(rows, today) -> None:
	"""Give each Active circle (rows with name, program, start_date, lead_mentor, co_mentor) its
	`people` (employees), `last_checkin` and its health today, `assessed` (domain/health.py), in a
	fixed number of queries: the daily reminders read its next check-in due and staleness from it."""
	if not rows:
		return
	names = [r.name for r in rows]
	members = members_by_circle(names)
	people = {r.name: {*mentors_of(r), *members.get(r.name, ())} for r in rows}
	last = dict(
		frappe.get_all(
			"Mentoring Check-in",
			filters={"circle": ("in", names), "docstatus": 1, "confirmation_status": ("!=", "Disputed")},
			fields=["circle", "max(checkin_date) as last"],
			group_by="circle",
			as_list=True,
		)
	)
	frequency = frequencies({r.program for r in rows})
	scheduled = _scheduled(rows, today, "Mentoring Circle", people)
	for row in rows:
		row.people = people[row.name]
		row.last_checkin = getdate(last[row.name]) if last.get(row.name) else None
		row.assessed = health.assess(
			getdate(row.start_date),
			frequency.get(row.program) or 14,
			today,
			last_counted=getdate(last[row.name]) if last.get(row.name) else None,
			scheduled=scheduled.get(row.name),
		)


def frequencies(programs) -> dict[str, int]:
	"""Each program's check-in frequency in days."""
	return dict(
		frappe.get_all(
			"Mentoring Program",
			filters={"name": ("in", list(programs) or [""])},
			fields=["name", "checkin_frequency_days"],
			as_list=True,
		)
	)


def _refresh_chunk(rows, today, result):
	frequency = frequencies({r.program for r in rows})
	last = dict(
		frappe.get_all(
			"Mentoring Check-in",
			filters={
				"pairing": ("in", [r.name for r in rows] or [""]),
				"docstatus": 1,
				"confirmation_status": ("!=", "Disputed"),
			},
			fields=["pairing", "max(checkin_date) as last"],
			group_by="pairing",
			as_list=True,
		)
	)
	scheduled = _scheduled(rows, today)
	not_a_fit = failed_fit_checks([r.name for r in rows])
	updates, stale = {}, []
	for row in rows:
		last_checkin = getdate(last[row.name]) if last.get(row.name) else None
		h = health.assess(
			getdate(row.start_date),
			frequency.get(row.program) or 14,
			today,
			last_counted=last_checkin,
			scheduled=scheduled.get(row.name),
			fit_failed=row.name in not_a_fit,
		)
		values = {
			"health": h.status,
			"health_reason": reason_text(h),
			"last_checkin_date": last_checkin,
			"next_checkin_due": h.next_due,
			# stale: STALE_PERIODS periods without a check-in; the daily reminders alert the
			# program managers once per spell, and a check-in ends the spell
			"stale_alert_sent": int(h.stale),
		}
		if h.stale and not row.stale_alert_sent:
			stale.append(row)
		changed = {f: v for f, v in values.items() if differs(row.get(f), v)}
		if changed:
			updates[row.name] = changed
	frappe.db.bulk_update("Mentoring Pairing", updates, chunk_size=200, update_modified=False)
	result.changed += list(updates)
	result.stale += [row.name for row in stale]


def _scheduled(rows, today, doctype="Mentoring Pairing", people=None) -> dict:
	"""Each pairing's (or circle's) next scheduled check-in: the earliest open Event from today on
	that its people (as the Employee records say now; `people` maps each row to its employees,
	for a pairing its mentor and mentee) or a program manager made (access_policy.EVENT_COUNTS_FOR).
	Anyone else's Event that refers to it does not move its due date."""
	Event, Participant = frappe.qb.DocType("Event"), frappe.qb.DocType("Event Participants")
	found = (
		frappe.qb.from_(Participant)
		.join(Event)
		.on(Event.name == Participant.parent)
		.select(Participant.reference_docname, Event.owner, Min(Event.starts_on))
		.where(
			(Participant.reference_doctype == doctype)
			& Participant.reference_docname.isin([r.name for r in rows] or [""])
			& (Event.status == "Open")
			& (Event.starts_on >= today)
		)
		.groupby(Participant.reference_docname, Event.owner)
	).run()
	if not found:
		return {}
	pair_users = _users_of(people or {r.name: {r.mentor, r.mentee} for r in rows})
	staff = _staff({owner for _, owner, _ in found})
	scheduled = {}
	for name, owner, starts in found:
		if owner in staff or owner in pair_users.get(name, ()):
			scheduled[name] = min(scheduled.get(name, getdate(starts)), getdate(starts))
	return scheduled


def _users_of(people: dict[str, set]) -> dict[str, set]:
	"""Each row's people as users, from the Employee records now."""
	user_of = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list({e for es in people.values() for e in es}) or [""])},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	return {name: {user_of.get(e) for e in es} - {None} for name, es in people.items()}


def _staff(users) -> set[str]:
	"""Those of the users who run programs (program managers, HR Managers, System Managers)."""
	holders = frappe.get_all(
		"Has Role",
		filters={"parent": ("in", list(users) or [""]), "parenttype": "User", "role": ("in", list(STAFF))},
		pluck="parent",
	)
	return set(holders) | ({"Administrator"} & set(users))
