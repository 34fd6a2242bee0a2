"""Program Health report benchmark on a bench site: seconds and queries for the report over 5,000
pairings, as a program manager would run it (the whole program, every row).

From the bench folder:
    ./env/bin/python apps/mentorship_hr/benchmarks/program_health.py --site <site> [--pairings 5000]
It builds the daily jobs benchmark's data set (benchmarks/daily_jobs.py), refreshes health, runs
the report and deletes everything it made. CI runs it with `--pairings 40`: it asserts every row, not time.
"""

import time

from bench_data import connect, parse, questions
from daily_jobs import build, cleanup


def main():
	args = parse("assert every row, not time (CI)")
	frappe = connect(args.site)
	from frappe.desk.query_report import run

	from mentorship_hr.engagement import health_service

	made = build(args.pairings)
	try:
		health_service.refresh()
		frappe.db.commit()
		for run_name in ("first run", "second run"):
			before, started = questions(), time.perf_counter()
			result = run(
				"Mentoring Program Health", filters={"program": made["program"]}, ignore_prepared_report=True
			)
			seconds, count = time.perf_counter() - started, questions() - before
			rows = result["result"]
			assert len(rows) == args.pairings, len(rows)
			assert all(r["health"] and r["checkins_expected"] for r in rows)
			print(f"{run_name}: {seconds:.2f} s, {count} queries, {len(rows)} rows")
		print(f"program health {args.pairings} pairings: {seconds:.2f} s, {count} queries (warm caches)")
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
