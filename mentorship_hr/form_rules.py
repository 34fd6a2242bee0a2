"""Which fields a person may edit on a form: the access policy's (mentorship_hr/access_policy.py),
which the server enforces on every save (permissions.guard_fields).

Saved records send them in `onload` (`editable`); a new Goal or Check-in asks `editable_fields`
once its pairing or circle is chosen. None means "as Frappe's permissions say"; a list names the only
fields left editable, so nobody is offered an edit the server would refuse.
"""

import frappe

FORMS = (
	"Mentoring Pairing",
	"Mentoring Goal",
	"Mentoring Check-in",
	"Mentoring Participant",
	"Mentoring Feedback",
)


@frappe.whitelist()
def editable_fields(doctype: str, pairing: str | None = None, circle: str | None = None) -> list[str] | None:
	"""For a new record of one of the mentoring forms, with its pairing (or circle) chosen."""
	if doctype not in FORMS:
		frappe.throw(frappe._("No form rules for {0}.").format(doctype), frappe.PermissionError)
	doc = frappe.new_doc(doctype)
	for field, value in (("pairing", pairing), ("circle", circle)):
		if value and doc.meta.has_field(field):
			doc.set(field, value)
	return doc.editable_fields()
