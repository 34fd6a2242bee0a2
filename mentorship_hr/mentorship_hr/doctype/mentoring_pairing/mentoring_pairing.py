# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.utils import now_datetime

from mentorship_hr import access_policy
from mentorship_hr.domain import transitions
from mentorship_hr.engagement import health_service, manager_loop, surveys, workshop
from mentorship_hr.matching import bulk_matching, self_select
from mentorship_hr.matching.pairing_rules import RULED_STATUSES, check_pairing_rules
from mentorship_hr.mixins.lifecycle import ENDED, Lifecycle
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import notify, pair_and_manager_users
from mentorship_hr.permissions import check_program_manager, is_program_manager, pairing_role, relations_of
from mentorship_hr.skills import growth

# the program manager's buttons for the status moves the table gives them


class MentoringPairing(Lifecycle, PolicyDocument):
	def onload(self):
		super().onload()
		self.set_status_moves()
		self.set_onload("can_schedule", self.status == "Active" and self.may_schedule())
		self.set_onload(
			"can_acknowledge",
			self.status == "Active" and bool(manager_loop.pending_sides(self, frappe.session.user)),
		)
		if is_program_manager():  # a survey answer: for program managers and HR only
			self.set_onload("fit_check_failed", surveys.fit_check_failed(self.name))
		self.set_onload("connections", self.connections())
		self.set_onload("workshop", workshop.of_pairing(self))
		if self.status == "Active" and self.may_schedule():
			self.set_onload("next_event", self.next_event())

	CONNECTED = ("Mentoring Goal", "Mentoring Check-in", "Mentoring Feedback")

	def connections(self) -> dict:
		"""Which of the records below the pairing this user reads and may add (access_policy),
		so a manager sees the goals and is offered nothing else."""
		relations = relations_of(self)
		return {
			doctype: {
				# a survey answer is read by its respondent: each of the pair reads their own
				"read": access_policy.may_read(doctype, relations)
				or (doctype == "Mentoring Feedback" and bool(relations & access_policy.PAIR)),
				"create": access_policy.may_create(doctype, relations),
			}
			for doctype in self.CONNECTED
		}

	def next_event(self) -> dict | None:
		"""The next scheduled check-in: the earliest open Event from now on that refers to the pairing
		and that this user opens (each of the pair has their own)."""
		Event, Participant = frappe.qb.DocType("Event"), frappe.qb.DocType("Event Participants")
		rows = (
			frappe.qb.from_(Participant)
			.join(Event)
			.on(Event.name == Participant.parent)
			.select(Event.name, Event.starts_on)
			.where(
				(Participant.reference_doctype == self.doctype)
				& (Participant.reference_docname == self.name)
				& (Event.status == "Open")
				& (Event.starts_on >= now_datetime())
			)
			.orderby(Event.starts_on)
			.orderby(Case().when(Event.owner == frappe.session.user, 0).else_(1))
			.limit(10)
		).run(as_dict=True)
		return next((r for r in rows if frappe.has_permission("Event", "read", r.name)), None)

	def may_schedule(self) -> bool:
		role = pairing_role(self.name, frappe.session.user)
		return role in (transitions.MENTOR, transitions.MENTEE) or is_program_manager()

	def validate(self):
		self.title = f"{self.mentor_name or self.mentor} → {self.mentee_name or self.mentee}"
		self.set_dates()
		self.validate_dates()
		if self.status in RULED_STATUSES and not self.flags.ignore_pairing_rules:
			check_pairing_rules(self)
		self.validate_end_reason()
		if self.status == "Active" and self.going_live():
			workshop.check_go_live(self)

	def going_live(self) -> bool:
		"""Becoming Active for the first time: new, proposed or requested (not resumed)."""
		before = self.get_doc_before_save()
		return not before or before.status in ("Proposed", "Requested")

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Active" and (not before or before.status != "Active"):
			self.mark_participants_matched()
			growth.record_baselines(self)
			health_service.refresh_soon(self.name)
		elif self.status != "Active" and self.health:
			self.db_set({"health": None, "health_reason": None, "stale_alert_sent": 0})
		if self.status in ENDED and (not before or before.status != self.status):
			if self.status == "Ended Early":
				self.return_mentee_to_pool()
			notify(
				pair_and_manager_users(self),
				_("Mentoring pairing {0} is {1}").format(self.title, _(self.status)),
				self,
				"mentoring_pairing_ended",
			)
			if self.status == "Completed":
				growth.settle(self)
				surveys.invite(self, "Final")

	def mark_participants_matched(self):
		"""Both enrollments are Matched once the pairing is live, however it was made."""
		Participant = frappe.qb.DocType("Mentoring Participant")
		frappe.qb.update(Participant).set(Participant.status, "Matched").set(
			Participant.waitlist_reason, ""
		).where(
			(Participant.program == self.program)
			& (
				((Participant.employee == self.mentor) & (Participant.role == "Mentor"))
				| ((Participant.employee == self.mentee) & (Participant.role == "Mentee"))
			)
		).run()

	def return_mentee_to_pool(self):
		"""The back-up plan: a mentee whose pairing ended early can be matched again."""
		participant = frappe.db.get_value(
			"Mentoring Participant", {"program": self.program, "employee": self.mentee, "role": "Mentee"}
		)
		if participant:
			frappe.db.set_value("Mentoring Participant", participant, "status", "Approved")

	def stored(self) -> "MentoringPairing":
		"""The pairing as saved: actions never act on a copy that a client sent."""
		return frappe.get_doc(self.doctype, self.name)

	@frappe.whitelist()
	def respond_to_request(self, accept: int) -> str:
		"""The mentor asked accepts or declines a mentee's request."""
		return self_select.respond_to_request(self.stored(), accept)

	@frappe.whitelist()
	def swap_mentors(self, other: str):
		"""Exchange mentors with another Proposed pairing of the program."""
		check_program_manager()
		bulk_matching.swap_mentors(self.stored(), frappe.get_doc(self.doctype, other))

	@frappe.whitelist()
	def remove_proposal(self):
		check_program_manager()
		bulk_matching.remove_proposal(self.stored())

	@frappe.whitelist()
	def settle_skill_rating(self, skill: str, stars: int):
		"""A program manager sets the rating written into the Skill Map where the two sides' final
		ratings of a skill differ by more than a star."""
		check_program_manager()
		doc = self.stored()
		if doc.status != "Completed":
			frappe.throw(
				_("Skill ratings are agreed once the pairing is completed."), title=_("Not Completed")
			)
		growth.settle_by_hand(doc, skill, stars)

	@frappe.whitelist()
	def acknowledge(self) -> list[str]:
		"""A manager of the mentor or the mentee has read the pairing's agreement and goals."""
		return manager_loop.acknowledge(self.stored())

	@frappe.whitelist()
	def feedback_ratings(self) -> list[dict]:
		"""The other side's survey ratings, never their comments: for the pair only."""
		role = pairing_role(self.name, frappe.session.user)
		if role not in (transitions.MENTOR, transitions.MENTEE):
			frappe.throw(_("Only the pair sees each other's survey ratings."), frappe.PermissionError)
		from mentorship_hr.mentorship_hr.doctype.mentoring_feedback.mentoring_feedback import (
			ratings_for_counterpart,
		)

		return ratings_for_counterpart(self.name, role)

	def certificate_facts(self) -> dict:
		"""What the completion certificate states: goals achieved and check-ins held (a count,
		never their content)."""
		return {
			"program": self.program,
			"company": frappe.db.get_value("Mentoring Program", self.program, "company"),
			"goals": frappe.get_all(
				"Mentoring Goal",
				filters={"pairing": self.name, "status": "Achieved"},
				pluck="title",
				order_by="modified",
			),
			"checkins": frappe.db.count(
				"Mentoring Check-in",
				{"pairing": self.name, "docstatus": 1, "confirmation_status": ("!=", "Disputed")},
			),
			"skills": growth.grown(self.name),
		}

	@frappe.whitelist()
	def schedule_checkin(self, starts_on: str, duration_minutes: int = 60, agenda: str | None = None) -> str:
		"""The next check-in as a Frappe Event (Meeting) of each of the pair, in their Event list and
		calendar (and Google Calendar where the site syncs it), with the pairing as its reference.
		Returns the scheduler's own event."""
		doc = self.stored()
		if not doc.may_schedule():
			frappe.throw(
				_("Only the pair or a program manager can schedule its check-ins."), frappe.PermissionError
			)
		starts, ends = doc.check_schedule(starts_on, duration_minutes)
		# one Event per person: Frappe lists only a user's own events (overrides.event keeps them as one)
		owners = [u for u in (doc.mentor_user, doc.mentee_user) if u] or [frappe.session.user]
		events = {user: doc._calendar_entry(user, starts, ends, agenda) for user in owners}
		if frappe.session.user not in events:
			# a program manager who scheduled it sees it in their calendar too
			frappe.share.add_docshare(
				"Event",
				events[owners[0]].name,
				frappe.session.user,
				read=1,
				flags={"ignore_share_permission": True},
			)
		for user, event in events.items():
			if user == frappe.session.user:
				continue
			notify(
				[user],
				_("Mentoring check-in scheduled for {0}").format(frappe.format(starts, "Datetime")),
				doc,
				"mentoring_checkin_scheduled",
				opens=event,
				event=event,
				scheduled_by=frappe.utils.get_fullname(frappe.session.user),
			)
		event = events.get(frappe.session.user) or events[owners[0]]
		health_service.refresh([doc.name])
		return event.name

	def _calendar_entry(self, user: str, starts, ends, agenda: str | None):
		"""The check-in as the user's own Event."""
		event = self.calendar_entry(_("Mentoring check-in: {0}").format(self.title), starts, ends, agenda)
		if event.owner != user:
			# Frappe makes the session user the owner of what they insert
			event.db_set("owner", user, update_modified=False)
		return event


def validate_active_pairing(name: str):
	"""Throw a clear error unless the pairing is Active."""
	status = frappe.db.get_value("Mentoring Pairing", name, "status")
	if status != "Active":
		frappe.throw(
			_("Pairing {0} is {1}. Goals and check-ins need an Active pairing.").format(
				frappe.bold(name), _(status or "missing")
			),
			title=_("Pairing Not Active"),
		)
