"""A pairing's skill growth. Before: the mentee's Skill Map rating of each skill they seek and each
goal's skill, taken when the pairing goes live (and when a goal names a new skill). After: the
mentor's rating in the final survey (the mid-point one until then), or a program manager's where
the mentee's own differs by more than a star and the program asks for it; on completion it is
added to the mentee's Employee Skill Map as a new evaluation, as HR would add one."""

import frappe
from frappe import _
from frappe.utils import now, today

from mentorship_hr.domain import skills
from mentorship_hr.domain.transitions import MENTEE, MENTOR
from mentorship_hr.skills.skill_map import ratings_of

GROWTH = "Mentoring Skill Growth"


def record_baselines(pairing, extra: tuple[str, ...] = ()) -> None:
	"""Add a row, with the Skill Map's rating now as its baseline, for each skill the mentee seeks,
	each goal's skill and `extra` that the pairing does not follow yet."""
	sought = frappe.get_all(
		"Mentoring Skill Item",
		filters={
			"parenttype": "Mentoring Participant",
			"parentfield": "skills_sought",
			"parent": ("in", _mentee_enrollments(pairing)),
		},
		pluck="skill",
		order_by="idx",
	)
	goals = frappe.get_all(
		"Mentoring Goal", filters={"pairing": pairing.name, "skill": ("is", "set")}, pluck="skill"
	)
	have = set(frappe.get_all(GROWTH, filters={"parent": pairing.name}, pluck="skill"))
	new = [s for s in dict.fromkeys([*sought, *goals, *extra]) if s and s not in have]
	if not new:
		return
	rated = ratings_of([pairing.mentee]).get(pairing.mentee, {})
	stamp, user = now(), frappe.session.user
	frappe.db.bulk_insert(
		GROWTH,
		"name creation modified owner modified_by parent parenttype parentfield idx skill baseline agreed".split(),
		[
			(*_row_head(stamp, user, pairing.name, n), skill, rated.get(skill, 0) / skills.MAX_STARS, 0)
			for n, skill in enumerate(new, len(have) + 1)
		],
	)
	_reload_rows(pairing)


def _row_head(stamp, user, pairing: str, idx: int) -> tuple:
	"""A new growth row's name, stamps and place on the pairing; `agreed` starts at 0, as any save
	stores an empty rating, so that a save changes nothing."""
	name = frappe.generate_hash(length=10)
	return (name, stamp, stamp, user, user, pairing, "Mentoring Pairing", "skill_growth", idx)


def _reload_rows(pairing) -> None:
	"""The rows as stored, on the pairing in hand: a later save of it keeps them as they are."""
	pairing.set(
		"skill_growth",
		frappe.get_all(GROWTH, filters={"parent": pairing.name}, fields=["*"], order_by="idx"),
	)


def _mentee_enrollments(pairing) -> list[str]:
	return frappe.get_all(
		"Mentoring Participant",
		filters={"program": pairing.program, "employee": pairing.mentee, "role": MENTEE},
		pluck="name",
	) or [""]


def survey_ratings(pairing: str) -> dict[str, dict[str, int]]:
	"""Each side's latest skill ratings from their surveys (Final over Mid-point), by role."""
	Feedback, Rating = frappe.qb.DocType("Mentoring Feedback"), frappe.qb.DocType("Mentoring Skill Rating")
	rows = (
		frappe.qb.from_(Rating)
		.join(Feedback)
		.on(Feedback.name == Rating.parent)
		.select(Feedback.respondent_role, Feedback.survey_type, Rating.skill, Rating.proficiency)
		.where((Feedback.pairing == pairing) & (Rating.parenttype == "Mentoring Feedback"))
		.orderby(Feedback.creation)
	).run(as_dict=True)
	order = {"Mid-point": 0, "Final": 1}
	found: dict[str, dict[str, tuple]] = {MENTOR: {}, MENTEE: {}}
	for r in rows:
		side = found.get(r.respondent_role)
		if side is None or r.proficiency is None:
			continue
		rank = order.get(r.survey_type, -1)
		if r.skill not in side or rank >= side[r.skill][0]:
			side[r.skill] = (rank, skills.stars(r.proficiency))
	return {role: {s: stars for s, (_rank, stars) in side.items()} for role, side in found.items()}


def settle(pairing) -> None:
	"""On a completed pairing, agree each skill not agreed yet and write the agreed ones into the
	mentee's Skill Map. Runs at completion and again as final surveys arrive."""
	if pairing.status != "Completed":
		return
	review = bool(frappe.db.get_value("Mentoring Program", pairing.program, "review_skill_disagreements"))
	rated = survey_ratings(pairing.name)
	settled, review_flag = {}, {}
	for row in frappe.get_all(
		GROWTH,
		filters={"parent": pairing.name, "written_on": ("is", "not set")},
		fields=["name", "skill"],
	):
		stars, waits = skills.agreed(rated[MENTOR].get(row.skill), rated[MENTEE].get(row.skill), review)
		review_flag.setdefault(int(waits), []).append(row.name)
		if stars is not None:
			settled[row.name] = (row.skill, stars)
	for flag, names in review_flag.items():
		frappe.db.set_value(GROWTH, {"name": ("in", names)}, "needs_review", flag)
	write_to_skill_map(pairing.mentee, settled)
	_reload_rows(pairing)


def settle_by_hand(pairing, skill: str, stars: int) -> None:
	"""A program manager sets the agreed rating of a skill the two sides rated far apart."""
	row = frappe.db.get_value(
		GROWTH, {"parent": pairing.name, "skill": skill}, ["name", "written_on"], as_dict=True
	)
	if not row:
		frappe.throw(_("This pairing does not follow the skill {0}.").format(skill), title=_("Unknown Skill"))
	if row.written_on:
		frappe.throw(_("{0} is already in the mentee's Skill Map.").format(skill), title=_("Already Agreed"))
	stars = int(stars)
	if not 0 <= stars <= skills.MAX_STARS:
		frappe.throw(_("Give 0 to 5 stars."), title=_("Invalid Rating"))
	write_to_skill_map(pairing.mentee, {row.name: (skill, stars)})


def write_to_skill_map(employee: str, settled: dict[str, tuple[str, int]]) -> None:
	"""Add each agreed rating to the employee's Skill Map as a new evaluation dated today, and note
	it on the pairing's row."""
	if not settled:
		return
	if frappe.db.exists("Employee Skill Map", employee):
		doc = frappe.get_doc("Employee Skill Map", employee)
	else:
		doc = frappe.get_doc({"doctype": "Employee Skill Map", "employee": employee})
	for skill, stars in settled.values():
		doc.append(
			"employee_skills",
			{"skill": skill, "proficiency": stars / skills.MAX_STARS, "evaluation_date": today()},
		)
	doc.save(ignore_permissions=True)  # the app writes it on the program's behalf, as HR would
	by_stars = {}
	for name, (_skill, stars) in settled.items():
		by_stars.setdefault(stars, []).append(name)
	for stars, names in by_stars.items():  # one update per rating, at most six
		frappe.db.set_value(
			GROWTH,
			{"name": ("in", names)},
			{"agreed": stars / skills.MAX_STARS, "needs_review": 0, "written_on": today()},
		)


def grown(pairing: str) -> list[dict]:
	"""The skills agreed at the end, with stars before and after, for the certificate."""
	return in_stars(
		frappe.get_all(
			GROWTH,
			filters={"parent": pairing, "written_on": ("is", "set")},
			fields=["skill", "baseline", "agreed", "written_on"],
			order_by="idx",
		)
	)


def in_stars(rows) -> list[dict]:
	"""Skill growth rows as people read them: stars before, and after once agreed (else None)."""
	return [
		{
			"skill": r.skill,
			"before": skills.stars(r.baseline),
			"after": skills.stars(r.agreed) if r.written_on else None,
		}
		for r in rows
	]
