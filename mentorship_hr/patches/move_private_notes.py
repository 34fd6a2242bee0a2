"""Move check-in private notes out of the check-in table, and out of its change history, into
Mentoring Check-in Note, which only the pair reads."""

import json

import frappe


def execute():
	# asked of the table itself: Frappe caches its column lists
	if frappe.db.sql("show columns from `tabMentoring Check-in` like 'private_notes'"):
		for row in frappe.db.sql(
			"""select name, pairing, private_notes from `tabMentoring Check-in`
			where ifnull(private_notes, '') != ''""",
			as_dict=True,
		):
			if not frappe.db.exists("Mentoring Check-in Note", {"checkin": row.name}):
				frappe.get_doc(
					{
						"doctype": "Mentoring Check-in Note",
						"checkin": row.name,
						"pairing": row.pairing,
						"notes": row.private_notes,
					}
				).insert(ignore_permissions=True)
		frappe.db.sql_ddl("alter table `tabMentoring Check-in` drop column private_notes")
		frappe.clear_cache(doctype="Mentoring Check-in")

	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": "Mentoring Check-in", "data": ("like", "%private_notes%")},
		fields=["name", "data"],
	):
		data = json.loads(version.data)
		data["changed"] = [change for change in data.get("changed", []) if change[0] != "private_notes"]
		frappe.db.set_value("Version", version.name, "data", json.dumps(data), update_modified=False)
