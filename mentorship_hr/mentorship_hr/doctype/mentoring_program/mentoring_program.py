# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from mentorship_hr.weights import fill_missing_weights, validate_weight_fields


class MentoringProgram(Document):
	def before_insert(self):
		fill_missing_weights(self)
		if not self.kra:
			self.kra = frappe.db.get_single_value("Mentoring Settings", "default_kra")

	def validate(self):
		self.validate_dates()
		self.validate_cadence_and_capacity()
		validate_weight_fields(self)

	def validate_dates(self):
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(
				_("The program's End Date cannot be before its Start Date."), title=_("Invalid Dates")
			)

	def validate_cadence_and_capacity(self):
		if self.checkin_frequency_days is not None and self.checkin_frequency_days < 1:
			frappe.throw(_("Check-in Frequency must be at least 1 day."))
		if self.max_mentees_per_mentor is not None and self.max_mentees_per_mentor < 1:
			frappe.throw(_("Max Mentees per Mentor must be at least 1."))
