"""Frappe HR's skill records as mentoring reads them: each employee's current proficiency (Employee
Skill Map), the skills a designation expects (Designation Skill), and the skills suggested to
someone applying: a mentor's strengths, a mentee's gaps. Suggestions are shown, never forced."""

import frappe
from frappe import _

from mentorship_hr.domain import skills
from mentorship_hr.domain.transitions import MENTEE, MENTOR
from mentorship_hr.permissions import employees_of


def ratings_of(employees: list[str]) -> dict[str, dict[str, int]]:
	"""Each employee's stars per skill, from the latest evaluation in their Skill Map (one query)."""
	rows = frappe.get_all(
		"Employee Skill",
		filters={"parenttype": "Employee Skill Map", "parent": ("in", list(employees) or [""])},
		fields=["parent", "skill", "proficiency", "evaluation_date"],
	)
	evaluations: dict[str, list] = {}
	for r in rows:
		evaluations.setdefault(r.parent, []).append(
			skills.Evaluation(r.skill, r.proficiency, r.evaluation_date)
		)
	return {e: skills.current(found) for e, found in evaluations.items()}


def expected_skills(designation: str | None) -> list[str]:
	if not designation:
		return []
	return frappe.get_all(
		"Designation Skill",
		filters={"parenttype": "Designation", "parent": designation},
		pluck="skill",
		order_by="idx",
	)


@frappe.whitelist()
def suggested_skills(role: str, target_designation: str | None = None) -> dict:
	"""For the session user applying as `role`: a mentor's skills rated 4 stars or more in their
	Skill Map; a mentee's gaps against their designation, or `target_designation` when given."""
	if role not in (MENTOR, MENTEE):
		frappe.throw(_("Role must be Mentor or Mentee."), title=_("Invalid Role"))
	mine = employees_of(frappe.session.user)
	if not mine:
		return {"skills": [], "why": ""}
	ratings = ratings_of(mine[:1]).get(mine[0], {})
	if role == MENTOR:
		found = skills.strengths(ratings)
		return {"skills": found, "why": _("rated 4 stars or more in your Skill Map") if found else ""}
	designation = target_designation or frappe.db.get_value("Employee", mine[0], "designation")
	found = skills.gaps(expected_skills(designation), ratings)
	why = _("what {0} expects and your Skill Map rates under 3 stars").format(designation) if found else ""
	return {"skills": found, "why": why}
