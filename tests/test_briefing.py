"""The weekly briefing's figures, derived by hand."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.briefing import (
	PairingFacts,
	SkillGrowth,
	expected_checkins,
	skills_summary,
	summarize,
)


def facts(name, health, held, expected, progress=None, fit_failed=False):
	return PairingFacts(name, f"pair {name}", health, "", held, expected, progress, fit_failed)


def test_expected_check_ins_count_whole_periods():
	start = date(2027, 1, 1)
	assert expected_checkins(start, date(2027, 1, 14), 14) == 0
	assert expected_checkins(start, date(2027, 1, 15), 14) == 1
	assert expected_checkins(start, date(2026, 12, 1), 14) == 0


def test_summary_of_a_program():
	pairings = [
		facts("a", "On Track", 3, 2, 50),  # capped at 2
		facts("b", "At Risk", 0, 4, None, fit_failed=True),
		facts("c", "Needs Attention", 1, 2, 80),
	]
	s = summarize(["Matched", "Matched", "Waitlisted", "Applied", "Declined"], pairings)
	assert s.participation == {"Invited": 0, "Applied": 1, "Approved": 0, "Matched": 2, "Waitlisted": 1}
	assert s.health_mix == {"On Track": 1, "Needs Attention": 1, "At Risk": 1}
	assert (s.held, s.expected, s.cadence) == (3, 8, 37.5)
	assert s.goal_progress == 65.0
	assert [p.name for p in s.at_risk] == ["b"]
	assert [p.name for p in s.fit_failures] == ["b"]


def test_an_empty_program_has_no_rates():
	s = summarize([], [])
	assert (s.cadence, s.goal_progress, s.at_risk) == (None, None, ())


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=30))
def test_cadence_never_exceeds_100(rows):
	s = summarize([], [facts(str(i), "On Track", h, e) for i, (h, e) in enumerate(rows)])
	assert s.cadence is None or 0 <= s.cadence <= 100
	assert s.held <= s.expected


def test_the_briefing_names_the_skills_grown_most_and_the_gaps_closed():
	rows = [
		SkillGrowth("negotiation", 1, 4),  # a gap closed
		SkillGrowth("negotiation", 2, None),  # not agreed yet
		SkillGrowth("delegation", 3, 4),  # no gap to close
		SkillGrowth("empathy", 0, 2),  # grew, still a gap
		SkillGrowth("confidence", 2, 3),  # closed
		SkillGrowth("delegation", 1, None),
	]
	top, closed = skills_summary(rows)
	assert top == (("delegation", 2), ("negotiation", 2), ("confidence", 1))
	assert closed == 2
	assert skills_summary([]) == ((), 0)
