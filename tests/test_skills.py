"""Skills from the Skill Map: strengths, gaps and the weight of proficiency (domain/skills.py)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.skills import (
	Evaluation,
	agreed,
	current,
	gaps,
	offer_weight,
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
def test_one_more_star_always_weighs_more_and_five_weighs_full(n):
	assert 1.0 == offer_weight(5) >= offer_weight(n + 1) > offer_weight(n) > 0
	assert offer_weight(None) == offer_weight(4) == 0.9


def test_the_mentors_rating_is_agreed_unless_review_is_asked_and_they_differ_by_more_than_a_star():
	assert agreed(4, 2, review=False) == (4, False)
	assert agreed(4, 2, review=True) == (None, True)
	assert agreed(4, 3, review=True) == (4, False)
	assert agreed(4, None, review=True) == (4, False)
	assert agreed(None, 5, review=True) == (None, False)


@given(st.one_of(st.none(), st.integers(0, 5)), st.one_of(st.none(), st.integers(0, 5)), st.booleans())
def test_an_agreed_rating_is_the_mentors_or_waits_for_review_never_both(mentor, mentee, review):
	rating, waits = agreed(mentor, mentee, review)
	assert not (rating is not None and waits)
	assert rating in (None, mentor)
	assert not waits or review
