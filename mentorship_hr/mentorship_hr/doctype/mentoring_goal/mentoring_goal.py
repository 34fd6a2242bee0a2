# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from mentorship_hr.form_rules import value_fields
from mentorship_hr.mentorship_hr.doctype.mentoring_pairing.mentoring_pairing import validate_active_pairing
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.permissions import changed_fields, is_program_manager, keep_links, pairing_role, stored

ASSESSMENT_FIELDS = ("mentor_rating", "mentor_comment")


def validate_progress(progress, label=None):
	if not 0 <= flt(progress) <= 100:
		frappe.throw(
			_("{0} must be between 0 and 100, not {1}.").format(label or _("Progress"), progress),
			title=_("Invalid Progress"),
		)


class MentoringGoal(Document):
	def onload(self):
		self.set_onload("editable", self.editable_fields())

	def editable_fields(self) -> list[str] | None:
		"""As validate_author: the mentee writes the goal, the mentor only the assessment."""
		if is_program_manager() or not self.pairing:
			return None
		role = pairing_role(stored(self, "pairing"), frappe.session.user)
		if role == "Mentee":
			return value_fields(self.meta, (*ASSESSMENT_FIELDS, *([] if self.is_new() else ["pairing"])))
		if role == "Mentor" and not self.is_new():
			return list(ASSESSMENT_FIELDS)
		return []

	def before_validate(self):
		keep_links(self, ["pairing"])

	def validate(self):
		validate_active_pairing(self.pairing)
		validate_progress(self.progress)
		self.validate_author()
		self.set_status()

	def validate_author(self):
		"""The mentee writes the goal; the mentor writes only the assessment."""
		user = frappe.session.user
		if self.flags.from_checkin or is_program_manager(user):
			return
		role = pairing_role(self.pairing, user)
		changed = changed_fields(self)
		if role == "Mentor" and (self.is_new() or changed - set(ASSESSMENT_FIELDS)):
			frappe.throw(
				_("Goals belong to the mentee. As the mentor you can rate and comment on them."),
				frappe.PermissionError,
			)
		if role == "Mentee" and changed & set(ASSESSMENT_FIELDS):
			frappe.throw(_("Only the mentor can rate this goal."), frappe.PermissionError)

	def on_update(self):
		before = self.get_doc_before_save()
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
