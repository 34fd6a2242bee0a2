"""Whitelisted endpoints for the desk."""

import frappe

from mentorship_hr import appraisal_tools, kpi_sync
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
