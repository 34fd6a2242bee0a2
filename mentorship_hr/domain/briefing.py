"""The figures of the weekly manager digest and the leaders' briefing. Pure Python.

Cadence is check-ins held against expected, each pairing capped at what it was expected to hold,
so that one busy pair does not hide a silent one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from mentorship_hr.domain.workshop import share_prepared

HEALTHS = ("On Track", "Needs Attention", "At Risk")
PARTICIPATION = ("Invited", "Applied", "Approved", "Matched", "Waitlisted")


@dataclass(frozen=True)
class PairingFacts:
	name: str
	title: str
	health: str | None
	reason: str
	held: int  # submitted check-ins that are not disputed
	expected: int
	goal_progress: float | None  # mean progress of goals not dropped; None without goals
	fit_failed: bool = False
	prepared: bool | None = None  # both sides attended the launch workshop; None: no workshop held


@dataclass(frozen=True)
class Summary:
	participation: dict[str, int]
	health_mix: dict[str, int]
	held: int
	expected: int
	cadence: float | None  # 0..100
	goal_progress: float | None  # 0..100
	at_risk: tuple[PairingFacts, ...]
	fit_failures: tuple[PairingFacts, ...]
	prepared: float | None = None  # % of pairings whose two sides attended the launch workshop


def expected_checkins(start: date, today: date, frequency_days: int) -> int:
	"""Check-ins a pairing that started on `start` should have held by `today`."""
	return max(0, (today - start).days) // max(1, frequency_days)


def summarize(participant_statuses: list[str], pairings: list[PairingFacts]) -> Summary:
	statuses = Counter(participant_statuses)
	healths = Counter(p.health for p in pairings)
	expected = sum(p.expected for p in pairings)
	held = sum(min(p.held, p.expected) for p in pairings)
	progress = [p.goal_progress for p in pairings if p.goal_progress is not None]
	return Summary(
		participation={s: statuses.get(s, 0) for s in PARTICIPATION},
		health_mix={h: healths.get(h, 0) for h in HEALTHS},
		held=held,
		expected=expected,
		cadence=round(100 * held / expected, 1) if expected else None,
		goal_progress=round(sum(progress) / len(progress), 1) if progress else None,
		at_risk=tuple(sorted((p for p in pairings if p.health == "At Risk"), key=lambda p: p.title)),
		fit_failures=tuple(sorted((p for p in pairings if p.fit_failed), key=lambda p: p.title)),
		prepared=share_prepared([p.prepared for p in pairings if p.prepared is not None]),
	)


TOP_SKILLS = 3  # the briefing names the skills most pairings are growing


@dataclass(frozen=True)
class SkillGrowth:
	"""One skill a pairing follows: the mentee's stars before, and after once agreed (else None)."""

	skill: str
	before: int
	after: int | None


def skills_summary(rows: list[SkillGrowth]) -> tuple[tuple[tuple[str, int], ...], int]:
	"""The skills most pairings are growing (with how many), and the gaps closed so far: skills a
	mentee began under 3 stars and ended agreed at 3 or more."""
	counts = Counter(r.skill for r in rows)
	top = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_SKILLS])
	closed = sum(1 for r in rows if r.before < 3 and r.after is not None and r.after >= 3)
	return top, closed
