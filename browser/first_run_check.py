"""A new admin's first run, checked over HTTP: after `install-app` and `mentoring-demo` on a site,
the printed HR admin logs in, lands on the Mentoring workspace of a site whose setup is complete,
and the workspace shows the demo's pairings. Python's standard library only.

    python browser/first_run_check.py --url http://<site>:8000 --user <hr admin> --password <password>
"""

import argparse
import json
import re
import sys
from http.cookiejar import CookieJar
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--url", required=True)
	parser.add_argument("--user", required=True)
	parser.add_argument("--password", required=True)
	args = parser.parse_args()
	opener = build_opener(HTTPCookieProcessor(CookieJar()))

	def get(path, **params):
		query = f"?{urlencode(params)}" if params else ""
		with opener.open(f"{args.url}{path}{query}", timeout=60) as response:
			return response.status, response.read().decode()

	problems = []
	login = Request(
		f"{args.url}/api/method/login", data=urlencode({"usr": args.user, "pwd": args.password}).encode()
	)
	with opener.open(login, timeout=60) as response:
		home = json.loads(response.read()).get("home_page")
	if home != "/app/mentoring":
		problems.append(f"{args.user} lands on {home}, not the Mentoring workspace")

	status, desk = get("/app/mentoring")
	boot = re.search(r'"setup_complete":\s*(\d)', desk)
	if status != 200 or not boot or boot.group(1) != "1":
		problems.append(f"/app/mentoring answered {status} on a site whose setup is not complete")

	page = json.dumps({"name": "Mentoring", "title": "Mentoring", "public": 1})
	status, body = get("/api/method/frappe.desk.desktop.get_desktop_page", page=page)
	cards = json.loads(body)["message"]["number_cards"]["items"] if status == 200 else []
	if "Active Mentoring Pairings" not in [c.get("number_card_name") for c in cards]:
		problems.append(f"the Mentoring workspace answered {status} without its number cards")

	card = json.dumps({"document_type": "Mentoring Pairing", "function": "Count"})
	filters = json.dumps([["Mentoring Pairing", "status", "=", "Active"]])
	status, body = get(
		"/api/method/frappe.desk.doctype.number_card.number_card.get_result", doc=card, filters=filters
	)
	active = json.loads(body)["message"] if status == 200 else 0
	if active < 10:
		problems.append(f"the workspace counts {active} active pairings, not the demo's")

	status, body = get(f"/api/resource/{quote('Mentoring Pairing')}", limit_page_length=0)
	pairings = len(json.loads(body)["data"]) if status == 200 else 0
	for problem in problems:
		print(problem)
	print(
		f"first run: {args.user} logs in to /app/mentoring, setup complete, {pairings} pairings, {len(problems)} problems"
	)
	sys.exit(1 if problems else 0)


if __name__ == "__main__":
	main()
