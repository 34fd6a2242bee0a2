# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MentoringSyncLog(Document):
	pass
