"""Program impact statistics: values worked out by hand, guards for small groups, and properties
that hold for any counts and scores."""

import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mentorship_hr.domain import impact
from mentorship_hr.domain.impact import (
	compare_means,
	compare_rates,
	gaps_closed,
	mean_score,
	rate,
	skill_change,
	stars_on,
)

Z = 1.959963984540054  # the 97.5% normal quantile


def wilson(k: int, n: int) -> tuple[float, float]:
	"""The Wilson score interval from its formula."""
	p = k / n
	centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
	half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
	return centre - half, centre + half


def fisher(a: int, b: int, c: int, d: int) -> float:
	"""Two-sided Fisher exact p-value of [[a, b], [c, d]], summing hypergeometric tables."""
	row, col, total = a + b, a + c, a + b + c + d

	def prob(x):
		return math.comb(col, x) * math.comb(total - col, row - x) / math.comb(total, row)

	observed = prob(a)
	tables = range(max(0, row + col - total), min(row, col) + 1)
	return sum(prob(x) for x in tables if prob(x) <= observed * (1 + 1e-7))


# Rates


def test_wilson_interval_of_8_in_10():
	r = rate(8, 10)
	assert r.value == 0.8 and r.n == 10
	assert (r.low, r.high) == pytest.approx(wilson(8, 10), abs=1e-9)
	assert (r.low, r.high) == pytest.approx((0.4902, 0.9433), abs=1e-4)  # the textbook values


def test_wilson_interval_of_5_in_10_is_symmetric():
	r = rate(5, 10)
	assert (r.low, r.high) == pytest.approx(wilson(5, 10), abs=1e-9)
	assert r.low + r.high == pytest.approx(1.0)


def test_8_of_10_retained_against_5_of_10():
	c = compare_rates(8, 10, 5, 10)
	assert c.difference == pytest.approx(0.3)
	# 13 retained of 20; tables with 3 to 10 retained in the first group are weighted
	# 286, 5005, 27027, 60060, 60060, 27027, 5005, 286 of C(20, 10) = 184756; 8 weighs 27027
	assert c.p_value == pytest.approx(64636 / 184756, abs=1e-12)
	assert c.p_value == pytest.approx(fisher(8, 2, 5, 5), abs=1e-12)
	assert c.significant is False


def test_a_clear_difference_is_significant():
	c = compare_rates(19, 20, 5, 20)
	assert c.p_value == pytest.approx(fisher(19, 1, 5, 15), rel=1e-9)
	assert c.p_value < 0.05 and c.significant is True


def test_rates_at_the_edges():
	none, all_ = rate(0, 7), rate(7, 7)
	assert (none.value, none.low) == (0.0, 0.0)
	assert none.high == pytest.approx(wilson(0, 7)[1])
	assert (all_.value, all_.high) == (1.0, 1.0)
	assert all_.low == pytest.approx(wilson(7, 7)[0])


def test_small_groups_get_no_interval_and_no_test():
	assert rate(0, 0) == impact.Estimate(0, None, None, None)
	assert rate(1, 1) == impact.Estimate(1, 1.0, None, None)
	one = compare_rates(1, 1, 3, 10)
	assert one.difference == pytest.approx(0.7)
	assert (one.p_value, one.significant) == (None, None)
	empty = compare_rates(0, 0, 3, 10)
	assert (empty.difference, empty.p_value) == (None, None)
	assert compare_rates(3, 10, 1, 1).p_value is None


def test_impossible_counts_are_refused():
	with pytest.raises(ValueError):
		rate(3, 2)
	with pytest.raises(ValueError):
		rate(-1, 2)


# Means


def test_mean_and_t_interval_of_two_scores():
	m = mean_score([4, 6])
	# sd = sqrt(2), se = 1; the t quantile with 1 degree of freedom is tan(0.475 pi)
	t1 = math.tan(0.475 * math.pi)
	assert (m.n, m.value) == (2, 5.0)
	assert (m.low, m.high) == pytest.approx((5 - t1, 5 + t1), abs=1e-9)
	assert t1 == pytest.approx(12.7062, abs=1e-4)


def test_t_interval_of_three_scores():
	m = mean_score([3, 4, 5])
	# sd = 1, se = 1/sqrt(3); with 2 degrees of freedom the quantile q solves q / sqrt(2 + q^2) = 0.95
	q = math.sqrt(2 * 0.95**2 / (1 - 0.95**2))
	assert (m.low, m.high) == pytest.approx((4 - q / math.sqrt(3), 4 + q / math.sqrt(3)), abs=1e-9)


def test_welch_test_by_hand():
	# equal sizes and variances: t = 3 / sqrt(2), df = 2, and with 2 degrees of freedom
	# the two-sided p is 1 - |t| / sqrt(2 + t^2) = 1 - 3 / sqrt(13)
	c = compare_means([4, 6], [1, 3])
	assert c.difference == 3.0
	assert c.p_value == pytest.approx(1 - 3 / math.sqrt(13), abs=1e-9)
	assert c.significant is False


def test_welch_test_with_unequal_spreads():
	a, b = [4.1, 4.3, 4.0, 4.4, 4.2], [3.0, 3.6, 2.8, 3.9, 3.2, 3.4]
	ma, mb = sum(a) / 5, sum(b) / 6
	va = sum((x - ma) ** 2 for x in a) / 4 / 5
	vb = sum((x - mb) ** 2 for x in b) / 5 / 6
	t = (ma - mb) / math.sqrt(va + vb)
	df = (va + vb) ** 2 / (va**2 / 4 + vb**2 / 5)
	c = compare_means(a, b)
	assert c.difference == pytest.approx(ma - mb)
	# the p-value from the t distribution's regularised incomplete beta, independently of ttest_ind
	from scipy.special import betainc

	assert c.p_value == pytest.approx(betainc(df / 2, 0.5, df / (df + t * t)), rel=1e-9)
	assert c.significant is True


def test_small_or_flat_score_groups_get_no_test():
	assert mean_score([]) == impact.Estimate(0, None, None, None)
	assert mean_score([3.5]) == impact.Estimate(1, 3.5, None, None)
	assert compare_means([3.5], [1, 2, 3]) == impact.Comparison(1.5, None)
	assert compare_means([], [1, 2]) == impact.Comparison(None, None)
	# neither group varies: Welch's t is undefined
	assert compare_means([3, 3], [2, 2, 2]) == impact.Comparison(1.0, None)
	flat = mean_score([2.5, 2.5, 2.5])
	assert flat.low == flat.value == flat.high == 2.5


# Who counts

DAY = date(2027, 6, 30)


def test_employed_on_the_day():
	assert impact.employed_on(DAY, None, DAY)
	assert impact.employed_on(date(2020, 1, 1), DAY, DAY)  # relieved that day: still there
	assert not impact.employed_on(date(2020, 1, 1), DAY - timedelta(1), DAY)
	assert not impact.employed_on(DAY + timedelta(1), None, DAY)
	assert not impact.employed_on(None, None, DAY)


def test_retained_after_the_day():
	assert impact.retained("Active", None, DAY)
	assert impact.retained("Left", DAY + timedelta(1), DAY)
	assert not impact.retained("Active", DAY, DAY)  # relieved on the last day of the period
	assert not impact.retained("Left", None, DAY)  # left, date unknown
	assert impact.retained("Inactive", None, DAY)


def test_overlaps():
	start, end = date(2027, 1, 1), date(2027, 12, 31)
	assert impact.overlaps(end, None, start, end)
	assert impact.overlaps(None, start, start, end)
	assert not impact.overlaps(date(2026, 1, 1), date(2026, 12, 31), start, end)
	assert not impact.overlaps(end + timedelta(1), None, start, end)


# Properties

sizes = st.integers(0, 300)


@st.composite
def counts(draw):
	n = draw(sizes)
	return draw(st.integers(0, n)), n


@given(counts())
def test_the_interval_contains_the_rate(kn):
	k, n = kn
	r = rate(k, n)
	if n < 2:
		assert r.low is None and r.high is None
		return
	assert 0 <= r.low <= r.value <= r.high <= 1
	assert (r.low, r.high) == pytest.approx(wilson(k, n), abs=1e-9)


@given(counts(), counts())
def test_p_is_a_probability(one, zero):
	c = compare_rates(*one, *zero)
	if one[1] < 2 or zero[1] < 2:
		assert c.p_value is None
		return
	assert 0 <= c.p_value <= 1
	assert c.significant == (c.p_value < 0.05)


@given(counts())
def test_identical_groups_give_p_of_one(kn):
	k, n = kn
	assume(n >= 2)
	c = compare_rates(k, n, k, n)
	assert c.difference == 0
	assert c.p_value == pytest.approx(1.0)
	assert c.significant is False


@given(counts(), counts())
def test_swapping_the_groups_keeps_p_and_flips_the_difference(one, zero):
	assume(one[1] >= 2 and zero[1] >= 2)
	there, back = compare_rates(*one, *zero), compare_rates(*zero, *one)
	assert there.p_value == pytest.approx(back.p_value)
	assert there.difference == pytest.approx(-back.difference)


scores = st.lists(st.floats(0, 5, allow_nan=False).map(lambda x: round(x, 2)), max_size=40)


@given(scores)
def test_the_t_interval_contains_the_mean(values):
	m = mean_score(values)
	if len(values) < 2:
		assert m.low is None
		return
	assert min(values) - 1e-9 <= m.value <= max(values) + 1e-9
	assert m.low <= m.value + 1e-9 and m.value <= m.high + 1e-9


@given(scores, scores)
def test_welch_p_is_a_probability(a, b):
	c = compare_means(a, b)
	if c.p_value is not None:
		assert 0 <= c.p_value <= 1
		assert c.significant == (c.p_value < 0.05)


@given(scores)
def test_identical_score_groups_give_p_of_one(values):
	assume(len(set(values)) >= 2)
	c = compare_means(values, list(values))
	assert c.difference == 0
	assert c.p_value == pytest.approx(1.0)


# skill growth from Skill Map evaluations

START, END = date(2026, 1, 1), date(2026, 6, 30)


def test_the_latest_rating_by_a_day_counts():
	history = [(date(2025, 6, 1), 2), (date(2026, 3, 1), 4), (date(2026, 8, 1), 5)]
	assert [stars_on(history, d) for d in (date(2025, 1, 1), START, END)] == [None, 2, 4]


def test_change_is_end_minus_start_over_the_skills_rated_in_the_period():
	evaluations = {
		"negotiation": [(date(2025, 12, 1), 2), (date(2026, 5, 1), 4)],  # +2
		"delegation": [(date(2026, 4, 1), 3)],  # none at the start: +3
		"empathy": [(date(2025, 5, 1), 4)],  # not rated in the period: left out
	}
	assert skill_change(evaluations, ["negotiation", "delegation", "empathy"], START, END) == 2.5
	assert skill_change(evaluations, ["empathy"], START, END) is None


def test_a_gap_closes_at_three_stars_and_only_gaps_count():
	evaluations = {"negotiation": [(date(2025, 12, 1), 1), (date(2026, 5, 1), 3)], "empathy": [(START, 4)]}
	assert gaps_closed(evaluations, ["negotiation", "delegation"], START, END) is False  # delegation open
	assert gaps_closed(evaluations, ["negotiation"], START, END) is True
	assert gaps_closed(evaluations, ["empathy"], START, END) is None  # no gap to close


@given(
	st.lists(st.tuples(st.dates(date(2025, 1, 1), date(2026, 12, 31)), st.integers(0, 5)), max_size=6),
)
def test_a_change_stays_within_the_stars(history):
	change = skill_change({"s": history}, ["s"], START, END)
	assert change is None or -5 <= change <= 5
