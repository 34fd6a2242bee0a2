"""Skills read from Frappe HR's Skill Map: what a mentor can offer, what a mentee lacks, and how much
a mentor's proficiency adds to a match. Proficiency is in stars, 0 to 5; Frappe HR stores a Rating
as a fraction of 1. Pure Python; no frappe import."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MAX_STARS = 5
STRENGTH = 4  # a mentor offers what their Skill Map rates 4 stars or more
GAP_BELOW = 3  # a skill the designation expects is a gap while rated under 3 stars, or not at all


@dataclass(frozen=True)
class Evaluation:
	"""One row of an Employee Skill Map: a skill rated on a date."""

	skill: str
	proficiency: float  # Frappe HR's Rating: a fraction of 1
	evaluated_on: date | None = None


def stars(fraction: float | None) -> int:
	return max(0, min(MAX_STARS, round((fraction or 0) * MAX_STARS)))


def current(evaluations: Iterable[Evaluation]) -> dict[str, int]:
	"""Each skill's stars in its latest evaluation (undated ones count as the oldest)."""
	latest: dict[str, Evaluation] = {}
	for e in evaluations:
		before = latest.get(e.skill)
		if before is None or (e.evaluated_on or date.min) >= (before.evaluated_on or date.min):
			latest[e.skill] = e
	return {skill: stars(e.proficiency) for skill, e in latest.items()}


def strengths(ratings: dict[str, int]) -> list[str]:
	"""What a mentor can offer: the skills rated 4 stars or more, the strongest first."""
	return sorted((s for s, n in ratings.items() if n >= STRENGTH), key=lambda s: (-ratings[s], s))


def gaps(expected: Iterable[str], ratings: dict[str, int]) -> list[str]:
	"""What a mentee lacks: the skills their (target) designation expects that they rate under 3
	stars or not at all, in the designation's order."""
	seen, out = set(), []
	for skill in expected:
		if skill not in seen and ratings.get(skill, 0) < GAP_BELOW:
			out.append(skill)
		seen.add(skill)
	return out


def offer_weight(stars_rated: int | None) -> float:
	"""How much a skill a mentor offers counts in matching, by their Skill Map rating: 5 stars 1.0,
	each star less 0.1 less (4 stars 0.9, 0 stars 0.5). A skill offered but not rated counts as 4
	stars, the level at which a Skill Map suggests offering it; so a 5-star mentor outranks a 4-star
	one, and a rated mentor is never behind an unrated one of the same stars."""
	if stars_rated is None:
		stars_rated = STRENGTH
	return 0.5 + 0.1 * max(0, min(MAX_STARS, stars_rated))


def agreed(mentor: int | None, mentee: int | None, review: bool) -> tuple[int | None, bool]:
	"""The rating written into the mentee's Skill Map at the end, and whether a program manager must
	decide: the mentor's, unless the program asks for review and the mentee's own rating differs by
	more than one star. Nothing is agreed without the mentor's rating."""
	if mentor is None:
		return None, False
	if review and mentee is not None and abs(mentor - mentee) > 1:
		return None, True
	return mentor, False
