"""A pairing's health (docs/design.md §5). Pure Python: plain data in, plain data out.

The next check-in is due one check-in frequency after the last counted check-in, or after the
start when there is none; a scheduled check-in, when there is one, is the next one instead.
- On Track: not overdue.
- Needs Attention: overdue by up to one frequency.
- At Risk: overdue by more than one frequency, no counted check-in within the first frequency,
  or a failed fit check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

ON_TRACK = "On Track"
NEEDS_ATTENTION = "Needs Attention"
AT_RISK = "At Risk"

# why, as a code the caller words in the user's language
DUE = "due"  # days: days until the next check-in (0: today)
OVERDUE = "overdue"  # days: days overdue
NO_FIRST_CHECKIN = "no_first_checkin"  # days: days since the start
FIT_FAILED = "fit_failed"

STALE_PERIODS = 3  # frequencies without a counted check-in before the program manager is alerted


@dataclass(frozen=True)
class Health:
	status: str
	reason: str
	days: int
	next_due: date
	stale: bool  # STALE_PERIODS frequencies or more without a counted check-in


def assess(
	start: date,
	frequency_days: int,
	today: date,
	last_counted: date | None = None,
	scheduled: date | None = None,
	fit_failed: bool = False,
) -> Health:
	"""The health of an Active pairing on `today`."""
	frequency = max(1, frequency_days)
	since = last_counted or start
	next_due = since + timedelta(days=frequency)
	if scheduled and scheduled > since:
		next_due = scheduled
	overdue = (today - next_due).days
	stale = (today - since).days >= STALE_PERIODS * frequency

	if fit_failed:
		return Health(AT_RISK, FIT_FAILED, 0, next_due, stale)
	if last_counted is None and (today - start).days > frequency and overdue > 0:
		return Health(AT_RISK, NO_FIRST_CHECKIN, (today - start).days, next_due, stale)
	if overdue <= 0:
		return Health(ON_TRACK, DUE, -overdue, next_due, stale)
	if overdue <= frequency:
		return Health(NEEDS_ATTENTION, OVERDUE, overdue, next_due, stale)
	return Health(AT_RISK, OVERDUE, overdue, next_due, stale)
