# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.matching import enrollment
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import notify, program_manager_users
from mentorship_hr.permissions import check_program_manager, employees_of, is_program_manager, stored
from mentorship_hr.portal.apps_screen import land_participant


class MentoringParticipant(PolicyDocument):
	"""The employee applies, edits their profile and withdraws; program managers decide; the role is
	fixed once the enrollment is decided (access_policy)."""

	def onload(self):
		super().onload()
		self.set_onload(
			"can_withdraw",
			self.is_mine()
			and transitions.allowed(transitions.PARTICIPANT, self.status, "Withdrawn", transitions.SELF),
		)

	def is_mine(self) -> bool:
		return stored(self, "employee") in employees_of(frappe.session.user)

	def validate(self):
		self.validate_duplicate()
		self.validate_employee()
		self.validate_program()
		self.validate_capacity()

	def validate_duplicate(self):
		existing = frappe.db.exists(
			"Mentoring Participant",
			{
				"program": self.program,
				"employee": self.employee,
				"role": self.role,
				"name": ("!=", self.name),
			},
		)
		if existing:
			frappe.throw(
				_("{0} is already enrolled in {1} as a {2}.").format(
					frappe.bold(self.employee_name or self.employee), frappe.bold(self.program), _(self.role)
				),
				exc=frappe.DuplicateEntryError,
				title=_("Already Enrolled"),
			)

	def validate_employee(self):
		if frappe.db.get_value("Employee", self.employee, "status") != "Active":
			frappe.throw(
				_("{0} is not an active employee.").format(frappe.bold(self.employee_name or self.employee)),
				title=_("Inactive Employee"),
			)

	def validate_program(self):
		if not self.is_new():
			return
		status = frappe.db.get_value("Mentoring Program", self.program, "status")
		allowed = ("Enrolling", "Active") if is_program_manager() else ("Enrolling",)
		if status not in allowed:
			frappe.throw(
				_("Program {0} is {1} and does not take enrollments.").format(
					frappe.bold(self.program), _(status)
				),
				title=_("Enrollment Closed"),
			)

	def validate_capacity(self):
		if self.role != "Mentor":
			self.capacity = 0
			return
		max_mentees = frappe.db.get_value("Mentoring Program", self.program, "max_mentees_per_mentor")
		if self.capacity is None:
			self.capacity = max_mentees
		if self.capacity < 1:
			frappe.throw(_("A mentor's capacity must be at least 1 mentee."), title=_("Invalid Capacity"))
		if max_mentees and self.capacity > max_mentees:
			frappe.throw(
				_("A mentor's capacity cannot exceed the program's maximum of {0} mentees.").format(
					max_mentees
				),
				title=_("Invalid Capacity"),
			)

	def after_insert(self):
		land_participant(self.user)  # their mentoring is in My Mentoring from now on
		if self.status == "Applied":
			notify(
				program_manager_users(self.program),
				_("{0} applied to {1} as a {2}").format(self.employee_name, self.program, _(self.role)),
				self,
				"mentoring_application_received",
			)

	def stored(self) -> "MentoringParticipant":
		return frappe.get_doc(self.doctype, self.name)

	@frappe.whitelist()
	def withdraw(self) -> str:
		"""The employee leaves the program (or a program manager takes them out)."""
		doc = self.stored()
		if not (doc.is_mine() or is_program_manager()):
			frappe.throw(_("You can only withdraw your own enrollment."), frappe.PermissionError)
		doc.status = "Withdrawn"
		doc.save()
		return doc.status

	@frappe.whitelist()
	def respond_to_invitation(self, accept: int) -> str:
		return enrollment.respond_to_invitation(self.stored(), accept)

	@frappe.whitelist()
	def review_application(self, approve: int) -> str:
		check_program_manager()
		return enrollment.review_application(self.stored(), approve)
