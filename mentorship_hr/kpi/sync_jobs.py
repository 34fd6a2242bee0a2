"""The score sync as background jobs (README, "Scale"): buttons and the daily job queue it on the
long queue, one job per scope, with progress sent to whoever asked and the result kept in a
Mentoring Sync Log. A scope larger than one chunk is split into chunk jobs that any number of
workers run at once; the log gathers their counts and the last one finishes the sync."""

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.utils.background_jobs import is_job_enqueued

from mentorship_hr.kpi import score_sync
from mentorship_hr.kpi.score_sync import SCORED_PROGRAM_STATUSES
from mentorship_hr.permissions import check_program_manager

LOG = "Mentoring Sync Log"
# chunks (of score_sync.CHUNK scores, a transaction each) one job writes: a job costs a third of a
# second to start and read, so a few thousand scores a job, and still a job for each of many workers
JOB_CHUNKS = 8


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


def run_sync(log: str, commit=True, chunk_size: int = score_sync.CHUNK):
	"""The job: plan the log's scope; write it here when it is one chunk, else queue a job per
	chunk that any worker runs (run_chunk), gathered on the log. (`commit` is off only in tests,
	which roll back; their chunk jobs then run at once, one after the other.)"""
	doc = frappe.get_doc(LOG, log)
	doc.db_set({"status": "Running", "started_on": now_datetime()}, commit=commit)
	try:
		work = score_sync.plan_sync(doc.program, doc.appraisal_cycle, chunk_size=chunk_size)
		if len(work.chunks) > 1:
			_spread(doc, work, commit)
			return
		for chunk in work.chunks:
			score_sync.write_chunk(chunk, work.summary, log=log)
		score_sync.apply_kra_to(work.kra_cycles, work.summary)
	except Exception:
		_failed(doc, commit)
		return
	_completed(doc, work.summary, commit)


def _spread(doc, work, commit):
	"""Queue one job per chunk; the log keeps what the chunks need to finish the sync."""
	doc.db_set(
		{
			"chunks": len(work.chunks),
			"chunks_done": 0,
			"details": frappe.as_json({**work.summary, "kra_cycles": work.kra_cycles}),
		},
		commit=commit,
	)
	for start in range(0, len(work.chunks), JOB_CHUNKS):
		frappe.enqueue(
			"mentorship_hr.kpi.sync_jobs.run_chunks",
			queue="long",
			timeout=1800,
			enqueue_after_commit=commit,
			now=not commit,
			log=doc.name,
			chunks=work.chunks[start : start + JOB_CHUNKS],
			commit=commit,
		)


def run_chunk(log: str, chunk: list, commit=True):
	"""A job of one chunk (as queued before a job took several)."""
	run_chunks(log, [chunk], commit)


def run_chunks(log: str, chunks: list, commit=True):
	"""A job: write each chunk in its own transaction (tried once more if it fails, e.g. on a lock
	another worker held), add their counts to the log, and, as the last job to finish, finish the
	sync."""
	summary = score_sync.new_summary()
	for chunk in chunks:
		if not score_sync.write_chunk(chunk, summary, report=False):
			score_sync.write_chunk(chunk, summary, log=log)
		if commit:
			frappe.db.commit()
	Log = frappe.qb.DocType(LOG)
	frappe.qb.update(Log).set(Log.created_scores, Log.created_scores + summary.created).set(
		Log.updated_scores, Log.updated_scores + summary.updated
	).set(Log.unchanged_scores, Log.unchanged_scores + summary.unchanged).set(
		Log.failed_count, Log.failed_count + len(summary.failed)
	).set(Log.chunks_done, Log.chunks_done + len(chunks)).where(Log.name == log).run()
	# the update holds the log's row until the commit: each chunk reads its own count, so exactly
	# one sees the last, after every other chunk committed its writes
	doc = frappe.get_doc(LOG, log)
	frappe.publish_realtime(
		"mentoring_sync_progress",
		{"log": log, "percent": doc.chunks_done * 100 / doc.chunks},
		user=doc.requested_by,
		after_commit=True,
	)
	if doc.chunks_done == doc.chunks:
		_finish_spread(doc, commit)
	elif commit:
		frappe.db.commit()


def _finish_spread(doc, commit):
	planned = frappe._dict(frappe.parse_json(doc.details))
	summary = score_sync.new_summary()
	summary.update(
		skipped=planned.skipped,
		warnings=planned.warnings,
		failed=planned.failed
		+ [
			{"reason": title}
			for title in frappe.get_all(
				"Error Log", filters={"reference_doctype": LOG, "reference_name": doc.name}, pluck="method"
			)
		],
		created=doc.created_scores,
		updated=doc.updated_scores,
		unchanged=doc.unchanged_scores,
	)
	try:
		score_sync.apply_kra_to(planned.kra_cycles, summary)
	except Exception:
		_failed(doc, commit)
		return
	_completed(doc, summary, commit)


def _failed(doc, commit):
	frappe.db.rollback()
	frappe.log_error(title=_("Mentoring score sync failed"), reference_doctype=LOG, reference_name=doc.name)
	doc.db_set({"status": "Failed", "finished_on": now_datetime()}, commit=commit)
	frappe.publish_realtime("mentoring_sync_done", {"log": doc.name, "failed": True}, user=doc.requested_by)


def _completed(doc, summary, commit):
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
	frappe.publish_realtime(
		"mentoring_sync_done", {"log": doc.name, "summary": summary}, user=doc.requested_by
	)


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
