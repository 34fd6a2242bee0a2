"""Walk the everyday flows in headless Chromium as the demo's people, typing and clicking as they
would, and fail on any step that does not behave:

1. the mentee logs a check-in with a private note from the pairing, saves and submits it, and
   reads the note back;
2. the mentor finds it in the pairing's check-ins, reads the note and confirms it;
3. the mentee's manager opens the pairing: no check-in link, no way to log one, no Save, and the
   note nowhere on the page;
4. the mentee schedules a check-in; the pairing shows it with a link to its event; the mentor
   opens their own event from the bell; both find it in their calendar and their Event list;
5. the program manager holds the next launch workshop session and sets a skill rating;
6. in the demo's mentoring circle, a member sets their own goal from the circle, which the other
   member cannot open; a member logs a check-in with a private note, ticking the lead mentor
   present, and the lead mentor reads the note and confirms it.

Needs the demo (`bench --site <site> mentoring-demo`, which prints the password of its run), a
running `bench serve` and Debian's chromium:
    python browser/flow_check.py --url http://mentorship.test:8000 --password <password>
"""

import sys
import tempfile
import time
from urllib.parse import quote

from desk_check import CHROMIUM, demo_users, parse
from playwright.sync_api import sync_playwright
from session import Session, expect

STAMP = time.strftime("%H%M%S")
SUMMARY = f"Walked through the pricing deck together ({STAMP})."
NOTE = f"Private: worried about the team move ({STAMP})."
AGENDA = f"Prepare the client pitch ({STAMP})"
CIRCLE = "Working the new way"
CIRCLE_GOAL = f"Chair a meeting from my phone ({STAMP})"
CIRCLE_AGENDA = f"One tool each, tried since last time ({STAMP})"
CIRCLE_NOTE = f"Private: the circle found the roll-out rushed ({STAMP})."


class Person(Session):
	"""One logged-in desk session."""

	def __init__(self, browser, url, user, password, who, problems):
		super().__init__(browser, url, user, password, who, problems, {"width": 1440, "height": 1000})
		self.log_in_quietly()

	def open(self, path):
		self.page.goto(f"{self.url}{path}")
		self.page.wait_for_load_state("networkidle")
		self.page.wait_for_timeout(800)

	def button(self, label):
		return self.page.locator(".page-actions button:visible, .page-actions .btn:visible", has_text=label)

	def menu_item(self, group, label):
		"""A button in one of the form's button groups (Create, Status)."""
		toggle = self.page.locator(f".page-actions .inner-group-button:visible:has-text('{group}') > button")
		if not toggle.count():
			return None
		toggle.first.click()
		item = self.page.locator(".page-actions .dropdown-menu:visible .dropdown-item", has_text=label)
		found = item.count() > 0
		self.page.keyboard.press("Escape")
		return item if found else None

	def choose(self, group, label):
		"""Click an item of one of the form's button groups, failing when it is not offered."""
		item = self.menu_item(group, label)
		expect(item, f"the {self.who} is not offered {group} > {label}")
		self.page.locator(
			f".page-actions .inner-group-button:visible:has-text('{group}') > button"
		).first.click()
		item.first.click()

	def field_text(self, fieldname) -> str:
		"""What the form shows in a field, whether as an input or as read-only text."""
		self.reveal(fieldname)
		control = self.page.locator(f".form-layout .frappe-control[data-fieldname='{fieldname}']:visible")
		if not control.count():
			return ""
		box = control.locator("textarea:visible, input:visible")
		if box.count():
			return box.first.input_value()
		return control.locator(".control-value, .like-disabled-input").first.inner_text()

	def reveal(self, fieldname, scope=".form-layout"):
		"""Open the collapsed section a field sits in, as a user clicks its heading."""
		section = self.page.locator(
			f"{scope} .form-section:has(.frappe-control[data-fieldname='{fieldname}']) .section-head.collapsed"
		)
		if section.count():
			section.first.click()

	def save_and_submit(self) -> str:
		"""Save the new form as a user does (Ctrl+S), submit it, and return its name."""
		self.page.keyboard.press("Control+s")
		self.page.wait_for_url(lambda u: "/new" not in u)
		self.page.locator(".indicator-pill:visible", has_text="Draft").wait_for()
		self.page.wait_for_load_state("networkidle")
		name = self.page.url.rstrip("/").split("/")[-1].split("?")[0]
		self.page.locator(".page-actions .primary-action:visible", has_text="Submit").click()
		self.page.locator(".modal:visible .btn-primary", has_text="Yes").click()
		self.page.locator(".indicator-pill:visible", has_text="Submitted").wait_for()
		return name

	def type_into(self, fieldname, text, scope=".form-layout"):
		self.reveal(fieldname, scope)
		box = self.page.locator(
			f"{scope} .frappe-control[data-fieldname='{fieldname}'] textarea:visible, "
			f"{scope} .frappe-control[data-fieldname='{fieldname}'] input:visible"
		).first
		box.click()
		box.fill(text)
		box.evaluate("e => e.blur()")  # Frappe takes the value on change; Tab would open the next grid


def log_checkin_with_private_note(mentee: Person, pairing, title) -> str:
	mentee.open(f"/app/mentoring-pairing/{pairing}")
	item = mentee.menu_item("Create", "Log Check-in")
	expect(item, "the mentee is not offered Create > Log Check-in on the pairing")
	mentee.page.locator(".page-actions .inner-group-button:visible:has-text('Create') > button").first.click()
	item.first.click()
	mentee.page.wait_for_url("**/app/mentoring-check-in/new**")
	mentee.page.wait_for_timeout(800)
	expect(mentee.field_text("pairing") == title, "the new check-in does not name the pairing")
	mentee.type_into("summary", SUMMARY)
	mentee.type_into("private_notes", NOTE)
	name = mentee.save_and_submit()
	mentee.open(f"/app/mentoring-check-in/{name}")
	expect(NOTE in mentee.field_text("private_notes"), "the mentee does not read back their private note")
	expect(SUMMARY in mentee.field_text("summary"), "the mentee does not read back the summary")
	return name


def reads_note_and_confirms(person: Person, filters: str, checkin, note, who):
	"""Find the check-in in the list as filtered, open it, read the private note, Confirm, and see
	it Confirmed."""
	person.open(f"/app/mentoring-check-in?{filters}")
	row = person.page.locator(f".list-row-container a[data-name='{checkin}']")
	expect(row.count(), f"{who} does not find {checkin} in the check-ins ({filters})")
	row.first.click()
	person.page.wait_for_url(f"**/app/mentoring-check-in/{checkin}")
	person.page.wait_for_load_state("networkidle")
	person.page.wait_for_timeout(800)
	expect(note in person.field_text("private_notes"), f"{who} does not see the private note")
	expect(person.button("Confirm").count(), f"{who} is not offered Confirm")
	person.button("Confirm").first.click()
	person.page.wait_for_load_state("networkidle")
	person.open(f"/app/mentoring-check-in/{checkin}")
	expect(person.field_text("confirmation_status") == "Confirmed", f"{checkin} does not read Confirmed")


def mentor_reads_and_confirms(mentor: Person, pairing, checkin):
	reads_note_and_confirms(mentor, f"pairing={pairing}", checkin, NOTE, "the mentor")


def manager_sees_no_checkins(manager: Person, pairing, checkin):
	manager.open(f"/app/mentoring-pairing/{pairing}")
	expect(manager.page.locator(".form-layout").count(), "the manager cannot open the pairing")
	link = manager.page.locator(".form-dashboard .document-link[data-doctype='Mentoring Check-in']:visible")
	expect(not link.count(), "the manager is shown the pairing's check-ins")
	expect(not manager.menu_item("Create", "Log Check-in"), "the manager is offered Log Check-in")
	expect(not manager.button("Save").count(), "the manager is offered Save on a pairing they cannot edit")
	expect(NOTE not in manager.page.content(), "the private note is on the manager's page")
	manager.open("/app/mentoring-check-in")
	expect(checkin not in manager.page.content(), "the manager finds the check-in in the list")
	expect(not manager.button("Add Mentoring Check-in").count(), "the manager is offered a new check-in")


def find_in_bell(person: Person, text, tries=15):
	"""The person's bell, opened again until the notice is there: a background job writes it."""
	for _ in range(tries):
		person.open("/app")
		person.page.locator(".notifications-icon:visible").first.click()
		item = person.page.locator(".notification-item:visible", has_text=text)
		if item.count():
			return item
		person.page.wait_for_timeout(2000)
	return None


def schedule_and_find(mentee: Person, mentor: Person, pairing):
	mentee.open(f"/app/mentoring-pairing/{pairing}")
	expect(mentee.button("Schedule Check-in").count(), "the mentee is not offered Schedule Check-in")
	mentee.button("Schedule Check-in").first.click()
	when = mentee.page.evaluate(
		"frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.get_today(), 1) + ' 10:00:00')"
	)
	mentee.type_into("starts_on", when, scope=".modal:visible")
	mentee.type_into("agenda", AGENDA, scope=".modal:visible")
	mentee.page.locator(".modal:visible .btn-primary", has_text="Schedule").click()
	alert = mentee.page.locator(
		".alert-message", has_text="Check-in scheduled: it is in both of your calendars"
	)
	alert.wait_for()
	event = alert.locator("a").get_attribute("href").split("/")[-1]
	# the pairing leads with its next check-in (the earliest to come), linked to its event
	headline = mentee.page.locator(".form-message", has_text="Next check-in")
	headline.wait_for()
	headline.locator("a", has_text="Open the event").click()
	mentee.page.wait_for_url("**/app/event/**")
	mentee.open(f"/app/event/{event}")
	expect(AGENDA in mentee.page.content(), "the scheduled event has not the agenda")

	bell = find_in_bell(mentor, "check-in scheduled")
	expect(bell, "the mentor has no 'check-in scheduled' in their bell")
	bell.first.click()
	# the mentor's bell opens the mentor's own event of the check-in
	mentor.page.wait_for_url("**/app/event/EV*")
	mentor.page.locator(".ql-editor", has_text=AGENDA).first.wait_for()
	for person in (mentee, mentor):
		person.open("/app/event/view/calendar/default")
		found = person.page.locator(".fc-event", has_text="Mentoring check-in")
		expect(found.count(), f"the {person.who} does not find the check-in in their calendar")
		person.open("/app/event?event_category=Meeting")
		row = person.page.locator(".list-row-container", has_text="Mentoring check-in")
		row.first.wait_for()
		expect(row.count(), f"the {person.who} does not find the check-in in their Event list")


def hold_workshop_session(hr: Person, mentee: Person, pairing):
	"""The program manager holds the next launch workshop session; the mentee, who missed the first,
	is invited, and their pairing says who attended."""
	program = mentee.page.request.get(f"{mentee.url}/api/resource/Mentoring Pairing/{pairing}").json()
	hr.open(f"/app/mentoring-program/{quote(program['data']['program'])}")
	item = hr.menu_item("Enrollment", "Hold Launch Workshop")
	expect(item, "the program manager is not offered Hold Launch Workshop")
	hr.page.locator(".page-actions .inner-group-button:visible:has-text('Enrollment') > button").first.click()
	item.first.click()
	day = "frappe.datetime.add_days(frappe.datetime.get_today(), 3)"
	for fieldname, hour in (("start_time", "09:00:00"), ("end_time", "11:00:00")):
		when = hr.page.evaluate(f"frappe.datetime.str_to_user({day} + ' {hour}')")
		hr.type_into(fieldname, when, scope=".modal:visible")
	hr.type_into("location", "Room 7", scope=".modal:visible")
	hr.page.locator(".modal:visible .btn-primary", has_text="Invite").click()
	told = hr.page.locator(".modal:visible .msgprint", has_text="invited to")
	told.wait_for()
	event = told.locator("a").get_attribute("href").split("/")[-1]
	hr.open(f"/app/training-event/{event}")
	expect("Room 7" in hr.page.content(), "the new session's Training Event does not say where")
	mentee.open(f"/app/mentoring-pairing/{pairing}")
	indicator = mentee.page.locator(
		".form-dashboard .indicator-pill, .form-dashboard .indicator", has_text="Launch workshop"
	)
	indicator.first.wait_for()
	expect(
		"mentee missed it" in indicator.first.inner_text(),
		"the pairing does not say the mentee missed the workshop",
	)


def set_skill_rating(hr: Person):
	"""The HR admin decides a skill the pair rated two stars apart (the demo's program asks a
	program manager to); the rating is written and the pairing no longer waits."""

	def waiting():
		return hr.page.request.get(
			f"{hr.url}/api/method/frappe.client.get_list",
			params={
				"doctype": "Mentoring Skill Growth",
				"parent": "Mentoring Pairing",
				"filters": '{"needs_review": 1}',
				"fields": '["parent", "skill"]',
			},
		).json()["message"]

	rows = waiting()
	expect(rows, "no pairing of the demo waits for a program manager's skill rating")
	pairing, skill = rows[0]["parent"], rows[0]["skill"]
	hr.open(f"/app/mentoring-pairing/{pairing}")
	hr.page.locator(".form-message", has_text="far apart").first.wait_for()
	hr.button("Set Skill Rating").first.click()
	hr.page.locator(".modal:visible select[data-fieldname='skill']").select_option(skill)
	hr.page.locator(".modal:visible select[data-fieldname='stars']").select_option("4")
	hr.page.locator(".modal:visible .btn-primary", has_text="Write to Skill Map").click()
	hr.page.locator(".form-message", has_text="far apart").wait_for(state="detached")
	written = hr.page.request.get(
		f"{hr.url}/api/method/frappe.client.get_list",
		params={
			"doctype": "Mentoring Skill Growth",
			"parent": "Mentoring Pairing",
			"filters": f'{{"parent": "{pairing}", "skill": "{skill}"}}',
			"fields": '["agreed", "written_on"]',
		},
	).json()["message"]
	expect(
		written and written[0]["agreed"] == 0.8 and written[0]["written_on"],
		f"{skill} was not written: {written}",
	)
	expect(not waiting(), "the pairing still waits for a skill rating")


def the_circle(hr: Person) -> dict:
	"""The demo's Active circle: its name, and the employee and user of its lead mentor and members."""

	def get(path, **params):
		response = hr.page.request.get(f"{hr.url}/api/resource/{path}", params=params)
		expect(response.ok, f"the program manager cannot read {path} ({response.status})")
		return response.json()["data"]

	rows = get("Mentoring Circle", filters=f'{{"title": "{CIRCLE}", "status": "Active"}}')
	expect(rows, f"the demo has no Active circle {CIRCLE!r}")
	circle = get(f"Mentoring Circle/{rows[0]['name']}")
	people = [("lead", circle["lead_mentor"])] + [
		(f"member {i}", row["employee"]) for i, row in enumerate(circle["members"], 1)
	]
	expect(len(people) == 3, f"circle {circle['name']} has not two members")
	found = {"name": circle["name"]}
	for who, employee in people:
		record = get(f"Employee/{employee}")
		found[who] = {"employee": employee, "name": record["employee_name"], "user": record["user_id"]}
	return found


def new_from_circle(member: Person, circle, action, route):
	"""From the circle's form, Create > action opens a new form that names the circle."""
	member.open(f"/app/mentoring-circle/{circle}")
	member.choose("Create", action)
	member.page.wait_for_url(f"**/app/{route}/new**")
	member.page.wait_for_load_state("networkidle")
	member.page.wait_for_timeout(800)
	expect(member.field_text("circle") in (circle, CIRCLE), f"the new {route} does not name the circle")


def member_sets_circle_goal(member: Person, circle, employee) -> str:
	new_from_circle(member, circle, "My Goal", "mentoring-goal")
	member.type_into("title", CIRCLE_GOAL)
	member.page.keyboard.press("Control+s")
	member.page.wait_for_url(lambda u: "/new" not in u)
	member.page.wait_for_load_state("networkidle")
	name = member.page.url.rstrip("/").split("/")[-1].split("?")[0]
	member.open(f"/app/mentoring-goal/{name}")
	expect(member.field_text("title") == CIRCLE_GOAL, "the member does not read back their goal's title")
	mentee = member.field_text("mentee")
	expect(
		employee["employee"] in mentee or employee["name"] in mentee,
		f"the goal's Mentee reads {mentee!r}, not the member who set it",
	)
	return name


def other_member_refused_goal(other: Person, circle, goal):
	before = len(other.problems)
	other.open(f"/app/mentoring-goal/{goal}")
	# Frappe prints the server's refusal (a 403) to the console: here it is the step's point
	refusal = f"PermissionError: ('read', 'Mentoring Goal', '{goal}')"
	other.problems[before:] = [p for p in other.problems[before:] if refusal not in p]
	refused = other.page.locator(".modal:visible, .page-container:visible", has_text="Not Permitted")
	expect(refused.count(), f"the other member is not refused {goal}")
	expect(not other.page.locator(".form-layout:visible").count(), f"the other member is shown {goal}")
	expect(CIRCLE_GOAL not in other.page.content(), "the goal's title is on the other member's page")
	other.open(f"/app/mentoring-goal?circle={quote(circle)}")
	expect(CIRCLE_GOAL not in other.page.content(), "the other member finds the goal in the list")


def member_logs_circle_checkin(member: Person, circle, lead) -> str:
	new_from_circle(member, circle, "Log Check-in", "mentoring-check-in")
	grid = ".frappe-control[data-fieldname='attendance']"
	member.reveal("attendance")
	row = member.page.locator(f"{grid} .grid-body .grid-row", has_text=lead["employee"])
	row.first.wait_for()
	row.first.locator(".grid-static-col[data-fieldname='present']").click()  # the row opens for editing
	row.first.locator("input[data-fieldname='present']").check()
	member.type_into("agenda", CIRCLE_AGENDA)
	member.type_into("private_notes", CIRCLE_NOTE)
	name = member.save_and_submit()
	member.open(f"/app/mentoring-check-in/{name}")
	expect(
		CIRCLE_NOTE in member.field_text("private_notes"), "the member does not read back their private note"
	)
	expect(CIRCLE_AGENDA in member.field_text("agenda"), "the member does not read back the agenda")
	present = member.page.locator(f"{grid} .grid-body .grid-row", has_text=lead["employee"]).first
	expect(  # a saved form draws a ticked Check as a disabled, selected box
		present.locator(".grid-static-col[data-fieldname='present'] input.disabled-selected").count(),
		"the saved check-in does not show the lead mentor present",
	)
	return name


def lead_mentor_confirms_circle_checkin(lead: Person, circle, checkin):
	reads_note_and_confirms(lead, f"circle={quote(circle)}", checkin, CIRCLE_NOTE, "the lead mentor")


def first_active_pairing(mentee: Person, user) -> tuple[str, str]:
	rows = mentee.page.request.get(
		f"{mentee.url}/api/resource/Mentoring Pairing",
		params={
			"filters": f'{{"mentee_user": "{user}", "status": "Active"}}',
			"fields": '["name", "title"]',
		},
	).json()["data"]
	expect(rows, f"{user} has no Active pairing")
	return rows[0]["name"], rows[0]["title"]


FLOWS = (
	("the mentee logs a check-in with a private note", "checkin"),
	("the mentor reads the note and confirms", "confirm"),
	("the manager sees the pairing, never its check-ins", "manager"),
	("the mentee schedules a check-in; both find the event", "schedule"),
	("the program manager holds the next workshop session; the pairing shows who missed it", "workshop"),
	("the program manager sets a skill rating the pair rated far apart", "skill"),
	("a circle member sets their own goal from the circle", "circle-goal"),
	("the circle's other member cannot open that goal", "circle-goal-refused"),
	("a circle member logs a check-in with a private note, the lead mentor present", "circle-checkin"),
	("the circle's lead mentor reads the note and confirms", "circle-confirm"),
)


def walk_circle(flow, people, circle, made: dict):
	"""One of the circle's flows; `made` keeps the goal and check-in that the next ones open."""
	if flow == "circle-goal":
		made["goal"] = member_sets_circle_goal(people["member"], circle["name"], circle["member 1"])
	elif flow == "circle-goal-refused":
		expect(made.get("goal"), "no goal to open: setting it failed")
		other_member_refused_goal(people["other member"], circle["name"], made["goal"])
	elif flow == "circle-checkin":
		made["checkin"] = member_logs_circle_checkin(people["member"], circle["name"], circle["lead"])
	else:
		expect(made.get("checkin"), "no check-in to confirm: logging it failed")
		lead_mentor_confirms_circle_checkin(people["lead mentor"], circle["name"], made["checkin"])


def main():
	args = parse()
	problems, results = [], []
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
		users = demo_users(browser, args.url, args.password)
		people = {
			who: Person(browser, args.url, users[who], args.password, who, problems)
			for who in ("mentor", "mentee", "manager", "hr")
		}
		pairing, title = first_active_pairing(people["mentee"], users["mentee"])
		circle = the_circle(people["hr"])
		for who, key in (("lead mentor", "lead"), ("member", "member 1"), ("other member", "member 2")):
			people[who] = Person(browser, args.url, circle[key]["user"], args.password, who, problems)
		checkin, made = None, {}
		for heading, flow in FLOWS:
			try:
				if flow == "checkin":
					checkin = log_checkin_with_private_note(people["mentee"], pairing, title)
				elif flow == "confirm":
					mentor_reads_and_confirms(people["mentor"], pairing, checkin)
				elif flow == "manager":
					manager_sees_no_checkins(people["manager"], pairing, checkin)
				elif flow == "schedule":
					schedule_and_find(people["mentee"], people["mentor"], pairing)
				elif flow == "workshop":
					hold_workshop_session(people["hr"], people["mentee"], pairing)
				elif flow == "skill":
					set_skill_rating(people["hr"])
				else:
					walk_circle(flow, people, circle, made)
				results.append(f"{heading}: ok")
			except Exception as e:  # a step that times out or finds the wrong thing fails the flow
				problems.append(f"{heading}: {str(e).splitlines()[0]}")
				for person in people.values():  # what each person saw when it failed
					shot = f"flow-check-{flow}-{person.who.replace(' ', '-')}.png"
					person.page.screenshot(path=f"{tempfile.gettempdir()}/{shot}")
				if flow == "checkin":
					break  # the next flows read this check-in
		browser.close()
	for line in results + problems:
		print(line)
	print(f"flow check: {len(FLOWS)} flows, {len(problems)} problems")
	sys.exit(1 if problems else 0)


if __name__ == "__main__":
	main()
