"""Is mentoring paying off? The statistics of the Mentoring Program Impact report. Pure Python with
scipy; no frappe import.

A group (mentors, mentees) is compared with the employees who took no part:
- a rate (retention, promotion): its 95% Wilson interval, and Fisher's exact test;
- a mean score (appraisal final score): its 95% t interval, and Welch's t-test.
Fewer than 2 values give no interval and no test (None), never an error. A difference is
significant only when p < 0.05. These are correlations, not causes.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date

from scipy import stats

CONFIDENCE = 0.95
ALPHA = 0.05
MIN_VALUES = 2  # fewer values: no interval, no test


@dataclass(frozen=True)
class Estimate:
	"""A rate (0 to 1) or a mean score, with its 95% interval."""

	n: int
	value: float | None  # None when n == 0
	low: float | None  # None when n < MIN_VALUES
	high: float | None


@dataclass(frozen=True)
class Comparison:
	"""A group against the comparison group: group minus comparison, and the test's p-value."""

	difference: float | None  # None when either group is empty
	p_value: float | None  # None when there is no test

	@property
	def significant(self) -> bool | None:
		"""None when there is no test."""
		return None if self.p_value is None else self.p_value < ALPHA


def _p(value: float) -> float | None:
	"""A p-value within [0, 1]; None when the test is undefined (nan)."""
	value = float(value)
	return None if math.isnan(value) else min(1.0, max(0.0, value))


def rate(k: int, n: int) -> Estimate:
	"""k of n, with the Wilson interval."""
	if not 0 <= k <= n:
		raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
	if n == 0:
		return Estimate(0, None, None, None)
	if n < MIN_VALUES:
		return Estimate(n, k / n, None, None)
	ci = stats.binomtest(k, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
	# rounding may put a bound a hair past the rate at k = 0 or k = n
	return Estimate(n, k / n, max(0.0, min(ci.low, k / n)), min(1.0, max(ci.high, k / n)))


def compare_rates(k1: int, n1: int, k0: int, n0: int) -> Comparison:
	"""Rate k1/n1 against k0/n0: the difference and the two-sided Fisher exact p-value."""
	one, zero = rate(k1, n1), rate(k0, n0)
	difference = None if one.value is None or zero.value is None else one.value - zero.value
	if n1 < MIN_VALUES or n0 < MIN_VALUES:
		return Comparison(difference, None)
	_, p = stats.fisher_exact([[k1, n1 - k1], [k0, n0 - k0]])
	return Comparison(difference, _p(p))


def _mean(values: list[float]) -> float:
	return math.fsum(values) / len(values)


def mean_score(values: list[float]) -> Estimate:
	"""The mean, with the t interval."""
	values = [float(v) for v in values]
	n = len(values)
	if n == 0:
		return Estimate(0, None, None, None)
	mean = _mean(values)
	if n < MIN_VALUES:
		return Estimate(n, mean, None, None)
	sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
	half = stats.t.ppf((1 + CONFIDENCE) / 2, n - 1) * sd / math.sqrt(n)
	return Estimate(n, mean, mean - half, mean + half)


def compare_means(a: list[float], b: list[float]) -> Comparison:
	"""Mean of a against mean of b: the difference and Welch's t-test p-value. No p-value when
	neither group varies, where the test is undefined."""
	a, b = [float(v) for v in a], [float(v) for v in b]
	difference = _mean(a) - _mean(b) if a and b else None
	if len(a) < MIN_VALUES or len(b) < MIN_VALUES:
		return Comparison(difference, None)
	if len(set(a)) == 1 and len(set(b)) == 1:
		return Comparison(difference, None)
	with warnings.catch_warnings():
		# a flat group whose mean is not exact in binary warns of precision loss; its variance is
		# still about 0 and the other group carries the test
		warnings.simplefilter("ignore", RuntimeWarning)
		p = stats.ttest_ind(a, b, equal_var=False).pvalue
	return Comparison(difference, _p(p))


# Who counts, by date (None: no date)


def employed_on(joined: date | None, relieved: date | None, on: date) -> bool:
	"""Employed on the day: joined by then, and not relieved before it."""
	return joined is not None and joined <= on and (relieved is None or relieved >= on)


def retained(status: str | None, relieved: date | None, on: date) -> bool:
	"""Still employed after the day. Left without a relieving date counts as left."""
	if relieved is None:
		return status != "Left"
	return relieved > on


def overlaps(start: date | None, end: date | None, period_start: date, period_end: date) -> bool:
	"""[start, end] meets the period; an open start or end is unbounded."""
	return (start is None or start <= period_end) and (end is None or end >= period_start)


# Skill growth, from Skill Map evaluations: (evaluation date, stars) of one employee in one skill

GAP_BELOW = 3  # a skill under 3 stars (or not rated) is a gap; reaching 3 closes it


def stars_on(evaluations: list[tuple[date, int]], day: date) -> int | None:
	"""The stars of the latest evaluation on or before the day; None when there is none."""
	dated = [(on, stars) for on, stars in evaluations if on is not None and on <= day]
	return max(dated)[1] if dated else None


def skill_change(
	evaluations: dict[str, list[tuple[date, int]]], skills, start: date, end: date
) -> float | None:
	"""An employee's mean change in stars over the period across these skills: the latest rating
	by the end minus the latest by the start (none counts as 0), for the skills rated within the
	period. None when none of them was."""
	changes = [
		stars_on(evaluations[s], end) - (stars_on(evaluations[s], start) or 0)
		for s in skills
		if any(on is not None and start < on <= end for on, _stars in evaluations.get(s, ()))
	]
	return sum(changes) / len(changes) if changes else None


def gaps_closed(evaluations: dict[str, list[tuple[date, int]]], gaps, start: date, end: date) -> bool | None:
	"""Whether every one of these skills that was a gap at the start (under 3 stars, or not
	rated) reached 3 stars by the end. None when none was a gap."""
	open_at_start = [s for s in gaps if (stars_on(evaluations.get(s, []), start) or 0) < GAP_BELOW]
	if not open_at_start:
		return None
	return all((stars_on(evaluations.get(s, []), end) or 0) >= GAP_BELOW for s in open_at_start)
