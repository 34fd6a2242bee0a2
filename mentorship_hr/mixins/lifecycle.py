"""The lifecycle of a pairing or a circle: its dates, set when it goes live and when it ends and
always within its program's; why it ended early; and the status moves a program manager makes."""

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime, today

from mentorship_hr.domain import transitions
from mentorship_hr.permissions import check_program_manager, is_program_manager

ENDED = ("Completed", "Ended Early")


class Lifecycle:
	NOUN = "pairing"  # how messages name the record
	STATUS_TABLE = transitions.PAIRING
	MOVED_FROM = ("Proposed", "Active", "Paused")  # the statuses a program manager moves it from

	def set_status_moves(self):
		"""The form's Status menu: the moves a program manager may make from the stored status."""
		moves = []
		if is_program_manager() and self.status in self.MOVED_FROM:
			moves = transitions.moves_for(self.STATUS_TABLE, self.status, transitions.MANAGER)
		self.set_onload("status_moves", moves)

	def set_dates(self):
		program_start = frappe.db.get_value("Mentoring Program", self.program, "start_date")
		if self.status == "Active" and not self.start_date:
			self.start_date = max(getdate(today()), getdate(program_start))
		if self.status in ENDED and not self.end_date:
			program_end = frappe.db.get_value("Mentoring Program", self.program, "end_date")
			self.end_date = min(getdate(today()), getdate(program_end))

	def validate_dates(self):
		start, end = frappe.db.get_value("Mentoring Program", self.program, ["start_date", "end_date"])
		for label, value in ((_("Start Date"), self.start_date), (_("End Date"), self.end_date)):
			if value and not getdate(start) <= getdate(value) <= getdate(end):
				frappe.throw(
					_("The {0}'s {1} {2} is outside program {3}, which runs from {4} to {5}.").format(
						_(self.NOUN),
						label,
						frappe.format(value, "Date"),
						frappe.bold(self.program),
						frappe.format(start, "Date"),
						frappe.format(end, "Date"),
					),
					title=_("Dates Outside Program"),
				)
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(
				_("The {0}'s End Date cannot be before its Start Date.").format(_(self.NOUN)),
				title=_("Invalid Dates"),
			)

	def validate_end_reason(self):
		if self.status == "Ended Early" and not (self.end_reason or "").strip():
			frappe.throw(
				_("Say why the {0} ended early.").format(_(self.NOUN)), title=_("End Reason Required")
			)

	@frappe.whitelist()
	def set_status(self, status: str, reason: str | None = None) -> str:
		"""Activate, Pause, Resume, Complete or End Early (with the reason): program managers only,
		on the stored record."""
		check_program_manager()
		doc = frappe.get_doc(self.doctype, self.name)
		if doc.status not in self.MOVED_FROM or not transitions.allowed(
			self.STATUS_TABLE, doc.status, status, transitions.MANAGER
		):
			frappe.throw(
				_("A {0} {1} cannot be moved to {2}.").format(_(doc.status), _(self.NOUN), _(status)),
				title=_("Not Allowed"),
			)
		doc.status = status
		if status == "Ended Early":
			doc.end_reason = (reason or "").strip()
		doc.flags.actor = transitions.MANAGER
		doc.save()
		return doc.status

	def check_schedule(self, starts_on: str, duration_minutes) -> tuple:
		"""A check-in to schedule: the record Active, a time ahead, 5 minutes to 8 hours. Returns
		when it starts and ends."""
		if self.status != "Active":
			frappe.throw(
				_("Only an Active {0} has check-ins to schedule.").format(_(self.NOUN)), title=_("Not Active")
			)
		starts = get_datetime(starts_on)
		if not starts or starts < now_datetime():
			frappe.throw(_("Pick a time in the future for the check-in."), title=_("Invalid Time"))
		minutes = cint(duration_minutes)
		if not 5 <= minutes <= 480:
			frappe.throw(_("A check-in lasts between 5 minutes and 8 hours."), title=_("Invalid Duration"))
		return starts, add_to_date(starts, minutes=minutes)

	def calendar_entry(self, subject: str, starts, ends, agenda: str | None):
		"""The check-in as a Frappe Event (Meeting) that refers to this record."""
		return frappe.get_doc(
			{
				"doctype": "Event",
				"subject": subject,
				"event_category": "Meeting",
				"event_type": "Private",
				"starts_on": starts,
				"ends_on": ends,
				"description": frappe.utils.escape_html(agenda or ""),
				"event_participants": [{"reference_doctype": self.doctype, "reference_docname": self.name}],
			}
		).insert(ignore_permissions=True)
