# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class MentoringCheckinNote(Document):
	"""Written only through the check-in's `private_notes` field, by the pair."""

	def validate(self):
		self.pairing = frappe.db.get_value("Mentoring Check-in", self.checkin, "pairing")
