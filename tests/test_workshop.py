"""The launch workshop's sessions: prepared, missed, the next session (domain/workshop.py)."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.workshop import (
	ATTENDED,
	INVITED,
	MISSED,
	Session,
	both_prepared,
	next_session,
	prepared,
	share_prepared,
	status,
)

NOW = datetime(2026, 12, 5, 9, 0)
PEOPLE = st.sampled_from(["E1", "E2", "E3", "E4"])


def session(name, days, taken, invited, present=()):
	return Session(name, NOW + timedelta(days=days), "Room 1", taken, frozenset(invited), frozenset(present))


def test_present_at_any_session_is_prepared_and_an_absentee_has_missed_it():
	first = session("S1", -10, True, {"E1", "E2"}, {"E1"})
	again = session("S2", 5, False, {"E2"})
	assert status([first, again], "E1") == ATTENDED
	assert status([first, again], "E2") == MISSED
	assert status([again], "E2") == INVITED  # attendance not taken yet: nobody missed it
	assert status([first], "E3") is None
	# the absentee attends the next session: prepared after all
	again = session("S2", -1, True, {"E2"}, {"E2"})
	assert status([first, again], "E2") == ATTENDED
	assert both_prepared([first, again], "E1", "E2")
	assert not both_prepared([first], "E1", "E2")


def test_the_next_session_is_the_earliest_still_to_come():
	held = session("S1", -10, True, {"E1"})
	later = session("S3", 20, False, {"E1"})
	sooner = session("S2", 6, False, {"E1"})
	assert next_session([held, later, sooner], NOW) == sooner
	assert next_session([held], NOW) is None
	# a session that already took attendance is not to come, even if dated ahead
	assert next_session([session("S4", 3, True, {"E1"})], NOW) is None


def test_share_prepared():
	assert share_prepared([]) is None
	assert share_prepared([True, False, True, True]) == 75.0


SESSIONS = st.lists(
	st.builds(
		session,
		st.text("S", min_size=1, max_size=3),
		st.integers(-30, 30),
		st.booleans(),
		st.frozensets(PEOPLE),
		st.frozensets(PEOPLE),
	),
	max_size=5,
)


@given(SESSIONS, PEOPLE)
def test_statuses_agree_with_prepared(sessions, employee):
	found = status(sessions, employee)
	assert (found == ATTENDED) == prepared(sessions, employee)
	if found == MISSED:
		assert any(s.attendance_taken and employee in s.invited for s in sessions)


@given(SESSIONS)
def test_the_next_session_is_never_past(sessions):
	found = next_session(sessions, NOW)
	assert found is None or (found.starts >= NOW and not found.attendance_taken)
	assert found is None or all(
		found.starts <= s.starts for s in sessions if s.starts >= NOW and not s.attendance_taken
	)
