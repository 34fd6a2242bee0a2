"""What each person is reminded of today (README, "Reminders"). Pure Python: plain data in, a list
of items out; the caller words them, groups them into one email per person and sends each item
once (its key names the item and the date it is about).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

CHECKIN_DUE = "checkin_due"  # the next check-in is within the lead time
CHECKIN_OVERDUE = "checkin_overdue"
CONFIRM = "confirm"  # a check-in waits for this person's confirmation
GOAL_DUE = "goal_due"  # a goal's target date is within the lead time
GOAL_OVERDUE = "goal_overdue"
NO_GOALS = "no_goals"  # the pairing has no goals some days after its start
SURVEY = "survey"  # a survey this person was asked for is still unanswered
MIDPOINT_SURVEY = "midpoint_survey"  # the program reached its midpoint: the pair is asked for the survey
ACKNOWLEDGE = "acknowledge"  # a manager has not acknowledged the pairing a week after its start
STALE = "stale"  # to program managers: the pairing has had no check-in for STALE_PERIODS periods
WORKSHOP_MISSED = "workshop_missed"  # one of the pair missed the launch workshop (with the next session)

KINDS = (
	STALE,
	ACKNOWLEDGE,
	WORKSHOP_MISSED,
	CHECKIN_OVERDUE,
	CHECKIN_DUE,
	CONFIRM,
	GOAL_OVERDUE,
	GOAL_DUE,
	NO_GOALS,
	MIDPOINT_SURVEY,
	SURVEY,
)
ALWAYS = frozenset(
	{MIDPOINT_SURVEY, ACKNOWLEDGE, STALE, WORKSHOP_MISSED}
)  # part of the program's flow, not reminders
ACKNOWLEDGE_AFTER_DAYS = 7
SURVEY_REMIND_WITHIN_DAYS = 30  # an unanswered survey older than this is left alone


@dataclass(frozen=True)
class Settings:
	checkin_lead_days: int = 2
	confirmation_after_days: int = 2
	confirmation_window_days: int = 7
	goal_lead_days: int = 7
	no_goals_after_days: int = 14
	survey_after_days: int = 3
	kinds: frozenset[str] = frozenset(KINDS)


@dataclass(frozen=True)
class Pairing:
	name: str
	mentor_user: str | None
	mentee_user: str | None
	start: date
	next_checkin_due: date | None = None
	goals: int = 0  # goals that are not Dropped
	midpoint: date | None = None  # the program's midpoint, until the mid-point survey was asked for
	unacknowledged: tuple[str, ...] = ()  # managers not yet acknowledged nor reminded
	stale_since: date | None = None  # when stale (domain/health.py): the last check-in, or the start
	program_managers: tuple[str, ...] = ()
	missed_workshop: tuple[str, ...] = ()  # users of the pair who missed the launch workshop
	next_workshop: tuple[str, date] | None = None  # the next session still to come: (name, day)

	@property
	def users(self) -> tuple[str, ...]:
		return tuple(u for u in (self.mentor_user, self.mentee_user) if u)


@dataclass(frozen=True)
class Circle:
	"""An Active circle: everyone in it (users) is reminded of its next check-in, and its program
	managers are told once it has gone STALE_PERIODS periods without one."""

	name: str
	users: tuple[str, ...]
	next_checkin_due: date | None = None
	stale_since: date | None = None  # when stale (domain/health.py): the last check-in, or the start
	program_managers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PendingCheckin:
	name: str
	pairing: str
	confirmer: str | None  # the user on the side that did not log it
	submitted_on: date


@dataclass(frozen=True)
class Goal:
	name: str
	pairing: str
	target_date: date | None
	users: tuple[str, ...]


@dataclass(frozen=True)
class Survey:
	"""A survey both sides were asked for on `asked_on`; `answered` holds who answered it."""

	pairing: str
	survey_type: str
	asked_on: date
	users: tuple[str, ...]
	answered: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Item:
	user: str
	kind: str
	doctype: str
	name: str
	on: date | None  # the date the item is about (due date, target date, submission)
	detail: str = ""  # e.g. the survey type

	@property
	def key(self) -> str:
		parts = (self.kind, self.name, self.detail, self.on.isoformat() if self.on else "")
		return ":".join(parts)


def due_items(
	today: date,
	settings: Settings,
	pairings: list[Pairing] = (),
	pending: list[PendingCheckin] = (),
	goals: list[Goal] = (),
	surveys: list[Survey] = (),
	circles: list[Circle] = (),
) -> list[Item]:
	"""Every item due today, for every person, ordered by person and then by urgency. A circle's
	check-ins waiting for confirmation come as one PendingCheckin per attendee who may confirm."""
	items = [
		*_flow(today, pairings),
		*_checkins(today, settings, pairings),
		*_checkins(today, settings, circles, "Mentoring Circle"),
		*_stale(circles, "Mentoring Circle"),
		*_confirmations(today, settings, pending),
		*_goals(today, settings, goals),
		*_missing_goals(today, settings, pairings),
		*_surveys(today, settings, surveys),
	]
	# one item per person and key, e.g. for a manager of both sides
	items = {(i.user, i.key): i for i in items if i.kind in settings.kinds | ALWAYS}.values()
	return sorted(items, key=lambda i: (i.user, KINDS.index(i.kind), i.on or today, i.name))


def by_user(items: list[Item]) -> dict[str, list[Item]]:
	grouped: dict[str, list[Item]] = {}
	for item in items:
		grouped.setdefault(item.user, []).append(item)
	return grouped


def _flow(today, pairings):
	for p in pairings:
		if p.midpoint and today >= p.midpoint:
			for user in p.users:
				yield Item(user, MIDPOINT_SURVEY, "Mentoring Pairing", p.name, None, "Mid-point")
		if (today - p.start).days >= ACKNOWLEDGE_AFTER_DAYS:
			for user in p.unacknowledged:
				yield Item(user, ACKNOWLEDGE, "Mentoring Pairing", p.name, None)
		yield from _stale([p], "Mentoring Pairing")
		# once, and again each time a new session is planned
		session, day = p.next_workshop or ("", None)
		for user in p.missed_workshop:
			yield Item(user, WORKSHOP_MISSED, "Mentoring Pairing", p.name, day, session)


def _stale(records, doctype):
	for p in records:
		if p.stale_since:  # once per spell without check-ins: the key holds its start
			for user in p.program_managers:
				yield Item(user, STALE, doctype, p.name, p.stale_since)


def _due_or_overdue(day, today, lead_days, due_kind, overdue_kind) -> str | None:
	if not day:
		return None
	days = (day - today).days
	if days < 0:
		return overdue_kind
	return due_kind if days <= lead_days else None


def _checkins(today, settings, pairings, doctype="Mentoring Pairing"):
	for p in pairings:
		kind = _due_or_overdue(
			p.next_checkin_due, today, settings.checkin_lead_days, CHECKIN_DUE, CHECKIN_OVERDUE
		)
		for user in p.users if kind else ():
			yield Item(user, kind, doctype, p.name, p.next_checkin_due)


def _confirmations(today, settings, pending):
	for c in pending:
		waited = (today - c.submitted_on).days
		# past the window the check-in counts on its own; nothing left to ask
		if c.confirmer and settings.confirmation_after_days <= waited < settings.confirmation_window_days:
			yield Item(c.confirmer, CONFIRM, "Mentoring Check-in", c.name, c.submitted_on)


def _goals(today, settings, goals):
	for g in goals:
		kind = _due_or_overdue(g.target_date, today, settings.goal_lead_days, GOAL_DUE, GOAL_OVERDUE)
		for user in g.users if kind else ():
			yield Item(user, kind, "Mentoring Goal", g.name, g.target_date)


def _missing_goals(today, settings, pairings):
	for p in pairings:
		if not p.goals and (today - p.start).days >= settings.no_goals_after_days:
			for user in p.users:
				yield Item(user, NO_GOALS, "Mentoring Pairing", p.name, None)


def _surveys(today, settings, surveys):
	for s in surveys:
		waited = (today - s.asked_on).days
		if not settings.survey_after_days <= waited <= SURVEY_REMIND_WITHIN_DAYS:
			continue
		for user in s.users:
			if user not in s.answered:
				yield Item(user, SURVEY, "Mentoring Pairing", s.pairing, None, s.survey_type)


def week_start(day: date) -> date:
	"""The Monday of the day's week: weekly messages are keyed by it."""
	return day - timedelta(days=day.weekday())
