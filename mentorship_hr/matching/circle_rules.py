"""The rules every open mentoring circle keeps (docs/design.md §4b): its mentors and members are
approved participants of the program, each member in one open circle of it, within the program's
circle size, and every exclusion of the program holds between each member and each mentor."""

import frappe
from frappe import _

from mentorship_hr.domain.exclusions import in_reporting_line
from mentorship_hr.domain.matching import Person, reverse_fits, reverse_levels
from mentorship_hr.matching.pairing_rules import levels_of, reporting_map, reverse_gap_of

OPEN_CIRCLE_STATUSES = ("Proposed", "Active", "Paused")
APPROVED = ("Approved", "Matched", "Waitlisted")


def mentors_of(circle) -> list[str]:
	return [e for e in (circle.lead_mentor, circle.co_mentor) if e]


def members_by_circle(names) -> dict[str, list[str]]:
	"""The members (employees) of each of these circles, in the circle's order, in one query."""
	members = {}
	if not names:
		return members
	for row in frappe.get_all(
		"Mentoring Circle Member",
		filters={"parenttype": "Mentoring Circle", "parent": ("in", list(names))},
		fields=["parent", "employee"],
		order_by="parent, idx",
	):
		members.setdefault(row.parent, []).append(row.employee)
	return members


def check_circle_rules(circle):
	"""Throw a clear message if the circle breaks a rule. Takes a Mentoring Circle document."""
	program = frappe.get_cached_doc("Mentoring Program", circle.program)
	if program.format == "One-to-one":
		frappe.throw(
			_(
				"Program {0} pairs one mentor with one mentee; set its Format to Circles or Both first."
			).format(frappe.bold(program.name)),
			title=_("Not a Circles Program"),
		)
	mentors = mentors_of(circle)
	members = [row.employee for row in circle.members]
	if circle.co_mentor and circle.co_mentor == circle.lead_mentor:
		frappe.throw(
			_("The co-mentor must be someone other than the lead mentor."), title=_("Invalid Circle")
		)
	if len(set(members)) < len(members):
		frappe.throw(_("Someone is listed twice among the members."), title=_("Invalid Circle"))
	if set(members) & set(mentors):
		frappe.throw(
			_("A mentor of the circle cannot also be one of its members."), title=_("Invalid Circle")
		)
	if len(members) > program.circle_size:
		frappe.throw(
			_("Program {0} takes at most {1} members in a circle; this one has {2}.").format(
				frappe.bold(program.name), program.circle_size, len(members)
			),
			title=_("Circle Full"),
		)
	_check_enrolled(circle, mentors, "Mentor")
	_check_enrolled(circle, members, "Mentee")
	_check_one_circle_each(circle, members)
	_check_exclusions(circle, program, mentors, members)


def _check_enrolled(circle, employees: list[str], role: str):
	enrolled = set(
		frappe.get_all(
			"Mentoring Participant",
			filters={
				"program": circle.program,
				"role": role,
				"status": ("in", APPROVED),
				"employee": ("in", employees or [""]),
			},
			pluck="employee",
		)
	)
	missing = [e for e in employees if e not in enrolled]
	if missing:
		frappe.throw(
			_("{0} is not an approved {1} of program {2}.").format(
				frappe.bold(_name(missing[0])), _(role.lower()), frappe.bold(circle.program)
			),
			title=_("Not Enrolled"),
		)


def _check_one_circle_each(circle, members: list[str]):
	Circle, Member = frappe.qb.DocType("Mentoring Circle"), frappe.qb.DocType("Mentoring Circle Member")
	elsewhere = (
		frappe.qb.from_(Member)
		.join(Circle)
		.on(Circle.name == Member.parent)
		.select(Member.employee, Circle.name)
		.where(
			(Member.parenttype == "Mentoring Circle")
			& (Circle.program == circle.program)
			& (Circle.status.isin(OPEN_CIRCLE_STATUSES))
			& (Circle.name != (circle.name or ""))
			& (Member.employee.isin(members or [""]))
		)
		.limit(1)
	).run()
	if elsewhere:
		employee, other = elsewhere[0]
		frappe.throw(
			_("{0} is already a member of circle {1} in this program.").format(
				frappe.bold(_name(employee)), other
			),
			title=_("Already in a Circle"),
		)


def _check_exclusions(circle, program, mentors: list[str], members: list[str]):
	"""Every exclusion of the program, between each member and each mentor."""
	reports_to = reporting_map(mentors + members) if program.exclude_reporting_line else {}
	departments = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", mentors + members)},
			fields=["name", "department"],
			as_list=True,
		)
	)
	levels = levels_of(mentors + members) if program.reverse_mentoring else {}
	for mentor in mentors:
		for member in members:
			if reports_to and in_reporting_line(mentor, member, reports_to):
				why = _("{0} and {1} are in the same reporting line, which program {2} excludes.")
			elif (
				program.exclude_same_department
				and departments.get(mentor)
				and departments.get(mentor) == departments.get(member)
			):
				why = _("{0} and {1} are in the same department; program {2} mixes departments.")
			elif levels and not reverse_fits(
				Person(mentor, level=levels.get(mentor)),
				Person(member, level=levels.get(member)),
				reverse_gap_of(program),
			):
				why = _("{0} must mentor {1} from a lower level in reverse mentoring program {2} ({3}).")
			else:
				continue
			frappe.throw(
				why.format(
					frappe.bold(_name(mentor)),
					frappe.bold(_name(member)),
					frappe.bold(program.name),
					reverse_levels(
						Person(mentor, level=levels.get(mentor)), Person(member, level=levels.get(member))
					),
				),
				title=_("Circle Rules"),
			)


def _name(employee: str) -> str:
	return frappe.db.get_value("Employee", employee, "employee_name") or employee
