"""Compatibility, hard exclusions and globally optimal assignment of mentees to mentors
(docs/design.md §4). Pure Python with numpy and scipy; no frappe import."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from mentorship_hr.domain.exclusions import in_reporting_line, managers_up
from mentorship_hr.domain.skills import offer_weight

FORBIDDEN = -1e9  # an excluded pair: never worth taking
MATCH_BONUS = 1e-6  # breaks ties toward matching more mentees
# The dense solver is exact and takes 0.6 s at 4.5M cells (1,500 mentees, 750 mentors of capacity 2),
# 1.2 s at 8M and 7.5 s at 32M (4,000 x 2,000), growing as cells^1.3: pools up to 5M cells keep it,
# larger ones take the sparse path.
EXACT_UP_TO = 5_000_000
# Each mentee's candidates in the sparse path. Mentees compete for the same popular mentors, so k
# must reach far past the capacity: on the 10,000 x 5,000 benchmark pool (capacity 2) the gap to the
# exact optimum was 4.2% at k=10, 1.3% at 20, 0.20% at 50, 0.08% at 75, 0.05% at 100, 0.011% at 200,
# and the solver took 1.2, 1.3, 1.7, 2.0, 2.3 and 3.2 s. 100 keeps a tenfold margin under the 0.5%
# allowed, for bigger pools too, at 0.6 s more than 50.
TOP_K = 100
WORKERS = 2  # blocks of scores read at a time, one per core of the 2-core target
# scores are read 800 mentees x 5,000 mentors at a time: 32 MB per float64 array, which the allocator
# still reuses (a larger one is mapped and faulted in afresh every block)
BLOCK_CELLS = 4_000_000

# Seniority from the designation, when no explicit level is known: the highest keyword wins.
LEVEL_KEYWORDS = (
	(8, ("chief", "ceo", "cto", "cfo", "coo", "president", "founder")),
	(7, ("vice president", "vp", "svp", "evp")),
	(6, ("director", "head")),
	(5, ("manager",)),
	(4, ("lead", "principal", "architect", "staff")),
	(3, ("senior", "sr")),
	(1, ("junior", "jr", "associate", "assistant", "trainee")),
	(0, ("intern", "apprentice")),
)
DEFAULT_LEVEL = 2


# longest first, so that "vice president" is read before "president"
_KEYWORDS_LONGEST_FIRST = sorted(
	((level, keyword) for level, keywords in LEVEL_KEYWORDS for keyword in keywords),
	key=lambda pair: -len(pair[1]),
)


def level_from_designation(designation: str | None) -> int | None:
	"""A 0-8 seniority level read from a designation's words; None when there is no designation.
	The highest keyword wins; a keyword inside a longer one ("president" in "vice president") is
	not read again."""
	if not designation:
		return None
	words = " ".join(re.findall(r"[a-z]+", designation.lower()))
	found = []
	for level, keyword in _KEYWORDS_LONGEST_FIRST:
		pattern = rf"\b{re.escape(keyword)}\b"
		if re.search(pattern, words):
			found.append(level)
			words = re.sub(pattern, " ", words)
	return max(found, default=DEFAULT_LEVEL)


@dataclass(frozen=True)
class Person:
	employee: str
	name: str = ""
	department: str | None = None
	level: int | None = None
	skills: frozenset[str] = frozenset()  # offered by a mentor, sought by a mentee
	interests: frozenset[str] = frozenset()
	capacity: int = 0  # free places, mentors only
	# a mentor's Skill Map stars in skills they offer, as (skill, stars); unrated ones are left out
	ratings: tuple[tuple[str, int], ...] = ()

	def stars_in(self, skill: str) -> int | None:
		return dict(self.ratings).get(skill)


@dataclass(frozen=True)
class Weights:
	skills: float = 50
	interests: float = 20
	cross_department: float = 15
	seniority: float = 15
	# reverse mentoring: the seniority fit reads the mentee's level above the mentor's
	reverse: bool = False

	@property
	def total(self) -> float:
		return self.skills + self.interests + self.cross_department + self.seniority


@dataclass(frozen=True)
class Rules:
	reports_to: dict[str, str | None] = field(default_factory=dict)
	exclude_reporting_line: bool = True
	exclude_same_department: bool = False
	existing_pairs: frozenset[tuple[str, str]] = frozenset()  # (mentor, mentee) already paired
	# the program's floor on match quality
	require_skill_overlap: bool = False  # a mentee who seeks skills gets a mentor offering one
	min_score: float = 0.0
	# reverse mentoring: the mentor at least this many levels below the mentee (0: not reverse)
	reverse_gap: int = 0


@dataclass(frozen=True)
class Match:
	mentor: str
	mentee: str
	score: float
	reasons: tuple[str, ...]


def parse_interests(text: str | None) -> frozenset[str]:
	return frozenset(w.strip().lower() for w in re.split(r"[,;\n]", text or "") if w.strip())


def seniority_fit(gap: np.ndarray) -> np.ndarray:
	"""How good a mentor-minus-mentee level gap is: one or two levels up is ideal."""
	return np.select([gap <= -1, gap == 0, gap <= 2, gap == 3], [0.0, 0.3, 1.0, 0.6], default=0.3).astype(
		float
	)


def score_matrix(mentors: list[Person], mentees: list[Person], weights: Weights = Weights()) -> np.ndarray:
	"""Compatibility 0-100 for every (mentee, mentor): rows are mentees, columns mentors."""
	n, m = len(mentees), len(mentors)
	if not n or not m:
		return np.zeros((n, m))

	sought_count = np.array([len(p.skills) for p in mentees], dtype=float)[:, None]
	# each sought skill a mentor offers counts by the mentor's proficiency in it (domain/skills.py)
	# counted in tenths, whole numbers that a matrix product sums exactly in any order: a block of
	# mentees then gives the same bits as the whole pool (0.9 + 0.8 summed by BLAS need not)
	offered = overlap(
		mentees, mentors, "skills", lambda mentor, skill: round(offer_weight(mentor.stars_in(skill)) * 10)
	)
	offered /= 10
	skill_fit = np.divide(offered, sought_count, out=np.zeros((n, m)), where=sought_count > 0)

	interests = _incidence(mentees + mentors, "interests")
	a, b = interests[:n], interests[n:]
	smaller = np.minimum(a.sum(axis=1)[:, None], b.sum(axis=1)[None, :])
	interest_fit = np.divide(a @ b.T, smaller, out=np.zeros((n, m)), where=smaller > 0)

	cross = _by_pair(
		[p.department or "" for p in mentees],
		[p.department or "" for p in mentors],
		lambda mentee, mentor: (mentee != mentor) & (mentee != "") & (mentor != ""),
	)
	seniority = _by_pair(
		[p.level for p in mentees],
		[p.level for p in mentors],
		_reverse_seniority_of_levels if weights.reverse else _seniority_of_levels,
	)

	# in place, in the same order of operations as the plain sum: the same bits, without four
	# more n x m temporaries (32 MB each for a block of 800 x 5,000)
	total = skill_fit
	total *= weights.skills
	interest_fit *= weights.interests
	total += interest_fit
	cross *= weights.cross_department
	total += cross
	seniority *= weights.seniority
	total += seniority
	total *= 100 / (weights.total or 1)
	return total


def _seniority_of_levels(mentee_level: np.ndarray, mentor_level: np.ndarray) -> np.ndarray:
	"""Seniority fit of levels (None where unknown, which scores 0)."""
	gap = mentor_level.astype(float) - mentee_level.astype(float)  # None reads as nan
	return np.where(np.isnan(gap), 0.0, seniority_fit(np.nan_to_num(gap)))


def _reverse_seniority_of_levels(mentee_level: np.ndarray, mentor_level: np.ndarray) -> np.ndarray:
	"""Seniority fit in reverse mentoring: the mentee one or two levels above the mentor is ideal."""
	return _seniority_of_levels(mentor_level, mentee_level)


def reverse_fits(mentor: Person, mentee: Person, gap: int) -> bool:
	"""In reverse mentoring: both levels known and the mentor at least `gap` levels below."""
	return mentor.level is not None and mentee.level is not None and mentee.level - mentor.level >= gap


def reverse_levels(mentor: Person, mentee: Person) -> str:
	def level(person):
		return "unknown" if person.level is None else person.level

	return f"reverse: mentor level {level(mentor)}, mentee level {level(mentee)}"


def _by_pair(row_keys: list, column_keys: list, table) -> np.ndarray:
	"""`table(row key, column key)` for every (row, column), as floats. It is computed once per
	distinct pair of keys (a dozen departments, nine levels) and then looked up: comparing n x m
	Python objects costs seconds on a 10,000 x 5,000 pool."""
	row_distinct, column_distinct = list(dict.fromkeys(row_keys)), list(dict.fromkeys(column_keys))
	grid = np.asarray(
		table(
			np.array(row_distinct, dtype=object)[:, None], np.array(column_distinct, dtype=object)[None, :]
		),
		dtype=float,
	)
	row_index = {key: i for i, key in enumerate(row_distinct)}
	column_index = {key: j for j, key in enumerate(column_distinct)}
	rows = np.array([row_index[key] for key in row_keys], dtype=np.intp)
	columns = np.array([column_index[key] for key in column_keys], dtype=np.intp)
	return grid[rows][:, columns]  # two gathers along one axis each: several times faster than one 2-D


def exclusion(mentor: Person, mentee: Person, rules: Rules, score: float | None = None) -> str | None:
	"""Why this pair may not be made, or None. Give the pair's score to apply the minimum score."""
	if mentor.employee == mentee.employee:
		return "the same person"
	if rules.exclude_reporting_line and in_reporting_line(mentor.employee, mentee.employee, rules.reports_to):
		return "in the same reporting line"
	if (mentor.employee, mentee.employee) in rules.existing_pairs:
		return "already paired"
	if mentor.capacity < 1:
		return "mentor at capacity"
	if rules.exclude_same_department and mentor.department and mentor.department == mentee.department:
		return "same department"
	if rules.reverse_gap and not reverse_fits(mentor, mentee, rules.reverse_gap):
		return reverse_levels(mentor, mentee)
	if rules.require_skill_overlap and mentee.skills and not mentee.skills & mentor.skills:
		return "offers none of the skills sought"
	if score is not None and rules.min_score and round(score, 1) < rules.min_score:
		return f"match score below the program's minimum of {rules.min_score:g}"
	return None


def _incidence(people: list[Person], attr: str, weigh=None, weigh_from: int = 0) -> np.ndarray:
	"""One row per person, one column per distinct item of `attr` among them: 1 where they have it
	(or `weigh(person, item)` for the people from index `weigh_from` on)."""
	vocabulary = {item: i for i, item in enumerate(sorted({x for p in people for x in getattr(p, attr)}))}
	# 0/1 is exact in float32; weights such as 0.9 need float64 to keep the scores' bits
	matrix = np.zeros((len(people), len(vocabulary)), dtype=np.float64 if weigh else np.float32)
	for i, person in enumerate(people):
		for item in getattr(person, attr):
			matrix[i, vocabulary[item]] = weigh(person, item) if weigh and i >= weigh_from else 1
	return matrix


def overlap(rows: list[Person], columns: list[Person], attr: str, weigh_column=None) -> np.ndarray:
	"""How many items of `attr` each row person shares with each column person (each shared item
	counted as `weigh_column(column person, item)` when given)."""
	both = _incidence(rows + columns, attr, weigh_column, len(rows))
	return both[: len(rows)] @ both[len(rows) :].T


def allowed_matrix(
	mentors: list[Person], mentees: list[Person], rules: Rules, scores: np.ndarray | None = None
) -> np.ndarray:
	"""`exclusion(...) is None` for every (mentee, mentor), built in O(mentors + mentees).
	Pass the score matrix to apply the program's minimum score too."""
	allowed = np.ones((len(mentees), len(mentors)), dtype=bool)
	col = {p.employee: j for j, p in enumerate(mentors)}
	row = {p.employee: i for i, p in enumerate(mentees)}
	allowed[:, [j for j, p in enumerate(mentors) if p.capacity < 1]] = False
	for i, mentee in enumerate(mentees):
		if mentee.employee in col:
			allowed[i, col[mentee.employee]] = False
	if rules.exclude_reporting_line:
		_exclude_reporting_lines(allowed, mentors, mentees, rules.reports_to, row, col)
	for mentor, mentee in rules.existing_pairs:
		if mentor in col and mentee in row:
			allowed[row[mentee], col[mentor]] = False
	if rules.exclude_same_department:
		mentee_dept = np.array([p.department or "" for p in mentees], dtype=object)[:, None]
		mentor_dept = np.array([p.department or "" for p in mentors], dtype=object)[None, :]
		allowed &= ~((mentee_dept == mentor_dept) & (mentor_dept != ""))
	if rules.reverse_gap:
		allowed &= _reverse_allowed(mentors, mentees, rules.reverse_gap)
	if rules.require_skill_overlap and mentees and mentors:
		seeks = np.array([bool(p.skills) for p in mentees])[:, None]
		allowed &= ~(seeks & (overlap(mentees, mentors, "skills") == 0))
	if scores is not None and rules.min_score:
		allowed &= np.round(scores, 1) >= rules.min_score
	return allowed


def _exclude_reporting_lines(allowed, mentors, mentees, reports_to, row, col):
	"""Clear each (mentee, mentor) where one manages the other, up to two levels."""
	for i, mentee in enumerate(mentees):
		for manager in managers_up(mentee.employee, reports_to):
			if manager in col:
				allowed[i, col[manager]] = False
	for j, mentor in enumerate(mentors):
		for manager in managers_up(mentor.employee, reports_to):
			if manager in row:
				allowed[row[manager], j] = False


def _reverse_allowed(mentors: list[Person], mentees: list[Person], gap: int) -> np.ndarray:
	"""Each (mentee, mentor) where the mentor is at least `gap` levels below (unknown: never)."""
	mentee_level = np.array([np.nan if p.level is None else p.level for p in mentees])[:, None]
	mentor_level = np.array([np.nan if p.level is None else p.level for p in mentors])[None, :]
	with np.errstate(invalid="ignore"):
		return (mentee_level - mentor_level) >= gap


def reasons(mentor: Person, mentee: Person, reverse: bool = False) -> tuple[str, ...]:
	"""Human-readable reasons behind a pair's score."""
	out = []
	if mentee.skills:
		hits = sorted(mentee.skills & mentor.skills)
		line = f"offers {len(hits)} of {len(mentee.skills)} skills sought"
		out.append(f"{line}: {', '.join(hits)}" if hits else line)
		rated = [(mentor.stars_in(s), s) for s in hits if mentor.stars_in(s) is not None]
		if rated:
			stars, skill = max(rated, key=lambda r: r[0])  # the first of the best, in name order
			out.append(f"rated {stars}/5 in {skill}")
	shared = sorted(mentee.interests & mentor.interests)
	if shared:
		out.append(f"shares interests: {', '.join(shared)}")
	if mentor.department and mentee.department and mentor.department != mentee.department:
		out.append("different department")
	elif mentor.department and mentor.department == mentee.department:
		out.append("same department")
	if reverse:
		out.append(reverse_levels(mentor, mentee))
	elif mentor.level is not None and mentee.level is not None:
		gap = mentor.level - mentee.level
		if gap > 0:
			out.append(f"mentor is {gap} level{'s' if gap > 1 else ''} senior")
		elif gap == 0:
			out.append("same seniority")
		else:
			out.append("mentor is junior to the mentee")
	return tuple(out)


def compatibility(
	mentor: Person, mentee: Person, weights: Weights = Weights()
) -> tuple[float, tuple[str, ...]]:
	score = round(float(score_matrix([mentor], [mentee], weights)[0, 0]), 1)
	return score, reasons(mentor, mentee, weights.reverse)


def assign(
	mentors: list[Person],
	mentees: list[Person],
	rules: Rules = Rules(),
	weights: Weights = Weights(),
	*,
	exact_up_to: int = EXACT_UP_TO,
	top_k: int = TOP_K,
) -> tuple[list[Match], list[str]]:
	"""The assignment with the highest total compatibility within each mentor's free capacity.

	Returns the matches and the mentees left unmatched. A pool whose dense cost matrix
	(mentees x (places + mentees)) has at most `exact_up_to` cells is solved exactly; a larger one
	on each mentee's `top_k` allowed mentors, within 0.5% of the optimum (tests/test_matching.py).
	"""
	places = sum(max(0, mentor.capacity) for mentor in mentors)
	if not places or not mentees:
		return [], [m.employee for m in mentees]
	if len(mentees) * (places + len(mentees)) <= exact_up_to:
		pairs = _dense_assignment(mentors, mentees, rules, weights)
	else:
		pairs = _sparse_assignment(mentors, mentees, rules, weights, top_k)
	matches = [
		Match(
			mentors[j].employee,
			mentees[i].employee,
			round(float(score), 1),
			reasons(mentors[j], mentees[i], weights.reverse),
		)
		for i, j, score in pairs
	]
	matched = {i for i, _j, _score in pairs}
	return matches, [m.employee for i, m in enumerate(mentees) if i not in matched]


def _dense_assignment(
	mentors: list[Person], mentees: list[Person], rules: Rules, weights: Weights
) -> list[tuple[int, int, float]]:
	"""(mentee index, mentor index, score) of the optimal assignment, on the full cost matrix."""
	scores = score_matrix(mentors, mentees, weights)
	allowed = allowed_matrix(mentors, mentees, rules, scores)
	slots = [j for j, mentor in enumerate(mentors) for _slot in range(max(0, mentor.capacity))]
	n = len(mentees)
	# one "no mentor" column per mentee, so that staying unmatched is always a choice
	unmatched_columns = np.full((n, n), FORBIDDEN)
	np.fill_diagonal(unmatched_columns, 0.0)
	expanded = np.hstack(
		[np.where(allowed[:, slots], scores[:, slots] + MATCH_BONUS, FORBIDDEN), unmatched_columns]
	)
	rows, cols = linear_sum_assignment(expanded, maximize=True)
	return [
		(int(i), slots[c], float(scores[i, slots[c]]))
		for i, c in zip(rows, cols, strict=True)
		if c < len(slots) and expanded[i, c] != FORBIDDEN
	]


def top_candidates(
	mentors: list[Person],
	mentees: list[Person],
	rules: Rules,
	weights: Weights,
	top_k: int,
	block_cells: int = BLOCK_CELLS,
) -> tuple[np.ndarray, np.ndarray]:
	"""Each mentee's `top_k` allowed mentors by score: mentor indexes and their scores, two
	mentees x k arrays with -inf scores where a mentee has fewer allowed mentors. The scores are
	read in blocks of mentees, so the full matrix (400 MB for 10,000 x 5,000) is never held."""
	n, m = len(mentees), len(mentors)
	k = max(1, min(top_k, m))
	columns = np.zeros((n, k), dtype=np.intp)
	values = np.full((n, k), -np.inf)
	block = max(1, block_cells // m)
	# many mentors tie on a score (a row holds some 70 distinct ones): ties broken at random, but the
	# same way every run, spread the mentees' candidates over them, where "first mentor first" would
	# crowd them onto the same few (gap at k=50: 0.30% against 0.21%); and the selection runs twice
	# as fast without ties. 1e-9 is far below any score difference that matters.
	tie_break = np.random.default_rng(0).random((min(block, n), m)) * 1e-9 if k < m else None

	def read_block(start: int) -> None:
		part = mentees[start : start + block]
		# float64, as in the dense path: float32 could round a score across the minimum score's 0.1
		scores = score_matrix(mentors, part, weights)
		np.copyto(scores, -np.inf, where=~allowed_matrix(mentors, part, rules, scores))
		if k < m:
			best = np.argpartition(scores + tie_break[: len(part)], m - k, axis=1)[:, m - k :]
		else:
			best = np.broadcast_to(np.arange(m), scores.shape)
		columns[start : start + len(part)] = best
		values[start : start + len(part)] = np.take_along_axis(scores, best, axis=1)

	# numpy lets go of the GIL in its loops: two blocks at a time keep two cores busy
	with ThreadPoolExecutor(max_workers=WORKERS) as workers:
		list(workers.map(read_block, range(0, n, block)))
	return columns, values


def _sparse_assignment(
	mentors: list[Person], mentees: list[Person], rules: Rules, weights: Weights, top_k: int
) -> list[tuple[int, int, float]]:
	"""(mentee index, mentor index, score) of the optimal assignment among each mentee's `top_k`
	allowed mentors, by SciPy's sparse assignment (LAPJVsp)."""
	columns, values = top_candidates(mentors, mentees, rules, weights, top_k)
	rows, ranks = np.nonzero(np.isfinite(values))  # an excluded pair is no edge at all
	mentor_of, gain = columns[rows, ranks], values[rows, ranks] + MATCH_BONUS

	# one column per mentor's place, as in the dense path: an edge per candidate and place
	capacity = np.array([max(0, mentor.capacity) for mentor in mentors])
	copies = capacity[mentor_of]
	edge = np.repeat(np.arange(len(rows)), copies)
	nth_copy = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
	place = (np.cumsum(capacity) - capacity)[mentor_of[edge]] + nth_copy

	# the solver minimises, needs a full matching and drops zero weights: each mentee also has
	# its own "no mentor" column, and costs are offset so that every one is at least 1
	n, places = len(mentees), int(capacity.sum())
	offset = (gain.max() if len(gain) else 0.0) + 1.0
	graph = csr_array(
		(
			np.concatenate([offset - gain[edge], np.full(n, offset)]),
			(np.concatenate([rows[edge], np.arange(n)]), np.concatenate([place, places + np.arange(n)])),
		),
		shape=(n, places + n),
	)
	mentees_matched, columns_taken = min_weight_full_bipartite_matching(graph)
	to_place = columns_taken < places
	mentee_index = mentees_matched[to_place]
	mentor_index = np.repeat(np.arange(len(mentors)), capacity)[columns_taken[to_place]]
	scores = values[mentee_index][columns[mentee_index] == mentor_index[:, None]]
	return list(zip(mentee_index.tolist(), mentor_index.tolist(), scores.tolist(), strict=True))


def waitlist_reason(mentee: Person, mentors: list[Person], rules: Rules, weights: Weights = Weights()) -> str:
	"""Why a mentee was left unmatched, in words a program manager can act on."""
	scores = score_matrix(mentors, [mentee], weights)[0] if mentors else []
	hard = Rules(**{**rules.__dict__, "require_skill_overlap": False, "min_score": 0.0})
	possible = [j for j, mentor in enumerate(mentors) if exclusion(mentor, mentee, hard) is None]
	if not possible:
		if rules.reverse_gap and any(
			exclusion(m, mentee, replace(hard, reverse_gap=0)) is None for m in mentors
		):
			return f"no mentor with a free place is {rules.reverse_gap} or more levels junior (reverse mentoring)"
		return "no allowed mentor with a free place"
	if (
		rules.require_skill_overlap
		and mentee.skills
		and not any(mentee.skills & mentors[j].skills for j in possible)
	):
		return "no mentor with a free place offers a skill sought"
	if all(exclusion(mentors[j], mentee, rules, scores[j]) for j in possible):
		return f"no mentor with a free place reaches the minimum match score of {rules.min_score:g}"
	return "the mentors who fit were matched with other mentees"


def suggestions(
	mentee: Person,
	mentors: list[Person],
	rules: Rules = Rules(),
	weights: Weights = Weights(),
	limit: int = 5,
) -> list[Match]:
	"""The mentee's best allowed mentors, best first."""
	scores = score_matrix(mentors, [mentee], weights)[0] if mentors else []
	ranked = sorted(
		(j for j, mentor in enumerate(mentors) if exclusion(mentor, mentee, rules, scores[j]) is None),
		key=lambda j: (-scores[j], mentors[j].employee),
	)
	return [
		Match(
			mentors[j].employee,
			mentee.employee,
			round(float(scores[j]), 1),
			reasons(mentors[j], mentee, weights.reverse),
		)
		for j in ranked[:limit]
	]
