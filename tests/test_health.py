"""Pairing health: every boundary, and properties that hold for any dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain import health
from mentorship_hr.domain.health import AT_RISK, NEEDS_ATTENTION, ON_TRACK, assess

START = date(2027, 1, 1)


def day(n: int) -> date:
	return START + timedelta(days=n)


def test_due_today_is_on_track():
	h = assess(START, 14, day(24), last_counted=day(10))
	assert (h.status, h.reason, h.days, h.next_due) == (ON_TRACK, health.DUE, 0, day(24))


def test_one_day_late_needs_attention():
	h = assess(START, 14, day(25), last_counted=day(10))
	assert (h.status, h.reason, h.days) == (NEEDS_ATTENTION, health.OVERDUE, 1)


def test_overdue_by_exactly_one_frequency_still_needs_attention():
	assert assess(START, 14, day(38), last_counted=day(10)).status == NEEDS_ATTENTION
	assert assess(START, 14, day(39), last_counted=day(10)).status == AT_RISK


def test_first_period_without_a_check_in():
	assert assess(START, 14, day(14)).status == ON_TRACK  # due on day 14
	h = assess(START, 14, day(15))
	assert (h.status, h.reason, h.days) == (AT_RISK, health.NO_FIRST_CHECKIN, 15)


def test_a_scheduled_check_in_is_the_next_one():
	h = assess(START, 14, day(20), last_counted=day(3), scheduled=day(22))
	assert (h.status, h.next_due, h.days) == (ON_TRACK, day(22), 2)
	# a date scheduled before the last check-in is history, not the next one
	assert assess(START, 14, day(20), last_counted=day(10), scheduled=day(5)).next_due == day(24)


def test_a_failed_fit_check_is_at_risk_whatever_the_dates():
	h = assess(START, 14, day(5), last_counted=day(3), fit_failed=True)
	assert (h.status, h.reason) == (AT_RISK, health.FIT_FAILED)


def test_stale_after_three_frequencies_without_a_check_in():
	assert not assess(START, 14, day(41), last_counted=None).stale
	assert assess(START, 14, day(42), last_counted=None).stale
	assert assess(START, 7, day(31), last_counted=day(10)).stale


dates = st.integers(0, 400)
frequencies = st.integers(1, 60)


@given(frequencies, dates, st.one_of(st.none(), dates))
def test_a_new_check_in_never_makes_health_worse(frequency, today, last):
	rank = {ON_TRACK: 0, NEEDS_ATTENTION: 1, AT_RISK: 2}
	last = min(last, today) if last is not None else None
	before = assess(START, frequency, day(today), last_counted=day(last) if last is not None else None)
	after = assess(START, frequency, day(today), last_counted=day(today))
	assert rank[after.status] <= rank[before.status]
	assert after.status == ON_TRACK


@given(frequencies, dates, dates)
def test_status_follows_days_overdue(frequency, last, later):
	h = assess(START, frequency, day(last + later), last_counted=day(last))
	overdue = later - frequency
	expected = ON_TRACK if overdue <= 0 else NEEDS_ATTENTION if overdue <= frequency else AT_RISK
	assert h.status == expected
	assert h.next_due == day(last + frequency)
