"""Frappe's generic endpoints, where they would read the app's records without its row rules."""

import frappe
from frappe.client import get_count as frappe_get_count
from frappe.utils import get_safe_filters

from mentorship_hr import access_policy

# each row DocType of the app, by the DocType whose row rules it follows
PARENTS = {
	"Mentoring Check-in Goal Update": "Mentoring Check-in",
	"Mentoring Skill Item": "Mentoring Participant",
	"Mentoring Circle Member": "Mentoring Circle",
	"Mentoring Check-in Attendee": "Mentoring Check-in",
}


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` counts rows without asking who may read them: a count of survey
	answers or notes that match a filter would tell what they say. The app's DocTypes are counted
	through `frappe.get_list`, so only the rows the user may read count; other DocTypes as Frappe
	does."""
	if doctype not in access_policy.POLICY:
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(distinct `name`) as count"],
		parent_doctype=PARENTS.get(doctype),
		debug=debug,
	)
	return rows[0].count if rows else 0
