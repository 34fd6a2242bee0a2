"""Walk My Mentoring (/mentoring, the participants' portal) in headless Chromium as the demo's
people, on a phone (375 px) and a desktop (1280 px), typing and clicking as they would, and fail
on any step that does not behave or any console or server error:

1. the mentee logs in on the login page and lands on My Mentoring, which shows their mentor;
2. the mentee schedules a check-in from the pairing, and moves it a day later;
3. the mentee logs a check-in with a private note and a goal update;
4. the mentor finds it in their to-do list, reads the note and confirms it;
5. the mentee edits the private note after the confirmation, and the mentor reads the new one;
6. a mentee with the mid-point survey on their to-do list answers it; someone of a new pairing
   answers the fit check from theirs, and neither is owed any more;
7. an employee in no program applies to the program open for enrollment;
8. once the program manager approves the application (in the desk), they ask a mentor from the
   directory;
9. the mentor asked accepts the request on their pairing page;
10. a member of the demo's circle opens it from her home, sets a goal of her own and logs the
    circle's meeting, ticking the lead mentor as there, with a private note;
11. the lead mentor confirms it from their to-do list, reading the note and the member's goal.

Needs the demo (`bench --site <site> mentoring-demo`, which prints the password of its run), the
portal built (`bench build --app mentorship_hr`), a running `bench serve` and Debian's chromium:
    python browser/portal_check.py --url http://mentorship.test:8000 --password <password>
`--screenshots DIR` also saves the home page on a phone and on a desktop (README).
"""

import json
import sys
import tempfile
import time

from desk_check import CHROMIUM, demo_users, parse
from playwright.sync_api import sync_playwright
from session import Session, StepFailed, expect

STAMP = time.strftime("%H%M%S")
SUMMARY = f"Practised the quarterly review talk ({STAMP})."
NOTE = f"Private: nervous about presenting to the board ({STAMP})."
PHONE, DESKTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}


class Person(Session):
	"""One of the demo's people in My Mentoring."""

	def log_in(self):
		"""On Frappe's login page, as a person does."""
		self.page.goto(f"{self.url}/login")
		self.page.fill("#login_email", self.user)
		self.page.fill("#login_password", self.password)
		self.page.locator(".btn-login:visible").first.click()
		self.page.wait_for_url(lambda url: "/mentoring" in url and "/app/" not in url)
		self.page.wait_for_load_state("networkidle")

	def open(self, path):
		self.page.goto(f"{self.url}/mentoring{path}")
		self.page.wait_for_load_state("networkidle")

	def open_desk(self, path):
		self.page.goto(f"{self.url}{path}")
		self.page.wait_for_load_state("networkidle")

	def home(self) -> dict:
		"""What the portal's home reads for this person (the same call the page makes)."""
		response = self.page.request.get(f"{self.url}/api/method/mentorship_hr.portal.api.home")
		expect(response.ok, f"{self.who}: the portal's home does not answer ({response.status})")
		return response.json()["message"]

	def field(self, form, name):
		return self.page.locator(f"[data-form='{form}'] :is(input, textarea, select)[name='{name}']").first

	def toast(self, text):
		self.page.get_by_text(text).first.wait_for()


def mentee_lands_and_sees_mentor(mentee: Person, shots):
	mentee.log_in()
	pairing = mentee.page.locator("[data-pairing]").first
	pairing.wait_for()
	home = mentee.home()
	mine = [p for p in home["pairings"] if p["my_role"] == "Mentee" and p["status"] == "Active"]
	expect(mine, "the mentee's home lists no Active pairing as mentee")
	mentor = mine[0]["other"]["employee_name"]
	card = mentee.page.locator(f"[data-pairing='{mine[0]['name']}']")
	expect(mentor in card.inner_text(), f"the mentee's home does not show their mentor {mentor}")
	if shots:
		mentee.page.screenshot(path=f"{shots}/portal-home-phone.png", full_page=True)
	return mine[0]["name"]


def mentee_schedules(mentee: Person, pairing):
	mentee.open(f"/pairing/{pairing}")
	# the demo's mentee missed the launch workshop: the pairing says so, with the next session
	workshop = mentee.page.locator("[data-section='workshop']")
	workshop.wait_for()
	expect(
		"Mentee: missed it" in workshop.inner_text(),
		"the pairing does not say the mentee missed the workshop",
	)
	expect(
		workshop.locator("[data-next-session]").count(), "the pairing does not give the next workshop session"
	)
	when = time.strftime("%Y-%m-%dT10:00", time.localtime(time.time() + 2 * 86400))
	mentee.field("schedule", "starts_on").fill(when)
	mentee.field("schedule", "agenda").fill(f"Board talk rehearsal ({STAMP})")
	mentee.page.locator("[data-form='schedule'] button[type='submit']").click()
	mentee.toast("Check-in scheduled")
	mentee.page.locator("[data-next-event]").wait_for()
	link = mentee.page.locator("[data-next-event] a").get_attribute("href")
	expect(link and link.startswith("/app/event/"), "the pairing does not link its next check-in's event")
	# a day later: the event shown moves (another open one, e.g. the desk walk's, may be next then)
	event = link.rsplit("/", 1)[-1]
	later = time.strftime("%Y-%m-%dT11:30", time.localtime(time.time() + 3 * 86400))
	mentee.page.locator("[data-next-event]").get_by_role("button", name="Move").click()
	mentee.field("move", "starts_on").fill(later)
	mentee.page.locator("[data-form='move'] button[type='submit']").click()
	mentee.toast("Check-in moved")
	moved = mentee.page.request.get(f"{mentee.url}/api/resource/Event/{event}").json()["data"]
	expect(
		moved["starts_on"].startswith(later.replace("T", " ")),
		f"the check-in {event} did not move to {later}: {moved['starts_on']}",
	)


def mentee_logs_checkin(mentee: Person, pairing) -> str:
	mentee.open(f"/pairing/{pairing}")
	mentee.field("checkin", "summary").fill(SUMMARY)
	mentee.field("checkin", "private_notes").fill(NOTE)
	progress = mentee.page.locator("[data-form='checkin'] input[name^='progress-']")
	expect(progress.count(), "the mentee has no open goal to update in the check-in form")
	progress.first.fill("55")
	mentee.page.locator("[data-form='checkin'] button[type='submit']").click()
	mentee.toast("Check-in logged")
	logged = mentee.page.locator("[data-checkin]", has_text=SUMMARY)
	logged.wait_for()
	expect(NOTE in logged.inner_text(), "the mentee does not read back their private note")
	expect(
		"55%" in mentee.page.locator("[data-section='goals']").inner_text(), "the goal update is not shown"
	)
	return logged.get_attribute("data-checkin")


def confirm_from_todo(person: Person, checkin, note, page):
	"""From the home's to-do list to the check-in's page (a pairing or a circle), where the person
	reads the private note and confirms the check-in."""
	person.log_in_quietly()
	person.open("/")
	item = person.page.locator("[data-todo='confirm'] a")
	expect(item.count(), f"the {person.who}'s to-do list has nothing to confirm")
	item.first.click()
	person.page.wait_for_url(f"**/mentoring/{page}/**")
	logged = person.page.locator(f"[data-checkin='{checkin}']")
	logged.wait_for()
	expect(note in logged.inner_text(), f"the {person.who} does not read the private note")
	logged.get_by_role("button", name="Confirm").click()
	person.toast("Check-in confirmed")
	person.page.locator(f"[data-checkin='{checkin}']", has_text="Confirmed").wait_for()


def mentor_confirms_from_todo(mentor: Person, checkin, shots):
	confirm_from_todo(mentor, checkin, NOTE, "pairing")
	if shots:
		mentor.open("/")
		mentor.page.screenshot(path=f"{shots}/portal-home-desktop.png", full_page=True)


def mentee_edits_the_note(mentee: Person, mentor: Person, pairing, checkin):
	"""After the confirmation the note is still the pair's to change; the mentor reads the new one."""
	mentee.open(f"/pairing/{pairing}")
	logged = mentee.page.locator(f"[data-checkin='{checkin}']")
	logged.locator("[data-edit-note]").click()
	edited = f"{NOTE} Update: it went well."
	mentee.field("note", "private_notes").fill(edited)
	mentee.page.locator("[data-form='note'] button[type='submit']").click()
	mentee.toast("Private note saved")
	mentor.open(f"/pairing/{pairing}")
	mentor.page.locator(f"[data-checkin='{checkin}'] [data-private-note]", has_text="it went well").wait_for()


def owing(people: list[Person], wanted) -> Person:
	"""The first of these people whose to-do list holds a survey item that `wanted` accepts."""
	for person in people:
		person.log_in_quietly()
		if any(wanted(i) for i in person.home()["todo"]):
			return person
	raise StepFailed("no demo person has that survey on their to-do list")


def answer_from_the_todo(person: Person, item_text: str, good_fit: bool):
	person.open("/")
	link = person.page.locator("[data-todo] a", has_text=item_text).first
	href = link.get_attribute("href")  # the survey of one pairing: the person may owe it on others
	link.click()
	person.page.wait_for_url("**/mentoring/survey/**")
	person.page.locator("[data-form='survey']").wait_for()  # shown once it has read the skills it rates
	person.page.locator("[data-stars='4']").click()
	rated = person.page.locator("[data-skills] select")
	# the mid-point and final surveys rate the mentee's skills (each demo pairing follows some)
	expect(
		bool(rated.count()) != good_fit,
		f"the {item_text} form {'asks' if good_fit else 'lacks'} skill ratings",
	)
	if rated.count():
		rated.first.select_option("3")
	fit = person.page.locator("[data-form='survey'] select[name='good_fit']")
	expect(
		fit.count() == good_fit, f"the {item_text} form {'lacks' if good_fit else 'asks'} the fit question"
	)
	if good_fit:
		fit.select_option("Yes")
	person.page.locator("[data-form='survey'] textarea[name='comments']").fill(f"Going well ({STAMP}).")
	person.page.locator("[data-form='survey'] button[type='submit']").click()
	person.page.locator("[data-thanks]").wait_for()
	person.open("/")
	expect(
		not person.page.locator(f"[data-todo] a[href='{href}']").count(),
		f"the {item_text} is still on the to-do list once answered",
	)


def someone_answers_the_midpoint_survey(people: list[Person]):
	person = owing(people, lambda i: i["kind"] == "midpoint_survey")
	answer_from_the_todo(person, "mid-point survey", good_fit=False)


def someone_answers_the_fit_check(people: list[Person]):
	"""The first check-in of a pairing asks both sides whether it is a good fit."""
	person = owing(people, lambda i: i["kind"] == "survey" and i["detail"] == "Fit Check")
	answer_from_the_todo(person, "Fit Check survey", good_fit=True)


def outsider_applies(outsider: Person):
	outsider.log_in_quietly()
	outsider.open("/programs")
	program = outsider.page.locator("[data-program]").first
	program.wait_for()
	name = program.get_attribute("data-program")
	program.get_by_role("button", name="Apply").click()
	outsider.field("apply", "role").select_option("Mentee")
	skills = outsider.page.locator("[data-form='apply'] input[type='checkbox']")
	# the form starts from the applicant's gaps (their designation's skills missing from their Skill Map)
	gaps = outsider.page.request.get(
		f"{outsider.url}/api/method/mentorship_hr.skills.skill_map.suggested_skills",
		params={"role": "Mentee"},
	).json()["message"]["skills"]
	expect(gaps, "the demo's specialist has no skill gaps to suggest")
	outsider.page.locator("[data-suggested]").wait_for()
	ticked = {
		skills.nth(n).get_attribute("value") for n in range(skills.count()) if skills.nth(n).is_checked()
	}
	expect(ticked == set(gaps), f"the form ticked {sorted(ticked)}, not the gaps {sorted(gaps)}")
	for n in range(skills.count()):  # keen on every skill: any mentor with a free place will do
		skills.nth(n).check()
	outsider.field("apply", "interests").fill("public speaking")
	outsider.field("apply", "bio").fill(f"Specialist keen to lead ({STAMP}).")
	outsider.page.locator("[data-form='apply'] button[type='submit']").click()
	outsider.toast("Application sent")
	outsider.page.locator(f"[data-enrollment='{name}']", has_text="Applied").wait_for()


def outsider_finds_a_mentor(outsider: Person, admin: Person) -> str:
	"""Once the program manager approves the application (in the desk; here over HTTP), the new
	mentee asks a mentor from the directory. Returns the mentor's employee ID."""
	admin.log_in_quietly()
	mine = outsider.page.request.get(f"{outsider.url}/api/method/mentorship_hr.portal.api.programs").json()
	applied = [m for m in mine["message"]["mine"] if m["status"] == "Applied"]
	expect(applied, "the outsider has no application to approve")
	admin.open_desk(f"/app/mentoring-participant/{applied[0]['name']}")
	admin.page.locator(".page-actions button:visible", has_text="Approve").first.click()
	admin.page.locator(".indicator-pill:visible", has_text="Approved").first.wait_for()
	outsider.open("/programs")
	outsider.page.locator("[data-find-mentor]").first.click()
	outsider.page.wait_for_url("**/mentoring/find-mentor/**")
	mentor = outsider.page.locator("[data-mentor]").first
	mentor.wait_for()
	employee = mentor.get_attribute("data-mentor")
	mentor.get_by_role("button").click()
	outsider.toast("Request sent")
	outsider.page.locator("[data-request='Requested']").wait_for()
	return employee


def mentor_accepts_the_request(browser, url, password, problems, employee):
	"""The mentor asked finds the request on their home and accepts it on the pairing page."""
	probe = browser.new_context().new_page()
	probe.request.post(
		f"{url}/api/method/login", data={"usr": "hr.admin@mentoring-demo.example", "pwd": password}
	)
	user = probe.request.get(f"{url}/api/resource/Employee/{employee}").json()["data"]["user_id"]
	probe.context.close()
	mentor = Person(browser, url, user, password, "mentor asked", problems, PHONE)
	mentor.log_in_quietly()
	mentor.open("/")
	mentor.page.locator("[data-pairing]", has_text="Requested").first.click()
	mentor.page.wait_for_url("**/mentoring/pairing/**")
	mentor.page.locator("[data-section='request']").get_by_role("button", name="Accept").click()
	mentor.toast("You accepted the request")
	# the page reads the pairing again: the request is answered
	mentor.page.locator("[data-section='request']").wait_for(state="detached")


CIRCLE_SUMMARY = f"Each of us showed one tool tried since last time ({STAMP})."
CIRCLE_NOTE = f"Private: the board wants the new reports by spring ({STAMP})."
CIRCLE_GOAL = f"Present once without slides ({STAMP})"


def member_logs_a_circle_checkin(member: Person, circle) -> str:
	"""From the home's circle card: the member sets a goal of her own, then logs the meeting,
	ticking the lead mentor as there (she counts herself), with a private note."""
	member.log_in_quietly()
	member.open("/")
	member.page.locator(f"[data-circle='{circle['name']}']").click()
	member.page.wait_for_url("**/mentoring/circle/**")
	member.field("goal", "title").fill(CIRCLE_GOAL)
	member.page.locator("[data-form='goal'] button[type='submit']").click()
	member.toast("Goal added")
	member.page.locator("[data-goal]", has_text=CIRCLE_GOAL).wait_for()
	member.page.locator(f"[data-attendance] input[name='present-{circle['lead_mentor']}']").check()
	member.field("checkin", "summary").fill(CIRCLE_SUMMARY)
	member.field("checkin", "private_notes").fill(CIRCLE_NOTE)
	member.page.locator("[data-form='checkin'] button[type='submit']").click()
	member.toast("Check-in logged")
	logged = member.page.locator("[data-checkin]", has_text=CIRCLE_SUMMARY)
	logged.wait_for()
	expect(CIRCLE_NOTE in logged.inner_text(), "the member does not read back the circle's private note")
	there = logged.locator("[data-attended]").inner_text()
	expect(
		circle["lead_mentor_name"] in there and circle["member_name"] in there,
		f"the check-in does not show the lead mentor and the member as there: {there}",
	)
	return logged.get_attribute("data-checkin")


def lead_confirms_the_circle_checkin(lead: Person, checkin):
	confirm_from_todo(lead, checkin, CIRCLE_NOTE, "circle")
	expect(
		CIRCLE_GOAL in lead.page.locator("[data-section='goals']").inner_text(),
		"the lead mentor does not see the member's new goal",
	)


def demo_people(browser, url, password) -> dict:
	"""The demo's mentee, mentor, the other people of its pairings (for the surveys) and a specialist
	in no program."""
	users = demo_users(browser, url, password)
	context = browser.new_context()
	page = context.new_page()
	page.request.post(
		f"{url}/api/method/login", data={"usr": "hr.admin@mentoring-demo.example", "pwd": password}
	)

	def get(doctype, filters, fields):
		response = page.request.get(
			f"{url}/api/resource/{doctype}",
			params={"filters": json.dumps(filters), "fields": json.dumps(fields), "limit_page_length": 500},
		)
		return response.json()["data"]

	pairs = get("Mentoring Pairing", {"status": "Active"}, ["mentee_user", "mentor_user"])
	others = {r[side] for r in pairs for side in ("mentee_user", "mentor_user")} - {users["mentee"]}
	enrolled = {r["employee"] for r in get("Mentoring Participant", {}, ["employee"])}
	staff = get(
		"Employee",
		{"company": "Mentoring Demo Co", "designation": "Specialist", "status": "Active"},
		["name", "user_id"],
	)
	outsider = next((e["user_id"] for e in staff if e["name"] not in enrolled and e["user_id"]), None)
	(circle,) = get("Mentoring Circle", {"status": "Active"}, ["name"])
	circle = page.request.get(f"{url}/api/resource/Mentoring Circle/{circle['name']}").json()["data"]
	member = circle["members"][0]
	people = {
		e["name"]: e
		for e in get(
			"Employee",
			{"name": ["in", [circle["lead_mentor"], member["employee"]]]},
			["name", "user_id", "employee_name"],
		)
	}
	context.close()
	expect(outsider, "the demo has no specialist outside the programs")
	return {
		**users,
		"others": sorted(others),
		"outsider": outsider,
		"circle": {
			"name": circle["name"],
			"lead_mentor": circle["lead_mentor"],
			"lead_mentor_name": people[circle["lead_mentor"]]["employee_name"],
			"lead_user": people[circle["lead_mentor"]]["user_id"],
			"member_name": people[member["employee"]]["employee_name"],
			"member_user": people[member["employee"]]["user_id"],
		},
	}


FLOWS = (
	("the mentee lands on My Mentoring and sees their mentor (375 px)", "land"),
	("the mentee sees the workshop they missed, schedules a check-in and moves it", "schedule"),
	("the mentee logs a check-in with a private note and a goal update", "checkin"),
	("the mentor confirms it from their to-do list and reads the note (1280 px)", "confirm"),
	("the mentee edits the private note after the confirmation; the mentor reads it", "note"),
	("a mentee answers the mid-point survey on their to-do list", "survey"),
	("someone of a new pairing answers the fit check on their to-do list", "fit"),
	("an employee in no program applies to the open program", "apply"),
	("once approved, they ask a mentor from the directory", "find"),
	("the mentor asked accepts on their pairing page", "accept"),
	("a circle member sets a goal and logs the meeting, ticking who came, with a private note", "circle"),
	("the circle's lead mentor confirms it from their to-do list and reads the note", "circle_confirm"),
)


def main():
	args = parse()
	problems, results = [], []
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
		users = demo_people(browser, args.url, args.password)
		mentee = Person(browser, args.url, users["mentee"], args.password, "mentee", problems, PHONE)
		mentor = Person(browser, args.url, users["mentor"], args.password, "mentor", problems, DESKTOP)
		outsider = Person(browser, args.url, users["outsider"], args.password, "outsider", problems, PHONE)
		admin = Person(browser, args.url, users["hr"], args.password, "HR admin", problems, DESKTOP)
		others = [
			Person(browser, args.url, user, args.password, "other participant", problems, PHONE)
			for user in users["others"]
		]
		circle = users["circle"]
		member = Person(
			browser, args.url, circle["member_user"], args.password, "circle member", problems, PHONE
		)
		lead = Person(browser, args.url, circle["lead_user"], args.password, "circle lead", problems, DESKTOP)
		# each flow's step; `got` keeps what later flows read (the pairing, check-ins, the request)
		got = {}
		shots = args.screenshots
		steps = {
			"land": lambda: got.update(pairing=mentee_lands_and_sees_mentor(mentee, shots)),
			"schedule": lambda: mentee_schedules(mentee, got["pairing"]),
			"checkin": lambda: got.update(checkin=mentee_logs_checkin(mentee, got["pairing"])),
			"confirm": lambda: mentor_confirms_from_todo(mentor, got["checkin"], shots),
			"note": lambda: mentee_edits_the_note(mentee, mentor, got["pairing"], got["checkin"]),
			"survey": lambda: someone_answers_the_midpoint_survey([mentee, *others]),
			"fit": lambda: someone_answers_the_fit_check(others),
			"apply": lambda: outsider_applies(outsider),
			"find": lambda: got.update(asked=outsider_finds_a_mentor(outsider, admin)),
			"accept": lambda: mentor_accepts_the_request(
				browser, args.url, args.password, problems, got["asked"]
			),
			"circle": lambda: got.update(circle_checkin=member_logs_a_circle_checkin(member, circle)),
			"circle_confirm": lambda: lead_confirms_the_circle_checkin(lead, got.get("circle_checkin")),
		}
		for heading, flow in FLOWS:
			try:
				steps[flow]()
				results.append(f"{heading}: ok")
			except Exception as e:  # a step that times out or finds the wrong thing fails the flow
				problems.append(f"{heading}: {str(e).splitlines()[0]}")
				for person in (mentee, mentor, outsider, member, lead):
					person.page.screenshot(
						path=f"{tempfile.gettempdir()}/portal-check-{flow}-{person.who}.png"
					)
				if flow in ("land", "checkin", "find"):
					break  # the next flows read this pairing, check-in or request
		browser.close()
	for line in results + problems:
		print(line)
	print(f"portal check: {len(FLOWS)} flows, {len(problems)} problems")
	sys.exit(1 if problems else 0)


if __name__ == "__main__":
	main()
