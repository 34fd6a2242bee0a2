# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from mentorship_hr.mixins.kpi_weights import KPIWeights
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import email_account_exists


class MentoringSettings(KPIWeights, PolicyDocument):
	def onload(self):
		super().onload()
		self.set_onload("no_email_account", not email_account_exists())

	def validate(self):
		self.validate_kpi_weights()
		if (self.confirmation_window_days or 0) < 0:
			frappe.throw(_("The Confirmation Window cannot be negative."))
