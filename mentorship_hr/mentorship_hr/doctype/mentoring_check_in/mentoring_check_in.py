# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from mentorship_hr import access_policy
from mentorship_hr.domain import transitions
from mentorship_hr.engagement import group_checkins, health_service, surveys
from mentorship_hr.mentorship_hr.doctype.mentoring_goal.mentoring_goal import validate_progress
from mentorship_hr.mentorship_hr.doctype.mentoring_pairing.mentoring_pairing import validate_active_pairing
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import notify, program_manager_users
from mentorship_hr.permissions import is_program_manager, pairing_role, relations_of, stored_state

NOTE = "Mentoring Check-in Note"


class MentoringCheckin(PolicyDocument):
	@property
	def private_notes(self) -> str | None:
		"""The pair's private notes. They live in a record of their own that only the pair reads;
		anyone else gets nothing, whatever they ask through."""
		if self.flags.new_private_notes is not None:
			return self.flags.new_private_notes
		if self.is_new() or not self.is_party():
			return None
		return frappe.db.get_value(NOTE, {"checkin": self.name}, "notes")

	@private_notes.setter
	def private_notes(self, text: str | None):
		self.__dict__["private_notes"] = text  # taken on save, and kept only if the pair wrote it

	def onload(self):
		super().onload()
		self.set_onload("is_party", self.is_party())
		if self.docstatus == 1:
			self.set_onload("can_cancel", frappe.has_permission(self.doctype, "cancel", self))
			actor = self.responder()
			moves = (
				transitions.moves_for(transitions.CONFIRMATION, self.confirmation_status, actor)
				if actor
				else []
			)
			self.set_onload("confirmation_moves", moves)

	def is_party(self, user=None) -> bool:
		"""Mentor or mentee of the stored pairing (of a circle: one of its mentors or members), as the
		Employee records say now."""
		return bool(relations_of(self, user) & access_policy.PAIR)

	def side_of(self, user: str) -> str | None:
		"""MENTOR or MENTEE: the user's side of the pairing, or of the circle (a member is MENTEE)."""
		if self.circle:
			return group_checkins.circle_role(frappe.get_doc("Mentoring Circle", self.circle), user)
		role = pairing_role(self.pairing, user)
		return role if role in (transitions.MENTOR, transitions.MENTEE) else None

	def before_validate(self):
		super().before_validate()
		self.take_private_notes()

	def validate(self):
		if bool(self.pairing) == bool(self.circle):
			frappe.throw(_("A check-in is of one pairing or of one circle."), title=_("Pairing or Circle"))
		if self.circle:
			circle = frappe.get_doc("Mentoring Circle", self.circle)
			group_checkins.check(self, circle)
			self.set_logged_by()
			self.set_people(circle.program, circle.lead_mentor, None)
		else:
			validate_active_pairing(self.pairing)
			self.set("attendance", [])  # a pairing's check-in is the pair's: nobody else attends
			self.set_logged_by()
			self.validate_dates()
			self.validate_goal_updates()
			pairing = frappe.db.get_value("Mentoring Pairing", self.pairing, ["program", "mentor", "mentee"])
			self.set_people(*pairing)
		self.title = _("{0} on {1}").format(
			frappe.db.get_value(
				"Mentoring Circle" if self.circle else "Mentoring Pairing",
				self.circle or self.pairing,
				"title",
			),
			frappe.format(self.checkin_date, "Date"),
		)

	def set_people(self, program: str, mentor: str | None, mentee: str | None):
		"""The program and the people, from the pairing or the circle (its lead mentor)."""
		users = dict(
			frappe.get_all(
				"Employee",
				filters={"name": ("in", [mentor or "", mentee or ""])},
				fields=["name", "user_id"],
				as_list=True,
			)
		)
		self.update(
			{
				"program": program,
				"mentor": mentor,
				"mentor_user": users.get(mentor),
				"mentee": mentee,
				"mentee_user": users.get(mentee),
			}
		)

	def before_update_after_submit(self):
		super().before_update_after_submit()
		self.take_private_notes()

	def take_private_notes(self):
		"""Keep the notes out of this record (and so out of its history); only the pair writes them
		(access_policy), and anyone else's text is dropped."""
		text = self.__dict__.get("private_notes")
		self.__dict__["private_notes"] = None
		if text is not None and access_policy.may_set(
			self.doctype, "private_notes", relations_of(self), stored_state(self), self.is_new()
		):
			self.flags.new_private_notes = text

	def on_update(self):
		self.save_private_notes()

	def on_update_after_submit(self):
		self.save_private_notes()

	def save_private_notes(self):
		text = self.flags.pop("new_private_notes", None)
		if text is None:
			return
		name = frappe.db.get_value(NOTE, {"checkin": self.name})
		note = frappe.get_doc(NOTE, name) if name else frappe.new_doc(NOTE)
		note.update({"checkin": self.name, "pairing": self.pairing, "circle": self.circle, "notes": text})
		note.save(ignore_permissions=True)

	def on_trash(self):
		frappe.db.delete(NOTE, {"checkin": self.name})

	def set_logged_by(self):
		if not self.is_new():
			return
		self.logged_by = frappe.session.user
		role = self.side_of(self.logged_by)
		if role:
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

	def on_submit(self):
		self.db_set({"submitted_on": today(), "confirmation_status": "Pending"})
		if self.circle:
			self.ask_attendees_to_confirm()
			self.refresh_health()
			return
		if self.logged_by_role == transitions.MENTEE and pairing_role(self.pairing, self.logged_by) == (
			transitions.MENTEE
		):
			self.apply_goal_updates()  # the mentee's own hand; the mentor's updates wait for the mentee
		self.refresh_health()
		pairing = frappe.get_doc("Mentoring Pairing", self.pairing)
		self.ask_counterpart_to_confirm(pairing)
		self.invite_to_fit_check(pairing)

	def refresh_health(self):
		if self.circle:
			health_service.refresh_circles([self.circle])
		elif self.pairing:
			health_service.refresh([self.pairing])

	def ask_counterpart_to_confirm(self, pairing):
		"""The other side of the pair is asked to confirm; never with the notes."""
		other = pairing.mentee if self.logged_by_role == transitions.MENTOR else pairing.mentor
		notify(
			[frappe.db.get_value("Employee", other, "user_id")],
			_("Please confirm your mentoring check-in of {0}").format(
				frappe.format(self.checkin_date, "Date")
			),
			self,
			"mentoring_checkin_to_confirm",
			logged_by=frappe.utils.get_fullname(self.logged_by),
		)

	def ask_attendees_to_confirm(self):
		"""In a circle, whoever attended (other than the logger) may confirm; never with the notes."""
		notify(
			group_checkins.confirmers(self),
			_("Please confirm your mentoring circle's check-in of {0}").format(
				frappe.format(self.checkin_date, "Date")
			),
			self,
			"mentoring_checkin_to_confirm",
			logged_by=frappe.utils.get_fullname(self.logged_by),
		)

	def invite_to_fit_check(self, pairing):
		"""After the first check-in, both sides are asked whether the pairing is a good fit."""
		if frappe.db.count(self.doctype, {"pairing": pairing.name, "docstatus": 1}) == 1:
			surveys.invite(pairing, "Fit Check")

	def on_cancel(self):
		self.undo_goal_updates()
		self.refresh_health()

	def apply_goal_updates(self):
		"""Set each goal's progress as the check-in says, remembering what it was. Applied once: by
		the mentee's own check-in, or when the mentee (or a program manager) confirms the mentor's."""
		for row in self.goal_updates:
			if row.applied:
				continue
			goal = frappe.get_doc("Mentoring Goal", row.goal)
			row.db_set({"previous_progress": goal.progress, "applied": 1}, update_modified=False)
			self.set_goal_progress(goal, row.progress, _("Progress set to {0}% in check-in {1}"))

	def undo_goal_updates(self):
		"""A disputed or cancelled check-in gives back each goal's progress from before it, unless
		the goal has moved on since."""
		for row in self.goal_updates:
			if not row.applied:
				continue
			row.db_set("applied", 0, update_modified=False)
			goal = frappe.get_doc("Mentoring Goal", row.goal)
			if flt(goal.progress) == flt(row.progress):
				self.set_goal_progress(
					goal, row.previous_progress, _("Progress back to {0}%: check-in {1} no longer counts")
				)

	def set_goal_progress(self, goal, progress, comment: str):
		goal.progress = flt(progress)
		goal.flags.from_checkin = True
		goal.add_comment("Info", comment.format(goal.progress, self.name))
		goal.save(ignore_permissions=True)

	# Confirmation. Each action loads the stored check-in; a copy that the client sent decides nothing.

	@frappe.whitelist()
	def confirm(self):
		"""The counterpart confirms; a program manager confirms a disputed check-in to resolve it."""
		frappe.get_doc(self.doctype, self.name).answer("Confirmed")

	@frappe.whitelist()
	def dispute(self, reason: str):
		frappe.get_doc(self.doctype, self.name).answer("Disputed", reason)

	def responder(self) -> str | None:
		"""How the session user may answer this check-in: Manager, Counterpart or None."""
		if is_program_manager():
			return transitions.MANAGER
		if self.circle:
			return transitions.COUNTERPART if frappe.session.user in group_checkins.confirmers(self) else None
		counterpart = transitions.MENTEE if self.logged_by_role == transitions.MENTOR else transitions.MENTOR
		return (
			transitions.COUNTERPART
			if pairing_role(self.pairing, frappe.session.user) == counterpart
			else None
		)

	def answer(self, status: str, reason: str | None = None):
		if self.docstatus != 1:
			frappe.throw(_("Submit the check-in before it is confirmed or disputed."))
		actor = self.responder()
		if not actor:
			frappe.throw(
				_(
					"Only someone of the circle who attended, other than whoever logged it, can confirm or dispute this check-in."
				)
				if self.circle
				else _("Only the other side of the pairing can confirm or dispute this check-in."),
				frappe.PermissionError,
			)
		if not transitions.allowed(transitions.CONFIRMATION, self.confirmation_status, status, actor):
			frappe.throw(
				_("This check-in is already {0}. A program manager can resolve it.").format(
					_(self.confirmation_status)
				),
				title=_("Not Allowed"),
			)
		if status == "Disputed" and not (reason or "").strip():
			frappe.throw(_("Say why you dispute this check-in."), title=_("Reason Required"))
		self.update({"confirmation_status": status, "confirmed_by": frappe.session.user})
		if reason:
			self.dispute_reason = reason
		self.flags.ignore_permissions = True  # the rule above decided; the save sanitises and versions
		self.save()
		if status == "Confirmed":
			self.apply_goal_updates()
		else:
			self.undo_goal_updates()
		self.refresh_health()
		if reason:
			self.add_comment("Info", _("Disputed the check-in: {0}").format(frappe.utils.escape_html(reason)))
			notify(
				program_manager_users(self.program),
				_("A mentoring check-in in {0} is disputed").format(self.program),
				self,
				"mentoring_checkin_disputed",
			)
		else:
			self.add_comment("Info", _("Confirmed the check-in"))
