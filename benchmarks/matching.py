"""Bulk matching benchmark: a seeded random pool through the app's own matching code.

Run with plain python (no Frappe): `python benchmarks/matching.py`. Target on 2 cores: <= 10 s.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mentorship_hr.domain.matching import Person, Rules, assign

MENTEES, MENTORS, CAPACITY = 1000, 500, 2
SKILLS = [f"skill-{i}" for i in range(40)]
INTERESTS = [f"interest-{i}" for i in range(30)]
DEPARTMENTS = [f"Department {i}" for i in range(12)]


def pool(seed: int = 7):
	rng = random.Random(seed)
	employees = [f"EMP-{i:05d}" for i in range(MENTEES + MENTORS)]
	# a reporting tree: everyone reports to someone earlier in the list
	reports_to = {e: employees[rng.randrange(i)] if i else None for i, e in enumerate(employees)}

	def person(employee, skills, capacity=0):
		return Person(
			employee=employee,
			department=rng.choice(DEPARTMENTS),
			level=rng.randint(0, 8),
			skills=frozenset(rng.sample(SKILLS, skills)),
			interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 4))),
			capacity=capacity,
		)

	mentors = [person(e, rng.randint(2, 6), CAPACITY) for e in employees[:MENTORS]]
	mentees = [person(e, rng.randint(1, 4)) for e in employees[MENTORS:]]
	existing = frozenset((rng.choice(mentors).employee, rng.choice(mentees).employee) for _ in range(200))
	return (
		mentors,
		mentees,
		Rules(reports_to=reports_to, exclude_same_department=False, existing_pairs=existing),
	)


def main():
	mentors, mentees, rules = pool()
	start = time.perf_counter()
	matches, unmatched = assign(mentors, mentees, rules)
	seconds = time.perf_counter() - start
	print(
		f"matched {len(matches)}, waitlisted {len(unmatched)}, mean score {sum(m.score for m in matches) / len(matches):.1f}"
	)
	print(f"match {MENTEES}x{MENTORS} cap{CAPACITY}: {seconds:.2f} s")


if __name__ == "__main__":
	main()
