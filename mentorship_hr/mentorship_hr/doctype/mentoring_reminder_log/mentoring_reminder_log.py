# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe

from mentorship_hr.mixins.policy_document import PolicyDocument


class MentoringReminderLog(PolicyDocument):
	pass


def on_doctype_update():
	frappe.db.add_unique("Mentoring Reminder Log", ["user", "item_key"], constraint_name="user_item")
