"""Daily reminders (README, "Reminders"): one email a day per person, gathering everything due for
them (mentorship_hr/domain/reminders.py), plus a bell notification for each item. Every item is
recorded in the Mentoring Reminder Log and never sent twice.

Reads each program in a fixed number of queries; a program that fails is logged and the others go
on. Delivery costs one queued email per person reminded.
"""

from dataclasses import replace

import frappe
from frappe import _
from frappe.utils import (
	add_days,
	format_datetime,
	formatdate,
	get_url_to_form,
	getdate,
	now_datetime,
	nowdate,
)

from mentorship_hr.bulk_insert import insert_many
from mentorship_hr.domain import reminders as rules
from mentorship_hr.domain import workshop as workshop_rules
from mentorship_hr.domain.health import STALE_PERIODS
from mentorship_hr.engagement import circle_reminders, workshop
from mentorship_hr.engagement.surveys import midpoint, survey_link
from mentorship_hr.notifications import (
	people_users,
	preferences,
	program_manager_users,
	queue_emails,
	ring_bells,
)
from mentorship_hr.participant_links import circle_of, pairing_of, reminder_link

# what is owed by one of the pair (the rest go to managers and program managers)
PAIR_KINDS = (
	rules.CHECKIN_DUE,
	rules.CHECKIN_OVERDUE,
	rules.CONFIRM,
	rules.GOAL_DUE,
	rules.GOAL_OVERDUE,
	rules.NO_GOALS,
	rules.SURVEY,
	rules.MIDPOINT_SURVEY,
	rules.WORKSHOP_MISSED,
)

SWITCHES = {
	"remind_checkins": (rules.CHECKIN_DUE, rules.CHECKIN_OVERDUE),
	"remind_confirmations": (rules.CONFIRM,),
	"remind_goals": (rules.GOAL_DUE, rules.GOAL_OVERDUE),
	"remind_missing_goals": (rules.NO_GOALS,),
	"remind_surveys": (rules.SURVEY,),
}


def load_settings() -> rules.Settings:
	"""The reminder settings. With daily reminders off, only the mid-point survey invitations and
	the acknowledgement reminders go out, which are part of the program's flow."""
	s = frappe.get_cached_doc("Mentoring Settings")
	return rules.Settings(
		checkin_lead_days=s.checkin_reminder_days or 0,
		confirmation_after_days=s.confirmation_reminder_days or 0,
		confirmation_window_days=s.confirmation_window_days or 0,
		goal_lead_days=s.goal_reminder_days or 0,
		no_goals_after_days=s.missing_goals_after_days or 0,
		survey_after_days=s.survey_reminder_days or 0,
		kinds=frozenset(
			kind for switch, kinds in SWITCHES.items() if s.send_reminders and s.get(switch) for kind in kinds
		),
	)


def send_daily_reminders(today=None) -> frappe._dict:
	"""Remind everyone of what is due today; returns who got what."""
	today = getdate(today or nowdate())
	result = frappe._dict(sent=0, users=[], failed_programs=[])
	settings = load_settings()
	items, words = [], {}
	for program in frappe.get_all("Mentoring Program", filters={"status": "Active"}, pluck="name"):
		try:
			program_items, program_words = gather(program, today, settings)
		except Exception:
			frappe.log_error(title=_("Mentoring reminders failed for program {0}").format(program))
			result.failed_programs.append(program)
			continue
		items += program_items
		words.update(program_words)
	items = unsent(items)
	deliver(rules.by_user(items), words, today)
	log_sent(items, today)
	for kind, flag in (
		(rules.MIDPOINT_SURVEY, "midpoint_survey_sent"),
		(rules.ACKNOWLEDGE, "ack_reminder_sent"),
	):
		names = list({i.name for i in items if i.kind == kind})
		if names:
			frappe.db.set_value("Mentoring Pairing", {"name": ("in", names)}, flag, 1, update_modified=False)
	result.sent, result.users = len(items), sorted({i.user for i in items})
	return result


def gather(
	program: str,
	today,
	settings: rules.Settings,
	only: list[str] | None = None,
	only_circles: list[str] | None = None,
):
	"""The program's due items (of the `only` pairings and `only_circles` circles, if given) and,
	for each document they are about, its wording facts."""
	records = _read(program, today, only)
	if only is None or only_circles:
		circles = circle_reminders.read(program, today, only_circles)
	else:
		circles = circle_reminders.NONE
	facts = dict(
		pairings=_pairing_facts(records),
		pending=_pending_facts(records) + circles.pending,
		goals=_goal_facts(records),
		surveys=list(_surveys(records)),
		circles=circles.circles,
	)
	return rules.due_items(today, settings, **facts), {**_words(records), **circles.words}


PAIRING_FIELDS = [
	"name",
	"title",
	"status",
	"mentor",
	"mentee",
	"start_date",
	"end_date",
	"next_checkin_due",
	"midpoint_survey_sent",
	"ack_reminder_sent",
	"stale_alert_sent",
	"last_checkin_date",
	"mentor_manager_ack_on",
	"mentee_manager_ack_on",
]


def _read(program: str, today, only: list[str] | None = None) -> frappe._dict:
	"""What the reminders of one program are decided from, in a fixed number of queries: its Active
	pairings and those ended lately (their final survey), their people, goals, check-ins awaiting
	confirmation and survey answers."""
	filters = {"program": program, "status": ("in", ("Active", "Completed"))}
	if only is not None:
		filters["name"] = ("in", only or [""])
	pairings = frappe.get_all("Mentoring Pairing", filters=filters, fields=PAIRING_FIELDS)
	pairings = [p for p in pairings if p.status == "Active" or _recent(p.end_date, today)]
	names = [p.name for p in pairings]
	people = people_users({e for p in pairings for e in (p.mentor, p.mentee)})

	def of_pairings(doctype, filters, **kwargs):
		# none without pairings: "pairing in ('')" would match the circles' records too
		if not names:
			return []
		return frappe.get_all(doctype, filters={"pairing": ("in", names), **filters}, **kwargs)

	answered = {}
	for row in of_pairings("Mentoring Feedback", {}, fields=["pairing", "survey_type", "respondent"]):
		answered.setdefault((row.pairing, row.survey_type), set()).add(row.respondent)
	return frappe._dict(
		program=frappe.db.get_value(
			"Mentoring Program", program, ["name", "start_date", "end_date"], as_dict=True
		),
		program_managers=tuple(program_manager_users(program)),
		pairings=pairings,
		by_name={p.name: p for p in pairings},
		users={p.name: tuple(people.get(e, {}).get("user") for e in (p.mentor, p.mentee)) for p in pairings},
		manager_of={e: p.manager_user for e, p in people.items()},
		goals=of_pairings(
			"Mentoring Goal",
			{"status": ("!=", "Dropped")},
			fields=["name", "title", "pairing", "status", "target_date"],
		),
		pending=of_pairings(
			"Mentoring Check-in",
			{"docstatus": 1, "confirmation_status": "Pending"},
			fields=["name", "pairing", "checkin_date", "logged_by_role", "submitted_on"],
		),
		first_checkin=dict(
			of_pairings(
				"Mentoring Check-in",
				{"docstatus": 1},
				fields=["pairing", "min(submitted_on) as first"],
				group_by="pairing",
				as_list=True,
			)
		),
		answered=answered,
		sessions=workshop.sessions_of([program]).get(program, []),
	)


def _pairing_facts(r) -> list[rules.Pairing]:
	coming = workshop_rules.next_session(r.sessions, now_datetime())
	next_workshop = (coming.name, coming.starts.date()) if coming else None
	goal_count = {}
	for g in r.goals:
		goal_count[g.pairing] = goal_count.get(g.pairing, 0) + 1
	return [
		rules.Pairing(
			p.name,
			*r.users[p.name],
			start=getdate(p.start_date),
			next_checkin_due=getdate(p.next_checkin_due) if p.next_checkin_due else None,
			goals=goal_count.get(p.name, 0),
			midpoint=None if p.midpoint_survey_sent else midpoint(r.program.start_date, r.program.end_date),
			unacknowledged=() if p.ack_reminder_sent else _unacknowledged(r, p),
			stale_since=getdate(p.last_checkin_date or p.start_date) if p.stale_alert_sent else None,
			program_managers=r.program_managers,
			missed_workshop=_missed_workshop(r, p),
			next_workshop=next_workshop,
		)
		for p in r.pairings
		if p.status == "Active" and p.start_date
	]


def _missed_workshop(r, pairing) -> tuple:
	"""The users of the pair who missed the launch workshop and have not attended a session since."""
	return tuple(
		user
		for employee, user in zip((pairing.mentor, pairing.mentee), r.users[pairing.name], strict=True)
		if user and workshop_rules.status(r.sessions, employee) == workshop_rules.MISSED
	)


def _unacknowledged(r, pairing) -> tuple:
	"""The managers (users) who have not acknowledged the pairing."""
	return tuple(
		r.manager_of.get(pairing.get(side))
		for side in ("mentor", "mentee")
		if r.manager_of.get(pairing.get(side)) and not pairing.get(f"{side}_manager_ack_on")
	)


def _pending_facts(r) -> list[rules.PendingCheckin]:
	"""Check-ins of Active pairings waiting for the other side, who owes the confirmation."""
	return [
		rules.PendingCheckin(
			c.name,
			c.pairing,
			r.users[c.pairing][0] if c.logged_by_role == "Mentee" else r.users[c.pairing][1],
			getdate(c.submitted_on),
		)
		for c in r.pending
		if c.submitted_on and r.by_name[c.pairing].status == "Active"
	]


def _goal_facts(r) -> list[rules.Goal]:
	return [
		rules.Goal(g.name, g.pairing, getdate(g.target_date) if g.target_date else None, r.users[g.pairing])
		for g in r.goals
		if g.status != "Achieved" and r.by_name[g.pairing].status == "Active"
	]


def _words(r) -> dict:
	"""What each reminder calls the document it is about."""
	words = {("Mentoring Pairing", p.name): p.title for p in r.pairings}
	words.update({("Mentoring Goal", g.name): g.title for g in r.goals})
	words.update(
		{
			("Training Event", s.name): _("on {0} at {1}").format(format_datetime(s.starts), s.location)
			for s in r.sessions
		}
	)
	words.update(
		{
			("Mentoring Check-in", c.name): _("{0} on {1}").format(
				r.by_name[c.pairing].title, formatdate(c.checkin_date)
			)
			for c in r.pending
		}
	)
	return words


def due_for(user: str, pairings: list[frappe._dict], today=None, circles=()) -> list[frappe._dict]:
	"""What the user owes now on these pairings and circles (rows with name and program), as the
	daily reminder would word it, whatever the reminder switches say: for the participants' to-do
	list."""
	today = getdate(today or nowdate())
	# owed is owed: no waiting before a survey or a confirmation shows, whatever is emailed
	settings = replace(
		load_settings(), kinds=frozenset(rules.KINDS), survey_after_days=0, confirmation_after_days=0
	)
	lines = []
	for program in sorted({p.program for p in (*pairings, *circles)}):
		items, words = gather(
			program,
			today,
			settings,
			only=[p.name for p in pairings if p.program == program],
			only_circles=[c.name for c in circles if c.program == program],
		)
		lines += _lines([i for i in items if i.user == user], words)
	# a survey answered is no longer owed, even before the daily job marks its invitation sent
	answered = set(
		frappe.get_all(
			"Mentoring Feedback",
			filters={"respondent": user, "pairing": ("in", [p.name for p in pairings] or [""])},
			fields=["pairing", "survey_type"],
			as_list=True,
		)
	)
	lines = [
		line
		for line in lines
		if line.kind not in (rules.SURVEY, rules.MIDPOINT_SURVEY)
		or (line.pairing, line.detail or "Mid-point") not in answered
	]
	return lines


def _recent(end_date, today) -> bool:
	return bool(end_date) and getdate(end_date) >= add_days(today, -rules.SURVEY_REMIND_WITHIN_DAYS)


def _surveys(r):
	"""The surveys each pair has been asked for, with who answered."""
	for p in r.pairings:
		pair = tuple(u for u in r.users[p.name] if u)
		asked = []
		if r.first_checkin.get(p.name):
			asked.append(("Fit Check", getdate(r.first_checkin[p.name])))
		if p.midpoint_survey_sent:
			asked.append(("Mid-point", midpoint(r.program.start_date, r.program.end_date)))
		if p.status == "Completed" and p.end_date:
			asked.append(("Final", getdate(p.end_date)))
		for survey_type, asked_on in asked:
			yield rules.Survey(
				p.name, survey_type, asked_on, pair, frozenset(r.answered.get((p.name, survey_type), ()))
			)


def unsent(items: list[rules.Item]) -> list[rules.Item]:
	"""The items not in the Mentoring Reminder Log yet."""
	sent = set()
	keys = sorted({i.key for i in items})
	for start in range(0, len(keys), 1000):
		sent.update(
			frappe.get_all(
				"Mentoring Reminder Log",
				filters={"item_key": ("in", keys[start : start + 1000])},
				fields=["user", "item_key"],
				as_list=True,
			)
		)
	return [i for i in items if (i.user, i.key) not in sent]


def log_sent(items, today, kind=None):
	"""Record what was sent, so that it is never sent again."""
	now = frappe.utils.now_datetime()
	insert_many(
		"Mentoring Reminder Log",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"user",
			"kind",
			"sent_on",
			"reference_doctype",
			"reference_name",
			"item_key",
		],
		[
			(
				frappe.generate_hash(length=10),
				now,
				now,
				"Administrator",
				"Administrator",
				i.user,
				kind or i.kind,
				today,
				i.doctype,
				i.name,
				i.key,
			)
			for i in items
		],
	)


def deliver(grouped: dict[str, list[rules.Item]], words: dict, today):
	"""A bell notification per item, and one email per person gathering them."""
	prefs = preferences(grouped)
	everything = [item for items in grouped.values() for item in items]
	lines = {}
	for item, line in zip(everything, _lines(everything, words), strict=True):  # in one go: a few queries
		lines.setdefault(item.user, []).append(line)
	ring_bells(
		[
			{
				"user": user,
				"subject": line.text,
				"document_type": line.doctype,
				"document_name": line.name,
				"link": line.portal_link,
			}
			for user, user_lines in lines.items()
			if prefs[user].bell
			for line in user_lines
		]
	)
	queue_emails(
		[
			{
				"recipients": [user],
				"subject": _("Mentoring: {0} things need you today").format(len(user_lines))
				if len(user_lines) > 1
				else _("Mentoring: {0}").format(user_lines[0].text),
				"template": "mentoring_reminders",
				"args": {"lines": user_lines, "date": formatdate(today)},
			}
			for user, user_lines in lines.items()
			if prefs[user].email
		]
	)


def _line(
	item: rules.Item, words: dict, pairing: str | None, circle: str | None, dates: dict
) -> frappe._dict:
	what = words.get((item.doctype, item.name), item.name)
	on = dates[item.on] if item.on else ""
	text = {
		rules.CHECKIN_DUE: lambda: _("Check-in due on {0}: {1}").format(on, what),
		rules.CHECKIN_OVERDUE: lambda: _("Check-in overdue since {0}: {1}").format(on, what),
		rules.CONFIRM: lambda: _("Confirm or dispute the check-in {0}").format(what),
		rules.GOAL_DUE: lambda: _("Goal due on {0}: {1}").format(on, what),
		rules.GOAL_OVERDUE: lambda: _("Goal past its target date of {0}: {1}").format(on, what),
		rules.NO_GOALS: lambda: _("No goals yet: set SMART goals together in {0}").format(what),
		rules.SURVEY: lambda: _("Take the {0} survey: {1}").format(_(item.detail), what),
		rules.MIDPOINT_SURVEY: lambda: _(
			"Halfway through your mentoring: take the mid-point survey ({0})"
		).format(what),
		rules.ACKNOWLEDGE: lambda: _("Please acknowledge the mentoring pairing {0}").format(what),
		rules.STALE: lambda: (
			_("Mentoring circle {0} has had no check-in for {1} periods")
			if item.doctype == "Mentoring Circle"
			else _("Mentoring pairing {0} has had no check-in for {1} periods")
		).format(what, STALE_PERIODS),
		rules.WORKSHOP_MISSED: lambda: (
			_("You missed the launch workshop of {0}: the next session is {1}").format(
				what, words.get(("Training Event", item.detail), item.detail)
			)
			if item.detail
			else _(
				"You missed the launch workshop of {0}: ask your program manager about the next session"
			).format(what)
		),
	}[item.kind]()
	# what the pair owes opens in My Mentoring (Mentoring Settings); the rest in the desk
	portal_link = reminder_link(item.kind, pairing, item.detail, circle) if item.kind in PAIR_KINDS else None
	link = portal_link or (
		survey_link(item.name, item.detail)
		if item.kind in (rules.SURVEY, rules.MIDPOINT_SURVEY)
		else get_url_to_form(item.doctype, item.name)
	)
	return frappe._dict(
		text=text,
		link=link,
		portal_link=portal_link,
		doctype=item.doctype,
		name=item.name,
		pairing=pairing,
		circle=circle,
		kind=item.kind,
		on=item.on,
		detail=item.detail,
	)


def _lines(items: list[rules.Item], words: dict) -> list[frappe._dict]:
	"""Each item in words, with the pairing or circle it belongs to (an item names a pairing, a
	circle, a goal or a check-in)."""
	pairing, circle = {}, {}
	for doctype in ("Mentoring Pairing", "Mentoring Goal", "Mentoring Check-in", "Mentoring Circle"):
		names = [i.name for i in items if i.doctype == doctype]
		pairing.update({(doctype, name): p for name, p in pairing_of(doctype, names).items()})
		circle.update({(doctype, name): c for name, c in circle_of(doctype, names).items()})
	dates = {on: formatdate(on) for on in {i.on for i in items if i.on}}  # a few dates, many items
	return [
		_line(i, words, pairing.get((i.doctype, i.name)), circle.get((i.doctype, i.name)), dates)
		for i in items
	]
