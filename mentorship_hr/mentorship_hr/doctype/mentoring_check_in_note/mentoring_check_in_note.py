# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe

from mentorship_hr.mixins.policy_document import PolicyDocument


class MentoringCheckinNote(PolicyDocument):
	"""Written only through the check-in's `private_notes` field, by the pair."""

	def validate(self):
		self.pairing, self.circle = frappe.db.get_value(
			"Mentoring Check-in", self.checkin, ["pairing", "circle"]
		) or (None, None)
