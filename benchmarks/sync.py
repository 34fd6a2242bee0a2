"""Score sync benchmark on a bench site: a full sync, an unchanged rerun, and a rerun after 10% of
the goals change, each with its seconds and query count.

From the bench folder:
    ./env/bin/python apps/mentorship_hr/benchmarks/sync.py --site <site> [--pairings 5000]
It builds the data set in its own company (2 employees and 20 check-ins and 4 goals per pairing;
appraisals by a bulk path checked against Frappe HR's), runs, checks the appraisal numbers against
Frappe HR's own, and deletes everything it made. `--smoke` (CI) asserts correctness, not time.
"""

import argparse
import os
import sys
import time
from random import Random

COMPANY = "_Mentoring Sync Benchmark"
CHECKINS, GOALS = 20, 4


def parse():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--pairings", type=int, default=5000)
	parser.add_argument("--smoke", action="store_true", help="assert correctness only (CI)")
	return parser.parse_args()


def connect(site):
	"""Connect to `site` as Administrator from the bench's python (env/bin/python)."""
	os.chdir(os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "..", "..", "sites"))
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def questions() -> int:
	import frappe

	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def rows(doctype, fields, values):
	import frappe

	frappe.db.bulk_insert(doctype, fields, values, chunk_size=5000)


def build(pairings: int) -> dict:
	"""The data set, mostly by bulk insert. Returns the names it made."""
	import frappe
	from frappe.utils import add_days, now_datetime, today

	from hrms.tests.test_utils import create_company

	rng = Random(11)
	company = create_company(COMPANY)
	abbr = company.abbr
	departments = []
	for name in ("Sales", "Operations"):
		if not frappe.db.exists("Department", f"{name} - {abbr}"):
			frappe.get_doc(
				{"doctype": "Department", "department_name": name, "company": company.name}
			).insert()
		departments.append(f"{name} - {abbr}")
	now, user = now_datetime(), "Administrator"
	std = {"owner": user, "modified_by": user, "creation": now, "modified": now}

	# employees: mentors in Sales, mentees in Operations; roots of the Employee tree
	employees = [f"MSB-EMP-{i:06d}" for i in range(2 * pairings)]
	last = frappe.db.sql("select coalesce(max(rgt), 0) from tabEmployee")[0][0]
	fields = [
		"name",
		"first_name",
		"employee_name",
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
	]
	rows(
		"Employee",
		fields,
		[
			[
				e,
				e,
				e,
				company.name,
				"Active",
				"Female",
				"1990-01-01",
				"2015-01-01",
				departments[i % 2],
				"HR-EMP-",
				last + 1 + 2 * i,
				last + 2 + 2 * i,
				*std.values(),
			]
			for i, e in enumerate(employees)
		],
	)
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
	pairs = [(f"MSB-PAIR-{i:06d}", employees[2 * i], employees[2 * i + 1]) for i in range(pairings)]
	rows(
		"Mentoring Pairing",
		[
			"name",
			"program",
			"mentor",
			"mentor_name",
			"mentee",
			"mentee_name",
			"status",
			"start_date",
			"title",
			*std,
		],
		[[p, program.name, m, m, e, e, "Active", start, f"{m} → {e}", *std.values()] for p, m, e in pairs],
	)
	checkin_values = []
	for i, (p, _m, _e) in enumerate(pairs):
		for c in range(CHECKINS):
			day = add_days(start, 3 + c * 6)
			status = "Confirmed" if rng.random() < 0.8 else "Pending"
			checkin_values.append(
				[
					f"MSB-CHK-{i:06d}-{c:02d}",
					p,
					day,
					day,
					1,
					status,
					rng.choice(("Mentor", "Mentee")),
					"Agenda" if rng.random() < 0.5 else None,
					rng.choice((None, 0.6, 0.8, 1.0)),
					rng.choice((None, 0.6, 0.8)),
					*std.values(),
				]
			)
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
			"agenda",
			"mentee_rating",
			"mentor_rating",
			*std,
		],
		checkin_values,
	)
	goal_values = [
		[f"MSB-GOAL-{i:06d}-{g}", p, e, f"Goal {g}", rng.randint(0, 100), "In Progress", *std.values()]
		for i, (p, _m, e) in enumerate(pairs)
		for g in range(GOALS)
	]
	rows("Mentoring Goal", ["name", "pairing", "mentee", "title", "progress", "status", *std], goal_values)

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
	appraisals = bulk_appraisals(cycle, template, employees[1:], std)
	frappe.db.commit()
	return {
		"company": company.name,
		"program": program.name,
		"cycle": cycle.name,
		"template": template.name,
		"employees": employees,
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


def bulk_appraisals(cycle, template, employees, std) -> list[str]:
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
		["name", "employee", "employee_name", "appraisal_cycle", "naming_series", *head, *std],
		[
			[n, e, e, cycle.name, real.naming_series, *head.values(), *std.values()]
			for n, e in zip(names, employees[1:], strict=True)
		],
	)
	kras = [(r.kra, r.per_weightage) for r in real.appraisal_kra]
	rows(
		"Appraisal KRA",
		["name", "parent", "parenttype", "parentfield", "idx", "kra", "per_weightage", *std],
		[
			[f"{n}-{idx}", n, "Appraisal", "appraisal_kra", idx, k, w, *std.values()]
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


def cleanup(made):
	import frappe

	from mentorship_hr.testing import delete_mentoring_records

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
	args = parse()
	frappe = connect(args.site)
	from mentorship_hr.kpi_sync import sync_scores

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
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
