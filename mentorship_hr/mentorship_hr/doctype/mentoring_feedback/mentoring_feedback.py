# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from mentorship_hr.domain import transitions
from mentorship_hr.engagement import health_service
from mentorship_hr.mixins.policy_document import PolicyDocument
from mentorship_hr.notifications import notify, program_manager_users
from mentorship_hr.permissions import pairing_role
from mentorship_hr.skills import growth

SURVEYED_STATUSES = ("Active", "Paused", "Completed", "Ended Early")
RATINGS = ("overall_rating", "preparation_rating", "communication_rating", "progress_rating")


class MentoringFeedback(PolicyDocument):
	"""An answer is its respondent's, and final once sent (access_policy)."""

	def validate(self):
		if self.is_new():
			self.set_respondent()
		status = frappe.db.get_value("Mentoring Pairing", self.pairing, "status")
		if status not in SURVEYED_STATUSES:
			frappe.throw(
				_("A {0} pairing has no surveys to answer.").format(_(status)), title=_("Pairing Not Started")
			)
		self.validate_unique()
		for field in RATINGS:
			if not 0 <= (self.get(field) or 0) <= 1:
				frappe.throw(_("{0} must be between 0 and 5 stars.").format(_(self.meta.get_label(field))))
		if not self.overall_rating:
			frappe.throw(_("Give an overall rating."), title=_("Rating Required"))
		if self.survey_type == "Fit Check" and self.good_fit not in ("Yes", "No"):
			frappe.throw(_("Say whether this is a good fit."), title=_("Answer Required"))
		if self.survey_type != "Fit Check":
			self.good_fit = None
		self.validate_skill_ratings()

	def validate_skill_ratings(self):
		"""The mentee's skills are rated at the mid-point and at the end, each skill once."""
		if self.skill_ratings and self.survey_type not in ("Mid-point", "Final"):
			frappe.throw(
				_("Skills are rated in the mid-point and final surveys only."),
				title=_("No Skill Ratings Here"),
			)
		seen = set()
		for row in self.skill_ratings:
			if row.skill in seen:
				frappe.throw(
					_("Row {0}: {1} is rated twice.").format(row.idx, row.skill), title=_("Skill Rated Twice")
				)
			seen.add(row.skill)
			if not 0 <= (row.proficiency or 0) <= 1:
				frappe.throw(_("Row {0}: give 0 to 5 stars.").format(row.idx), title=_("Invalid Rating"))

	def set_respondent(self):
		"""Only the pair answers its surveys, each for themself."""
		user = frappe.session.user
		role = pairing_role(self.pairing, user)
		if role not in (transitions.MENTOR, transitions.MENTEE):
			frappe.throw(
				_("Only the mentor and the mentee answer this pairing's surveys."), frappe.PermissionError
			)
		self.respondent, self.respondent_role = user, role

	def validate_unique(self):
		existing = frappe.db.exists(
			self.doctype,
			{
				"pairing": self.pairing,
				"respondent": self.respondent,
				"survey_type": self.survey_type,
				"name": ("!=", self.name or ""),
			},
		)
		if existing:
			frappe.throw(
				_("You have already answered the {0} survey for this pairing.").format(_(self.survey_type)),
				frappe.DuplicateEntryError,
				title=_("Already Answered"),
			)

	def after_insert(self):
		if self.survey_type == "Fit Check" and self.good_fit == "No":
			self.flag_for_rematch()
		if self.skill_ratings:  # a final rating that arrives after completion is agreed now
			growth.settle(frappe.get_doc("Mentoring Pairing", self.pairing))
		health_service.refresh([self.pairing])

	def flag_for_rematch(self):
		"""The back-up plan: a failed fit check puts the pairing At Risk (health_service) and tells the
		program manager, and nobody else: it is a survey answer."""
		pairing = frappe.get_doc("Mentoring Pairing", self.pairing)
		notify(
			program_manager_users(pairing.program),
			_("Mentoring pairing {0} is not a fit, says the {1}").format(
				pairing.title, _(self.respondent_role).lower()
			),
			pairing,
			"mentoring_not_a_fit",
			feedback=self,
		)


def ratings_for_counterpart(pairing: str, viewer_role: str) -> list[dict]:
	"""The other side's survey ratings (never their comments), for the pair and program managers."""
	other = transitions.MENTEE if viewer_role == transitions.MENTOR else transitions.MENTOR
	return frappe.get_all(
		"Mentoring Feedback",
		filters={"pairing": pairing, "respondent_role": other},
		fields=["survey_type", "respondent_role", "creation", *RATINGS],
		order_by="creation",
	)
