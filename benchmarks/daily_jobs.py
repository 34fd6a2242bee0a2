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

import argparse
import time
from random import Random

from sync import connect, questions, rows

COMPANY = "_Mentoring Daily Benchmark"


def parse():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--pairings", type=int, default=5000)
	parser.add_argument("--smoke", action="store_true", help="assert what was sent, not time (CI)")
	return parser.parse_args()


def build(pairings: int) -> dict:
	import frappe
	from frappe.utils import add_days, now_datetime, today

	from hrms.tests.test_utils import create_company

	rng = Random(5)
	company = create_company(COMPANY)
	departments = []
	for name in ("Sales", "Operations"):
		if not frappe.db.exists("Department", f"{name} - {company.abbr}"):
			frappe.get_doc(
				{"doctype": "Department", "department_name": name, "company": company.name}
			).insert()
		departments.append(f"{name} - {company.abbr}")
	now, user = now_datetime(), "Administrator"
	std = {"owner": user, "modified_by": user, "creation": now, "modified": now}
	managers = [f"MDB-MGR-{i:05d}" for i in range(max(1, pairings // 10))]
	employees = [f"MDB-EMP-{i:06d}" for i in range(2 * pairings)]
	last = frappe.db.sql("select coalesce(max(rgt), 0) from tabEmployee")[0][0]
	people = [(m, None, departments[0]) for m in managers] + [
		(e, managers[(i // 2) % len(managers)], departments[i % 2]) for i, e in enumerate(employees)
	]
	rows(
		"Employee",
		[
			"name",
			"first_name",
			"employee_name",
			"user_id",
			"reports_to",
			"company",
			"status",
			"gender",
			"date_of_birth",
			"date_of_joining",
			"department",
			"naming_series",
			"lft",
			"rgt",
			*std,
		],
		[
			[
				e,
				e,
				e,
				f"{e.lower()}@bench.invalid",
				boss,
				company.name,
				"Active",
				"Female",
				"1990-01-01",
				"2015-01-01",
				dept,
				"HR-EMP-",
				last + 1 + 2 * i,
				last + 2 + 2 * i,
				*std.values(),
			]
			for i, (e, boss, dept) in enumerate(people)
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
	start = add_days(today(), -60)
	pairs = [(f"MDB-PAIR-{i:06d}", employees[2 * i], employees[2 * i + 1]) for i in range(pairings)]
	user = lambda e: f"{e.lower()}@bench.invalid"  # noqa: E731
	rows(
		"Mentoring Pairing",
		[
			"name",
			"program",
			"mentor",
			"mentor_name",
			"mentor_user",
			"mentee",
			"mentee_name",
			"mentee_user",
			"status",
			"start_date",
			"title",
			*std,
		],
		[
			[p, program.name, m, m, user(m), e, e, user(e), "Active", start, f"{m} → {e}", *std.values()]
			for p, m, e in pairs
		],
	)
	checkins = []
	for i, (p, _m, _e) in enumerate(pairs):
		# every pairing met 10 to 40 days ago; a quarter also logged one 3 days ago, unconfirmed
		days = [-rng.randint(10, 40)] + ([-3] if i % 4 == 0 else [])
		for c, ago in enumerate(days):
			day = add_days(today(), ago)
			status = "Pending" if ago == -3 else "Confirmed"
			checkins.append([f"MDB-CHK-{i:06d}-{c}", p, day, day, 1, status, "Mentee", *std.values()])
	rows(
		"Mentoring Check-in",
		[
			"name",
			"pairing",
			"checkin_date",
			"submitted_on",
			"docstatus",
			"confirmation_status",
			"logged_by_role",
			*std,
		],
		checkins,
	)
	goals = [
		[
			f"MDB-GOAL-{i:06d}-{g}",
			p,
			e,
			f"Goal {g}",
			rng.randint(0, 90),
			"In Progress",
			add_days(today(), 3 if (i % 5 == 0 and g == 0) else 60),
			*std.values(),
		]
		for i, (p, _m, e) in enumerate(pairs)
		for g in range(2)
	]
	rows(
		"Mentoring Goal",
		["name", "pairing", "mentee", "title", "progress", "status", "target_date", *std],
		goals,
	)
	frappe.db.commit()
	return {"company": company.name, "program": program.name, "employees": managers + employees}


def timed(label, fn):
	import frappe

	frappe.db.commit()
	before, emails, started = questions(), queued(), time.perf_counter()
	fn()
	frappe.db.commit()
	seconds, count = time.perf_counter() - started, questions() - before
	sent = queued() - emails
	print(f"{label}: {seconds:.1f} s, {count} queries, {sent} emails queued")
	return seconds, sent


def burst_worker():
	"""Run the jobs waiting on the long queue, as `bench worker` does, then stop."""
	import subprocess

	subprocess.run(
		["bench", "worker", "--queue", "long", "--burst"], cwd="..", check=True, capture_output=True
	)


def queued() -> int:
	import frappe

	return frappe.db.count("Email Queue", {"sender": ("like", "%")})


def cleanup(made):
	import frappe

	from mentorship_hr.testing import delete_mentoring_records

	frappe.db.rollback()
	users = [f"{e.lower()}@bench.invalid" for e in made["employees"]]
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
	args = parse()
	frappe = connect(args.site)
	from frappe.utils import today

	from mentorship_hr import engagement
	from mentorship_hr.testing import outgoing_email_account

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
		daily, _ = timed("daily job", lambda: engagement.run(engagement.DAILY, today=today()))
		building, first = timed("its emails, built by a burst worker on the long queue", burst_worker)
		rerun, _ = timed("daily job again", lambda: engagement.run(engagement.DAILY, today=today()))
		_, again = timed("its emails", burst_worker)
		weekly, _ = timed("weekly job", lambda: engagement.run(engagement.WEEKLY, today=today()))
		weekly_building, _ = timed("its emails", burst_worker)
		users = 2 * args.pairings
		assert again == 0, again
		assert first >= users, (first, users)  # everyone has something due today
		health = frappe.get_all(
			"Mentoring Pairing", {"program": made["program"]}, pluck="health", distinct=True
		)
		assert health and None not in health, health
		print(
			f"daily jobs {args.pairings} pairings: {daily:.1f} s daily (+{building:.1f} s building"
			f" {first} emails in the background), {rerun:.1f} s rerun, {weekly:.1f} s weekly"
			f" (+{weekly_building:.1f} s)"
		)
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
