# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt
"""A mentoring circle: one or two mentors with a small group of mentees around a topic
(docs/design.md §4b)."""

import frappe
from frappe import _

from mentorship_hr import access_policy
from mentorship_hr.domain import transitions
from mentorship_hr.engagement import health_service
from mentorship_hr.matching.circle_rules import OPEN_CIRCLE_STATUSES, check_circle_rules, mentors_of
from mentorship_hr.mixins.lifecycle import Lifecycle
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import manager_users, notify
from mentorship_hr.permissions import check_program_manager, is_program_manager, relations_of


class MentoringCircle(Lifecycle, PolicyDocument):
	NOUN = "circle"
	STATUS_TABLE = transitions.CIRCLE

	def onload(self):
		super().onload()
		self.set_status_moves()
		# its mentors and members log the circle's check-ins (and program managers)
		in_circle = bool(relations_of(self) & access_policy.PAIR) or is_program_manager()
		self.set_onload("can_log", self.status == "Active" and in_circle)
		# a member sets their own goals in it
		self.set_onload(
			"can_set_goal", self.status == "Active" and access_policy.MENTEE in relations_of(self)
		)

	def validate(self):
		if not (self.title or "").strip():
			topic = ", ".join(row.skill for row in self.topic_skills)
			self.title = _("{0} circle").format(topic or self.lead_mentor_name or self.lead_mentor)
		self.set_dates()
		self.validate_dates()
		self.validate_end_reason()
		if self.status in OPEN_CIRCLE_STATUSES:
			check_circle_rules(self)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Active" and (not before or before.status != "Active"):
			self.mark_participants_matched()
			if not before or before.status == "Proposed" or self.is_new():
				self.announce()
			health_service.refresh_circle_soon(self.name)
		elif self.status != "Active" and self.health:
			self.db_set({"health": None, "health_reason": None})

	def people(self) -> list[str]:
		return [*mentors_of(self), *(row.employee for row in self.members)]

	def mark_participants_matched(self):
		"""The mentors' and members' enrollments are Matched once the circle is live."""
		Participant = frappe.qb.DocType("Mentoring Participant")
		mentors, members = mentors_of(self), [row.employee for row in self.members]
		frappe.qb.update(Participant).set(Participant.status, "Matched").set(
			Participant.waitlist_reason, ""
		).where(
			(Participant.program == self.program)
			& (
				(Participant.employee.isin(mentors or [""]) & (Participant.role == "Mentor"))
				| (Participant.employee.isin(members or [""]) & (Participant.role == "Mentee"))
			)
		).run()

	def announce(self):
		"""Tell the mentors, the members and their managers that the circle has started."""
		employees = self.people()
		users = frappe.get_all("Employee", filters={"name": ("in", employees)}, pluck="user_id")
		notify(
			[u for u in users if u] + manager_users(employees),
			_("Mentoring circle: {0}").format(self.title),
			self,
			"mentoring_circle_active",
		)

	# Actions. Each acts on the stored circle, never on a copy that a client sent.

	@frappe.whitelist()
	def schedule_checkin(self, starts_on: str, duration_minutes: int = 60, agenda: str | None = None) -> str:
		"""The circle's next meeting as one Frappe Event (Meeting) shared with each of its mentors and
		members, in their calendars, with the circle as its reference. Returns the event."""
		doc = frappe.get_doc(self.doctype, self.name)
		if not (relations_of(doc) & access_policy.PAIR or is_program_manager()):
			frappe.throw(
				_("Only the circle's mentors and members, or a program manager, schedule its check-ins."),
				frappe.PermissionError,
			)
		starts, ends = doc.check_schedule(starts_on, duration_minutes)
		event = doc.calendar_entry(_("Mentoring circle: {0}").format(doc.title), starts, ends, agenda)
		users = [u for u in frappe.get_all("Employee", {"name": ("in", doc.people())}, pluck="user_id") if u]
		for user in users:
			if user != event.owner:
				frappe.share.add_docshare(
					"Event", event.name, user, read=1, flags={"ignore_share_permission": True}
				)
		notify(
			[u for u in users if u != frappe.session.user],
			_("Mentoring circle check-in scheduled for {0}").format(frappe.format(starts, "Datetime")),
			doc,
			"mentoring_checkin_scheduled",
			opens=event,
			event=event,
			scheduled_by=frappe.utils.get_fullname(frappe.session.user),
		)
		return event.name

	@frappe.whitelist()
	def move_member(self, employee: str, to_circle: str) -> str:
		"""Move a member to another open circle of the same program; both keep every rule."""
		check_program_manager()
		doc = frappe.get_doc(self.doctype, self.name)
		row = next((r for r in doc.members if r.employee == employee), None)
		if not row:
			frappe.throw(
				_("{0} is not a member of circle {1}.").format(employee, doc.name), title=_("Not a Member")
			)
		other = frappe.get_doc(self.doctype, to_circle)
		if other.program != doc.program or other.name == doc.name or other.status not in OPEN_CIRCLE_STATUSES:
			frappe.throw(
				_("A member moves only to another open circle of program {0}.").format(
					frappe.bold(doc.program)
				),
				title=_("Not Allowed"),
			)
		doc.remove(row)
		doc.save()
		other.append("members", {"employee": employee})
		other.save()
		return other.name


def circles_of(employees: list[str], statuses=OPEN_CIRCLE_STATUSES) -> list[str]:
	"""The circles these employees mentor or belong to."""
	if not employees:
		return []
	Circle, Member = frappe.qb.DocType("Mentoring Circle"), frappe.qb.DocType("Mentoring Circle Member")
	members = (
		frappe.qb.from_(Member)
		.select(Member.parent)
		.where((Member.parenttype == "Mentoring Circle") & Member.employee.isin(employees))
	)
	return (
		frappe.qb.from_(Circle)
		.select(Circle.name)
		.where(
			Circle.status.isin(statuses)
			& (
				Circle.lead_mentor.isin(employees)
				| Circle.co_mentor.isin(employees)
				| Circle.name.isin(members)
			)
		)
	).run(pluck=True)
