# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt

from mentorship_hr.matching.circle_rules import mentors_of
from mentorship_hr.mentorship_hr.doctype.mentoring_pairing.mentoring_pairing import validate_active_pairing
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.permissions import employees_of
from mentorship_hr.skills import growth


def validate_progress(progress, label=None):
	if not 0 <= flt(progress) <= 100:
		frappe.throw(
			_("{0} must be between 0 and 100, not {1}.").format(label or _("Progress"), progress),
			title=_("Invalid Progress"),
		)


class MentoringGoal(PolicyDocument):
	"""The mentee writes the goal; the mentor writes only the assessment (access_policy). A goal is
	a pairing's, or a circle member's own (docs/design.md §4b)."""

	def validate(self):
		if self.circle:
			self.set_circle_people()
		elif not self.flags.from_checkin:  # a check-in's update may land after the pairing ended
			validate_active_pairing(self.pairing)
		validate_progress(self.progress)
		self.set_status()

	def set_circle_people(self):
		"""A circle goal is its member's: the member who sets it, in an Active circle; its mentor is
		the circle's lead."""
		if self.pairing:
			frappe.throw(
				_("A goal belongs to a pairing or to a circle, not both."), title=_("Pairing or Circle")
			)
		circle = frappe.get_doc("Mentoring Circle", self.circle)
		if circle.status != "Active":
			frappe.throw(
				_("Circle {0} is {1}. Goals need an Active circle.").format(
					frappe.bold(circle.name), _(circle.status)
				),
				title=_("Circle Not Active"),
			)
		if self.is_new():
			members = {row.employee for row in circle.members}
			mine = [e for e in employees_of(frappe.session.user) if e in members]
			if not mine:
				frappe.throw(
					_("A goal in a circle is a member's own: only a member of {0} sets one.").format(
						frappe.bold(circle.title)
					),
					title=_("Members Set Circle Goals"),
				)
			self.mentee = mine[0]
		else:  # the member stays; derived from a pairing, it was cleared before validation
			self.mentee = frappe.db.get_value(self.doctype, self.name, "mentee")
		self.program, self.mentor = circle.program, circle.lead_mentor
		self.mentee_name = frappe.db.get_value("Employee", self.mentee, "employee_name")
		self.mentor_name = circle.lead_mentor_name

	def on_update(self):
		before = self.get_doc_before_save()
		if self.skill and self.pairing and (not before or before.skill != self.skill):
			pairing = frappe.get_doc("Mentoring Pairing", self.pairing)
			if pairing.status == "Active":
				growth.record_baselines(pairing, (self.skill,))  # the before of the goal's skill
		if self.status == "Achieved" and (not before or before.status != "Achieved"):
			self.celebrate()

	def celebrate(self):
		"""A milestone: the pair (in a circle, the member and the mentors) and the mentee's manager
		hear of it (the goal, never notes)."""
		if self.circle:
			people = [self.mentee, *mentors_of(frappe.get_doc("Mentoring Circle", self.circle))]
		else:
			people = frappe.db.get_value("Mentoring Pairing", self.pairing, ["mentor", "mentee"])
		users = frappe.get_all("Employee", filters={"name": ("in", list(people))}, pluck="user_id")
		notify(
			[u for u in users if u] + manager_users([self.mentee]),
			_("Mentoring goal achieved: {0}").format(self.title),
			self,
			"mentoring_goal_achieved",
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
