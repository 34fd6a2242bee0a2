"""Which fields a person may edit on a form, taken from the rules the server enforces on save.

Saved records send them in `onload` (`editable`); a new Goal or Check-in asks `editable_fields`
once its pairing is chosen. None means "as Frappe's permissions say"; a list names the only
fields left editable, so nobody is offered an edit the server would refuse.
"""

import frappe

FORMS = ("Mentoring Pairing", "Mentoring Goal", "Mentoring Check-in", "Mentoring Participant")


def value_fields(meta, exclude=()) -> list[str]:
	"""The fields a user could type into, less the excluded ones."""
	return [
		df.fieldname
		for df in meta.fields
		if df.fieldtype not in frappe.model.no_value_fields
		and not df.read_only
		and not df.is_virtual
		and df.fieldname not in exclude
	]


@frappe.whitelist()
def editable_fields(doctype: str, pairing: str | None = None) -> list[str] | None:
	"""For a new record of one of the mentoring forms, with its pairing chosen."""
	if doctype not in FORMS:
		frappe.throw(frappe._("No form rules for {0}.").format(doctype), frappe.PermissionError)
	doc = frappe.new_doc(doctype)
	if pairing and doc.meta.has_field("pairing"):
		doc.pairing = pairing
	return doc.editable_fields()
