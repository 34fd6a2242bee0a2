"""Whitelisted endpoints for the desk."""

import frappe

from mentorship_hr import appraisal_tools, enrollment, kpi_sync, matching_service, self_select
from mentorship_hr.permissions import check_program_manager


@frappe.whitelist()
def sync_scores(program: str | None = None, appraisal_cycle: str | None = None) -> dict:
	"""Recompute mentoring scores and carry them into HRMS Goals. Program managers and HR only."""
	check_program_manager()
	return kpi_sync.sync_scores(program=program, appraisal_cycle=appraisal_cycle)


@frappe.whitelist()
def add_mentoring_kra(appraisal_template: str, weightage: float, apply_to_draft_appraisals: int = 1) -> dict:
	check_program_manager()
	return appraisal_tools.add_mentoring_kra(appraisal_template, weightage, apply_to_draft_appraisals)


@frappe.whitelist()
def get_appraisal_mentoring(appraisal: str) -> dict:
	return appraisal_tools.appraisal_mentoring(appraisal)


@frappe.whitelist()
def apply_suggested_ratings(appraisal_cycle: str) -> dict:
	check_program_manager()
	return appraisal_tools.apply_suggested_ratings(appraisal_cycle)


# Enrollment


@frappe.whitelist()
def invite_participants(
	program: str,
	role: str,
	department: str | None = None,
	designation: str | None = None,
	branch: str | None = None,
	grade: str | None = None,
) -> dict:
	return enrollment.invite(
		program, role, department=department, designation=designation, branch=branch, grade=grade
	)


@frappe.whitelist()
def respond_to_invitation(participant: str, accept: int) -> str:
	return enrollment.respond_to_invitation(participant, accept)


@frappe.whitelist()
def review_application(participant: str, approve: int) -> str:
	return enrollment.review_application(participant, approve)


# Bulk matching


@frappe.whitelist()
def run_matching(program: str) -> dict:
	return matching_service.run_matching(program)


@frappe.whitelist()
def publish_matches(program: str) -> dict:
	return matching_service.publish(program)


@frappe.whitelist()
def swap_mentors(pairing: str, other: str):
	matching_service.swap_mentors(pairing, other)


@frappe.whitelist()
def remove_proposal(pairing: str):
	matching_service.remove_proposal(pairing)


# Self-select


@frappe.whitelist()
def get_mentor_suggestions(program: str) -> list[dict]:
	return self_select.mentor_suggestions(program)


@frappe.whitelist()
def request_mentor(program: str, mentor: str) -> str:
	return self_select.request_mentor(program, mentor)


@frappe.whitelist()
def respond_to_request(pairing: str, accept: int) -> str:
	return self_select.respond_to_request(pairing, accept)
