"""The Mentoring KRA on Frappe HR's Appraisal Cycle (Mentoring > Mentoring KRA): set its weightage,
bring the cycle's scores up to date and move participants' appraisals to the KRA (kpi/mentoring_kra.py)."""

import frappe
from frappe import _
from frappe.utils import flt

from mentorship_hr.kpi.mentoring_kra import apply_to_cycle
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.permissions import check_program_manager


@frappe.whitelist()
def set_mentoring_kra(appraisal_cycle: str, weightage: float) -> dict:
	"""Set the cycle's Mentoring KRA weightage (0 takes the KRA off) and apply it now."""
	check_program_manager()
	cycle = frappe.get_doc("Appraisal Cycle", appraisal_cycle)
	cycle.check_permission("write")
	if cycle.status == "Completed":
		frappe.throw(
			_("Appraisal Cycle {0} is Completed.").format(frappe.bold(cycle.name)), title=_("Cycle Completed")
		)
	weightage = flt(weightage)
	if not 0 <= weightage < 100:
		frappe.throw(
			_("The weightage must be at least 0 and below 100. 0 takes the Mentoring KRA off."),
			title=_("Invalid Weightage"),
		)
	frappe.db.set_value("Appraisal Cycle", cycle.name, "mentoring_kra_weightage", weightage)
	# who is a participant follows from the scores, so bring them up to date first
	sync_scores(appraisal_cycle=cycle.name, apply_kra=False)
	return apply_to_cycle(cycle.name)
