"""Bulk matching benchmark: a seeded random pool through the app's own matching code.

Run with plain python (no Frappe): `python benchmarks/matching.py [--mentees N --mentors M --capacity C]`.
Target on 2 cores: 10,000 mentees x 5,000 mentors in <= 10 s and < 2 GB, within 0.5% of the optimum.
The last line is `match <mentees>x<mentors> cap<capacity>: <s> s, <MB> MB peak, gap <x>%`.

Circles: `python benchmarks/matching.py --circles --mentees 2000 --mentors 350 [--size 6 --minimum 3]`
places the mentees into one circle per mentor (every third with a co-mentor). Target on 2 cores:
2,000 mentees into circles of 6 with 350 mentors in under 10 s. The last line is
`circles <mentees> mentees, <n> circles of <size>: <s> s, <MB> MB peak, placed <p>, dropped <d>, gap <x>%`,
the gap against the sum of each mentee's best allowed circle (an upper bound on any placement).
"""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mentorship_hr.domain.circles import Circle, fit_matrix, place
from mentorship_hr.domain.matching import Person, Rules, Weights, assign, score_matrix, top_candidates

SKILLS = [f"skill-{i}" for i in range(40)]
INTERESTS = [f"interest-{i}" for i in range(30)]
DEPARTMENTS = [f"Department {i}" for i in range(12)]
# the exact dense optimum is worked out up to this many cells (4,000 x 2,000 at capacity 2: 8 s, 1 GB)
EXACT_CHECK_UP_TO = 40_000_000
# the upper bound's candidates per mentee: past the solver's k, so that the bound stays tight
BOUND_K = 150


def pool(mentees: int, mentors: int, capacity: int, seed: int = 7):
	rng = random.Random(seed)
	employees = [f"EMP-{i:05d}" for i in range(mentees + mentors)]
	# a reporting tree: everyone reports to someone earlier in the list
	reports_to = {e: employees[rng.randrange(i)] if i else None for i, e in enumerate(employees)}

	def person(employee, skills, capacity=0):
		chosen = frozenset(rng.sample(SKILLS, skills))
		return Person(
			employee=employee,
			department=rng.choice(DEPARTMENTS),
			level=rng.randint(0, 8),
			skills=chosen,
			interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 4))),
			capacity=capacity,
			# mentors' Skill Map stars: most offered skills rated 3 to 5, some unrated
			ratings=tuple((s, rng.randint(3, 5)) for s in sorted(chosen) if capacity and rng.random() < 0.7),
		)

	mentor_list = [person(e, rng.randint(2, 6), capacity) for e in employees[:mentors]]
	mentee_list = [person(e, rng.randint(1, 4)) for e in employees[mentors:]]
	existing = frozenset(
		(rng.choice(mentor_list).employee, rng.choice(mentee_list).employee) for _ in range(200)
	)
	return (
		mentor_list,
		mentee_list,
		Rules(reports_to=reports_to, exclude_same_department=False, existing_pairs=existing),
	)


def total_score(matches, mentors, mentees) -> float:
	"""The matches' total score, unrounded."""
	mentor_of, mentee_of = {p.employee: p for p in mentors}, {p.employee: p for p in mentees}
	return sum(float(score_matrix([mentor_of[m.mentor]], [mentee_of[m.mentee]])[0, 0]) for m in matches)


def dual_bound(mentors, mentees, rules, iterations: int = 300, step: float = 3.0) -> float:
	"""An upper bound on the best total score: the LP relaxation's dual (integral for an assignment),
	min over mentor prices p >= 0 of sum(capacity * p) + sum over mentees of max(0, best score - p).
	Any p gives a bound; a subgradient descent finds a good one. Only each mentee's BOUND_K best
	mentors are read: a mentor outside them scores at most the last one kept, and p >= 0.
	(The sum of each mentee's best score, with every p = 0, is 3% above the optimum at 10,000 x 5,000.)"""
	columns, values = top_candidates(mentors, mentees, rules, Weights(), BOUND_K)
	finite = np.isfinite(values)
	# + 1e-8: top_candidates ranks with a tie-break of at most 1e-8
	outside = np.where(finite.all(axis=1), values.min(axis=1) + 1e-8, 0.0).clip(min=0.0)
	capacity = np.array([max(0, p.capacity) for p in mentors], dtype=float)
	prices, best, rows = np.zeros(len(mentors)), np.inf, np.arange(len(mentees))
	for it in range(iterations):
		net = values - prices[columns]
		choice = net.argmax(axis=1)
		gain = net[rows, choice]
		best = min(best, capacity @ prices + np.maximum(gain, outside).sum())
		demand = np.bincount(columns[rows, choice][gain > outside], minlength=len(mentors))
		prices = np.maximum(0.0, prices - step / np.sqrt(it + 1) * (capacity - demand))
	return best


def circles_case(args):
	"""One circle per mentor of the pool, its topic one to three of the lead's skills."""
	rng = random.Random(11)
	mentors, mentees, rules = pool(args.mentees, args.mentors, 1)
	circles = [
		Circle(
			name=f"CIRCLE-{j:04d}",
			mentors=(lead, mentors[(j + 1) % len(mentors)]) if j % 3 == 0 else (lead,),
			topic=frozenset(rng.sample(sorted(lead.skills), min(len(lead.skills), rng.randint(1, 3)))),
			places=args.size,
			min_members=args.minimum,
		)
		for j, lead in enumerate(mentors)
	]
	start = time.perf_counter()
	placements, left, dropped = place(circles, mentees, rules)
	seconds = time.perf_counter() - start
	peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
	scores, allowed = fit_matrix(circles, mentees, rules)
	bound = float(np.where(allowed, scores, 0.0).max(axis=1).sum())
	index = {c.name: j for j, c in enumerate(circles)}
	row = {m.employee: i for i, m in enumerate(mentees)}
	total = sum(float(scores[row[p.mentee], index[p.circle]]) for p in placements)
	gap = (bound - total) / bound * 100 if bound else 0.0
	print(f"placed {len(placements)}, left {len(left)}, total fit {total:.1f}, bound {bound:.1f}")
	print(
		f"circles {args.mentees} mentees, {len(circles)} circles of {args.size}: {seconds:.2f} s, "
		f"{peak_mb:.0f} MB peak, placed {len(placements)}, dropped {len(dropped)}, gap {gap:.3f}%"
	)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--mentees", type=int, default=1000)
	parser.add_argument("--mentors", type=int, default=500)
	parser.add_argument("--capacity", type=int, default=2)
	parser.add_argument("--sparse", action="store_true", help="take the sparse path whatever the size")
	parser.add_argument("--circles", action="store_true", help="place the mentees into mentors' circles")
	parser.add_argument("--size", type=int, default=6, help="circles: the most members of a circle")
	parser.add_argument("--minimum", type=int, default=3, help="circles: the members a circle needs")
	args = parser.parse_args()
	if args.circles:
		circles_case(args)
		return

	mentors, mentees, rules = pool(args.mentees, args.mentors, args.capacity)
	options = {"exact_up_to": 0} if args.sparse else {}
	start = time.perf_counter()
	matches, unmatched = assign(mentors, mentees, rules, **options)
	seconds = time.perf_counter() - start
	peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux; the whole process

	total = total_score(matches, mentors, mentees)
	if args.mentees * (args.mentees + args.mentors * args.capacity) <= EXACT_CHECK_UP_TO:
		reference, against = (
			total_score(assign(mentors, mentees, rules, exact_up_to=EXACT_CHECK_UP_TO)[0], mentors, mentees),
			"the exact optimum",
		)
	else:
		reference, against = dual_bound(mentors, mentees, rules), "an LP dual upper bound"
	gap = (reference - total) / reference * 100 if reference else 0.0
	print(
		f"matched {len(matches)}, waitlisted {len(unmatched)}, "
		f"mean score {sum(m.score for m in matches) / max(1, len(matches)):.1f}, "
		f"total {total:.1f}, gap against {against} {reference:.1f}"
	)
	print(
		f"match {args.mentees}x{args.mentors} cap{args.capacity}: {seconds:.2f} s, {peak_mb:.0f} MB peak, "
		f"gap {gap:.3f}%"
	)


if __name__ == "__main__":
	main()
