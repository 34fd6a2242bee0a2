from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.weightage import with_kra


def test_rescales_others_proportionally():
	result = with_kra({"Quality": 30, "Delivery": 70}, "Mentoring", 20)
	assert result == {"Quality": 24.0, "Delivery": 56.0, "Mentoring": 20.0}


def test_rounding_leaves_an_exact_total():
	result = with_kra({"A": 1, "B": 1, "C": 1}, "Mentoring", 10)
	assert sorted(result.values()) == [10.0, 30.0, 30.0, 30.0]
	result = with_kra({"A": 1, "B": 1, "C": 1}, "Mentoring", 11)
	assert sum(Decimal(str(v)) for v in result.values()) == 100
	assert sorted(result.values()) == [11.0, 29.66, 29.67, 29.67]


def test_existing_kra_gets_the_new_weightage():
	result = with_kra({"Quality": 40, "Mentoring": 20, "Delivery": 40}, "Mentoring", 10)
	assert result == {"Quality": 45.0, "Delivery": 45.0, "Mentoring": 10.0}


def test_bad_weightage_is_refused():
	for bad in (0, -5, 100, 101):
		with pytest.raises(ValueError):
			with_kra({"A": 100}, "Mentoring", bad)
	assert with_kra({}, "Mentoring", 100) == {"Mentoring": 100.0}
	with pytest.raises(ValueError):
		with_kra({"A": 0}, "Mentoring", 20)


@given(
	st.dictionaries(st.text(min_size=1, max_size=5), st.floats(0.5, 100), min_size=1, max_size=8),
	st.floats(0.01, 99.99).map(lambda x: round(x, 2)),
)
def test_total_is_exactly_100_and_proportions_hold(weights, weightage):
	weights = {k: v for k, v in weights.items() if k != "Mentoring"} or {"A": 1.0}
	result = with_kra(weights, "Mentoring", weightage)
	assert sum(Decimal(str(v)) for v in result.values()) == 100
	assert result["Mentoring"] == weightage
	rest, total = 100 - weightage, sum(weights.values())
	for kra, weight in weights.items():
		assert abs(result[kra] - weight * rest / total) <= 0.01 + 1e-9
