"""Weekly messages (README, "Reminders"): a digest to each manager whose reports mentor or are
mentored, and a briefing to each Active program's managers and sponsor. Both carry figures only:
health and its reason, check-ins held against expected, goal progress; never notes, agendas,
summaries or survey answers (the failed fit checks go to program managers and HR only). Each is
sent once a week (Mentoring Reminder Log).
"""

from dataclasses import replace

import frappe
from frappe import _
from frappe.utils import flt, formatdate, get_url_to_form, getdate, nowdate

from mentorship_hr.domain import briefing
from mentorship_hr.domain.reminders import Item, week_start
from mentorship_hr.domain.skills import stars
from mentorship_hr.engagement import workshop
from mentorship_hr.engagement.health_service import frequencies
from mentorship_hr.engagement.reminders import log_sent, unsent
from mentorship_hr.engagement.surveys import failed_fit_checks
from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of
from mentorship_hr.notifications import people_users, preferences, program_manager_users, queue_emails
from mentorship_hr.permissions import is_program_manager

MANAGER_DIGEST = "manager_digest"
BRIEFING = "briefing"


def pairing_facts(pairings, today, attended=None) -> dict[str, briefing.PairingFacts]:
	"""The digest figures of these pairings (rows with name, title, program, mentor, mentee,
	start_date, health and health_reason), in a fixed number of queries. `attended`: their launch
	workshop attendance (workshop.attendance), where the caller has read it already."""
	names = [p.name for p in pairings] or [""]
	attended = workshop.attendance(pairings) if attended is None else attended
	frequency = frequencies({p.program for p in pairings})
	held = _per_pairing(
		"Mentoring Check-in",
		{"pairing": ("in", names), "docstatus": 1, "confirmation_status": ("!=", "Disputed")},
		"count(name)",
	)
	progress = _per_pairing(
		"Mentoring Goal", {"pairing": ("in", names), "status": ("!=", "Dropped")}, "avg(progress)"
	)
	failed = failed_fit_checks(names)
	return {
		p.name: briefing.PairingFacts(
			p.name,
			p.title,
			p.health,
			p.health_reason or "",
			int(held.get(p.name) or 0),
			briefing.expected_checkins(getdate(p.start_date), today, frequency.get(p.program) or 14),
			round(float(progress[p.name]), 1) if progress.get(p.name) is not None else None,
			p.name in failed,
			attended[p.name]["prepared"] if p.name in attended else None,
		)
		for p in pairings
	}


def _per_pairing(doctype, filters, aggregate) -> dict:
	return dict(
		frappe.get_all(
			doctype,
			filters=filters,
			fields=["pairing", f"{aggregate} as value"],
			group_by="pairing",
			as_list=True,
		)
	)


def _active_pairings(filters=None):
	return frappe.get_all(
		"Mentoring Pairing",
		filters={"status": "Active", "start_date": ("is", "set"), **(filters or {})},
		fields=["name", "title", "program", "mentor", "mentee", "start_date", "health", "health_reason"],
		order_by="title",
	)


def send_manager_digests(today=None) -> list[str]:
	"""Each manager (Employee.reports_to, as it is now) of a mentor or mentee in an Active pairing
	gets this week's digest of their reports' pairings. Returns the users it went to."""
	today = getdate(today or nowdate())
	if not frappe.get_cached_doc("Mentoring Settings").send_manager_digest:
		return []
	pairings = _active_pairings()
	people = {e for p in pairings for e in (p.mentor, p.mentee)}
	names = _employee_names(people)
	users = people_users(people)
	facts = pairing_facts(pairings, today)
	rows_of = {}
	for p in pairings:
		for side, role in (("mentor", _("Mentor")), ("mentee", _("Mentee"))):
			user = users.get(p.get(side), {}).get("manager_user")
			if user:
				rows_of.setdefault(user, []).append(
					frappe._dict(
						report=names[p.get(side)], role=role, facts=facts[p.name], link=_link(p.name)
					)
				)
	for user, row in circle_rows(today):
		rows_of.setdefault(user, []).append(row)
	week = week_start(today)
	items = unsent([Item(user, MANAGER_DIGEST, "User", user, week) for user in rows_of])
	_send(
		items,
		lambda item: (
			_("Mentoring this week: your reports' pairings"),
			"mentoring_manager_digest",
			{"rows": rows_of[item.user], "week": formatdate(week)},
		),
	)
	log_sent(items, today)
	return [i.user for i in items]


def send_leader_briefings(today=None) -> list[str]:
	"""Each Active program's managers and sponsor get this week's briefing. Returns the users."""
	today = getdate(today or nowdate())
	if not frappe.get_cached_doc("Mentoring Settings").send_leader_briefing:
		return []
	programs = frappe.get_all(
		"Mentoring Program",
		filters={"status": "Active"},
		fields=["name", "program_name", "sponsor"],
		order_by="name",
	)
	names = [p.name for p in programs] or [""]
	pairings = _active_pairings({"program": ("in", names)})
	facts = pairing_facts(pairings, today)
	circles = circle_facts(today, [p.name for p in programs])
	statuses = {}
	for row in frappe.get_all(
		"Mentoring Participant", filters={"program": ("in", names)}, fields=["program", "status"]
	):
		statuses.setdefault(row.program, []).append(row.status)
	sponsor_user = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", [p.sponsor for p in programs if p.sponsor] or [""])},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	grown = _skills_grown(names)
	week = week_start(today)
	summaries, items = {}, []
	for program in programs:
		summaries[program.name] = briefing.summarize(
			statuses.get(program.name, []),
			[facts[p.name] for p in pairings if p.program == program.name]
			+ [circles.facts[c.name] for c in circles.circles if c.program == program.name],
		)
		readers = {*program_manager_users(program.name), sponsor_user.get(program.sponsor)} - {None}
		items += [Item(user, BRIEFING, "Mentoring Program", program.name, week) for user in sorted(readers)]
	items = unsent(items)
	titles = {p.name: p.program_name for p in programs}
	_send(
		items,
		lambda item: (
			_("Mentoring briefing: {0}, week of {1}").format(titles[item.name], formatdate(week)),
			"mentoring_briefing",
			{
				"summary": summaries[item.name],
				"skills": briefing.skills_summary(grown.get(item.name, [])),
				"program": titles[item.name],
				"link": get_url_to_form("Mentoring Program", item.name),
				"pairing_link": _link,
				# module functions and plain data only: the email may be built in a background job
				"circle_link": _circle_link,
				"circles": sorted(circles.facts),
				# failed fit checks are survey answers: program managers and HR, never the sponsor
				"show_fit_checks": is_program_manager(item.user),
			},
		),
	)
	log_sent(items, today)
	return [i.user for i in items]


def _skills_grown(programs: list[str]) -> dict[str, list[briefing.SkillGrowth]]:
	"""The skills the programs' live and completed pairings follow, by program (one query)."""
	Growth, Pairing = frappe.qb.DocType("Mentoring Skill Growth"), frappe.qb.DocType("Mentoring Pairing")
	rows = (
		frappe.qb.from_(Growth)
		.join(Pairing)
		.on((Pairing.name == Growth.parent) & (Growth.parenttype == "Mentoring Pairing"))
		.select(Pairing.program, Growth.skill, Growth.baseline, Growth.agreed, Growth.written_on)
		.where(Pairing.program.isin(programs) & Pairing.status.isin(["Active", "Completed"]))
	).run(as_dict=True)
	found = {}
	for r in rows:
		after = stars(r.agreed) if r.written_on else None
		found.setdefault(r.program, []).append(briefing.SkillGrowth(r.skill, stars(r.baseline), after))
	return found


def circle_facts(today, programs: list[str] | None = None) -> frappe._dict:
	"""The Active circles (of the programs, if given) with their members, and their figures in a
	fixed number of queries: `facts` per circle (all its goals), `member_progress` per (circle,
	member) from their own goals. Never a check-in's content."""
	filters = {"status": "Active", "start_date": ("is", "set")}
	if programs is not None:
		filters["program"] = ("in", programs or [""])
	circles = frappe.get_all(
		"Mentoring Circle",
		filters=filters,
		fields=[
			"name",
			"title",
			"program",
			"start_date",
			"lead_mentor",
			"co_mentor",
			"health",
			"health_reason",
		],
		order_by="title",
	)
	found = frappe._dict(circles=circles, members={}, facts={}, member_progress={})
	if not circles:
		return found
	names = [c.name for c in circles]
	found.members = members_by_circle(names)
	held = dict(
		frappe.get_all(
			"Mentoring Check-in",
			filters={"circle": ("in", names), "docstatus": 1, "confirmation_status": ("!=", "Disputed")},
			fields=["circle", "count(name)"],
			group_by="circle",
			as_list=True,
		)
	)
	progress = {}
	for g in frappe.get_all(
		"Mentoring Goal",
		filters={"circle": ("in", names), "status": ("!=", "Dropped")},
		fields=["circle", "mentee", "progress"],
	):
		for key in ((g.circle, g.mentee), (g.circle, None)):
			progress.setdefault(key, []).append(flt(g.progress))
	mean = {key: round(sum(values) / len(values), 1) for key, values in progress.items()}
	found.member_progress = mean
	frequency = frequencies({c.program for c in circles})
	for c in circles:
		found.facts[c.name] = briefing.PairingFacts(
			c.name,
			c.title,
			c.health,
			c.health_reason or "",
			int(held.get(c.name) or 0),
			briefing.expected_checkins(getdate(c.start_date), today, frequency.get(c.program) or 14),
			mean.get((c.name, None)),
		)
	return found


def circle_rows(today) -> list[tuple[str, frappe._dict]]:
	"""For the managers' digest, each Active circle's figures for the manager of each of its
	mentors and members: the circle's health and sessions held, and for a member their own goals'
	progress, for a mentor all the members'."""
	found = circle_facts(today)
	people = {e for c in found.circles for e in (*mentors_of(c), *found.members.get(c.name, ()))}
	users, employee_names = people_users(people), _employee_names(people)
	rows = []
	for c in found.circles:
		sides = [(e, _("Circle mentor"), found.facts[c.name]) for e in mentors_of(c)]
		sides += [
			(
				e,
				_("Circle member"),
				replace(found.facts[c.name], goal_progress=found.member_progress.get((c.name, e))),
			)
			for e in found.members.get(c.name, ())
		]
		for employee, role, facts in sides:
			manager = users.get(employee, {}).get("manager_user")
			if manager:
				row = frappe._dict(
					report=employee_names.get(employee), role=role, facts=facts, link=_circle_link(c.name)
				)
				rows.append((manager, row))
	return rows


def _employee_names(employees) -> dict[str, str]:
	return dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list(employees) or [""])},
			fields=["name", "employee_name"],
			as_list=True,
		)
	)


def _circle_link(circle: str) -> str:
	return get_url_to_form("Mentoring Circle", circle)


def _link(pairing: str) -> str:
	return get_url_to_form("Mentoring Pairing", pairing)


def _send(items, message):
	"""One email per item: message(item) gives the subject, template and arguments."""
	prefs = preferences({i.user for i in items})
	queue_emails(
		[
			dict(zip(("subject", "template", "args"), message(item), strict=True), recipients=[item.user])
			for item in items
			if prefs[item.user].email
		]
	)
