"""A demo data set (README, "Quick start"): a company of 62 people, a program with enrollment
done, matching run and its launch workshop held, pairings in every state, a reverse-mentoring
program with a pairing and a circle, and an appraisal cycle carrying the Mentoring KRA with synced
scores.

On a site whose setup wizard has not run, `make()` completes it as ERPNext's own setup does. It
refuses a site that holds real employees unless forced. It does nothing when the demo is there;
`remove()` deletes exactly what `make()` made (its manifest is kept as a site default), except
records that other data now links to."""

import json
import secrets
import string

import frappe
from frappe.utils import add_days, getdate, today
from frappe.utils.password import update_password

from mentorship_hr.cleanup import delete_mentoring_records, delete_rows
from mentorship_hr.engagement import health_service

COMPANY = "Mentoring Demo Co"
ABBR = "MDC"
PROGRAM = "Grow Together 2026"
OPEN_PROGRAM = "Lead the Way 2027"  # open for enrollment: the specialists are in no program yet
BETA_PROGRAM = "Leaders in Beta 2026"  # reverse mentoring: associates mentor the heads, in a circle too
PROGRAMS = (PROGRAM, OPEN_PROGRAM, BETA_PROGRAM)
DOMAIN = "mentoring-demo.example"
MANIFEST = "mentoring_demo_manifest"
WORKSPACE = "Mentoring"

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
	found = frappe.get_all(
		"Mentoring Pairing",
		{"name": ("in", manifest().get("pairings") or [""]), "health": "On Track"},
		["mentor_user", "mentee_user", "mentee_manager"],
		order_by="name asc",  # the first by name, as the browser walks find them
		limit=1,
	)
	pairing = found[0] if found else None
	people = {"HR admin (program manager)": f"hr.admin@{DOMAIN}"}
	if pairing:
		people["Mentor"] = pairing.mentor_user
		people["Mentee"] = pairing.mentee_user
		people["Mentee's manager"] = frappe.db.get_value("Employee", pairing.mentee_manager, "user_id")
	return people


class DemoRefused(frappe.ValidationError):
	pass


def exists() -> bool:
	return bool(frappe.db.get_default(MANIFEST))


def real_employees() -> int:
	"""Employees of this site that are not the demo's."""
	return frappe.db.count("Employee", {"company": ("!=", COMPANY)})


def make(report=lambda line: None, force: bool = False) -> dict:
	"""Build the demo, saying what each stage made; returns the manifest. Does nothing when the
	demo is already there."""
	if exists():
		return manifest()
	half_made = _half_made()
	if half_made:  # a run that stopped before it wrote its manifest: start clean
		remove(half_made)
	if real_employees() and not force:
		raise DemoRefused(
			frappe._(
				"This site has {0} employees of its own. The demo adds a company of 62 people beside them; "
				"run it again with --force to go ahead."
			).format(real_employees())
		)
	frappe.flags.mute_emails = True  # the demo tells nobody
	if complete_setup():
		report(f"setup: completed Frappe's setup wizard for {COMPANY} (USD, fiscal year {getdate().year})")
	made = {}
	for label, step in STEPS:
		line = step(made)
		frappe.db.set_default(MANIFEST, json.dumps(made, default=str))
		frappe.db.commit()
		report(f"{label}: {line}")
	return made


def setup_is_complete() -> bool:
	return bool(frappe.db.get_single_value("System Settings", "setup_complete"))


def complete_setup() -> bool:
	"""Run Frappe's setup wizard where it has not run, with the demo's company, as ERPNext's own
	setup does (company, currency, fiscal year, chart of accounts and ERPNext's fixtures). True if
	it ran."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if setup_is_complete():
		return False
	year = getdate().year
	setup_complete(
		{
			"language": "English",
			"country": "United States",
			"timezone": frappe.db.get_single_value("System Settings", "time_zone") or "America/New_York",
			"currency": "USD",
			"company_name": COMPANY,
			"company_abbr": ABBR,
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
		}
	)
	frappe.db.commit()
	return True


def new_password() -> str:
	"""Letters and digits, never published: each run of the demo gets its own."""
	alphabet = string.ascii_letters + string.digits
	while True:
		password = "".join(secrets.choice(alphabet) for _ in range(14))
		if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
			return password


def set_password(password: str):
	"""Give every demo user the password of this run."""
	for user in manifest().get("User", []):
		if frappe.db.exists("User", user):
			update_password(user, password)
	frappe.db.commit()


def manifest() -> dict:
	return json.loads(frappe.db.get_default(MANIFEST) or "{}")


def _name(department: int, n: int) -> tuple[str, str]:
	"""A distinct name for each of the 60 people in the departments (15 each: the head and 14); the
	chief executive and the HR admin, the other two of the 62, have names of their own."""
	k = department * 15 + n
	return FIRST[k % 30], LAST[k // 30 + 2 * (k % 3)]


def _email(department: int, n: int) -> str:
	first, last = _name(department, n)
	return f"{first.lower()}.{last.lower()}.{department}{n}@{DOMAIN}"


def _add(made, doctype, name):
	made.setdefault(doctype, []).append(name)
	return name


def _company(made) -> str:
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
	return f"{COMPANY}, {len(DEPARTMENTS)} departments, {len(PROJECTS)} projects"


def _user(made, email, first, last, roles):
	"""A user made as Frappe's Data Import makes one: an admin loading people is not the sign-ups
	that Frappe's hourly limit on new users (throttle_user_limit) is for."""
	user = frappe.new_doc("User")  # with the User's defaults (desk settings), as Data Import starts
	frappe.flags.in_import = True
	try:
		user.update(
			{
				"email": email,
				"first_name": first,
				"last_name": last,
				"enabled": 1,
				"user_type": "System User",
				"send_welcome_email": 0,
				# they log in straight to the Mentoring workspace; participants to My Mentoring (below)
				"default_workspace": WORKSPACE,
				"roles": [{"role": r} for r in roles],
			}
		)
		user.insert(ignore_permissions=True)
	finally:
		frappe.flags.in_import = False
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


def _people(made) -> str:
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
	return f"{len(made['Employee'])} employees, each with a user"


def _program(made) -> str:
	"""Mentors are the senior specialists, mentees the associates; all approved."""
	for skill in SKILLS:
		if not frappe.db.exists("Skill", skill):
			frappe.get_doc({"doctype": "Skill", "skill_name": skill}).insert(ignore_permissions=True)
			_add(made, "Skill", skill)
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
			"review_skill_disagreements": 1,
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
	mentors = frappe.db.count("Mentoring Participant", {"program": program.name, "role": "Mentor"})
	mentees = frappe.db.count("Mentoring Participant", {"program": program.name, "role": "Mentee"})
	return f"{PROGRAM}, {mentors} mentors and {mentees} mentees approved"


def _open_program(made) -> str:
	"""A second program, open for enrollment, starting next quarter: whoever is in no program yet
	can apply (the specialists)."""
	program = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": OPEN_PROGRAM,
			"company": COMPANY,
			"status": "Draft",
			"start_date": add_days(today(), 60),
			"end_date": add_days(today(), 240),
			"checkin_frequency_days": 14,
			"max_mentees_per_mentor": 2,
			"program_manager": f"hr.admin@{DOMAIN}",
			"sponsor": made["ceo"],
			"description": "Specialists learn to lead: six months with a head of department or a senior specialist.",
		}
	).insert()
	program.set_status("Enrolling")
	_add(made, "Mentoring Program", program.name)
	# a senior specialist of each department mentors: an approved mentee can ask one (Find a mentor)
	for d, department in enumerate(DEPARTMENTS):
		_participant(program.name, made["staff"][department][1], "Mentor", SKILLS[d], None)
	return f"{OPEN_PROGRAM}, open for enrollment, with {len(DEPARTMENTS)} mentors approved"


def _leaders_in_beta(made) -> str:
	"""Reverse mentoring in both formats: associates mentor heads of department on new ways of
	working, one head one-to-one and two others in a circle led by two associates."""
	program = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": BETA_PROGRAM,
			"company": COMPANY,
			"status": "Active",
			"format": "Both",
			"reverse_mentoring": 1,
			"reverse_level_gap": 2,
			"circle_size": 6,
			"circle_min_fill": 2,
			"start_date": add_days(today(), -30),
			"end_date": add_days(today(), 150),
			"checkin_frequency_days": 21,
			"max_mentees_per_mentor": 2,
			"program_manager": f"hr.admin@{DOMAIN}",
			"sponsor": made["ceo"],
			"description": "Associates mentor heads of department on digital tools and how a new "
			"generation works, one-to-one and in a circle.",
		}
	).insert()
	made["beta_program"] = _add(made, "Mentoring Program", program.name)
	# the heads of the three departments other than the demo mentee's manager's (who stays a manager
	# only, landing in the workspace); associates (level 1) mentor them (level 6), never in their line
	manager = frappe.db.get_value("Employee", {"user_id": users().get("Mentee's manager")}, "name")
	kept = [d for d in DEPARTMENTS if made["staff"][d][0] != manager]
	other = next(d for d in DEPARTMENTS if d not in kept) if len(kept) < len(DEPARTMENTS) else kept.pop()
	paired, (circle_a, circle_b) = kept[0], kept[1:3]
	head = {d: made["staff"][d][0] for d in DEPARTMENTS}
	associate = {d: made["staff"][d][14] for d in DEPARTMENTS}
	mentors = (associate[circle_a], associate[paired], associate[other])
	for mentor in mentors:
		_participant(program.name, mentor, "Mentor", "Communication", None)
	for mentee in (head[paired], head[circle_a], head[circle_b]):
		_participant(program.name, mentee, "Mentee", None, "Communication")
	pairing = frappe.get_doc(
		{
			"doctype": "Mentoring Pairing",
			"program": program.name,
			"mentor": associate[circle_a],
			"mentee": head[paired],
			"status": "Active",
			"source": "Manual",
			"agreement": "Every three weeks: one tool tried together, one habit questioned.",
		}
	).insert()
	made["reverse_pairing"] = pairing.name
	circle = frappe.get_doc(
		{
			"doctype": "Mentoring Circle",
			"program": program.name,
			"title": "Working the new way",
			"status": "Active",
			"lead_mentor": associate[paired],
			"co_mentor": associate[other],
			"topic_skills": [{"skill": "Communication"}],
			"members": [{"employee": head[circle_a]}, {"employee": head[circle_b]}],
			"agreement": "Monthly, an hour, what is said stays in the circle.",
		}
	).insert()
	made["circle"] = circle.name
	_circle_meetings(circle)
	return (
		f"{BETA_PROGRAM}, reverse mentoring: an associate mentors the head of {paired}, and circle "
		f"{circle.name} the heads of {circle_a} and {circle_b}, who met twice and set a goal each"
	)


def _circle_meetings(circle):
	"""The circle started four weeks ago: each member set a goal, and it met twice, everyone there,
	logged by a member and confirmed by the lead mentor."""
	frappe.db.set_value("Mentoring Circle", circle.name, "start_date", add_days(today(), -28))
	user = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", circle.people())},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	members = [row.employee for row in circle.members]
	for member, (title, progress) in zip(
		members, (("Run a meeting with no slides", 60), ("Automate my weekly report", 30)), strict=True
	):
		frappe.set_user(user[member])
		frappe.get_doc(
			{"doctype": "Mentoring Goal", "circle": circle.name, "title": title, "progress": progress}
		).insert()
	for ago in (24, 10):
		frappe.set_user(user[members[0]])
		checkin = frappe.get_doc(
			{
				"doctype": "Mentoring Check-in",
				"circle": circle.name,
				"checkin_date": add_days(today(), -ago),
				"mode": "Video Call",
				"duration_minutes": 60,
				"agenda": "One tool each of us tried since last time.",
				"attendance": [{"employee": e, "present": 1} for e in circle.people()],
				"mentee_rating": 0.8,
			}
		).insert()
		checkin.submit()
		frappe.set_user(user[circle.lead_mentor])
		frappe.get_doc("Mentoring Check-in", checkin.name).confirm()
	frappe.set_user("Administrator")
	health_service.refresh_circles([circle.name])


def _participant(program, employee, role, offers, seeks):
	# a participant's landing is My Mentoring (the app they are given on enrolling), not a workspace
	frappe.db.set_value(
		"User", frappe.db.get_value("Employee", employee, "user_id"), "default_workspace", None
	)
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


# What each of the demo's designations expects (Designation > Skills): a mentee's gaps are read
# against it.
EXPECTED = {
	"Associate": ("Communication", "Negotiation", "Delegation"),
	"Specialist": ("Delegation", "Decisiveness", "Confidence"),
	"Senior Specialist": ("Negotiation", "Empathy", "Communication"),
}


def _skill_maps(made) -> str:
	"""Frappe HR Skill Maps as HR would keep them, rated before the program began: mentors strong
	(4 or 5 stars) in what they offer, mentees weak (1 or 2) in what they seek, so their gaps are
	real; and the skills the demo's designations expect."""
	for designation, skills in EXPECTED.items():
		if designation in made.get("Designation", []):
			doc = frappe.get_doc("Designation", designation)
			doc.set("skills", [{"skill": s} for s in skills])
			doc.save(ignore_permissions=True)
	rated_on = add_days(today(), -120)
	rows = frappe.get_all(
		"Mentoring Participant",
		filters={"program": made["program"]},
		fields=["name", "employee", "role"],
	)
	items = frappe.get_all(
		"Mentoring Skill Item",
		filters={"parenttype": "Mentoring Participant", "parent": ("in", [r.name for r in rows])},
		fields=["parent", "parentfield", "skill"],
	)
	ratings: dict[str, dict[str, int]] = {}
	by_participant = {r.name: r.employee for r in rows}
	for n, item in enumerate(items):
		stars = (5 - n % 2) if item.parentfield == "skills_offered" else (1 + n % 2)
		ratings.setdefault(by_participant[item.parent], {})[item.skill] = stars
	for n, (employee, skills) in enumerate(ratings.items()):
		skills.setdefault(SKILLS[n % len(SKILLS)], 3)  # one more skill, middling, for a fuller map
		frappe.get_doc(
			{
				"doctype": "Employee Skill Map",
				"employee": employee,
				"employee_skills": [
					{"skill": s, "proficiency": stars / 5, "evaluation_date": rated_on}
					for s, stars in skills.items()
				],
			}
		).insert(ignore_permissions=True)
	# the specialists, in no program yet, were rated twice: the Impact report compares the mentees'
	# growth with theirs; their gaps (Delegation, Decisiveness) are what they would seek
	specialists = [e for department in DEPARTMENTS for e in made["staff"][department][5:10]]
	for employee in specialists:
		frappe.get_doc(
			{
				"doctype": "Employee Skill Map",
				"employee": employee,
				"employee_skills": [
					{"skill": skill, "proficiency": stars / 5, "evaluation_date": add_days(today(), ago)}
					for ago, row in ((-120, (2, 1, 3)), (-10, (2, 2, 3)))
					for skill, stars in zip(EXPECTED["Specialist"], row, strict=True)
				],
			}
		).insert(ignore_permissions=True)
	maps = len(ratings) + len(specialists)
	return f"{maps} Skill Maps, {len(EXPECTED)} designations with the skills they expect"


def _matching(made) -> str:
	program = frappe.get_doc("Mentoring Program", made["program"])
	program.run_matching()
	frappe.get_doc("Mentoring Program", made["program"]).publish_matches()
	made["pairings"] = frappe.get_all(
		"Mentoring Pairing", {"program": made["program"], "status": "Active"}, pluck="name", order_by="name"
	)
	return f"{len(made['pairings'])} pairings made and published"


def _workshop(made) -> str:
	"""The launch workshop, held as HR would in Frappe HR: a session at the program's start with
	one absentee recorded in its Training Result, and the next session ahead for them."""
	training = frappe.get_doc(
		{
			"doctype": "Training Program",
			"training_program": "Mentoring Foundations",
			"company": COMPANY,
			"description": "What mentoring is for, how a pair agrees its way of working and sets SMART goals.",
		}
	).insert(ignore_permissions=True)
	_add(made, "Training Program", training.name)
	frappe.db.set_value("Mentoring Program", made["program"], "training_program", training.name)
	frappe.set_user(f"hr.admin@{DOMAIN}")
	program = frappe.get_doc("Mentoring Program", made["program"])
	held = program.hold_launch_workshop(_at(-104, 9), _at(-104, 12), "Main hall")["training_event"]
	frappe.set_user("Administrator")
	invited = frappe.get_all("Training Event Employee", {"parent": held}, pluck="employee", order_by="idx")
	# the demo's mentee (users()) missed it, so whoever walks the demo as them sees it
	absentee = frappe.db.get_value("Employee", {"user_id": users()["Mentee"]}, "name")
	frappe.get_doc(
		{
			"doctype": "Training Result",
			"training_event": held,
			"employees": [{"employee": e, "hours": 3} for e in invited if e != absentee],
		}
	).insert(ignore_permissions=True).submit()
	frappe.set_user(f"hr.admin@{DOMAIN}")
	program.hold_launch_workshop(_at(10, 14), _at(10, 17), "Room 2")
	frappe.set_user("Administrator")
	name = frappe.db.get_value("Employee", absentee, "employee_name")
	return f"a session with {len(invited) - 1} of {len(invited)} attending ({name} missed it), the next one in 10 days"


def _at(days: int, hour: int) -> str:
	return f"{add_days(today(), days)} {hour:02d}:00:00"


def _activity(made) -> str:
	"""Check-ins, goals and surveys that put the pairings in every state."""
	start = add_days(today(), -100)
	projects = made["Project"]
	completed = made["pairings"][5::6]  # the sixth of each six completes (below)
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
			_final_survey(pairing, apart=name == completed[0])
	health_service.refresh(made["pairings"])
	pairings = {"pairing": ("in", made["pairings"])}
	return (
		f"{frappe.db.count('Mentoring Goal', pairings)} goals, "
		f"{frappe.db.count('Mentoring Check-in', {**pairings, 'docstatus': 1})} check-ins, "
		f"{frappe.db.count('Mentoring Feedback', pairings)} surveys"
	)


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


def _final_survey(pairing, apart: bool = False):
	"""Both sides answer the final survey and rate the mentee's skills: the mentor's ratings, a star
	or two above where the mentee began, go into the mentee's Skill Map. `apart`: the mentor rates
	the last skill a star higher still, two stars from the mentee's own rating, so the program
	manager decides it (the program asks for that)."""
	pairing.reload()
	last = pairing.skill_growth[-1].skill if pairing.skill_growth else None
	for user, lift in ((pairing.mentee_user, 1), (pairing.mentor_user, 2)):
		frappe.set_user(user)
		more = {last: 1} if apart and user == pairing.mentor_user else {}
		frappe.get_doc(
			{
				"doctype": "Mentoring Feedback",
				"pairing": pairing.name,
				"survey_type": "Final",
				"overall_rating": 0.8,
				"comments": "Six good months.",
				"skill_ratings": [
					{
						"skill": r.skill,
						"proficiency": min(1, (r.baseline or 0) + (lift + more.get(r.skill, 0)) / 5),
					}
					for r in pairing.skill_growth
				],
			}
		).insert()
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


def _appraisals(made) -> str:
	from hrms.hr.doctype.appraisal_cycle.appraisal_cycle import create_appraisals_for_cycle

	from mentorship_hr.kpi.score_sync import sync_scores
	from mentorship_hr.overrides.appraisal_cycle import set_mentoring_kra

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
	appraisals = frappe.db.count("Appraisal", {"appraisal_cycle": cycle.name})
	scores = frappe.db.count("Mentoring Score", {"appraisal_cycle": cycle.name})
	return f"cycle {cycle.name}, {appraisals} appraisals, {scores} mentoring scores synced"


STEPS = (
	("company", _company),
	("people", _people),
	("program", _program),
	("skill maps", _skill_maps),
	("matching", _matching),
	("open program", _open_program),
	("activity", _activity),
	("launch workshop", _workshop),
	("leaders in beta", _leaders_in_beta),
	("appraisals", _appraisals),
)


# Modules whose records only log or mirror what users did (logins, views, shares, settings):
# links from them do not make a demo record part of the site's real data.
LOG_MODULES = (
	"Core",
	"Desk",
	"Email",
	"Social",
	"Integrations",
	"Custom",
	"Website",
	"Printing",
	"Automation",
)
# Where a company's real data lies: records of these that are not the demo's keep the company.
COMPANY_DATA = (
	"Employee",
	"Project",
	"Appraisal Cycle",
	"Mentoring Program",
	"GL Entry",
	"Stock Ledger Entry",
	"Sales Invoice",
	"Purchase Invoice",
	"Journal Entry",
	"Payment Entry",
)


def remove(made: dict | None = None) -> dict | None:
	"""Delete what `make()` made (its manifest), except records that data the demo did not make now
	links to. Returns what was kept, by DocType; None when there is no demo."""
	made = made or manifest()
	if not made:
		return None
	frappe.flags.mute_emails = True
	_remove_appraisals(made)
	delete_mentoring_records(made.get("Mentoring Program", []))
	users = made.get("User", []) or [""]
	delete_rows("Event", frappe.get_all("Event", {"owner": ("in", users)}, pluck="name"))
	frappe.db.delete("Notification Log", {"for_user": ("in", users)})
	frappe.db.delete("Mentoring Reminder Log", {"user": ("in", users)})
	frappe.db.delete("User Permission", {"user": ("in", users)})
	# the contact Frappe makes for each new user is part of the user
	delete_rows("Contact", frappe.get_all("Contact", {"user": ("in", users)}, pluck="name"))
	frappe.db.set_value("Employee", {"name": ("in", made.get("Employee") or [""])}, "reports_to", None)
	# the demo people's Skill Maps (growth written into them included) go with the people
	delete_rows(
		"Employee Skill Map",
		frappe.get_all(
			"Employee Skill Map", {"employee": ("in", made.get("Employee") or [""])}, pluck="name"
		),
	)
	kept = {}
	employees = _deletable(made, "Employee", kept)
	delete_rows("Employee", employees)
	for user in _deletable(made, "User", kept):
		frappe.delete_doc("User", user, ignore_permissions=True, force=True)
	for doctype in (
		"Project",
		"Appraisal Template",
		"KRA",
		"Designation",
		"Skill",
		"Training Program",
		"Department",
	):
		for name in _deletable(made, doctype, kept):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	for name in made.get("Company", []):
		if any(frappe.db.exists(d, {"company": name}) for d in COMPANY_DATA):
			kept.setdefault("Company", []).append(name)
		else:
			frappe.delete_doc("Company", name, ignore_permissions=True, force=True)
	frappe.defaults.clear_default(MANIFEST)
	frappe.db.commit()
	return kept


def _half_made() -> dict:
	"""What a demo that stopped half-way left before its manifest was written, found by its
	people's email domain, its company and its names: users, employees, projects, the program and
	the company (not where the setup wizard made it the site's own)."""
	made = {
		"User": frappe.get_all("User", {"name": ("like", f"%@{DOMAIN}")}, pluck="name"),
		"Employee": frappe.get_all("Employee", {"company": COMPANY}, pluck="name"),
		"Project": frappe.get_all(
			"Project", {"company": COMPANY, "project_name": ("in", PROJECTS)}, pluck="name"
		),
		"Mentoring Program": frappe.get_all(
			"Mentoring Program", {"program_name": ("in", PROGRAMS)}, pluck="name"
		),
		"Training Program": frappe.get_all("Training Program", {"company": COMPANY}, pluck="name"),
	}
	if not any(made.values()):
		return {}
	# the demo's company, unless the setup wizard made it the site's own (remove() keeps it anyway
	# while anything of the site's is filed under it)
	if frappe.db.exists("Company", COMPANY) and frappe.defaults.get_global_default("company") != COMPANY:
		made["Company"] = [COMPANY]
	return {k: v for k, v in made.items() if v}


def _remove_appraisals(made):
	cycle = made.get("cycle")
	if not cycle:
		return
	delete_rows("Goal", frappe.get_all("Goal", {"appraisal_cycle": cycle}, pluck="name"))
	delete_rows("Appraisal", frappe.get_all("Appraisal", {"appraisal_cycle": cycle}, pluck="name"))
	delete_rows(
		"Mentoring Score", frappe.get_all("Mentoring Score", {"appraisal_cycle": cycle}, pluck="name")
	)
	variants = frappe.get_all(
		"Appraisal Template", {"mentoring_base_template": ("in", made["Appraisal Template"])}, pluck="name"
	)
	delete_rows("Appraisal Template", variants)
	delete_rows("Appraisal Cycle", [cycle])


def _deletable(made, doctype, kept) -> list[str]:
	"""The demo's records of this DocType that nothing outside the demo links to; the others are
	noted in `kept`."""
	names = [n for n in made.get(doctype, []) if frappe.db.exists(doctype, n)]
	linked = _linked_elsewhere(doctype, names)
	if linked:
		kept[doctype] = sorted(linked)
	return [n for n in names if n not in linked]


def _linked_elsewhere(doctype, names) -> set[str]:
	"""Those of the names that a record of the site's own data links to."""
	if not names:
		return set()
	linked = set()
	modules = dict(frappe.get_all("DocType", fields=["name", "module"], as_list=True))
	singles = set(frappe.get_all("DocType", {"issingle": 1}, pluck="name"))
	links = frappe.get_all("DocField", {"fieldtype": "Link", "options": doctype}, ["parent", "fieldname"])
	links += frappe.get_all(
		"Custom Field", {"fieldtype": "Link", "options": doctype}, ["dt as parent", "fieldname"]
	)
	for link in links:
		if modules.get(link.parent) in LOG_MODULES or link.parent in singles or link.parent not in modules:
			continue
		if not frappe.db.has_column(link.parent, link.fieldname):
			continue
		found = frappe.get_all(
			link.parent, {link.fieldname: ("in", names)}, pluck=link.fieldname, distinct=True
		)
		linked.update(found)
	return linked


def leftovers() -> dict:
	"""What of the demo is still on the site, counted (0 everywhere once it is removed), and whether
	the site's setup is complete."""
	company = {"company": COMPANY}
	programs = frappe.get_all("Mentoring Program", {"program_name": ("in", PROGRAMS)}, pluck="name") or [""]
	return {
		"setup_complete": int(setup_is_complete()),
		"Employee": frappe.db.count("Employee", company),
		"User": frappe.db.count("User", {"name": ("like", f"%@{DOMAIN}")}),
		"Project": frappe.db.count("Project", company),
		"Mentoring Program": frappe.db.count("Mentoring Program", {"program_name": ("in", PROGRAMS)}),
		"Mentoring Pairing": frappe.db.count("Mentoring Pairing", {"program": ("in", programs)}),
		"Appraisal Cycle": frappe.db.count("Appraisal Cycle", company),
		"manifest": int(exists()),
	}
