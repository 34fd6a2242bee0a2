"""The score sync as background jobs (README, "Scale"): buttons and the daily job queue it on the
long queue, one job per scope, with progress sent to whoever asked and the result kept in a
Mentoring Sync Log."""

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.utils.background_jobs import is_job_enqueued

from mentorship_hr.kpi.score_sync import SCORED_PROGRAM_STATUSES, sync_scores
from mentorship_hr.permissions import check_program_manager

LOG = "Mentoring Sync Log"


def job_id(program: str | None, appraisal_cycle: str | None) -> str:
	return f"mentoring-sync::{program or '*'}::{appraisal_cycle or '*'}"


def queue_sync(program: str | None = None, appraisal_cycle: str | None = None, now=False) -> dict:
	"""Queue a sync of one scope unless one is already queued or running; returns its log."""
	jid = job_id(program, appraisal_cycle)
	if not now and is_job_enqueued(jid):
		scope = {
			f: v or ("is", "not set") for f, v in (("program", program), ("appraisal_cycle", appraisal_cycle))
		}
		running = frappe.db.get_value(LOG, {**scope, "status": ("in", ("Queued", "Running"))}, "name")
		return {"queued": False, "log": running}
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"program": program,
			"appraisal_cycle": appraisal_cycle,
			"requested_by": frappe.session.user,
			"status": "Queued",
		}
	).insert(ignore_permissions=True)
	frappe.enqueue(
		"mentorship_hr.kpi.sync_jobs.run_sync",
		queue="long",
		timeout=3600,
		job_id=jid,
		deduplicate=not now,
		enqueue_after_commit=not now,
		now=now,
		log=log.name,
	)
	return {"queued": True, "log": log.name}


def run_sync(log: str, commit=True):
	"""The job: sync the log's scope in committed chunks, tell the requester how far it got, and
	keep the summary on the log. (`commit` is off only in tests, which roll back.)"""
	doc = frappe.get_doc(LOG, log)
	doc.db_set({"status": "Running", "started_on": now_datetime()}, commit=commit)
	user = doc.requested_by

	def progress(percent):
		frappe.publish_realtime(
			"mentoring_sync_progress", {"log": log, "percent": percent}, user=user, after_commit=True
		)

	try:
		summary = sync_scores(
			program=doc.program, appraisal_cycle=doc.appraisal_cycle, commit=commit, progress=progress
		)
	except Exception:
		frappe.db.rollback()
		frappe.log_error(title=_("Mentoring score sync failed"), reference_doctype=LOG, reference_name=log)
		doc.db_set({"status": "Failed", "finished_on": now_datetime()}, commit=commit)
		frappe.publish_realtime("mentoring_sync_done", {"log": log, "failed": True}, user=user)
		return
	doc.db_set(
		{
			"status": "Completed",
			"finished_on": now_datetime(),
			"created_scores": summary.created,
			"updated_scores": summary.updated,
			"unchanged_scores": summary.unchanged,
			"skipped_count": len(summary.skipped),
			"warning_count": len(summary.warnings),
			"failed_count": len(summary.failed),
			"details": frappe.as_json(summary, indent=1),
		},
		commit=commit,
	)
	frappe.publish_realtime("mentoring_sync_done", {"log": log, "summary": summary}, user=user)


@frappe.whitelist()
def sync_cycle_scores(appraisal_cycle: str) -> dict:
	"""The Appraisal Cycle form's "Sync Mentoring Scores": program managers and HR only."""
	check_program_manager()
	frappe.get_doc("Appraisal Cycle", appraisal_cycle).check_permission("read")
	return queue_sync(appraisal_cycle=appraisal_cycle)


def daily_sync():
	"""One job per program and open cycle, so that several workers share the work."""
	if not frappe.db.get_single_value("Mentoring Settings", "auto_sync_scores"):
		return
	programs = frappe.get_all(
		"Mentoring Program",
		filters={"status": ("in", SCORED_PROGRAM_STATUSES)},
		fields=["name", "company", "start_date", "end_date"],
	)
	cycles = frappe.get_all(
		"Appraisal Cycle",
		filters={"status": ("!=", "Completed"), "company": ("in", [p.company for p in programs] or [""])},
		fields=["name", "company", "start_date", "end_date"],
	)
	for program in programs:
		for cycle in cycles:
			if (
				cycle.company == program.company
				and cycle.start_date <= program.end_date
				and cycle.end_date >= program.start_date
			):
				queue_sync(program.name, cycle.name)
