"""Opt-in enrollment: employees apply, program managers invite in bulk and review (docs/design.md §4)."""

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.notifications import notify, program_manager_users
from mentorship_hr.permissions import check_program_manager, employees_of

INVITE_FILTERS = ("department", "designation", "branch", "grade")


def invite(program_doc, role: str, **filters) -> dict:
	"""Invite the program company's Active employees that match the filters, like Appraisal Cycle's
	employee filters. Invitees must accept; nobody is enrolled against their will."""
	program = program_doc.name
	if program_doc.status not in ("Enrolling", "Active"):
		frappe.throw(
			_("Program {0} is {1} and does not take enrollments.").format(program, _(program_doc.status))
		)
	if role not in ("Mentor", "Mentee"):
		frappe.throw(_("Invite people as a Mentor or a Mentee."))
	employee_filters = {"status": "Active", "company": program_doc.company}
	employee_filters.update({k: v for k, v in filters.items() if k in INVITE_FILTERS and v})
	employees = frappe.get_all("Employee", filters=employee_filters, pluck="name")
	enrolled = set(
		frappe.get_all(
			"Mentoring Participant",
			filters={"program": program, "role": role, "employee": ("in", employees or [""])},
			pluck="employee",
		)
	)
	invited = []
	for employee in employees:
		if employee in enrolled:
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Mentoring Participant",
				"program": program,
				"employee": employee,
				"role": role,
				"status": "Invited",
			}
		)
		doc.flags.actor = transitions.MANAGER
		doc.insert(ignore_permissions=True)
		notify(
			[doc.user],
			_("You are invited to mentoring program {0}").format(program),
			doc,
			"mentoring_invitation",
		)
		invited.append(doc.name)
	return {"invited": len(invited), "already_enrolled": len(enrolled), "participants": invited}


def invite_options(program_doc) -> dict[str, list[str]]:
	"""What the Invite dialog offers: the departments, designations, branches and grades of the
	program company's Active employees. Read here for the program manager, who may invite whether
	or not their roles read those DocTypes (an HR Manager without HR User does not read
	Designation)."""
	employees = {"status": "Active", "company": program_doc.company}
	return {
		field: sorted(
			v for v in frappe.get_all("Employee", filters=employees, pluck=field, distinct=True) if v
		)
		for field in INVITE_FILTERS
	}


def respond_to_invitation(doc, accept: bool) -> str:
	"""The invitee answers a stored invitation."""
	if doc.employee not in employees_of(frappe.session.user):
		frappe.throw(_("Only the invited employee can answer this invitation."), frappe.PermissionError)
	if doc.status != "Invited":
		frappe.throw(_("This invitation was already answered ({0}).").format(_(doc.status)))
	doc.status = "Approved" if int(accept) else "Withdrawn"
	doc.flags.actor = transitions.SELF
	doc.save(ignore_permissions=True)
	answer = _("accepted") if doc.status == "Approved" else _("declined")
	notify(
		program_manager_users(doc.program),
		_("{0} {1} the invitation to {2}").format(doc.employee_name, answer, doc.program),
		doc,
		"mentoring_invitation_answered",
		answer=answer,
	)
	return doc.status


def review_application(doc, approve: bool) -> str:
	"""A program manager approves or declines a stored application."""
	if doc.status != "Applied":
		frappe.throw(
			_("Only applications can be approved or declined; this one is {0}.").format(_(doc.status))
		)
	doc.status = "Approved" if int(approve) else "Declined"
	doc.save()
	notify(
		[doc.user],
		_("Your application to {0} was {1}").format(doc.program, _(doc.status.lower())),
		doc,
		"mentoring_application",
		decision=doc.status.lower(),
	)
	return doc.status


@frappe.whitelist()
def approve_applications(names: str | list) -> dict:
	"""The participant list's bulk Approve: each stored application is approved on its own, and
	anything that is not an application is reported, not changed."""
	check_program_manager()
	names = frappe.parse_json(names) if isinstance(names, str) else names
	result = {"approved": [], "not_changed": []}
	for row in frappe.get_all(
		"Mentoring Participant", filters={"name": ("in", list(names) or [""])}, fields=["name", "status"]
	):
		if row.status != "Applied":
			result["not_changed"].append(
				{"name": row.name, "reason": _("it is {0}, not an application").format(_(row.status))}
			)
			continue
		review_application(frappe.get_doc("Mentoring Participant", row.name), True)
		result["approved"].append(row.name)
	return result
