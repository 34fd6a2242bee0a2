"""Managers in the loop (README, "Engagement"): the pair's managers acknowledge an Active pairing,
and those who have not after a week are reminded once."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime, nowdate

from mentorship_hr.notifications import notify
from mentorship_hr.permissions import employees_of

SIDES = ("mentor", "mentee")
REMIND_AFTER_DAYS = 7


def managed_sides(pairing, user: str) -> list[str]:
	"""The sides of the pair whose manager (Employee.reports_to, as it is now) is this user."""
	mine = set(employees_of(user))
	managers = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", [pairing.mentor, pairing.mentee])},
			fields=["name", "reports_to"],
			as_list=True,
		)
	)
	return [side for side in SIDES if managers.get(pairing.get(side)) in mine]


def pending_sides(pairing, user: str) -> list[str]:
	return [s for s in managed_sides(pairing, user) if not pairing.get(f"{s}_manager_ack_on")]


def acknowledge(pairing) -> list[str]:
	"""Record that the session user, as manager of one or both sides, has read the pairing."""
	user = frappe.session.user
	sides = managed_sides(pairing, user)
	if not sides:
		frappe.throw(
			_("Only the managers of the mentor or the mentee acknowledge a pairing."), frappe.PermissionError
		)
	if pairing.status != "Active":
		frappe.throw(_("Only an Active pairing is acknowledged."), title=_("Not Active"))
	values = {}
	for side in sides:
		if not pairing.get(f"{side}_manager_ack_on"):
			values.update({f"{side}_manager_ack_by": user, f"{side}_manager_ack_on": now_datetime()})
	if values:
		pairing.db_set(values)
	return sides


def remind_acknowledgements(today=None) -> list[str]:
	"""Once per pairing, a week after it started: remind the managers who have not acknowledged."""
	today = getdate(today or nowdate())
	rows = frappe.get_all(
		"Mentoring Pairing",
		filters={
			"status": "Active",
			"ack_reminder_sent": 0,
			"start_date": ("<=", add_days(today, -REMIND_AFTER_DAYS)),
		},
		fields=[
			"name",
			"title",
			"program",
			"mentor",
			"mentee",
			"mentor_manager_ack_on",
			"mentee_manager_ack_on",
		],
	)
	rows = [r for r in rows if not (r.mentor_manager_ack_on and r.mentee_manager_ack_on)]
	people = {e for r in rows for e in (r.mentor, r.mentee)}
	manager_of = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list(people) or [""])},
			fields=["name", "reports_to"],
			as_list=True,
		)
	)
	user_of = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list(set(manager_of.values()) - {None}) or [""])},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	reminded = []
	for row in rows:
		users = [
			user_of.get(manager_of.get(row.get(side)))
			for side in SIDES
			if not row.get(f"{side}_manager_ack_on")
		]
		notify(
			users,
			_("Please acknowledge the mentoring pairing {0}").format(row.title),
			frappe._dict(row, doctype="Mentoring Pairing"),
			"mentoring_acknowledge_reminder",
		)
		reminded.append(row.name)
	if reminded:
		frappe.db.set_value(
			"Mentoring Pairing", {"name": ("in", reminded)}, "ack_reminder_sent", 1, update_modified=False
		)
	return reminded
