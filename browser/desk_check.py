"""Open the desk as each demo user in headless Chromium: the workspace, lists, forms and reports.
Fails on any console error or server error; with --screenshots DIR, saves the README's pictures.

Needs the demo (`bench --site <site> mentoring-demo`, which prints the password of its run), a
running `bench serve` and Debian's chromium (never a downloaded browser):
    python browser/desk_check.py --url http://mentorship.test:8000 --password <password> \
        [--screenshots docs/screenshots]
"""

import argparse
import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

HR_ADMIN = "hr.admin@mentoring-demo.example"
CHROMIUM = "/usr/bin/chromium"
IGNORED = (
	# bench serve runs no socket.io server; the desk's attempts to reach it are not the app's errors
	"socket.io",
	"ERR_CONNECTION_REFUSED",
	# failed loads are reported with their address by the response check instead
	"Failed to load resource",
	# Frappe HR draws its appraisal chart while its tab is hidden (HRMS's Appraisal form)
	"attribute width: A negative value is not valid",
	# the desk re-renders a page the check has already left (seen now and then, on any page)
	"Failed to execute 'removeChild' on 'Node'",
)


def parse():
	parser = argparse.ArgumentParser()
	parser.add_argument("--url", default="http://mentorship.test:8000")
	parser.add_argument("--password", required=True, help="the password the demo printed")
	parser.add_argument("--screenshots", help="folder to save the README's screenshots in")
	return parser.parse_args()


def api(page, path, **params):
	query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
	response = page.request.get(f"{page.url.split('/app')[0]}/api/{path}?{query}")
	assert response.ok, (path, response.status)
	return response.json()


def names(page, doctype, filters, limit=1):
	rows = api(
		page,
		f"resource/{quote(doctype)}",
		filters=frappe_json(filters),
		limit_page_length=limit,
		order_by="name",
	)["data"]
	return [r["name"] for r in rows]


def frappe_json(value):
	import json

	return json.dumps(value)


def pages_for(page, who):
	"""The desk pages each demo user opens, with the screenshot name of those the README shows."""
	pairing = (names(page, "Mentoring Pairing", {"status": "Active", "health": "On Track"}) or [None])[0]
	checkin = (names(page, "Mentoring Check-in", {"docstatus": 1}) or [None])[0]
	program = (names(page, "Mentoring Program", {}) or [None])[0]
	appraisal = (names(page, "Appraisal", {"appraisal_template": ["like", "%+ Mentoring%"]}) or [None])[0]
	circle = (names(page, "Mentoring Circle", {"status": "Active"}) or [None])[0]
	pages = [("/app/mentoring", "workspace"), ("/app/mentoring-pairing", None), ("/app/mentoring-goal", None)]
	if pairing:
		pages.append((f"/app/mentoring-pairing/{pairing}", "pairing"))
	if checkin:
		pages.append((f"/app/mentoring-check-in/{checkin}", "check-in"))
	if program:
		pages.append((f"/app/mentoring-program/{program}", "program"))
	if circle:
		pages.append((f"/app/mentoring-circle/{circle}", "circle"))
	if appraisal:
		pages.append((f"/app/appraisal/{appraisal}", "appraisal"))
	pages += [
		("/app/query-report/Mentoring Program Health", "report-program-health"),
		("/app/query-report/Mentoring KPI", "report-mentoring-kpi"),
	]
	if who == "hr":
		pages.append(
			("/app/query-report/Mentoring Program Impact?company=Mentoring Demo Co", "report-program-impact")
		)
	return pages


def check(browser, url, user, password, who, shots) -> list[str]:
	problems, at = [], ["login"]
	context = browser.new_context(viewport={"width": 1440, "height": 1000})
	page = context.new_page()
	page.on(
		"console",
		lambda m: (
			m.type == "error"
			and not any(i in m.text for i in IGNORED)
			and problems.append(f"{who} {at[0]}: console: {m.text}")
		),
	)
	page.on(
		"pageerror",
		lambda e: (
			not any(i in str(e) for i in IGNORED) and problems.append(f"{who} {at[0]}: page error: {e}")
		),
	)
	page.on(
		"response",
		lambda r: (
			(r.status >= 500 or (r.status == 404 and "/assets/" in r.url))
			and problems.append(f"{who} server error {r.status}: {r.url}")
		),
	)
	login = page.request.post(f"{url}/api/method/login", data={"usr": user, "pwd": password})
	if not login.ok:
		return [f"{who}: cannot log in as {user} ({login.status})"]
	page.goto(f"{url}/app/mentoring")
	page.wait_for_load_state("networkidle")
	for path, shot in pages_for(page, who):
		at[0] = path
		page.goto(f"{url}{path}")
		page.wait_for_load_state("networkidle")
		page.wait_for_timeout(1500)
		if page.locator(".page-container:visible .msgprint, .not-permitted-page:visible").count():
			problems.append(f"{who}: {path} shows an error page")
		headlines = page.locator(".form-message:visible > div:not(.close-message)").all_inner_texts()
		if len(headlines) != len(set(headlines)):
			problems.append(f"{who}: {path} shows a headline twice: {headlines}")
		if path.startswith("/app/appraisal/"):  # the Mentoring section sits on the KRAs tab
			if not page.locator(".form-message:visible", has_text="Mentoring:").count():
				problems.append(f"{who}: {path} has no mentoring summary above its tabs")
			page.locator(".form-tabs .nav-link", has_text="KRAs").first.click()
			page.wait_for_timeout(800)
			page.locator(
				".frappe-control[data-fieldname='mentoring_html']"
			).first.scroll_into_view_if_needed()
			page.mouse.wheel(0, 250)
			page.wait_for_timeout(300)
			if not page.locator(".mentoring-section:visible").count():
				problems.append(f"{who}: {path} does not show its Mentoring section")
		if shots and shot and who in ("hr", "mentee") and (who == "hr" or shot in ("pairing", "appraisal")):
			name = shot if who == "hr" else f"{shot}-mentee"
			page.screenshot(path=f"{shots}/{name}.png", full_page=False)
		print(f"{who}: {path} ok")
	context.close()
	return problems


def main():
	args = parse()
	problems = []
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
		users = demo_users(browser, args.url, args.password)
		for who, user in users.items():
			problems += check(browser, args.url, user, args.password, who, args.screenshots)
		browser.close()
	for problem in problems:
		print(problem)
	print(f"desk check: {len(users)} users, {len(problems)} problems")
	sys.exit(1 if problems else 0)


def demo_users(browser, url, password) -> dict:
	"""The demo's people, found as its HR admin: the pair of the first On Track pairing and the
	mentee's manager (the users `bench mentoring-demo` prints)."""
	context = browser.new_context()
	page = context.new_page()
	page.request.post(f"{url}/api/method/login", data={"usr": HR_ADMIN, "pwd": password})
	page.goto(f"{url}/app")
	rows = api(
		page,
		"resource/Mentoring Pairing",
		filters=frappe_json({"status": "Active", "health": "On Track"}),
		fields=frappe_json(["mentor_user", "mentee_user", "mentee_manager"]),
		order_by="name",
		limit_page_length=1,
	)["data"]
	assert rows, "no demo on this site: run bench --site <site> mentoring-demo"
	manager = api(page, f"resource/Employee/{quote(rows[0]['mentee_manager'])}")["data"]["user_id"]
	context.close()
	return {
		"hr": HR_ADMIN,
		"mentor": rows[0]["mentor_user"],
		"mentee": rows[0]["mentee_user"],
		"manager": manager,
	}


if __name__ == "__main__":
	main()
