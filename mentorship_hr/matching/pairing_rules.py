"""The rules every Proposed or Active pairing must keep (docs/design.md §4, §8)."""

import frappe
from frappe import _

from mentorship_hr.domain.exclusions import in_reporting_line
from mentorship_hr.domain.matching import Person, level_from_designation, reverse_fits, reverse_levels

OPEN_STATUSES = ("Proposed", "Active")  # these hold a place in the mentor's capacity
RULED_STATUSES = (*OPEN_STATUSES, "Requested")  # these must keep the pairing rules


def mentor_capacity(program: str, mentor: str) -> int:
	"""The mentor's own capacity in the program, else the program's maximum."""
	capacity = frappe.db.get_value(
		"Mentoring Participant", {"program": program, "employee": mentor, "role": "Mentor"}, "capacity"
	)
	return capacity or frappe.db.get_value("Mentoring Program", program, "max_mentees_per_mentor") or 0


def reporting_map(employees: list[str], levels: int = 2) -> dict[str, str | None]:
	"""reports_to for the employees and their managers, `levels` deep, one query a level."""
	reports_to, frontier = {}, set(employees)
	for _level in range(levels):
		frontier -= set(reports_to)
		if not frontier:
			break
		rows = frappe.get_all(
			"Employee", filters={"name": ("in", list(frontier))}, fields=["name", "reports_to"], as_list=True
		)
		reports_to.update(dict(rows))
		frontier = {manager for _employee, manager in rows if manager}
	return reports_to


def reverse_gap_of(program) -> int:
	"""The levels a reverse mentor must be below the mentee; 0 in a usual program."""
	return max(1, program.reverse_level_gap or 1) if program.reverse_mentoring else 0


def levels_of(employees: list[str]) -> dict[str, int | None]:
	"""Each employee's seniority level, read from their designation as matching reads it."""
	designations = frappe.get_all(
		"Employee", filters={"name": ("in", employees or [""])}, fields=["name", "designation"], as_list=True
	)
	return {name: level_from_designation(designation) for name, designation in designations}


def check_reverse_mentoring(pairing, program):
	gap = reverse_gap_of(program)
	levels = levels_of([pairing.mentor, pairing.mentee])
	mentor = Person(pairing.mentor, level=levels.get(pairing.mentor))
	mentee = Person(pairing.mentee, level=levels.get(pairing.mentee))
	if not reverse_fits(mentor, mentee, gap):
		frappe.throw(
			_(
				"Program {0} is reverse mentoring: the mentor {1} must be at least {2} level(s) below the "
				"mentee {3} ({4})."
			).format(
				frappe.bold(program.name),
				frappe.bold(pairing.mentor_name),
				gap,
				frappe.bold(pairing.mentee_name),
				reverse_levels(mentor, mentee),
			),
			title=_("Reverse Mentoring"),
		)


def check_pairing_rules(pairing):
	"""Throw a clear message if the pairing breaks a rule. Takes a Mentoring Pairing document."""
	program = frappe.get_cached_doc("Mentoring Program", pairing.program)

	if pairing.mentor == pairing.mentee:
		frappe.throw(_("An employee cannot mentor themselves."), title=_("Invalid Pairing"))

	if program.exclude_reporting_line and in_reporting_line(
		pairing.mentor, pairing.mentee, reporting_map([pairing.mentor, pairing.mentee])
	):
		frappe.throw(
			_("{0} and {1} are in the same reporting line, which program {2} excludes.").format(
				frappe.bold(pairing.mentor_name), frappe.bold(pairing.mentee_name), frappe.bold(program.name)
			),
			title=_("Reporting Line"),
		)

	if (
		program.exclude_same_department
		and pairing.mentor_department
		and pairing.mentor_department == pairing.mentee_department
	):
		frappe.throw(
			_("{0} and {1} are both in {2}; program {3} pairs people across departments.").format(
				frappe.bold(pairing.mentor_name),
				frappe.bold(pairing.mentee_name),
				frappe.bold(pairing.mentor_department),
				frappe.bold(program.name),
			),
			title=_("Same Department"),
		)

	if program.reverse_mentoring:
		check_reverse_mentoring(pairing, program)

	others = frappe.get_all(
		"Mentoring Pairing",
		filters={
			"program": pairing.program,
			"status": ("in", RULED_STATUSES),
			"name": ("!=", pairing.name or ""),
		},
		or_filters={"mentor": pairing.mentor, "mentee": pairing.mentee},
		fields=["name", "mentor", "mentee", "status"],
	)

	duplicate = [p for p in others if p.mentor == pairing.mentor and p.mentee == pairing.mentee]
	if duplicate:
		frappe.throw(
			_("{0} already mentors {1} in this program ({2}).").format(
				frappe.bold(pairing.mentor_name), frappe.bold(pairing.mentee_name), duplicate[0].name
			),
			exc=frappe.DuplicateEntryError,
			title=_("Duplicate Pairing"),
		)

	if pairing.status == "Active":
		active = [p for p in others if p.mentee == pairing.mentee and p.status == "Active"]
		if active:
			frappe.throw(
				_("{0} already has an active pairing ({1}) in this program.").format(
					frappe.bold(pairing.mentee_name), active[0].name
				),
				title=_("Overlapping Pairing"),
			)

	if pairing.status not in OPEN_STATUSES:
		return
	capacity = mentor_capacity(pairing.program, pairing.mentor)
	load = sum(1 for p in others if p.mentor == pairing.mentor and p.status in OPEN_STATUSES)
	if load + 1 > capacity:
		frappe.throw(
			_("{0} is at capacity: {1} of {2} mentees already.").format(
				frappe.bold(pairing.mentor_name), load, capacity
			),
			title=_("Mentor at Capacity"),
		)
