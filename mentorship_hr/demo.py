"""A demo data set (README, "Try it in five minutes"): a company of 60 people, a program with
enrollment done and matching run, pairings in every state, and an appraisal cycle carrying the
Mentoring KRA with synced scores. `make()` does nothing when the demo is there; `remove()` deletes
exactly what `make()` made (its manifest is kept as a site default)."""

import json

import frappe
from frappe.utils import add_days, getdate, today

from mentorship_hr import health_service
from mentorship_hr.cleanup import delete_mentoring_records, delete_rows

COMPANY = "Mentoring Demo Co"
ABBR = "MDC"
PROGRAM = "Grow Together 2026"
DOMAIN = "mentoring-demo.example"
PASSWORD = "Mentoring-Demo-2026"
MANIFEST = "mentoring_demo_manifest"

DEPARTMENTS = ("Engineering", "Sales", "Operations", "People")
FIRST = (
	"Ava Ben Chloe Dan Elena Farid Grace Hugo Ines Jonas Kira Liam Maya Noah Olga Pedro Quinn Rosa "
	"Sami Tara Uma Victor Wendy Xavi Yara Zane Amira Bruno Clara Diego"
).split()
LAST = ("Novak", "Okafor", "Silva", "Tanaka", "Weber", "Haddad")
SKILLS = ("Communication", "Negotiation", "Delegation", "Confidence", "Decisiveness", "Empathy")
PROJECTS = ("Checkout Revamp", "Onboarding Journey", "Warehouse Automation", "Partner Portal")


def users() -> dict:
	"""The people to log in as: the HR admin, and the pair of the first pairing and the mentee's
	manager."""
	pairing = frappe.db.get_value(
		"Mentoring Pairing",
		{"name": ("in", manifest().get("pairings") or [""]), "health": "On Track"},
		["mentor_user", "mentee_user", "mentee_manager"],
		as_dict=True,
		order_by="name",
	)
	people = {"HR admin (program manager)": f"hr.admin@{DOMAIN}"}
	if pairing:
		people["Mentor"] = pairing.mentor_user
		people["Mentee"] = pairing.mentee_user
		people["Mentee's manager"] = frappe.db.get_value("Employee", pairing.mentee_manager, "user_id")
	return people


def exists() -> bool:
	return bool(frappe.db.get_default(MANIFEST))


def make(progress=lambda step, total, label: None) -> dict:
	"""Build the demo; returns what it made. Does nothing when the demo is already there."""
	if exists():
		return manifest()
	frappe.flags.mute_emails = True  # the demo tells nobody
	made = {}
	steps = [
		("company", _company),
		("people", _people),
		("program", _program),
		("matching", _matching),
		("activity", _activity),
		("appraisals", _appraisals),
	]
	for i, (label, step) in enumerate(steps):
		progress(i, len(steps), label)
		step(made)
		frappe.db.set_default(MANIFEST, json.dumps(made, default=str))
		frappe.db.commit()
	progress(len(steps), len(steps), "done")
	return made


def manifest() -> dict:
	return json.loads(frappe.db.get_default(MANIFEST) or "{}")


def _name(department: int, n: int) -> tuple[str, str]:
	"""A distinct name for each of the 60 people (15 per department)."""
	k = department * 15 + n
	return FIRST[k % 30], LAST[k // 30 + 2 * (k % 3)]


def _email(department: int, n: int) -> str:
	first, last = _name(department, n)
	return f"{first.lower()}.{last.lower()}.{department}{n}@{DOMAIN}"


def _add(made, doctype, name):
	made.setdefault(doctype, []).append(name)
	return name


def _company(made):
	if not frappe.db.exists("Company", COMPANY):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": COMPANY,
				"abbr": ABBR,
				"default_currency": "USD",
				"country": "United States",
			}
		).insert(ignore_permissions=True)
		_add(made, "Company", COMPANY)
	for name in DEPARTMENTS:
		if not frappe.db.exists("Department", f"{name} - {ABBR}"):
			frappe.get_doc({"doctype": "Department", "department_name": name, "company": COMPANY}).insert()
			_add(made, "Department", f"{name} - {ABBR}")
	for title in ("Head of Department", "Senior Specialist", "Specialist", "Associate", "Chief Executive"):
		if not frappe.db.exists("Designation", title):
			frappe.get_doc({"doctype": "Designation", "designation_name": title}).insert()
			_add(made, "Designation", title)
	for title in PROJECTS:
		project = frappe.get_doc({"doctype": "Project", "project_name": title, "company": COMPANY}).insert()
		_add(made, "Project", project.name)


def _user(made, email, first, last, roles):
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first,
			"last_name": last,
			"new_password": PASSWORD,
			"send_welcome_email": 0,
			"roles": [{"role": r} for r in roles],
		}
	).insert(ignore_permissions=True)
	return _add(made, "User", email)


def _employee(made, email, first, last, department, designation, reports_to=None, own_records_only=True):
	return _add(
		made,
		"Employee",
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first,
				"last_name": last,
				"company": COMPANY,
				"user_id": email,
				"gender": "Female" if len(first) % 2 else "Male",
				"date_of_birth": "1988-04-12",
				"date_of_joining": "2021-02-01",
				"department": f"{department} - {ABBR}",
				"designation": designation,
				"reports_to": reports_to,
				"status": "Active",
				# ERPNext limits an employee-user to their own Employee record; not the HR admin
				"create_user_permission": int(own_records_only),
			}
		)
		.insert()
		.name,
	)


def _people(made):
	"""A chief executive, the HR admin, and per department a head and 14 people: 62 in all."""
	ceo_email = f"ceo@{DOMAIN}"
	_user(made, ceo_email, "Morgan", "Reyes", ["Employee"])
	made["ceo"] = _employee(made, ceo_email, "Morgan", "Reyes", "People", "Chief Executive")
	# the HR admin is an employee too: ERPNext reads Company (the reports' filter) through that role
	hr_admin = f"hr.admin@{DOMAIN}"
	_user(made, hr_admin, "Harper", "Admin", ["HR Manager", "Mentoring Program Manager", "Employee"])
	_employee(made, hr_admin, "Harper", "Admin", "People", "Head of Department", made["ceo"], False)
	frappe.defaults.set_user_default("Company", COMPANY, hr_admin)  # the reports' default company
	made["staff"] = {}
	for d, department in enumerate(DEPARTMENTS):
		head_email = _email(d, 0)
		first, last = _name(d, 0)
		_user(made, head_email, first, last, ["Employee"])
		head = _employee(made, head_email, first, last, department, "Head of Department", made["ceo"])
		staff = []
		for n in range(1, 15):
			email = _email(d, n)
			first, last = _name(d, n)
			_user(made, email, first, last, ["Employee"])
			designation = "Senior Specialist" if n <= 4 else ("Specialist" if n <= 9 else "Associate")
			staff.append(_employee(made, email, first, last, department, designation, head))
		made["staff"][department] = [head, *staff]


def _program(made):
	"""Mentors are the senior specialists, mentees the associates; all approved."""
	for skill in SKILLS:
		if not frappe.db.exists("Mentoring Skill", skill):
			frappe.get_doc({"doctype": "Mentoring Skill", "skill_name": skill}).insert()
			_add(made, "Mentoring Skill", skill)
	program = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": PROGRAM,
			"company": COMPANY,
			"status": "Active",
			"start_date": add_days(today(), -105),
			"end_date": add_days(today(), 75),
			"checkin_frequency_days": 14,
			"max_mentees_per_mentor": 2,
			"program_manager": f"hr.admin@{DOMAIN}",
			"sponsor": made["ceo"],
			"description": "Pairs senior specialists with associates across departments for six months.",
		}
	).insert()
	made["program"] = _add(made, "Mentoring Program", program.name)
	for d, department in enumerate(DEPARTMENTS):
		staff = made["staff"][department]
		for n, employee in enumerate(staff[1:5], 1):  # mentors
			_participant(program.name, employee, "Mentor", SKILLS[(d + n) % 6], SKILLS[(d + n + 1) % 6])
		for n, employee in enumerate(staff[10:15], 10):  # mentees
			_participant(program.name, employee, "Mentee", None, SKILLS[(d + n) % 6])


def _participant(program, employee, role, offers, seeks):
	frappe.get_doc(
		{
			"doctype": "Mentoring Participant",
			"program": program,
			"employee": employee,
			"role": role,
			"status": "Approved",
			"capacity": 2 if role == "Mentor" else None,
			"bio": "Happy to share what I have learned." if role == "Mentor" else "Keen to grow.",
			"interests": "chess, running" if len(employee) % 2 else "cooking, music",
			"skills_offered": [{"skill": offers}] if offers else [],
			"skills_sought": [{"skill": seeks}] if role == "Mentee" else [],
		}
	).insert()


def _matching(made):
	program = frappe.get_doc("Mentoring Program", made["program"])
	program.run_matching()
	frappe.get_doc("Mentoring Program", made["program"]).publish_matches()
	made["pairings"] = frappe.get_all(
		"Mentoring Pairing", {"program": made["program"], "status": "Active"}, pluck="name", order_by="name"
	)


def _activity(made):
	"""Check-ins, goals and surveys that put the pairings in every state."""
	start = add_days(today(), -100)
	projects = made["Project"]
	for i, name in enumerate(made["pairings"]):
		frappe.db.set_value("Mentoring Pairing", name, "start_date", start, update_modified=False)
		pairing = frappe.get_doc("Mentoring Pairing", name)
		state = ("on_track", "on_track", "needs_attention", "at_risk", "not_a_fit", "completed")[i % 6]
		pairing.db_set("agreement", "Meet every two weeks for 45 minutes; the mentee sets the agenda.")
		for g, title in enumerate(("Lead a client negotiation", "Present the quarterly review")):
			frappe.get_doc(
				{
					"doctype": "Mentoring Goal",
					"pairing": name,
					"title": title,
					"success_measure": "Done with the mentor's sign-off",
					"target_date": add_days(today(), 20 + 30 * g),
					"progress": (25 + 15 * i + 30 * g) % 100,
					"status": "In Progress",
					"project": projects[(i + g) % len(projects)],
				}
			).insert()
		last = {"on_track": 6, "needs_attention": 20, "at_risk": None, "not_a_fit": 30, "completed": 8}[state]
		if last is not None:
			dates = [d for d in range(96, last - 1, -14)] + [last]
			for n, ago in enumerate(sorted(set(dates), reverse=True)):
				_checkin(pairing, add_days(today(), -ago), disputed=(state == "needs_attention" and n == 1))
		if state in ("on_track", "not_a_fit"):
			good = state == "on_track"
			_survey(pairing, pairing.mentee_user, 0.8 if good else 0.4, "Yes" if good else "No")
		if state == "completed":
			frappe.set_user(f"hr.admin@{DOMAIN}")
			pairing.reload()
			pairing.set_status("Completed")
			frappe.set_user("Administrator")
	health_service.refresh(made["pairings"])


def _checkin(pairing, day, disputed=False):
	frappe.set_user(pairing.mentee_user)
	checkin = frappe.get_doc(
		{
			"doctype": "Mentoring Check-in",
			"pairing": pairing.name,
			"checkin_date": day,
			"mode": "Video Call",
			"duration_minutes": 45,
			"logged_by_role": "Mentee",
			"agenda": "Progress on my goals; what to try next.",
			"summary": "Reviewed the last two weeks and agreed next steps.",
			"mentee_rating": 0.8,
		}
	).insert()
	checkin.submit()
	frappe.set_user(pairing.mentor_user)
	checkin = frappe.get_doc("Mentoring Check-in", checkin.name)
	if disputed:
		checkin.dispute("We moved this meeting; it did not happen that day.")
	else:
		checkin.confirm()
	frappe.set_user("Administrator")


def _survey(pairing, user, rating, good_fit):
	frappe.set_user(user)
	frappe.get_doc(
		{
			"doctype": "Mentoring Feedback",
			"pairing": pairing.name,
			"survey_type": "Fit Check",
			"overall_rating": rating,
			"communication_rating": rating,
			"good_fit": good_fit,
			"comments": "Good start." if good_fit == "Yes" else "Our schedules never line up.",
		}
	).insert()
	frappe.set_user("Administrator")


def _appraisals(made):
	from hrms.hr.doctype.appraisal_cycle.appraisal_cycle import create_appraisals_for_cycle

	from mentorship_hr.kpi_sync import sync_scores
	from mentorship_hr.mentoring_kra import set_mentoring_kra

	for kra in ("Quality of Work", "Teamwork"):
		if not frappe.db.exists("KRA", kra):
			frappe.get_doc({"doctype": "KRA", "title": kra}).insert()
			_add(made, "KRA", kra)
	template = frappe.get_doc(
		{
			"doctype": "Appraisal Template",
			"template_title": "Mentoring Demo Template",
			"goals": [
				{"key_result_area": "Quality of Work", "per_weightage": 70},
				{"key_result_area": "Teamwork", "per_weightage": 30},
			],
		}
	).insert()
	_add(made, "Appraisal Template", template.name)
	cycle = frappe.get_doc(
		{
			"doctype": "Appraisal Cycle",
			"cycle_name": "Mentoring Demo H2",
			"company": COMPANY,
			"start_date": add_days(today(), -90),
			"end_date": add_days(today(), 90),
			"kra_evaluation_method": "Automated Based on Goal Progress",
			"appraisees": [
				{"employee": e, "appraisal_template": template.name}
				for staff in made["staff"].values()
				for e in staff
			],
		}
	).insert()
	made["cycle"] = _add(made, "Appraisal Cycle", cycle.name)
	create_appraisals_for_cycle(cycle)
	# Frappe HR gives cycle-made appraisals the site's default company; use the demo's
	frappe.db.set_value("Appraisal", {"appraisal_cycle": cycle.name}, "company", COMPANY)
	sync_scores(program=made["program"])
	set_mentoring_kra(cycle.name, 20)


def remove() -> bool:
	"""Delete what `make()` made. False when there is no demo."""
	made = manifest()
	if not made:
		return False
	frappe.flags.mute_emails = True
	cycle = made.get("cycle")
	if cycle:
		appraisals = frappe.get_all("Appraisal", {"appraisal_cycle": cycle}, pluck="name")
		delete_rows("Goal", frappe.get_all("Goal", {"appraisal_cycle": cycle}, pluck="name"))
		delete_rows("Appraisal", appraisals)
		delete_rows(
			"Mentoring Score", frappe.get_all("Mentoring Score", {"appraisal_cycle": cycle}, pluck="name")
		)
		delete_rows(
			"Appraisal Template",
			frappe.get_all(
				"Appraisal Template",
				{"mentoring_base_template": ("in", made["Appraisal Template"])},
				pluck="name",
			),
		)
		delete_rows("Appraisal Cycle", [cycle])
	delete_mentoring_records(made.get("Mentoring Program", []))
	employees = made.get("Employee", [])
	users = made.get("User", [])
	frappe.db.delete("Event", {"owner": ("in", users or [""])})
	frappe.db.delete("Notification Log", {"for_user": ("in", users or [""])})
	frappe.db.delete("Mentoring Reminder Log", {"user": ("in", users or [""])})
	frappe.db.delete("User Permission", {"user": ("in", users or [""])})
	frappe.db.set_value("Employee", {"name": ("in", employees or [""])}, "reports_to", None)
	delete_rows("Employee", employees)
	for user in users:
		frappe.delete_doc("User", user, ignore_permissions=True, force=True)
	for doctype in ("Project", "Appraisal Template", "KRA", "Mentoring Skill", "Designation", "Department"):
		for name in made.get(doctype, []):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	for name in made.get("Company", []):
		frappe.delete_doc("Company", name, ignore_permissions=True, force=True)
	frappe.defaults.clear_default(MANIFEST)
	frappe.db.commit()
	return True
