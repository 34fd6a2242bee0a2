# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate

from mentorship_hr.domain import transitions
from mentorship_hr.domain.transitions import MANAGER
from mentorship_hr.engagement import workshop
from mentorship_hr.kpi import score_sync, sync_jobs
from mentorship_hr.matching import bulk_matching, circle_matching, enrollment, self_select
from mentorship_hr.mixins.kpi_weights import KPIWeights
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import email_account_exists
from mentorship_hr.permissions import check_program_manager, employees_of, is_program_manager


class MentoringProgram(KPIWeights, PolicyDocument):
	def before_insert(self):
		self.fill_missing_kpi_weights()
		if not self.kra:
			self.kra = frappe.db.get_single_value("Mentoring Settings", "default_kra")

	def onload(self):
		super().onload()
		self.set_onload("me", self.what_i_can_do())
		if is_program_manager():
			self.set_onload("status_moves", transitions.moves_for(transitions.PROGRAM, self.status, MANAGER))
			self.set_onload("sync_blocked", self.why_no_sync())
			self.set_onload("no_email_account", not email_account_exists())

	def why_no_sync(self) -> str | None:
		"""Why Sync Scores cannot work now, or None when it can."""
		if self.status not in score_sync.SCORED_PROGRAM_STATUSES:
			return _("Scores are synced once the program is Active.")
		cycles = frappe.get_all(
			"Appraisal Cycle",
			filters={
				"company": self.company,
				"status": ("!=", "Completed"),
				"start_date": ("<=", self.end_date),
				"end_date": (">=", self.start_date),
			},
			limit=1,
		)
		if not cycles:
			return _("No open appraisal cycle of {0} overlaps the program's dates.").format(self.company)
		return None

	def what_i_can_do(self) -> dict:
		"""What the session user can do here, so the form offers only what will work."""
		employees = employees_of(frappe.session.user)
		mentee = frappe.db.get_value(
			"Mentoring Participant",
			{
				"program": self.name,
				"employee": ("in", employees or [""]),
				"role": "Mentee",
				"status": ("in", bulk_matching.POOL_STATUSES),
			},
			"employee",
		)
		waiting_or_paired = mentee and frappe.db.exists(
			"Mentoring Pairing",
			{"program": self.name, "mentee": mentee, "status": ("in", ("Proposed", "Requested", "Active"))},
		)
		return {
			"employee": employees[0] if employees else None,
			"can_apply": bool(employees) and self.status == "Enrolling",
			"can_find_mentor": bool(mentee)
			and not waiting_or_paired
			and self.status in self_select.OPEN_PROGRAM_STATUSES,
		}

	def validate(self):
		self.validate_program_manager()
		self.validate_dates()
		self.validate_cadence_and_capacity()
		self.validate_kpi_weights()

	def validate_program_manager(self):
		"""The program's manager hears of disputes and failed fit checks, so must hold a role that
		runs programs."""
		if self.program_manager and not is_program_manager(self.program_manager):
			frappe.throw(
				_(
					"{0} cannot manage this program: give them the Mentoring Program Manager role first."
				).format(frappe.bold(frappe.utils.get_fullname(self.program_manager))),
				title=_("Not a Program Manager"),
			)

	def validate_dates(self):
		if self.start_date and self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(
				_("The program's End Date cannot be before its Start Date."), title=_("Invalid Dates")
			)

	def validate_cadence_and_capacity(self):
		if self.checkin_frequency_days is not None and self.checkin_frequency_days < 1:
			frappe.throw(_("Check-in Frequency must be at least 1 day."))
		if self.max_mentees_per_mentor is not None and self.max_mentees_per_mentor < 1:
			frappe.throw(_("Max Mentees per Mentor must be at least 1."))
		if self.reverse_mentoring and (self.reverse_level_gap or 0) < 1:
			frappe.throw(
				_(
					"In reverse mentoring the mentor is at least one level below the mentee: set Minimum Level Gap to 1 or more."
				),
				title=_("Reverse Mentoring"),
			)
		self.validate_circle_sizes()

	def validate_circle_sizes(self):
		if self.format == "One-to-one":
			return
		if (self.circle_size or 0) < 2:
			frappe.throw(
				_("A circle takes at least 2 members: set Circle Size to 2 or more."), title=_("Circles")
			)
		if not 1 <= (self.circle_min_fill or 0) <= self.circle_size:
			frappe.throw(
				_("Minimum Members must be between 1 and the Circle Size ({0}).").format(self.circle_size),
				title=_("Circles"),
			)

	# Actions. Each acts on the stored program, never on a copy that a client sent.

	def stored(self) -> "MentoringProgram":
		return frappe.get_doc(self.doctype, self.name)

	@frappe.whitelist()
	def set_status(self, status: str) -> dict:
		"""Open Enrollment, Start or Complete. Completing also completes the live pairings."""
		check_program_manager()
		doc = self.stored()
		if not transitions.allowed(transitions.PROGRAM, doc.status, status, MANAGER):
			frappe.throw(
				_("A {0} program cannot be moved to {1}.").format(_(doc.status), _(status)),
				title=_("Not Allowed"),
			)
		doc.status = status
		doc.save()
		completed = []
		if status == "Completed":
			for name in frappe.get_all(
				"Mentoring Pairing",
				filters={"program": doc.name, "status": ("in", ("Active", "Paused"))},
				pluck="name",
			):
				pairing = frappe.get_doc("Mentoring Pairing", name)
				pairing.status = "Completed"
				pairing.flags.actor = MANAGER
				pairing.save()
				completed.append(name)
		return {"status": doc.status, "completed_pairings": completed}

	@frappe.whitelist()
	def sync_scores(self) -> dict:
		"""Queue a recompute of this program's scores into HRMS Goals (see sync_jobs)."""
		check_program_manager()
		return sync_jobs.queue_sync(program=self.name)

	@frappe.whitelist()
	def invite_participants(
		self,
		role: str,
		department: str | None = None,
		designation: str | None = None,
		branch: str | None = None,
		grade: str | None = None,
	) -> dict:
		check_program_manager()
		filters = {"department": department, "designation": designation, "branch": branch, "grade": grade}
		return enrollment.invite(self.stored(), role, **filters)

	@frappe.whitelist()
	def invite_options(self) -> dict:
		check_program_manager()
		return enrollment.invite_options(self.stored())

	@frappe.whitelist()
	def hold_launch_workshop(
		self, start_time: str, end_time: str, location: str, introduction: str | None = None
	) -> dict:
		"""A session of the launch workshop, as a Frappe HR Training Event (engagement/workshop.py)."""
		check_program_manager()
		doc = self.stored()
		if doc.status not in ("Enrolling", "Active"):
			frappe.throw(
				_("A {0} program holds no workshop: open enrollment or start it first.").format(
					_(doc.status)
				),
				title=_("Not Allowed"),
			)
		return workshop.hold(doc, start_time, end_time, location, introduction)

	@frappe.whitelist()
	def run_matching(self) -> dict:
		"""Propose pairings, place mentees in circles, or both, as the program's format says."""
		check_program_manager()
		doc = self.stored()
		result = {}
		if doc.format != "Circles":
			result.update(bulk_matching.run_matching(doc))
		if doc.format != "One-to-one":
			bulk_matching.check_open_for_matching(doc)
			result["circles"] = circle_matching.run_circle_matching(doc)
		return result

	@frappe.whitelist()
	def publish_matches(self) -> dict:
		check_program_manager()
		doc = self.stored()
		result = bulk_matching.publish(self.name) if doc.format != "Circles" else {}
		if doc.format != "One-to-one":
			bulk_matching.check_started(self.name)
			result["circles"] = circle_matching.publish_circles(self.name)
		return result

	@frappe.whitelist()
	def get_mentor_suggestions(self) -> list[dict]:
		"""The session user's best mentors in this program, for an approved mentee."""
		return self_select.mentor_suggestions(self.stored())

	@frappe.whitelist()
	def request_mentor(self, mentor: str) -> str:
		return self_select.request_mentor(self.stored(), mentor)
