"""The columns of the app's script reports, and what every list of pairings reads of a pairing."""

import frappe

# a pairing as the lists show it (Program Health, the Appraisal's section, My Mentoring)
PAIRING_SUMMARY = [
	"name",
	"program",
	"status",
	"mentor",
	"mentor_name",
	"mentee",
	"mentee_name",
	"start_date",
	"end_date",
	"health",
	"health_reason",
]


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
