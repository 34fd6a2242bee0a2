"""The launch workshop: who is prepared, who missed it, and the next session. Pure Python.

A program's workshop is held in one or more sessions (Frappe HR Training Events). Someone is
prepared once any session records them present. Once a session has taken attendance (a submitted
Training Result, or the session marked Completed), whoever it invited and did not record present
missed it, until a later session records them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ATTENDED = "Attended"
MISSED = "Missed"
INVITED = "Invited"  # invited to a session that has not taken attendance yet


@dataclass(frozen=True)
class Session:
	name: str
	starts: datetime
	location: str
	attendance_taken: bool
	invited: frozenset[str]  # employees
	present: frozenset[str]


def prepared(sessions: list[Session], employee: str) -> bool:
	return any(employee in s.present for s in sessions)


def status(sessions: list[Session], employee: str) -> str | None:
	"""Attended, Missed, Invited, or None: never invited to any session."""
	if prepared(sessions, employee):
		return ATTENDED
	invited_to = [s for s in sessions if employee in s.invited]
	if any(s.attendance_taken for s in invited_to):
		return MISSED
	return INVITED if invited_to else None


def next_session(sessions: list[Session], now: datetime) -> Session | None:
	"""The earliest session still to come."""
	coming = [s for s in sessions if s.starts >= now and not s.attendance_taken]
	return min(coming, key=lambda s: (s.starts, s.name), default=None)


def both_prepared(sessions: list[Session], mentor: str, mentee: str) -> bool:
	return prepared(sessions, mentor) and prepared(sessions, mentee)


def share_prepared(pairs: list[bool]) -> float | None:
	"""The percentage of pairings whose two sides both attended; None without pairings."""
	return round(100 * sum(pairs) / len(pairs), 1) if pairs else None
