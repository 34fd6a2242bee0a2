"""Daily and weekly engagement jobs on a bench site: seconds and queries for the daily job (health,
mid-point invitations, acknowledgement reminders, daily reminders), its rerun the same day, and
the weekly job (managers' digests, leaders' briefings). Email is queued, never sent.

From the bench folder:
    ./env/bin/python apps/mentorship_hr/benchmarks/daily_jobs.py --site <site> [--pairings 5000]
It builds its own company by bulk insert: each pairing's two employees report to one of
pairings/10 managers and have users' addresses (no User records: the jobs read addresses only);
a quarter of the pairings have a check-in waiting for confirmation, a fifth have a goal due
within the lead time, and the program reaches its midpoint today, so most people have something
due. It deletes everything it made, the queued emails included. `--smoke` (CI) asserts what was
sent, not time.
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
)

COMPANY = "_Mentoring Daily Benchmark"


def user_of(employee: str) -> str:
	return f"{employee.lower()}@bench.invalid"


def build(count: int) -> dict:
	import frappe
	from frappe.utils import add_days, today

	rng = Random(5)
	company, departments = company_with_departments(COMPANY)
	managers = [f"MDB-MGR-{i:05d}" for i in range(max(1, count // 10))]
	people = [f"MDB-EMP-{i:06d}" for i in range(2 * count)]
	employees(
		company.name,
		[(m, departments[0], user_of(m), None) for m in managers]
		+ [
			(e, departments[i % 2], user_of(e), managers[(i // 2) % len(managers)])
			for i, e in enumerate(people)
		],
	)
	program = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": f"Daily Benchmark {frappe.generate_hash(length=6)}",
			"company": company.name,
			"status": "Active",
			"start_date": add_days(today(), -90),
			"end_date": add_days(today(), 90),  # the midpoint is today
			"max_mentees_per_mentor": 1,
			"program_manager": "Administrator",
			"sponsor": managers[0],
		}
	).insert()
	pairs = [(f"MDB-PAIR-{i:06d}", people[2 * i], people[2 * i + 1]) for i in range(count)]
	pairings(program.name, pairs, add_days(today(), -60), user_of)
	checkin_values = []
	for i, (p, _m, _e) in enumerate(pairs):
		# every pairing met 10 to 40 days ago; a quarter also logged one 3 days ago, unconfirmed
		days = [-rng.randint(10, 40)] + ([-3] if i % 4 == 0 else [])
		for c, ago in enumerate(days):
			day = add_days(today(), ago)
			status = "Pending" if ago == -3 else "Confirmed"
			checkin_values.append([f"MDB-CHK-{i:06d}-{c}", p, day, day, 1, status, "Mentee"])
	checkins(checkin_values)
	goals(
		[
			[
				f"MDB-GOAL-{i:06d}-{g}",
				p,
				e,
				f"Goal {g}",
				rng.randint(0, 90),
				"In Progress",
				add_days(today(), 3 if (i % 5 == 0 and g == 0) else 60),
			]
			for i, (p, _m, e) in enumerate(pairs)
			for g in range(2)
		]
	)
	frappe.db.commit()
	return {"company": company.name, "program": program.name, "employees": managers + people}


def timed(label, fn):
	import frappe

	frappe.db.commit()
	before, emails, started = questions(), queued(), time.perf_counter()
	result = fn()
	frappe.db.commit()
	seconds, count = time.perf_counter() - started, questions() - before
	sent = queued() - emails
	print(f"{label}: {seconds:.1f} s, {count} queries, {sent} emails queued")
	return seconds, sent, result


def burst_worker():
	"""Run the jobs waiting on the long queue, as `bench worker` does, then stop; print how long
	the jobs themselves ran (the worker's time, without its start)."""
	import subprocess

	from rq.job import Job

	from frappe.utils.background_jobs import get_queue

	queue = get_queue("long")
	waiting = queue.job_ids
	subprocess.run(
		["bench", "worker", "--queue", "long", "--burst"], cwd="..", check=True, capture_output=True
	)
	jobs = [j for j in Job.fetch_many(waiting, connection=queue.connection) if j and j.ended_at]
	if len(jobs) < len(waiting):  # finished jobs expire from Redis after a while: none to add up
		print(f"  {len(waiting)} jobs ran; their times expired before they could be added up")
		return None
	spent = sum((j.ended_at - j.started_at).total_seconds() for j in jobs)
	print(f"  {len(jobs)} jobs ran for {spent:.1f} s in all")
	return spent


def queued() -> int:
	import frappe

	return frappe.db.count("Email Queue", {"sender": ("like", "%")})


def cleanup(made):
	import frappe

	from mentorship_hr.tests.builders import delete_mentoring_records

	frappe.db.rollback()
	users = [user_of(e) for e in made["employees"]]
	delete_mentoring_records([made["program"]])
	queues = frappe.get_all(
		"Email Queue Recipient", {"recipient": ("like", "%@bench.invalid")}, pluck="parent"
	)
	for doctype, filters in (
		("Email Queue Recipient", {"parent": ("in", queues or [""])}),
		("Email Queue", {"name": ("in", queues or [""])}),
		("Notification Log", {"for_user": ("like", "%@bench.invalid")}),
		("Mentoring Reminder Log", {"user": ("like", "%@bench.invalid")}),
		("Employee", {"name": ("in", made["employees"])}),
	):
		frappe.db.delete(doctype, filters)
	assert len(users) == len(made["employees"])
	if made.get("email_account"):
		frappe.delete_doc("Email Account", made["email_account"], force=True)
	frappe.db.commit()


def main():
	args = parse("assert what was sent, not time (CI)")
	frappe = connect(args.site)
	from frappe.utils import today

	from mentorship_hr.engagement import jobs
	from mentorship_hr.tests.builders import outgoing_email_account

	account = frappe.db.exists("Email Account", {"default_outgoing": 1})
	if not account:  # a queue-only account (its SMTP server is never reached); removed at the end
		frappe.flags.in_test = True  # Email Account would otherwise try to connect to the server
		outgoing_email_account()
		frappe.flags.in_test = False
	started = time.perf_counter()
	made = build(args.pairings)
	made["email_account"] = None if account else frappe.db.get_value("Email Account", {"default_outgoing": 1})
	print(
		f"built {args.pairings} pairings, {len(made['employees'])} employees in {time.perf_counter() - started:.1f} s"
	)
	try:
		daily, _, _ = timed("daily job", lambda: jobs.run(jobs.DAILY, today=today()))
		wall, first, building = timed("its emails, built by a burst worker on the long queue", burst_worker)
		building = wall if building is None else building
		rerun, _, _ = timed("daily job again", lambda: jobs.run(jobs.DAILY, today=today()))
		_, again, _ = timed("its emails", burst_worker)
		weekly, _, _ = timed("weekly job", lambda: jobs.run(jobs.WEEKLY, today=today()))
		wall, _, weekly_building = timed("its emails", burst_worker)
		weekly_building = wall if weekly_building is None else weekly_building
		users = 2 * args.pairings
		assert again == 0, again
		assert first >= users, (first, users)  # everyone has something due today
		health = frappe.get_all(
			"Mentoring Pairing", {"program": made["program"]}, pluck="health", distinct=True
		)
		assert health and None not in health, health
		print(
			f"daily jobs {args.pairings} pairings: {daily:.1f} s daily (+{building:.1f} s of a worker's time"
			f" building {first} emails in the background), {rerun:.1f} s rerun, {weekly:.1f} s weekly"
			f" (+{weekly_building:.1f} s)"
		)
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
