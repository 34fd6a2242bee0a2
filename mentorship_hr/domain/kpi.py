"""Mentoring KPI scoring (docs/design.md §3). Pure Python: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

MENTOR = "Mentor"
MENTEE = "Mentee"

CADENCE = "cadence"
GOAL_PROGRESS = "goal_progress"
MENTEE_FEEDBACK = "mentee_feedback"
OWNERSHIP = "ownership"
MENTOR_ASSESSMENT = "mentor_assessment"

COMPONENTS = {
	MENTOR: (CADENCE, GOAL_PROGRESS, MENTEE_FEEDBACK),
	MENTEE: (CADENCE, GOAL_PROGRESS, OWNERSHIP, MENTOR_ASSESSMENT),
}
DEFAULT_WEIGHTS = {
	MENTOR: {CADENCE: 40, GOAL_PROGRESS: 30, MENTEE_FEEDBACK: 30},
	MENTEE: {CADENCE: 30, GOAL_PROGRESS: 40, OWNERSHIP: 15, MENTOR_ASSESSMENT: 15},
}

# A component made of ratings applies once it pools this many: one rating alone would show one
# person's answer to whoever reads the score (a manager reads their report's).
MIN_RATINGS = 2

# the states of a pairing's or a circle's lifecycle that are scored: it has started
SCORED_STATUSES = ("Active", "Paused", "Completed", "Ended Early")

CONFIRMED = "Confirmed"
PENDING = "Pending"
DROPPED = "Dropped"


@dataclass(frozen=True)
class CheckIn:
	checkin_date: date
	logged_on: date
	confirmation_status: str = PENDING
	submitted: bool = True
	logged_by_role: str = MENTOR
	has_agenda: bool = False
	mentee_rating: float | None = None  # the mentee's rating of the session, 0..1
	mentor_rating: float | None = None  # the mentor's rating of the session, 0..1


@dataclass(frozen=True)
class Goal:
	progress: float  # 0..100
	status: str = "In Progress"
	mentor_rating: float | None = None  # 0..1


@dataclass(frozen=True)
class Pairing:
	name: str
	mentor: str
	mentee: str
	start_date: date
	end_date: date | None = None
	checkins: tuple[CheckIn, ...] = ()
	goals: tuple[Goal, ...] = ()
	mentee_survey_ratings: tuple[float, ...] = ()  # 0..1
	mentor_survey_ratings: tuple[float, ...] = ()  # 0..1


@dataclass(frozen=True)
class Circle:
	"""A mentoring circle as the KPI reads it: its check-ins, and who attended each."""

	name: str
	mentors: tuple[str, ...]
	members: tuple[str, ...]
	start_date: date
	end_date: date | None = None
	checkins: tuple[CheckIn, ...] = ()
	attended: tuple[frozenset[str], ...] = ()  # for each check-in, the employees who were there
	logged_by: tuple[str | None, ...] = ()  # for each check-in, the employee who logged it
	goals: tuple[tuple[str, Goal], ...] = ()  # (member, goal): each member's own goals
	member_survey_ratings: tuple[float, ...] = ()  # 0..1, the members' answers pooled


@dataclass(frozen=True)
class Component:
	name: str
	value: float | None  # None: not applicable
	weight: float

	@property
	def applies(self) -> bool:
		return self.value is not None


@dataclass
class PairingScore:
	pairing: str
	role: str
	window_start: date
	window_end: date
	active_days: int
	expected_checkins: int
	counted_checkins: int
	components: list[Component]
	raw: float | None  # 0..1, None when no applicable component carries weight
	first_period_end: date | None = None  # the day the window first holds one full check-in period
	circle: bool = False  # a circle's score rather than a pairing's

	@property
	def scored(self) -> bool:
		"""A pairing younger than one check-in period is not yet scored: it counts for nothing,
		rather than as 0."""
		return self.expected_checkins >= 1 and self.raw is not None


@dataclass
class RoleScore:
	employee: str
	role: str
	score: float  # 0..100, rounded to 0.1
	raw: float  # 0..1, unrounded
	window_start: date
	window_end: date
	components: list[Component]
	pairings: list[PairingScore] = field(default_factory=list)
	scored: bool = True
	first_period_ends: date | None = None  # when not yet scored: the first day it will be


def scoring_window(*ranges: tuple[date | None, date | None], today: date) -> tuple[date, date] | None:
	"""The intersection of the given (start, end) ranges, capped at today. None if empty."""
	starts = [s for s, _ in ranges if s]
	ends = [e for _, e in ranges if e] + [today]
	start, end = max(starts), min(ends)
	return (start, end) if start <= end else None


def is_counted(checkin: CheckIn, window: tuple[date, date], today: date, confirmation_days: int) -> bool:
	"""Submitted, inside the window, and confirmed or unchallenged for the confirmation window."""
	if not checkin.submitted or not (window[0] <= checkin.checkin_date <= window[1]):
		return False
	if checkin.confirmation_status == CONFIRMED:
		return True
	return checkin.confirmation_status == PENDING and today >= checkin.logged_on + timedelta(
		days=confirmation_days
	)


def _mean(values) -> float | None:
	values = [v for v in values if v is not None]
	return sum(values) / len(values) if values else None


def _pooled(ratings) -> float | None:
	"""The mean of the ratings, or None (not applicable) while fewer than MIN_RATINGS are pooled."""
	ratings = [r for r in ratings if r is not None]
	return _mean(ratings) if len(ratings) >= MIN_RATINGS else None


def _goal_progress(goals) -> float:
	"""The mean progress (0..1) of the goals not dropped. Setting goals is a duty: no goals scores
	0, not "not applicable"."""
	goals = [g for g in goals if g.status != DROPPED]
	return _mean(min(100.0, max(0.0, g.progress)) / 100 for g in goals) if goals else 0.0


def score_pairing(
	pairing: Pairing,
	role: str,
	window: tuple[date, date],
	frequency_days: int,
	weights: dict[str, float],
	today: date,
	confirmation_days: int = 7,
) -> PairingScore:
	_active_days, expected = _expected(window, frequency_days)
	counted = [c for c in pairing.checkins if is_counted(c, window, today, confirmation_days)]
	values = {
		CADENCE: min(1.0, len(counted) / expected) if expected else None,
		GOAL_PROGRESS: _goal_progress(pairing.goals),
		MENTEE_FEEDBACK: _pooled([c.mentee_rating for c in counted] + list(pairing.mentee_survey_ratings)),
		OWNERSHIP: (
			sum(1 for c in counted if c.logged_by_role == MENTEE or c.has_agenda) / len(counted)
			if counted
			else None
		),
		# a rated goal keeps its rating here even once dropped: dropping it does not undo the rating
		MENTOR_ASSESSMENT: _pooled(
			[g.mentor_rating for g in pairing.goals]
			+ [c.mentor_rating for c in counted]
			+ list(pairing.mentor_survey_ratings)
		),
	}
	return _scored(pairing.name, role, window, frequency_days, len(counted), values, weights)


def score_circle(
	circle: Circle,
	employee: str,
	role: str,
	window: tuple[date, date],
	frequency_days: int,
	weights: dict[str, float],
	today: date,
	confirmation_days: int = 7,
) -> PairingScore:
	"""One mentor's or member's score in a circle (docs/design.md §3). A mentor: cadence is the
	sessions held against those expected, goal progress the mean of each member's, feedback the
	members' ratings pooled (never one alone); a member: cadence is the sessions they attended,
	goal progress that of their own goals, ownership the share of sessions they logged or that had
	an agenda, the assessment the mentors' ratings of their sessions and goals pooled."""
	_active_days, expected = _expected(window, frequency_days)
	held = [i for i, c in enumerate(circle.checkins) if is_counted(c, window, today, confirmation_days)]
	mine = held if role == MENTOR else [i for i in held if employee in circle.attended[i]]
	sessions = [circle.checkins[i] for i in mine]
	goals = {m: [g for who, g in circle.goals if who == m] for m in circle.members}
	if role == MENTOR:
		progress = _mean(_goal_progress(goals[m]) for m in circle.members)
	else:
		progress = _goal_progress(goals.get(employee, ()))
	values = {
		CADENCE: min(1.0, len(mine) / expected) if expected else None,
		GOAL_PROGRESS: progress,
		MENTEE_FEEDBACK: _pooled([c.mentee_rating for c in sessions] + list(circle.member_survey_ratings)),
		OWNERSHIP: (
			sum(1 for i in mine if circle.logged_by[i] == employee or circle.checkins[i].has_agenda)
			/ len(mine)
			if mine
			else None
		),
		MENTOR_ASSESSMENT: _pooled(
			[c.mentor_rating for c in sessions]
			+ ([g.mentor_rating for g in goals.get(employee, ())] if role == MENTEE else [])
		),
	}
	return _scored(circle.name, role, window, frequency_days, len(mine), values, weights, circle=True)


def _expected(window: tuple[date, date], frequency_days: int) -> tuple[int, int]:
	"""Days active in the window, and the check-ins expected in them (whole periods)."""
	active_days = (window[1] - window[0]).days + 1
	return active_days, active_days // frequency_days if frequency_days > 0 else 0


def _scored(
	name, role, window, frequency_days, counted: int, values: dict, weights, circle=False
) -> PairingScore:
	"""A pairing's or a circle's score in one role, from its component values."""
	active_days, expected = _expected(window, frequency_days)
	components = [Component(c, values[c], float(weights.get(c) or 0)) for c in COMPONENTS[role]]
	return PairingScore(
		pairing=name,
		role=role,
		window_start=window[0],
		window_end=window[1],
		active_days=active_days,
		expected_checkins=expected,
		counted_checkins=counted,
		components=components,
		raw=weighted_mean((c.value, c.weight) for c in components if c.applies),
		first_period_end=window[0] + timedelta(days=frequency_days - 1) if frequency_days > 0 else None,
		circle=circle,
	)


def weighted_mean(pairs) -> float | None:
	pairs = list(pairs)
	total = sum(w for _, w in pairs)
	return sum(v * w for v, w in pairs) / total if total > 0 else None


def round_score(raw: float) -> float:
	"""0..1 to 0..100, rounded half up to one decimal."""
	return float(Decimal(repr(raw * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def suggested_rating(score: float) -> float:
	"""A 0-100 score as a 0-5 rating for Manual Rating appraisals, rounded half up to 0.01."""
	return float((Decimal(repr(score)) / 20).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def role_score(employee: str, role: str, scores: list[PairingScore]) -> RoleScore | None:
	"""An employee's score in one role: scored pairings weighted by active days. When none of the
	pairings has completed its first check-in period yet, the result is "not yet scored"."""
	if not scores:
		return None
	counted = [s for s in scores if s.scored]
	if not counted:
		ends = [s.first_period_end for s in scores if s.first_period_end]
		return RoleScore(
			employee=employee,
			role=role,
			score=0.0,
			raw=0.0,
			window_start=min(s.window_start for s in scores),
			window_end=max(s.window_end for s in scores),
			components=[Component(c.name, None, c.weight) for c in scores[0].components],
			pairings=scores,
			scored=False,
			first_period_ends=min(ends) if ends else None,
		)
	raw = weighted_mean((s.raw, s.active_days) for s in counted)
	components = []
	for i, first in enumerate(counted[0].components):
		applied = [(s.components[i].value, s.active_days) for s in counted if s.components[i].applies]
		components.append(Component(first.name, weighted_mean(applied), first.weight))
	return RoleScore(
		employee=employee,
		role=role,
		score=round_score(raw),
		raw=raw,
		window_start=min(s.window_start for s in counted),
		window_end=max(s.window_end for s in counted),
		components=components,
		pairings=counted,
	)


def validate_weights(weights: dict[str, float], role: str) -> bool:
	"""A role's weights are usable when none is negative and they sum to a positive number."""
	values = [float(weights.get(name) or 0) for name in COMPONENTS[role]]
	return all(v >= 0 for v in values) and sum(values) > 0


def score_cycle(
	pairings: list[Pairing],
	cycle: tuple[date, date],
	program: tuple[date, date],
	frequency_days: int,
	weights: dict[str, dict[str, float]],
	today: date,
	confirmation_days: int = 7,
	circles: list[Circle] = (),
) -> list[RoleScore]:
	"""Every employee's score in every role they hold in one program, over one appraisal cycle: in
	pairings and circles alike, each weighted by the days it was active in the window."""
	by_employee: dict[tuple[str, str], list[PairingScore]] = {}
	for circle in circles:
		window = scoring_window(cycle, program, (circle.start_date, circle.end_date), today=today)
		if not window:
			continue
		for role, people in ((MENTOR, circle.mentors), (MENTEE, circle.members)):
			for employee in people:
				result = score_circle(
					circle, employee, role, window, frequency_days, weights[role], today, confirmation_days
				)
				by_employee.setdefault((employee, role), []).append(result)
	for pairing in pairings:
		window = scoring_window(cycle, program, (pairing.start_date, pairing.end_date), today=today)
		if not window:
			continue
		for role, employee in ((MENTOR, pairing.mentor), (MENTEE, pairing.mentee)):
			result = score_pairing(
				pairing, role, window, frequency_days, weights[role], today, confirmation_days
			)
			by_employee.setdefault((employee, role), []).append(result)
	scores = (role_score(employee, role, results) for (employee, role), results in by_employee.items())
	return [s for s in scores if s]


def effective_weights(weights: dict[str, float], applies: dict[str, bool]) -> dict[str, float | None]:
	"""Each component's share of the score in percent once the weights of components that do not
	apply are shared out in proportion; None for a component that does not apply."""
	total = sum(w for name, w in weights.items() if applies.get(name))
	return {
		name: (w * 100 / total if total > 0 else 0.0) if applies.get(name) else None
		for name, w in weights.items()
	}
