"""Share appraisal KRA weightage so that it adds up to exactly 100. Pure Python."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

TOTAL = Decimal(100)


def with_kra(weights: dict[str, float], kra: str, weightage: float, places: int = 2) -> dict[str, float]:
	"""Give `kra` the weightage and rescale the other KRAs to share the rest in their proportions.

	Rounds to `places` decimals by the largest remainder, so the result sums to exactly 100.
	"""
	share = Decimal(str(weightage))
	others = {k: Decimal(str(v)) for k, v in weights.items() if k != kra}
	if not 0 < share <= TOTAL or (others and share == TOTAL):
		raise ValueError("weightage must be above 0, and below 100 when there are other KRAs")
	rest, old_total = TOTAL - share, sum(others.values())
	if others and old_total <= 0:
		raise ValueError("the other KRAs have no weightage to rescale")
	if not others and rest:
		raise ValueError("a sole KRA must carry 100")

	unit = Decimal(1).scaleb(-places)
	exact = {k: v * rest / old_total for k, v in others.items()} if others else {}
	result = {k: v.quantize(unit, rounding=ROUND_FLOOR) for k, v in exact.items()}
	leftover = int((rest - sum(result.values())) / unit)
	for k in sorted(exact, key=lambda k: exact[k] - result[k], reverse=True)[:leftover]:
		result[k] += unit
	result[kra] = share
	return {k: float(v) for k, v in result.items()}
