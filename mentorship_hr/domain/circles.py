"""Placing mentees into mentoring circles (docs/design.md §4b): each circle has a topic, one or two
mentors and free places; a mentee joins at most one circle of a program. Pure Python with numpy and
scipy; no frappe import.

A mentee's fit with a circle is their compatibility (domain/matching.py) with each of its mentors,
the mentor's skills read as the circle's topic, averaged over the mentors; every exclusion holds
against every mentor. A circle still being formed goes ahead only with its minimum of members:
the placement with the highest total fit in which every circle kept reaches its minimum.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from mentorship_hr.domain.matching import (
	MATCH_BONUS,
	Person,
	Rules,
	Weights,
	allowed_matrix,
	overlap,
	score_matrix,
)

# Circles still to be formed whose every choice to keep or drop is tried (2^8 placements at most);
# beyond that the circles short of their minimum are dropped until all that are left reach it.
EXACT_CIRCLES = 8
TOP_K = 60  # each mentee's best circles that are candidates; with fewer circles, all of them
NO_RULES, EVEN_WEIGHTS = Rules(), Weights()


@dataclass(frozen=True)
class Circle:
	name: str
	mentors: tuple[Person, ...]  # the lead first
	topic: frozenset[str]
	places: int  # free places
	members: int = 0  # members it has already
	min_members: int = 0  # members it needs to go ahead (0: it runs already)

	@property
	def short(self) -> int:
		"""Members still needed before it can go ahead (more than its places: it never can)."""
		return max(0, self.min_members - self.members)


@dataclass(frozen=True)
class Placement:
	circle: str
	mentee: str
	score: float
	reasons: tuple[str, ...]


def fit_matrix(
	circles: list[Circle], mentees: list[Person], rules: Rules = NO_RULES, weights: Weights = EVEN_WEIGHTS
) -> tuple[np.ndarray, np.ndarray]:
	"""Each (mentee, circle): the fit 0-100, and whether the mentee may join (every exclusion
	against every mentor, the program's minimum score against the fit)."""
	n, c = len(mentees), len(circles)
	scores, allowed = np.zeros((n, c)), np.ones((n, c), dtype=bool)
	if not n or not c:
		return scores, allowed
	# every mentor of every circle, their skills read as the topic, with a place so as never to be full
	as_topic = [replace(m, skills=circle.topic, capacity=1) for circle in circles for m in circle.mentors]
	owner = np.repeat(np.arange(c), [len(circle.mentors) for circle in circles])
	per_mentor = score_matrix(as_topic, mentees, weights)
	# the rules between people, once per person (someone may mentor two circles)
	people = list({m.employee: replace(m, skills=frozenset(), capacity=1) for m in as_topic}.values())
	column = {m.employee: k for k, m in enumerate(people)}
	hard = replace(rules, min_score=0.0, existing_pairs=frozenset(), require_skill_overlap=False)
	allowed_person = allowed_matrix(people, mentees, hard)
	for j, circle in enumerate(circles):
		columns = owner == j
		scores[:, j] = per_mentor[:, columns].mean(axis=1) if columns.any() else 0.0
		mentors = [column[m.employee] for m in circle.mentors]
		allowed[:, j] = allowed_person[:, mentors].all(axis=1) if mentors else False
	if rules.require_skill_overlap:
		topics = [Person(circle.name, skills=circle.topic) for circle in circles]
		seeks = np.array([bool(m.skills) for m in mentees])[:, None]
		allowed &= ~(seeks & (overlap(mentees, topics, "skills") == 0))
	if rules.min_score:
		allowed &= np.round(scores, 1) >= rules.min_score
	return scores, allowed


def place(
	circles: list[Circle],
	mentees: list[Person],
	rules: Rules = NO_RULES,
	weights: Weights = EVEN_WEIGHTS,
	*,
	exact_circles: int = EXACT_CIRCLES,
	top_k: int = TOP_K,
) -> tuple[list[Placement], list[str], list[str]]:
	"""The placements with the highest total fit; the mentees left out; and the circles being formed
	that could not reach their minimum (proposed with nobody)."""
	scores, allowed = fit_matrix(circles, mentees, rules, weights)
	edges = _candidate_edges(scores, allowed, top_k)
	# a circle short of more members than it has places never goes ahead
	never = {j for j, circle in enumerate(circles) if circle.short > circle.places}
	forming = [j for j, circle in enumerate(circles) if circle.short and j not in never]
	open_circles = set(range(len(circles))) - never
	if len(forming) <= exact_circles:
		placed, dropped = _best_of_every_choice(circles, scores, edges, forming, open_circles)
	else:
		placed, dropped = _drop_until_full(circles, scores, edges, open_circles)
	dropped = sorted(set(dropped) | never)
	placements = [
		Placement(
			circles[j].name,
			mentees[i].employee,
			round(float(scores[i, j]), 1),
			circle_reasons(circles[j], mentees[i]),
		)
		for i, j in placed
	]
	taken = {i for i, _j in placed}
	left = [m.employee for i, m in enumerate(mentees) if i not in taken]
	return placements, left, [circles[j].name for j in dropped]


def _candidate_edges(scores: np.ndarray, allowed: np.ndarray, top_k: int) -> tuple[np.ndarray, np.ndarray]:
	"""(mentee, circle) of each mentee's `top_k` best allowed circles."""
	n, c = scores.shape
	if not n or not c:
		return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
	masked = np.where(allowed, scores, -np.inf)
	k = min(top_k, c)
	best = np.argpartition(-masked, k - 1, axis=1)[:, :k] if k < c else np.broadcast_to(np.arange(c), (n, c))
	rows = np.repeat(np.arange(n), best.shape[1])
	columns = best.reshape(-1)
	keep = np.isfinite(masked[rows, columns])
	return rows[keep], columns[keep]


def _solve(circles: list[Circle], scores: np.ndarray, edges, open_circles: set[int]) -> list[tuple[int, int]]:
	"""The best placement into the open circles, filling every place a circle needs to reach its
	minimum first (each such place is worth more than any total of fits), then by fit."""
	n = scores.shape[0]
	if not n:
		return []
	rows, columns = edges
	keep = np.isin(columns, sorted(open_circles))
	rows, columns = rows[keep], columns[keep]
	places = np.array([c.places if j in open_circles else 0 for j, c in enumerate(circles)])
	needed = np.array([c.short if j in open_circles else 0 for j, c in enumerate(circles)])
	first = np.cumsum(places) - places  # each circle's first place; its first `needed` are the minimum
	copies = places[columns]
	edge = np.repeat(np.arange(len(rows)), copies)
	nth = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
	slot = first[columns[edge]] + nth
	must = 100.0 * (n + 1)  # more than any total of fits could gain by leaving a needed place empty
	gain = scores[rows[edge], columns[edge]] + MATCH_BONUS + np.where(nth < needed[columns[edge]], must, 0.0)
	total = int(places.sum())
	offset = (gain.max() if len(gain) else 0.0) + 1.0
	graph = csr_array(
		(
			np.concatenate([offset - gain, np.full(n, offset)]),  # each mentee may also stay out
			(np.concatenate([rows[edge], np.arange(n)]), np.concatenate([slot, total + np.arange(n)])),
		),
		shape=(n, total + n),
	)
	matched, taken = min_weight_full_bipartite_matching(graph)
	circle_of_slot = np.repeat(np.arange(len(circles)), places)
	return [(int(i), int(circle_of_slot[s])) for i, s in zip(matched, taken, strict=True) if s < total]


def _short_of_minimum(circles: list[Circle], placed: list[tuple[int, int]], open_circles) -> list[int]:
	joined = np.bincount([j for _i, j in placed], minlength=len(circles))
	return [j for j in sorted(open_circles) if joined[j] < circles[j].short]


def _total(scores: np.ndarray, placed) -> tuple[float, int]:
	return (round(sum(float(scores[i, j]) for i, j in placed), 9), len(placed))


def _best_of_every_choice(circles, scores, edges, forming, every) -> tuple[list, list[int]]:
	"""Every choice of which forming circles go ahead: the best total fit where each reaches its
	minimum (more circles kept on a tie)."""
	best, best_key, best_dropped = [], None, list(forming)
	for size in range(len(forming), -1, -1):
		for kept in itertools.combinations(forming, size):
			dropped = [j for j in forming if j not in kept]
			open_circles = every - set(dropped)
			placed = _solve(circles, scores, edges, open_circles)
			if _short_of_minimum(circles, placed, open_circles):
				continue
			key = _total(scores, placed)
			if best_key is None or key > best_key:
				best, best_key, best_dropped = placed, key, dropped
	return best, best_dropped


def _drop_until_full(circles, scores, edges, open_circles) -> tuple[list, list[int]]:
	"""Too many forming circles to try every choice: drop those short of their minimum, and place
	again, until every circle left reaches it."""
	open_circles, dropped = set(open_circles), []
	while True:
		placed = _solve(circles, scores, edges, open_circles)
		short = _short_of_minimum(circles, placed, open_circles)
		if not short:
			return placed, sorted(dropped)
		open_circles -= set(short)
		dropped += short


def circle_reasons(circle: Circle, mentee: Person) -> tuple[str, ...]:
	"""Why a mentee fits a circle, in words."""
	out = []
	if mentee.skills:
		hits = sorted(mentee.skills & circle.topic)
		line = f"topic covers {len(hits)} of {len(mentee.skills)} skills sought"
		out.append(f"{line}: {', '.join(hits)}" if hits else line)
	shared = sorted(mentee.interests & frozenset().union(*(m.interests for m in circle.mentors)))
	if shared:
		out.append(f"shares interests with the mentors: {', '.join(shared)}")
	departments = {m.department for m in circle.mentors if m.department}
	if mentee.department and departments and mentee.department not in departments:
		out.append("from another department than the mentors")
	return tuple(out)
