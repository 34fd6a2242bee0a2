"""Score sync benchmark on a bench site: a full sync, an unchanged rerun, and a rerun after 10% of
the goals change, each with its seconds and query count.

From the bench folder:
    ./env/bin/python apps/mentorship_hr/benchmarks/sync.py --site <site> [--pairings 5000] [--workers 2]
With `--workers N` it also times the first sync as the background job runs it, split into chunk
jobs, with 1 and then N burst workers (`bench worker --queue long --burst`), starting afresh each
time.
It builds the data set in its own company (2 employees and 20 check-ins and 4 goals per pairing;
appraisals by a bulk path checked against Frappe HR's), runs, checks the appraisal numbers against
Frappe HR's own, and deletes everything it made. `--smoke` (CI) asserts correctness, not time.
"""

import time
from random import Random

from bench_data import (
	checkins,
	company_with_departments,
	connect,
	employees,
	goals,
	pairings,
	parse,
	questions,
	rows,
)

COMPANY = "_Mentoring Sync Benchmark"
CHECKINS, GOALS = 20, 4


def build(count: int) -> dict:
	"""The data set, mostly by bulk insert. Returns the names it made."""
	import frappe
	from frappe.utils import add_days, today

	rng = Random(11)
	company, departments = company_with_departments(COMPANY)
	# mentors in Sales, mentees in Operations
	people = [f"MSB-EMP-{i:06d}" for i in range(2 * count)]
	employees(company.name, [(e, departments[i % 2], None, None) for i, e in enumerate(people)])
	program = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": f"Sync Benchmark {frappe.generate_hash(length=6)}",
			"company": company.name,
			"status": "Active",
			"start_date": add_days(today(), -150),
			"end_date": add_days(today(), 200),
			"max_mentees_per_mentor": 1,
		}
	).insert()
	start = add_days(today(), -120)
	pairs = [(f"MSB-PAIR-{i:06d}", people[2 * i], people[2 * i + 1]) for i in range(count)]
	pairings(program.name, pairs, start)
	checkin_values = []
	for i, (p, _m, _e) in enumerate(pairs):
		for c in range(CHECKINS):
			day = add_days(start, 3 + c * 6)
			checkin_values.append(
				[
					f"MSB-CHK-{i:06d}-{c:02d}",
					p,
					day,
					day,
					1,
					"Confirmed" if rng.random() < 0.8 else "Pending",
					rng.choice(("Mentor", "Mentee")),
					"Agenda" if rng.random() < 0.5 else None,
					rng.choice((None, 0.6, 0.8, 1.0)),
					rng.choice((None, 0.6, 0.8)),
				]
			)
	checkins(checkin_values)
	goals(
		[
			[f"MSB-GOAL-{i:06d}-{g}", p, e, f"Goal {g}", rng.randint(0, 100), "In Progress", None]
			for i, (p, _m, e) in enumerate(pairs)
			for g in range(GOALS)
		]
	)

	template = frappe.get_doc(
		{
			"doctype": "Appraisal Template",
			"template_title": f"Sync Benchmark {program.name}",
			"goals": [
				{"key_result_area": kra(k), "per_weightage": w}
				for k, w in (("Quality", 80), ("Mentoring", 20))
			],
		}
	).insert()
	cycle = frappe.get_doc(
		{
			"doctype": "Appraisal Cycle",
			"cycle_name": f"Sync Benchmark {program.name}",
			"company": company.name,
			"start_date": add_days(today(), -90),
			"end_date": add_days(today(), 90),
		}
	).insert()
	appraisals = bulk_appraisals(cycle, template, people[1:])
	frappe.db.commit()
	return {
		"company": company.name,
		"program": program.name,
		"cycle": cycle.name,
		"template": template.name,
		"employees": people,
		"appraisals": appraisals,
	}


def kra(title):
	import frappe

	if not frappe.db.exists("KRA", title):
		frappe.get_doc({"doctype": "KRA", "title": title}).insert()
	return title


APPRAISAL_FIELDS = (
	"appraisal_template",
	"status",
	"rate_goals_manually",
	"start_date",
	"end_date",
	"company",
)


def bulk_appraisals(cycle, template, employees) -> list[str]:
	"""Appraisals made as HRMS's create_appraisals would make them, checked against one it made."""
	import frappe

	real = frappe.get_doc({"doctype": "Appraisal", "employee": employees[0], "appraisal_cycle": cycle.name})
	real.appraisal_template = template.name
	real.set_kras_and_rating_criteria()
	real.insert()
	names = [f"MSB-APR-{i:06d}" for i in range(1, len(employees))]
	head = {f: real.get(f) for f in APPRAISAL_FIELDS}
	rows(
		"Appraisal",
		["name", "employee", "employee_name", "appraisal_cycle", "naming_series", *head],
		[
			[n, e, e, cycle.name, real.naming_series, *head.values()]
			for n, e in zip(names, employees[1:], strict=True)
		],
	)
	kras = [(r.kra, r.per_weightage) for r in real.appraisal_kra]
	rows(
		"Appraisal KRA",
		["name", "parent", "parenttype", "parentfield", "idx", "kra", "per_weightage"],
		[
			[f"{n}-{idx}", n, "Appraisal", "appraisal_kra", idx, k, w]
			for n in names
			for idx, (k, w) in enumerate(kras, 1)
		],
	)
	copy = frappe.get_doc("Appraisal", names[0])
	assert {f: copy.get(f) for f in APPRAISAL_FIELDS} == head, "bulk appraisal differs from HRMS's"
	assert [(r.kra, r.per_weightage) for r in copy.appraisal_kra] == kras
	return [real.name, *names]


def timed(label, fn):
	import frappe

	frappe.db.commit()
	before, started = questions(), time.perf_counter()
	result = fn()
	seconds, count = time.perf_counter() - started, questions() - before
	print(f"{label}: {seconds:.1f} s, {count} queries ({result.created} created, {result.updated} updated)")
	return seconds, result


def check_against_hrms(appraisals, sample=50):
	"""Stored appraisal numbers equal what Frappe HR's own set_goal_score computes."""
	import frappe

	for name in appraisals[:: max(1, len(appraisals) // sample)]:
		doc = frappe.get_doc("Appraisal", name)
		stored = (
			[(r.goal_completion, r.goal_score) for r in doc.appraisal_kra],
			doc.total_score,
			doc.final_score,
		)
		doc.set_goal_score()
		doc.calculate_final_score()
		again = (
			[(r.goal_completion, r.goal_score) for r in doc.appraisal_kra],
			doc.total_score,
			doc.final_score,
		)
		assert stored == again, (name, stored, again)


def first_sync_by_workers(made, workers: int) -> float:
	"""Forget the scores, then sync as the job does: plan and queue the chunk jobs, then let
	`workers` burst workers run them at once. Returns the seconds until the log is Completed."""
	import subprocess

	import frappe

	from mentorship_hr.kpi.sync_jobs import JOB_CHUNKS, run_sync

	forget_scores(made)
	log = frappe.get_doc(
		{"doctype": "Mentoring Sync Log", "program": made["program"], "requested_by": "Administrator"}
	).insert()
	frappe.db.commit()
	started = time.perf_counter()
	run_sync(log.name)
	frappe.db.commit()
	running = [
		subprocess.Popen(
			["bench", "worker", "--queue", "long", "--burst"], cwd="..", stdout=subprocess.DEVNULL
		)
		for _ in range(workers)
	]
	for worker in running:
		worker.wait()
	seconds = time.perf_counter() - started
	log.reload()
	assert (log.status, log.chunks_done, log.failed_count) == ("Completed", log.chunks, 0), log.as_dict()
	jobs = -(-log.chunks // JOB_CHUNKS)
	print(
		f"first sync as {log.chunks} chunks in {jobs} jobs on {workers} worker(s): {seconds:.1f} s,"
		f" {log.created_scores} created"
	)
	return seconds


def forget_scores(made):
	import frappe

	goals = frappe.get_all("Goal", {"appraisal_cycle": made["cycle"]}, pluck="name")
	frappe.db.delete("Goal", {"name": ("in", goals or [""])})
	frappe.db.delete("Mentoring Score", {"appraisal_cycle": made["cycle"]})
	frappe.db.commit()


def cleanup(made):
	import frappe

	from mentorship_hr.tests.builders import delete_mentoring_records

	frappe.db.rollback()
	delete_mentoring_records([made["program"]])
	goals = frappe.get_all("Goal", {"appraisal_cycle": made["cycle"]}, pluck="name")
	for doctype, filters in (
		("Goal", {"name": ("in", goals or [""])}),
		("Appraisal KRA", {"parent": ("in", made["appraisals"])}),
		("Appraisal", {"appraisal_cycle": made["cycle"]}),
		("Appraisee", {"parent": made["cycle"]}),
		("Appraisal Cycle", {"name": made["cycle"]}),
		("Appraisal Template Goal", {"parent": made["template"]}),
		("Appraisal Template", {"name": made["template"]}),
		("Employee", {"name": ("in", made["employees"])}),
	):
		frappe.db.delete(doctype, filters)
	frappe.db.commit()


def main():
	args = parse("assert correctness only (CI)")
	frappe = connect(args.site)
	from mentorship_hr.kpi.score_sync import sync_scores

	started = time.perf_counter()
	made = build(args.pairings)
	print(
		f"built {args.pairings} pairings, {2 * args.pairings} employees, {args.pairings * CHECKINS} check-ins,"
		f" {args.pairings * GOALS} goals in {time.perf_counter() - started:.1f} s"
	)
	try:
		sync = lambda: sync_scores(program=made["program"], commit=True)  # noqa: E731
		first, r1 = timed("first sync", sync)
		unchanged, r2 = timed("nothing changed", sync)
		goals = frappe.get_all("Mentoring Goal", {"pairing": ("like", "MSB-PAIR-%")}, pluck="name")
		changed = goals[::10]
		for i in range(0, len(changed), 1000):
			chunk = changed[i : i + 1000]
			frappe.db.sql(
				"update `tabMentoring Goal` set progress = mod(progress + 37, 101)"
				f" where name in ({', '.join(['%s'] * len(chunk))})",
				chunk,
			)
		frappe.db.commit()
		ten, r3 = timed("10% of goals changed", sync)
		check_against_hrms(made["appraisals"])
		scores = 2 * args.pairings - 1  # the first mentor has no appraisal
		assert (r1.created, r1.failed) == (scores, []), (r1.created, r1.failed)
		assert (r2.created, r2.updated, r2.unchanged) == (0, 0, scores), r2
		assert r3.updated > 0 and not r3.failed, r3
		print(
			f"sync {args.pairings} pairings: {first:.1f} s first, {unchanged:.1f} s unchanged, {ten:.1f} s 10% changed"
		)
		if args.workers:
			one = first_sync_by_workers(made, 1)
			many = first_sync_by_workers(made, args.workers)
			check_against_hrms(made["appraisals"])
			print(
				f"sync {args.pairings} pairings as jobs: first {one:.1f} s on 1 worker,"
				f" {many:.1f} s on {args.workers} ({one / many:.2f}x)"
			)
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
