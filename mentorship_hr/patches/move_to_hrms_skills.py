"""Mentoring uses Frappe HR's Skill list: each Mentoring Skill becomes a Skill (its category kept in
the description), the rows that named it now link the Skill of the same name, and the Mentoring
Skill DocType is retired."""

import frappe

from mentorship_hr.install import grant_skill_access


def execute():
	grant_skill_access()
	if not frappe.db.table_exists("Mentoring Skill"):
		return
	for old in frappe.db.sql("select name, category, description from `tabMentoring Skill`", as_dict=True):
		if frappe.db.exists("Skill", old.name):
			continue
		about = "\n".join(
			filter(None, [old.description, f"Category: {old.category}" if old.category else ""])
		)
		frappe.get_doc({"doctype": "Skill", "skill_name": old.name, "description": about}).insert(
			ignore_permissions=True
		)
	# the rows keep their values: each names the Skill made above under the same name
	frappe.delete_doc("DocType", "Mentoring Skill", ignore_missing=True, force=True)
	frappe.db.sql_ddl("drop table if exists `tabMentoring Skill`")  # Frappe keeps a standard one's
