"""Frappe's Event as a scheduled check-in: an Event may reference a pairing only if whoever saves it
reads the pairing. Which events count as a pairing's next check-in (the pair's and program
managers') is health_service's."""

import frappe
from frappe import _

PAIRING = "Mentoring Pairing"


def validate(doc, method=None):
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	before = doc.get_doc_before_save()
	known = {
		(row.reference_doctype, row.reference_docname)
		for row in (before.event_participants if before else [])
	}
	for row in doc.event_participants:
		reference = (row.reference_doctype, row.reference_docname)
		if row.reference_doctype != PAIRING or not row.reference_docname or reference in known:
			continue
		if not frappe.db.exists(PAIRING, row.reference_docname) or not frappe.has_permission(
			PAIRING, "read", row.reference_docname
		):
			frappe.throw(
				_("Row {0}: you can refer only to mentoring pairings you can open.").format(row.idx),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)
