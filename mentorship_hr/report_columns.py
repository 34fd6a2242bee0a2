"""The columns of the app's script reports."""

import frappe


def column(fieldname, label, fieldtype="Data", width=120, options=None, **extra) -> dict:
	"""A report column. A Link to a DocType the viewer cannot read is shown as plain text, as Frappe
	refuses a report whose columns link what the viewer cannot read."""
	if fieldtype == "Link" and not frappe.has_permission(options, "read"):
		fieldtype, options = "Data", None
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"width": width,
		"options": options,
		**extra,
	}
