# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from mentorship_hr.mentorship_hr.doctype.mentoring_goal.mentoring_goal import validate_progress
from mentorship_hr.mentorship_hr.doctype.mentoring_pairing.mentoring_pairing import validate_active_pairing
from mentorship_hr.permissions import changed_fields, is_program_manager, pairing_role

OWN_RATING = {"Mentor": "mentor_rating", "Mentee": "mentee_rating"}


class MentoringCheckin(Document):
	def onload(self):
		if not self.is_party():
			self.private_notes = None

	def is_party(self, user=None) -> bool:
		return pairing_role(self.pairing, user or frappe.session.user) in ("Mentor", "Mentee")

	def validate(self):
		validate_active_pairing(self.pairing)
		self.set_logged_by()
		self.validate_dates()
		self.validate_goal_updates()
		self.validate_ratings()
		self.keep_private_notes()
		self.title = _("{0} on {1}").format(
			frappe.db.get_value("Mentoring Pairing", self.pairing, "title"),
			frappe.format(self.checkin_date, "Date"),
		)

	def before_update_after_submit(self):
		self.validate_ratings()

	def set_logged_by(self):
		if not self.is_new():
			return
		self.logged_by = frappe.session.user
		role = pairing_role(self.pairing, self.logged_by)
		if role in ("Mentor", "Mentee"):
			self.logged_by_role = role
		elif not self.logged_by_role:
			frappe.throw(_("Say whether the mentor or the mentee held this check-in (Logged By Role)."))

	def validate_dates(self):
		start, end = frappe.db.get_value("Mentoring Pairing", self.pairing, ["start_date", "end_date"])
		checkin_date = getdate(self.checkin_date)
		if checkin_date > getdate(today()):
			frappe.throw(_("A check-in cannot be dated in the future."), title=_("Invalid Date"))
		if start and checkin_date < getdate(start):
			frappe.throw(
				_("The check-in is dated before the pairing started on {0}.").format(
					frappe.format(start, "Date")
				),
				title=_("Invalid Date"),
			)
		if end and checkin_date > getdate(end):
			frappe.throw(
				_("The check-in is dated after the pairing ended on {0}.").format(frappe.format(end, "Date")),
				title=_("Invalid Date"),
			)

	def validate_goal_updates(self):
		if not self.goal_updates:
			return
		goals = dict(
			frappe.get_all(
				"Mentoring Goal",
				filters={"name": ("in", [row.goal for row in self.goal_updates])},
				fields=["name", "pairing"],
				as_list=True,
			)
		)
		for row in self.goal_updates:
			if goals.get(row.goal) != self.pairing:
				frappe.throw(
					_("Row {0}: goal {1} does not belong to this pairing.").format(
						row.idx, frappe.bold(row.goal)
					)
				)
			validate_progress(row.progress, _("Row {0}: New Progress").format(row.idx))

	def validate_ratings(self):
		"""Each side gives only its own session rating."""
		user = frappe.session.user
		if is_program_manager(user):
			return
		role = pairing_role(self.pairing, user)
		other = OWN_RATING["Mentee" if role == "Mentor" else "Mentor"]
		if other in changed_fields(self):
			frappe.throw(_("You can only give your own rating of the session."), frappe.PermissionError)

	def keep_private_notes(self):
		"""Nobody but the pair can read or overwrite the private notes."""
		if not self.is_new() and not self.is_party():
			self.private_notes = frappe.db.get_value(self.doctype, self.name, "private_notes")

	def on_submit(self):
		self.db_set({"submitted_on": today(), "confirmation_status": "Pending"})
		self.apply_goal_updates()
		frappe.get_doc("Mentoring Pairing", self.pairing).update_checkin_dates()

	def on_cancel(self):
		frappe.get_doc("Mentoring Pairing", self.pairing).update_checkin_dates()

	def apply_goal_updates(self):
		for row in self.goal_updates:
			goal = frappe.get_doc("Mentoring Goal", row.goal)
			goal.progress = row.progress
			goal.flags.from_checkin = True
			goal.add_comment(
				"Info", _("Progress set to {0}% in check-in {1}").format(row.progress, self.name)
			)
			goal.save(ignore_permissions=True)

	def check_can_respond(self):
		"""Only the counterpart of whoever logged the check-in, or a program manager, may respond."""
		if self.docstatus != 1:
			frappe.throw(_("Submit the check-in before it is confirmed or disputed."))
		user = frappe.session.user
		if is_program_manager(user):
			return
		if pairing_role(self.pairing, user) != ("Mentee" if self.logged_by_role == "Mentor" else "Mentor"):
			frappe.throw(
				_("Only the other side of the pairing can confirm or dispute this check-in."),
				frappe.PermissionError,
			)
		if self.confirmation_status != "Pending":
			frappe.throw(
				_("This check-in is already {0}. A program manager can resolve it.").format(
					_(self.confirmation_status)
				)
			)

	@frappe.whitelist()
	def confirm(self):
		self.check_can_respond()
		self.db_set({"confirmation_status": "Confirmed", "confirmed_by": frappe.session.user})
		self.add_comment("Info", _("Confirmed the check-in"))

	@frappe.whitelist()
	def dispute(self, reason: str):
		self.check_can_respond()
		if not (reason or "").strip():
			frappe.throw(_("Say why you dispute this check-in."), title=_("Reason Required"))
		self.db_set(
			{"confirmation_status": "Disputed", "confirmed_by": frappe.session.user, "dispute_reason": reason}
		)
		self.add_comment("Info", _("Disputed the check-in: {0}").format(reason))
