"""Skills from the Skill Map: strengths, gaps and the weight of proficiency (domain/skills.py)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.skills import (
	Evaluation,
	current,
	gaps,
	proficiency_factor,
	stars,
	strengths,
)

SKILLS = st.sampled_from(["Negotiation", "Delegation", "Empathy", "Communication", "Confidence"])
RATINGS = st.dictionaries(SKILLS, st.integers(0, 5))


def test_the_latest_evaluation_of_a_skill_counts():
	evaluations = [
		Evaluation("Negotiation", 0.4, date(2026, 1, 5)),
		Evaluation("Negotiation", 0.8, date(2026, 6, 1)),
		Evaluation("Negotiation", 1.0, None),  # undated: older than any dated one
		Evaluation("Empathy", 0.6),
	]
	assert current(evaluations) == {"Negotiation": 4, "Empathy": 3}


def test_stars_from_frappe_hrs_fractions():
	assert [stars(f) for f in (None, 0, 0.2, 0.6, 0.8, 1.0, 1.3)] == [0, 0, 1, 3, 4, 5, 5]


def test_a_mentor_offers_what_they_rate_four_stars_or_more_strongest_first():
	assert strengths({"Negotiation": 4, "Empathy": 5, "Delegation": 3}) == ["Empathy", "Negotiation"]


def test_a_mentees_gaps_are_the_expected_skills_under_three_stars_or_missing():
	expected = ["Negotiation", "Delegation", "Empathy", "Negotiation"]
	assert gaps(expected, {"Negotiation": 2, "Empathy": 3}) == ["Negotiation", "Delegation"]


@given(st.lists(SKILLS), RATINGS)
def test_gaps_are_expected_skills_under_the_bar_each_once(expected, ratings):
	found = gaps(expected, ratings)
	assert len(found) == len(set(found))
	assert set(found) == {s for s in expected if ratings.get(s, 0) < 3}


@given(RATINGS)
def test_strengths_and_gaps_never_share_a_skill(ratings):
	assert not set(strengths(ratings)) & set(gaps(list(ratings), ratings))


@given(st.integers(0, 4))
def test_one_more_star_always_weighs_more(n):
	assert proficiency_factor(n + 1) > proficiency_factor(n) > 0
	assert proficiency_factor(None) == proficiency_factor(4) == 1.0
