"""A circle's check-ins (docs/design.md §4b): who attended, and who may confirm. The check-in is
the same Mentoring Check-in a pairing logs; these are the parts that differ for a circle."""

import frappe
from frappe import _
from frappe.utils import getdate

from mentorship_hr.domain import transitions
from mentorship_hr.matching.circle_rules import mentors_of
from mentorship_hr.permissions import employees_of


def circle_role(circle, user: str) -> str | None:
	"""MENTOR for a lead or co-mentor of the circle, MENTEE for a member, else None."""
	mine = set(employees_of(user))
	if mine & set(mentors_of(circle)):
		return transitions.MENTOR
	if mine & {row.employee for row in circle.members}:
		return transitions.MENTEE
	return None


def check(checkin, circle):
	"""A circle's check-in: the circle is Active, the date within its dates, no goal updates (goals
	are a pairing's), and one attendance row for each of its mentors and members."""
	if circle.status != "Active":
		frappe.throw(
			_("Circle {0} is {1}. Check-ins need an Active circle.").format(
				frappe.bold(circle.name), _(circle.status)
			),
			title=_("Circle Not Active"),
		)
	for label, bound, wrong in (
		(_("started"), circle.start_date, lambda day, b: day < getdate(b)),
		(_("ended"), circle.end_date, lambda day, b: day > getdate(b)),
	):
		if bound and wrong(getdate(checkin.checkin_date), bound):
			frappe.throw(
				_("The check-in is dated outside the circle, which {0} on {1}.").format(
					label, frappe.format(bound, "Date")
				),
				title=_("Invalid Date"),
			)
	if checkin.goal_updates:
		frappe.throw(
			_("A circle's check-in records who attended; goals are updated in their pairings."),
			title=_("No Goal Updates"),
		)
	set_attendance(checkin, circle)


def set_attendance(checkin, circle):
	"""One row for each mentor and member of the circle, ticked as the logger ticked them; anyone
	else's row is dropped. The logger, if of the circle, was there."""
	present = {row.employee for row in checkin.attendance if row.present}
	present |= set(employees_of(checkin.logged_by or frappe.session.user))
	people = [(e, "Mentor") for e in mentors_of(circle)] + [(r.employee, "Member") for r in circle.members]
	names = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", [e for e, _role in people] or [""])},
			fields=["name", "employee_name"],
			as_list=True,
		)
	)
	wanted = [
		{"employee": e, "employee_name": names.get(e), "role": role, "present": int(e in present)}
		for e, role in people
	]
	stored = [
		{"employee": r.employee, "employee_name": r.employee_name, "role": r.role, "present": int(r.present)}
		for r in checkin.attendance
	]
	if stored != wanted:  # rows rebuilt only when they change: no needless entries in the history
		checkin.set("attendance", wanted)
	if sum(row.present for row in checkin.attendance) < 2:
		frappe.throw(
			_("Tick who attended: a circle's check-in has at least two people there."),
			title=_("Who Attended"),
		)


def confirmers(checkin) -> list[str]:
	"""The users who may confirm or dispute it: whoever attended, other than the logger."""
	present = [row.employee for row in checkin.attendance if row.present]
	users = frappe.get_all("Employee", filters={"name": ("in", present or [""])}, pluck="user_id")
	return [u for u in users if u and u != checkin.logged_by]
