"""What the benchmarks share: connecting to a site from the bench's python, counting queries, and
building a data set by bulk insert in a company of its own (employees, pairings, check-ins, goals)."""

import argparse
import os
import sys


def parse(smoke_help: str):
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--pairings", type=int, default=5000)
	parser.add_argument("--smoke", action="store_true", help=smoke_help)
	parser.add_argument(
		"--workers", type=int, default=0, help="also time the first sync as jobs on this many workers"
	)
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
	"""Bulk insert, with the standard columns (owner, modified_by, creation, modified) added."""
	import frappe
	from frappe.utils import now_datetime

	now = now_datetime()
	std = ["Administrator", "Administrator", now, now]
	frappe.db.bulk_insert(
		doctype,
		[*fields, "owner", "modified_by", "creation", "modified"],
		[[*v, *std] for v in values],
		chunk_size=5000,
	)


def company_with_departments(name: str):
	"""The company (as Frappe HR's tests make one) and its Sales and Operations departments."""
	import frappe

	from hrms.tests.test_utils import create_company

	company = create_company(name)
	departments = []
	for department in ("Sales", "Operations"):
		if not frappe.db.exists("Department", f"{department} - {company.abbr}"):
			frappe.get_doc(
				{"doctype": "Department", "department_name": department, "company": company.name}
			).insert()
		departments.append(f"{department} - {company.abbr}")
	return company, departments


def employees(company: str, people):
	"""Employees from (name, department, user_id, reports_to) rows, roots of the Employee tree."""
	import frappe

	last = frappe.db.sql("select coalesce(max(rgt), 0) from tabEmployee")[0][0]
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
		],
		[
			[
				e,
				e,
				e,
				user,
				boss,
				company,
				"Active",
				"Female",
				"1990-01-01",
				"2015-01-01",
				dept,
				"HR-EMP-",
				lft,
				lft + 1,
			]
			for lft, (e, dept, user, boss) in zip(
				range(last + 1, last + 1 + 2 * len(people), 2), people, strict=True
			)
		],
	)


def pairings(program: str, pairs, start, user_of=lambda e: None):
	"""Active pairings from (name, mentor, mentee) rows."""
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
		],
		[
			[p, program, m, m, user_of(m), e, e, user_of(e), "Active", start, f"{m} → {e}"]
			for p, m, e in pairs
		],
	)


CHECKIN_FIELDS = [
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
]


def checkins(values):
	"""Submitted check-ins from rows of CHECKIN_FIELDS (the first seven at least)."""
	rows("Mentoring Check-in", CHECKIN_FIELDS[: len(values[0])] if values else CHECKIN_FIELDS, values)


def goals(values):
	"""Goals from (name, pairing, mentee, title, progress, status, target_date) rows."""
	rows(
		"Mentoring Goal", ["name", "pairing", "mentee", "title", "progress", "status", "target_date"], values
	)
