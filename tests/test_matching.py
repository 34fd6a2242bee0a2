import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship_hr.domain.matching import (
	LEVEL_KEYWORDS,
	TOP_K,
	Person,
	Rules,
	Weights,
	allowed_matrix,
	assign,
	compatibility,
	exclusion,
	level_from_designation,
	parse_interests,
	reasons,
	score_matrix,
	suggestions,
	top_candidates,
	waitlist_reason,
)
from mentorship_hr.domain.skills import offer_weight

SKILLS = ["negotiation", "delegation", "empathy", "confidence", "communication"]


def mentor(name, capacity=1, **kw):
	return Person(employee=name, capacity=capacity, **kw)


def mentee(name, **kw):
	return Person(employee=name, **kw)


def test_a_forbidden_pair_never_costs_a_better_match():
	# found by hypothesis: the only place for "b" is forbidden, so "a" must get "m" (score 15 > 14.5)
	m = mentor("m", level=4, interests=frozenset({"chess", "golf"}))
	a = mentee("a", level=2)
	b = mentee("b", level=0, interests=frozenset({"art", "chess"}))
	matches, unmatched = assign([m, mentor("b")], [a, b])
	assert [(x.mentor, x.mentee, x.score) for x in matches] == [("m", "a", 15.0)]
	assert unmatched == ["b"]


class TestExclusions:
	def test_same_person(self):
		assert exclusion(mentor("a"), mentee("a"), Rules()) == "the same person"

	def test_reporting_line_both_ways_up_to_two_levels(self):
		rules = Rules(reports_to={"dev": "lead", "lead": "vp", "vp": "ceo"})
		assert exclusion(mentor("lead"), mentee("dev"), rules) == "in the same reporting line"
		assert exclusion(mentor("dev"), mentee("lead"), rules) == "in the same reporting line"
		assert exclusion(mentor("vp"), mentee("dev"), rules) == "in the same reporting line"
		assert exclusion(mentor("ceo"), mentee("dev"), rules) is None
		relaxed = Rules(reports_to=rules.reports_to, exclude_reporting_line=False)
		assert exclusion(mentor("lead"), mentee("dev"), relaxed) is None

	def test_existing_pair(self):
		assert (
			exclusion(mentor("a"), mentee("b"), Rules(existing_pairs=frozenset({("a", "b")})))
			== "already paired"
		)

	def test_capacity(self):
		assert exclusion(mentor("a", capacity=0), mentee("b"), Rules()) == "mentor at capacity"

	def test_same_department_only_when_the_program_forbids_it(self):
		a, b = mentor("a", department="Sales"), mentee("b", department="Sales")
		assert exclusion(a, b, Rules()) is None
		assert exclusion(a, b, Rules(exclude_same_department=True)) == "same department"

	def test_excluded_pairs_are_never_assigned(self):
		rules = Rules(reports_to={"b": "a"})
		matches, unmatched = assign([mentor("a", capacity=3)], [mentee("b"), mentee("a"), mentee("c")], rules)
		assert [(m.mentor, m.mentee) for m in matches] == [("a", "c")]
		assert unmatched == ["b", "a"]


OPS_MENTEE = mentee(
	"b",
	department="Ops",
	level=3,
	skills=frozenset({"negotiation", "delegation", "confidence"}),
	interests=frozenset({"chess"}),
)


class TestScores:
	def test_reasons_name_the_data(self):
		m = mentor(
			"a",
			department="Sales",
			level=5,
			skills=frozenset({"negotiation", "delegation", "empathy"}),
			interests=frozenset({"chess", "running"}),
		)
		e = OPS_MENTEE
		assert reasons(m, e) == (
			"offers 2 of 3 skills sought: delegation, negotiation",
			"shares interests: chess",
			"different department",
			"mentor is 2 levels senior",
		)

	def test_compatibility_by_hand(self):
		m = mentor(
			"a",
			department="Sales",
			level=5,
			skills=frozenset({"negotiation", "delegation"}),
			interests=frozenset({"chess", "golf"}),
		)
		e = OPS_MENTEE
		# skills 2/3 offered, unrated (counted as 4 stars: 0.9 each), interests 1/min(1, 2) = 1,
		# cross-department 1, seniority gap 2 -> 1
		score, _ = compatibility(m, e)
		assert score == round((50 * 2 * 0.9 / 3 + 20 * 1 + 15 * 1 + 15 * 1) / 100 * 100, 1)

	def test_a_mentor_rated_higher_in_a_sought_skill_scores_higher_and_says_so(self):
		five = mentor("five", skills=frozenset({"negotiation"}), ratings=(("negotiation", 5),))
		four = mentor("four", skills=frozenset({"negotiation"}), ratings=(("negotiation", 4),))
		unrated = mentor("unrated", skills=frozenset({"negotiation"}))
		e = mentee("e", skills=frozenset({"negotiation"}))
		scores = {m.employee: compatibility(m, e) for m in (five, four, unrated)}
		assert scores["five"][0] > scores["four"][0] == scores["unrated"][0]
		assert "rated 5/5 in negotiation" in scores["five"][1]
		assert not any("rated" in r for r in scores["unrated"][1])
		matches, _ = assign([four, five], [e])
		assert [(x.mentor, x.mentee) for x in matches] == [("five", "e")]

	def test_weights_are_configurable(self):
		m, e = mentor("a", department="Sales"), mentee("b", department="Ops")
		assert compatibility(m, e, Weights(skills=0, interests=0, cross_department=1, seniority=0))[0] == 100
		assert compatibility(m, e, Weights(skills=1, interests=0, cross_department=0, seniority=0))[0] == 0

	def test_a_program_can_require_a_sought_skill_and_a_minimum_score(self):
		e = mentee("e", skills=frozenset({"negotiation"}))
		none, some = (
			mentor("none", skills=frozenset({"empathy"})),
			mentor("some", skills=frozenset({"negotiation"})),
		)
		strict = Rules(require_skill_overlap=True)
		assert exclusion(none, e, strict) == "offers none of the skills sought"
		assert exclusion(some, e, strict) is None
		assert exclusion(none, mentee("x"), strict) is None  # seeks nothing: any mentor will do
		assert (
			exclusion(some, e, Rules(min_score=60), 59.94) == "match score below the program's minimum of 60"
		)
		assert exclusion(some, e, Rules(min_score=60), 59.96) is None  # scores are shown to 0.1

	def test_below_the_floor_a_mentee_waits_with_the_reason(self):
		e = mentee("e", skills=frozenset({"negotiation"}))
		none = mentor("none", skills=frozenset({"empathy"}), capacity=1)
		matches, unmatched = assign([none], [e], Rules(require_skill_overlap=True))
		assert (matches, unmatched) == ([], ["e"])
		assert waitlist_reason(e, [none], Rules(require_skill_overlap=True)) == (
			"no mentor with a free place offers a skill sought"
		)
		assert waitlist_reason(e, [none], Rules(min_score=90)) == (
			"no mentor with a free place reaches the minimum match score of 90"
		)
		assert (
			waitlist_reason(e, [mentor("full", capacity=0)], Rules()) == "no allowed mentor with a free place"
		)
		assert waitlist_reason(e, [none], Rules()) == "the mentors who fit were matched with other mentees"

	def test_levels_from_designation(self):
		assert level_from_designation("Senior Software Engineer") == 3
		assert level_from_designation("Engineering Manager") == 5
		assert level_from_designation("VP Sales") == 7
		assert level_from_designation("Intern") == 0
		assert level_from_designation("Accountant") == 2
		assert level_from_designation(None) is None

	@pytest.mark.parametrize(
		("level", "keyword"), [(level, k) for level, keywords in LEVEL_KEYWORDS for k in keywords]
	)
	def test_every_keyword_reads_as_its_level(self, level, keyword):
		assert level_from_designation(keyword.title()) == level
		assert level_from_designation(f"Regional {keyword.upper()} of Operations") == level

	def test_a_keyword_inside_a_longer_one_is_not_read_again(self):
		assert level_from_designation("Vice President") == 7
		assert level_from_designation("Senior Vice President, Sales") == 7
		assert level_from_designation("President") == 8
		assert level_from_designation("Assistant Manager") == 5  # the highest keyword wins
		assert level_from_designation("Head of Junior Programs") == 6

	def test_interests_are_parsed_case_insensitively(self):
		assert parse_interests("Chess, public speaking;\nRunning ") == {"chess", "public speaking", "running"}

	def test_suggestions_rank_best_first_and_skip_excluded(self):
		e = mentee("e", skills=frozenset({"negotiation"}))
		good = mentor("good", skills=frozenset({"negotiation"}))
		poor = mentor("poor")
		full = mentor("full", capacity=0, skills=frozenset({"negotiation"}))
		assert [s.mentor for s in suggestions(e, [poor, full, good])] == ["good", "poor"]


class TestReverseMentoring:
	def test_the_mentor_must_be_junior_by_the_programs_gap_and_the_reason_says_so(self):
		junior, senior = mentor("jr", level=3), mentee("vp", level=7)
		assert exclusion(junior, senior, Rules(reverse_gap=2)) is None
		assert exclusion(junior, senior, Rules(reverse_gap=5)) == "reverse: mentor level 3, mentee level 7"
		# the usual direction is refused, and an unknown level never fits
		assert exclusion(mentor("vp", level=7), mentee("jr", level=3), Rules(reverse_gap=1)) == (
			"reverse: mentor level 7, mentee level 3"
		)
		assert exclusion(mentor("x"), senior, Rules(reverse_gap=1)) == (
			"reverse: mentor level unknown, mentee level 7"
		)
		_score, why = compatibility(junior, senior, Weights(reverse=True))
		assert "reverse: mentor level 3, mentee level 7" in why
		assert not any(w.startswith("mentor is") for w in why)

	def test_the_seniority_fit_is_read_the_other_way(self):
		senior = mentee("vp", level=5)
		seniority_only = Weights(skills=0, interests=0, cross_department=0, seniority=1, reverse=True)
		# two levels junior is the ideal reverse gap; five levels junior still fits, less well
		assert compatibility(mentor("a", level=3), senior, seniority_only)[0] == 100.0
		assert compatibility(mentor("b", level=0), senior, seniority_only)[0] == 30.0
		rules = Rules(reverse_gap=1)
		matches, unmatched = assign(
			[mentor("a", level=3), mentor("c", level=6)], [senior], rules, seniority_only
		)
		assert [(m.mentor, m.mentee) for m in matches] == [("a", "vp")] and unmatched == []

	def test_a_mentee_with_no_junior_enough_mentor_waits_with_the_reason(self):
		rules = Rules(reverse_gap=3)
		reason = waitlist_reason(mentee("e", level=4), [mentor("a", level=2)], rules)
		assert reason == "no mentor with a free place is 3 or more levels junior (reverse mentoring)"


people = st.builds(
	lambda i, dept, level, skills, interests, cap: (
		i,
		dept,
		level,
		frozenset(skills),
		frozenset(interests),
		cap,
	),
	st.integers(0, 6),
	st.sampled_from([None, "Sales", "Ops"]),
	st.one_of(st.none(), st.integers(0, 8)),
	st.sets(st.sampled_from(SKILLS), max_size=3),
	st.sets(st.sampled_from(["chess", "golf", "art"]), max_size=2),
	st.integers(0, 2),
)


def rated(i, skills):
	"""Skill Map stars for some of a mentor's skills (0 to 5), the others unrated."""
	return tuple((s, (i + n) % 6) for n, s in enumerate(sorted(skills)) if (i + n) % 3)


def build(mentor_rows, mentee_rows):
	mentors = [
		Person(f"p{i}", "", d, lv, sk, it, cap, ratings=rated(i, sk))
		for k, (i, d, lv, sk, it, cap) in enumerate(mentor_rows)
	]
	mentees = [Person(f"p{i}", "", d, lv, sk, it) for k, (i, d, lv, sk, it, _c) in enumerate(mentee_rows)]
	# distinct people within each side
	mentors = list({p.employee: p for p in mentors}.values())
	mentees = list({p.employee: p for p in mentees}.values())
	return mentors, mentees


rules_st = st.builds(
	Rules,
	reports_to=st.dictionaries(
		st.sampled_from([f"p{i}" for i in range(7)]), st.sampled_from([f"p{i}" for i in range(7)]), max_size=5
	),
	exclude_reporting_line=st.booleans(),
	exclude_same_department=st.booleans(),
	existing_pairs=st.frozensets(
		st.tuples(st.sampled_from([f"p{i}" for i in range(7)]), st.sampled_from([f"p{i}" for i in range(7)])),
		max_size=3,
	),
	require_skill_overlap=st.booleans(),
	min_score=st.sampled_from([0.0, 20.0, 45.5, 70.0]),
	reverse_gap=st.sampled_from([0, 0, 1, 3]),
)


def brute_force_best(mentors, mentees, allowed, scores):
	best = 0.0
	options = [None, *range(len(mentors))]
	for choice in itertools.product(options, repeat=len(mentees)):
		load = [0] * len(mentors)
		total, ok = 0.0, True
		for i, j in enumerate(choice):
			if j is None:
				continue
			load[j] += 1
			if not allowed[i, j] or load[j] > mentors[j].capacity:
				ok = False
				break
			total += scores[i, j]
		if ok:
			best = max(best, total)
	return best


@settings(max_examples=400, deadline=None)
@given(st.lists(people, max_size=3), st.lists(people, max_size=5), rules_st)
def test_assignment_is_optimal_and_within_capacity(mentor_rows, mentee_rows, rules):
	mentors, mentees = build(mentor_rows, mentee_rows)
	matches, unmatched = assign(mentors, mentees, rules)
	scores = score_matrix(mentors, mentees)
	allowed = (
		allowed_matrix(mentors, mentees, rules, score_matrix(mentors, mentees))
		if mentors and mentees
		else np.zeros((len(mentees), len(mentors)), bool)
	)
	col = {p.employee: j for j, p in enumerate(mentors)}
	row = {p.employee: i for i, p in enumerate(mentees)}

	load = {}
	for m in matches:
		load[m.mentor] = load.get(m.mentor, 0) + 1
		assert allowed[row[m.mentee], col[m.mentor]]
	assert all(load[p.employee] <= p.capacity for p in mentors if p.employee in load)
	assert sorted([m.mentee for m in matches] + unmatched) == sorted(p.employee for p in mentees)

	total = sum(scores[row[m.mentee], col[m.mentor]] for m in matches)
	assert total == pytest.approx(brute_force_best(mentors, mentees, allowed, scores), abs=1e-4)


@settings(max_examples=150, deadline=None)
@given(st.lists(people, max_size=4), st.lists(people, max_size=5), rules_st)
def test_allowed_matrix_agrees_with_each_exclusion(mentor_rows, mentee_rows, rules):
	mentors, mentees = build(mentor_rows, mentee_rows)
	scores = score_matrix(mentors, mentees)
	allowed = allowed_matrix(mentors, mentees, rules, scores)
	for i, e in enumerate(mentees):
		for j, m in enumerate(mentors):
			assert allowed[i, j] == (exclusion(m, e, rules, scores[i, j]) is None)


@settings(max_examples=100, deadline=None)
@given(st.lists(people, min_size=1, max_size=4), st.lists(people, min_size=1, max_size=4))
def test_scores_stay_in_range_and_reasons_count_the_skills(mentor_rows, mentee_rows):
	mentors, mentees = build(mentor_rows, mentee_rows)
	scores = score_matrix(mentors, mentees)
	assert ((scores >= 0) & (scores <= 100 + 1e-9)).all()
	for i, e in enumerate(mentees):
		for j, m in enumerate(mentors):
			score, why = compatibility(m, e)
			assert score == round(float(scores[i, j]), 1)
			if e.skills:
				assert why[0].startswith(
					f"offers {len(e.skills & m.skills)} of {len(e.skills)} skills sought"
				)


def reference_score(mentor, mentee, weights):
	"""The compatibility formula for one pair, written out plainly."""
	offered = sum(offer_weight(mentor.stars_in(s)) for s in mentee.skills & mentor.skills)
	skill = offered / len(mentee.skills) if mentee.skills else 0.0
	smaller = min(len(mentee.interests), len(mentor.interests))
	interest = len(mentee.interests & mentor.interests) / smaller if smaller else 0.0
	cross = float(bool(mentee.department and mentor.department and mentee.department != mentor.department))
	seniority = 0.0
	if mentee.level is not None and mentor.level is not None:
		gap = mentor.level - mentee.level
		if weights.reverse:  # the mentee above the mentor, read as the mentor above the mentee
			gap = -gap
		seniority = 0.0 if gap <= -1 else 0.3 if gap == 0 else 1.0 if gap <= 2 else 0.6 if gap == 3 else 0.3
	weighted = (
		weights.skills * skill
		+ weights.interests * interest
		+ weights.cross_department * cross
		+ weights.seniority * seniority
	)
	return weighted * 100 / (weights.total or 1)


@settings(max_examples=100, deadline=None)
@given(
	st.lists(people, min_size=1, max_size=5),
	st.lists(people, min_size=1, max_size=5),
	st.builds(Weights, *[st.sampled_from([0, 1, 2.5, 15, 50])] * 4, st.booleans()),
)
def test_score_matrix_agrees_with_the_formula_pair_by_pair(mentor_rows, mentee_rows, weights):
	mentors, mentees = build(mentor_rows, mentee_rows)
	scores = score_matrix(mentors, mentees, weights)
	for i, e in enumerate(mentees):
		for j, m in enumerate(mentors):
			assert scores[i, j] == pytest.approx(reference_score(m, e, weights), abs=1e-9)


def checked_total(mentors, mentees, rules, result):
	"""The assignment's total score, once it is checked to keep every exclusion and capacity."""
	matches, unmatched = result
	scores = score_matrix(mentors, mentees)
	allowed = allowed_matrix(mentors, mentees, rules, scores)
	col = {p.employee: j for j, p in enumerate(mentors)}
	row = {p.employee: i for i, p in enumerate(mentees)}
	load = {}
	for m in matches:
		load[m.mentor] = load.get(m.mentor, 0) + 1
		assert allowed[row[m.mentee], col[m.mentor]], (m.mentor, m.mentee)
		assert m.score == round(float(scores[row[m.mentee], col[m.mentor]]), 1)
	assert all(load[p.employee] <= p.capacity for p in mentors if p.employee in load)
	assert sorted([m.mentee for m in matches] + unmatched) == sorted(p.employee for p in mentees)
	return sum(scores[row[m.mentee], col[m.mentor]] for m in matches)


@settings(max_examples=300, deadline=None)
@given(st.lists(people, max_size=7), st.lists(people, max_size=7), rules_st, st.integers(0, 3))
def test_the_sparse_path_is_exact_when_every_mentor_is_a_candidate(mentor_rows, mentee_rows, rules, extra):
	mentors, mentees = build(mentor_rows, mentee_rows)
	exact = checked_total(mentors, mentees, rules, assign(mentors, mentees, rules))
	sparse = assign(mentors, mentees, rules, exact_up_to=0, top_k=len(mentors) + extra)
	assert checked_total(mentors, mentees, rules, sparse) == pytest.approx(exact, abs=1e-4)


SEEDED_SKILLS = [f"skill-{i}" for i in range(40)]
SEEDED_INTERESTS = [f"interest-{i}" for i in range(30)]


def seeded_pool(seed):
	"""A pool of 120-250 mentors, more than TOP_K, and up to three times as many mentees, with a
	reporting tree, existing pairs and the program's floor drawn at random."""
	rng = random.Random(seed)
	n_mentors, capacity = rng.randint(120, 250), rng.randint(1, 3)
	employees = [f"E{i}" for i in range(n_mentors + rng.randint(n_mentors, 3 * n_mentors))]

	def person(employee, skills, capacity=0):
		return Person(
			employee,
			department=rng.choice([None, *(f"Department {i}" for i in range(12))]),
			level=rng.choice([None, *range(9)]),
			skills=frozenset(rng.sample(SEEDED_SKILLS, skills)),
			interests=frozenset(rng.sample(SEEDED_INTERESTS, rng.randint(0, 4))),
			capacity=capacity,
		)

	mentors = [
		person(e, rng.randint(2, 6), rng.choice([capacity, capacity, 0])) for e in employees[:n_mentors]
	]
	mentees = [person(e, rng.randint(0, 4)) for e in employees[n_mentors:]]
	rules = Rules(
		reports_to={e: employees[rng.randrange(i)] if i else None for i, e in enumerate(employees)},
		exclude_same_department=rng.random() < 0.3,
		existing_pairs=frozenset(
			(rng.choice(mentors).employee, rng.choice(mentees).employee) for _ in range(50)
		),
		require_skill_overlap=rng.random() < 0.3,
		min_score=rng.choice([0.0, 0.0, 40.0]),
	)
	return mentors, mentees, rules


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([TOP_K, 40]))
def test_the_sparse_path_is_within_half_a_percent_of_the_optimum(seed, top_k):
	mentors, mentees, rules = seeded_pool(seed)
	assert top_k < len(mentors)  # each mentee's candidates are cut short
	exact = checked_total(mentors, mentees, rules, assign(mentors, mentees, rules))
	sparse = checked_total(
		mentors, mentees, rules, assign(mentors, mentees, rules, exact_up_to=0, top_k=top_k)
	)
	assert sparse <= exact + 1e-6
	assert sparse >= exact * (1 - 0.005)


@settings(max_examples=100, deadline=None)
@given(
	st.lists(people, min_size=1, max_size=7),
	st.lists(people, min_size=1, max_size=7),
	rules_st,
	st.integers(1, 8),
	st.integers(1, 30),
)
def test_top_candidates_are_the_best_allowed_scores_read_in_blocks(
	mentor_rows, mentee_rows, rules, top_k, block_cells
):
	mentors, mentees = build(mentor_rows, mentee_rows)
	scores = score_matrix(mentors, mentees)
	allowed = allowed_matrix(mentors, mentees, rules, scores)
	columns, values = top_candidates(mentors, mentees, rules, Weights(), top_k, block_cells)
	for i in range(len(mentees)):
		kept = np.isfinite(values[i])
		assert allowed[i, columns[i][kept]].all()
		assert (values[i][kept] == scores[i, columns[i][kept]]).all()  # the same bits as the full matrix
		best = sorted(scores[i][allowed[i]], reverse=True)[: columns.shape[1]]
		assert sorted(values[i][kept], reverse=True) == pytest.approx(best, abs=1e-6)


def test_excluded_pairs_are_never_assigned_on_the_sparse_path():
	rules = Rules(reports_to={"b": "a"})
	matches, unmatched = assign(
		[mentor("a", capacity=3)], [mentee("b"), mentee("a"), mentee("c")], rules, exact_up_to=0
	)
	assert [(m.mentor, m.mentee) for m in matches] == [("a", "c")]
	assert unmatched == ["b", "a"]
