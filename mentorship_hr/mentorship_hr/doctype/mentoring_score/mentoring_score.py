# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class MentoringScore(Document):
	pass
