# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt

from mentorship_hr.mentorship_hr.doctype.mentoring_pairing.mentoring_pairing import validate_active_pairing
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.skills import growth


def validate_progress(progress, label=None):
	if not 0 <= flt(progress) <= 100:
		frappe.throw(
			_("{0} must be between 0 and 100, not {1}.").format(label or _("Progress"), progress),
			title=_("Invalid Progress"),
		)


class MentoringGoal(PolicyDocument):
	"""The mentee writes the goal; the mentor writes only the assessment (access_policy)."""

	def validate(self):
		if not self.flags.from_checkin:  # a check-in's update may land after the pairing ended
			validate_active_pairing(self.pairing)
		validate_progress(self.progress)
		self.set_status()

	def on_update(self):
		before = self.get_doc_before_save()
		if self.skill and (not before or before.skill != self.skill):
			pairing = frappe.get_doc("Mentoring Pairing", self.pairing)
			if pairing.status == "Active":
				growth.record_baselines(pairing, (self.skill,))  # the before of the goal's skill
		if self.status == "Achieved" and (not before or before.status != "Achieved"):
			self.celebrate()

	def celebrate(self):
		"""A milestone: the pair and the mentee's manager hear of it (the goal, never notes)."""
		pairing = frappe.get_doc("Mentoring Pairing", self.pairing)
		notify(
			[pairing.mentor_user, pairing.mentee_user, *manager_users([pairing.mentee])],
			_("Mentoring goal achieved: {0}").format(self.title),
			self,
			"mentoring_goal_achieved",
			pairing=pairing,
		)

	def set_status(self):
		if self.status == "Dropped":
			return
		before = self.get_doc_before_save()
		if self.status == "Achieved" and (not before or before.status != "Achieved"):
			self.progress = 100
		elif flt(self.progress) >= 100:
			self.status = "Achieved"
		elif flt(self.progress) > 0:
			self.status = "In Progress"
		else:
			self.status = "Not Started"
