"""The pairing's "Flagged for Re-match" told everyone who read the pairing that a fit check had
failed, a survey answer. The field is gone; its column goes too, so no list can ask for it.
Program managers see a failed fit check from the survey answers themselves."""

import frappe


def execute():
	# asked of the table itself: Frappe caches its column lists
	if frappe.db.sql("show columns from `tabMentoring Pairing` like 'rematch_flag'"):
		frappe.db.sql_ddl("alter table `tabMentoring Pairing` drop column `rematch_flag`")
