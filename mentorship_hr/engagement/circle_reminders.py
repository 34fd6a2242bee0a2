"""What the daily reminders read of a program's Active circles (docs/design.md §4b): everyone in a
circle is reminded of its next check-in, whoever attended a check-in waiting for confirmation
(other than its logger) to confirm it, and the program managers of a circle gone stale. A fixed
number of queries per program."""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from mentorship_hr.domain import reminders as rules
from mentorship_hr.engagement.health_service import assess_circles
from mentorship_hr.notifications import program_manager_users

NONE = frappe._dict(circles=[], pending=[], words={})


def read(program: str, today, names: list[str] | None = None) -> frappe._dict:
	"""The program's circles (these, if given) and circle check-ins as reminder facts, with their
	wording."""
	filters = {"program": program, "status": "Active", "start_date": ("is", "set")}
	if names is not None:
		filters["name"] = ("in", names or [""])
	circles = frappe.get_all(
		"Mentoring Circle",
		filters=filters,
		fields=["name", "title", "program", "start_date", "lead_mentor", "co_mentor"],
		order_by="name",
	)
	if not circles:
		return NONE
	assess_circles(circles, today)
	pending = frappe.get_all(
		"Mentoring Check-in",
		filters={
			"circle": ("in", [c.name for c in circles]),
			"docstatus": 1,
			"confirmation_status": "Pending",
		},
		fields=["name", "circle", "checkin_date", "logged_by", "submitted_on"],
	)
	present = {}
	for row in frappe.get_all(
		"Mentoring Check-in Attendee",
		filters={
			"parenttype": "Mentoring Check-in",
			"parent": ("in", [k.name for k in pending] or [""]),
			"present": 1,
		},
		fields=["parent", "employee"],
	):
		present.setdefault(row.parent, set()).add(row.employee)
	user_of = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list({e for c in circles for e in c.people}) or [""])},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	title = {c.name: c.title for c in circles}
	managers = tuple(program_manager_users(program))
	return frappe._dict(
		circles=[
			rules.Circle(
				c.name,
				tuple(sorted(u for e in c.people if (u := user_of.get(e)))),
				c.assessed.next_due,
				stale_since=(c.last_checkin or getdate(c.start_date)) if c.assessed.stale else None,
				program_managers=managers,
			)
			for c in circles
		],
		pending=[
			rules.PendingCheckin(k.name, k.circle, user, getdate(k.submitted_on))
			for k in pending
			if k.submitted_on
			for user in sorted({user_of.get(e) for e in present.get(k.name, ())} - {None, k.logged_by})
		],
		words={
			**{("Mentoring Circle", c.name): c.title for c in circles},
			**{
				("Mentoring Check-in", k.name): _("{0} on {1}").format(
					title[k.circle], formatdate(k.checkin_date)
				)
				for k in pending
			},
		},
	)
