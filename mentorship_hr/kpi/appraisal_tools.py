"""The mentoring KRA in Frappe HR appraisals: the Appraisal form section, and suggested ratings
for Manual Rating cycles."""

import frappe
from frappe import _

from mentorship_hr.domain.kpi import suggested_rating
from mentorship_hr.engagement.surveys import latest_ratings
from mentorship_hr.kpi.score_display import components_of, weights_note
from mentorship_hr.kpi.score_sync import COMPONENT_FIELDS, SCORED_PAIRING_STATUSES
from mentorship_hr.permissions import check_program_manager
from mentorship_hr.report_columns import PAIRING_SUMMARY


@frappe.whitelist()
def get_appraisal_mentoring(appraisal: str) -> dict:
	"""What the Appraisal form shows in its Mentoring section (public/js/templates/appraisal_mentoring.html):
	the appraisal's cycle only, and only what the viewer may read. Never check-ins or their notes."""
	doc = frappe.get_doc("Appraisal", appraisal)
	doc.check_permission("read")
	cycle = frappe.db.get_value(
		"Appraisal Cycle",
		doc.appraisal_cycle,
		["start_date", "end_date", "kra_evaluation_method"],
		as_dict=True,
	)
	scores = frappe.get_list(
		"Mentoring Score",
		filters={"employee": doc.employee, "appraisal_cycle": doc.appraisal_cycle},
		fields=[
			"name",
			"role",
			"program",
			"program.kra as kra",
			"score",
			"window_start",
			"window_end",
			"pairings",
			"circles",
			"expected_checkins",
			"counted_checkins",
			"computed_on",
			"not_yet_scored",
			"first_period_ends",
			*COMPONENT_FIELDS,
		],
		order_by="program, role",
	)
	for score in scores:
		score.suggested_rating = suggested_rating(score.score)
		score.components = components_of(score)
		score.weights_note = weights_note(score)
		for field in COMPONENT_FIELDS:
			score.pop(field)

	pairings = frappe.get_list(
		"Mentoring Pairing",
		filters={
			"status": ("in", SCORED_PAIRING_STATUSES),
			"start_date": ("<=", cycle.end_date),
			"ifnull(end_date, '9999-12-31')": (">=", cycle.start_date),
		},
		or_filters={"mentor": doc.employee, "mentee": doc.employee},
		fields=PAIRING_SUMMARY,
		order_by="start_date",
	)
	for p in pairings:
		p.role = "Mentor" if p.mentor == doc.employee else "Mentee"
	add_survey_ratings(pairings)
	circles = circles_in_cycle(doc.employee, cycle)
	goals = goals_of(doc.employee, pairings, circles)
	manual = cycle.kra_evaluation_method == "Manual Rating"
	by_kra = {}
	for score in (s for s in scores if not s.not_yet_scored):
		by_kra.setdefault(score.kra, []).append(score.score)
	return {
		"scores": scores,
		"pairings": pairings,
		"circles": circles,
		"goals": goals,
		"manual_rating": manual,
		"suggested_by_kra": {kra: mean_rating(values) for kra, values in by_kra.items()},
	}


def goals_of(employee: str, pairings: list[dict], circles: list[dict]) -> list[dict]:
	"""The goals of the pairings, and in the circles the employee's own (a member) or all of its
	members' (a mentor), as far as the viewer may read them."""
	fields = ["name", "pairing", "circle", "title", "status", "progress", "target_date", "mentee_name"]
	goals = []
	if pairings:  # never "pairing in ('')": that would match the circles' goals
		goals += frappe.get_list(
			"Mentoring Goal",
			filters={"pairing": ("in", [p.name for p in pairings])},
			fields=fields,
			order_by="pairing, target_date",
		)
	for role, filters in (("Member", {"mentee": employee}), ("Mentor", {})):
		names = [c.name for c in circles if c.role == role]
		if names:
			goals += frappe.get_list(
				"Mentoring Goal",
				filters={"circle": ("in", names), **filters},
				fields=fields,
				order_by="circle, target_date",
			)
	return goals


def circles_in_cycle(employee: str, cycle) -> list[dict]:
	"""The circles the employee mentors or is a member of that ran during the cycle, as far as the
	viewer may read them: their existence and health, never their check-ins."""
	window = [
		["status", "in", SCORED_PAIRING_STATUSES],
		["start_date", "<=", cycle.end_date],
		["ifnull(end_date, '9999-12-31')", ">=", cycle.start_date],
	]
	fields = ["name", "title", "program", "status", "health", "lead_mentor", "lead_mentor_name", "co_mentor"]
	mentored = frappe.get_list(
		"Mentoring Circle",
		filters=window,
		or_filters={"lead_mentor": employee, "co_mentor": employee},
		fields=fields,
	)
	joined = frappe.get_list(
		"Mentoring Circle",
		filters=[*window, ["Mentoring Circle Member", "employee", "=", employee]],
		fields=fields,
	)
	circles = {c.name: c for c in joined} | {c.name: {**c, "role": "Mentor"} for c in mentored}
	return [frappe._dict({"role": "Member", **c}) for _name, c in sorted(circles.items())]


def add_survey_ratings(pairings: list[dict]):
	"""Give each pairing the viewer may see surveys of (program managers and HR, or its mentor or
	mentee; never a line manager) the latest overall rating from each side, out of 5."""
	ratings = latest_ratings(pairings)
	for p in pairings:
		if p.name in ratings:
			p.survey_ratings = [
				{"role": role, **rating}
				for role in ("Mentor", "Mentee")
				if (rating := ratings[p.name].get(role))
			]


def mean_rating(scores: list[float]) -> float:
	"""The suggested 0-5 rating for a KRA row: the mean of the employee's scores under it."""
	return suggested_rating(sum(scores) / len(scores))


@frappe.whitelist()
def apply_suggested_ratings(appraisal_cycle: str) -> dict:
	"""Fill the mentoring KRA rows of the cycle's Draft manual-rating appraisals with the suggestion."""
	check_program_manager()
	cycle = frappe.get_doc("Appraisal Cycle", appraisal_cycle)
	cycle.check_permission("write")  # it writes into the cycle's appraisals: Frappe HR's staff only
	if cycle.kra_evaluation_method != "Manual Rating":
		frappe.throw(_("Appraisal Cycle {0} does not use Manual Rating.").format(frappe.bold(cycle.name)))
	if cycle.status == "Completed":
		frappe.throw(_("Appraisal Cycle {0} is Completed.").format(frappe.bold(cycle.name)))

	suggestions = {}
	for s in frappe.get_all(
		"Mentoring Score",
		filters={"appraisal_cycle": cycle.name},
		fields=["employee", "score", "program.kra as kra"],
	):
		suggestions.setdefault((s.employee, s.kra), []).append(s.score)

	result = frappe._dict(updated=[], not_changed=[])
	for appraisal in frappe.get_all(
		"Appraisal",
		filters={"appraisal_cycle": cycle.name, "docstatus": ("<", 2)},
		fields=["name", "employee", "docstatus"],
		order_by="name",
	):
		if appraisal.docstatus == 1:
			result.not_changed.append({"appraisal": appraisal.name, "reason": _("already submitted")})
			continue
		doc = frappe.get_doc("Appraisal", appraisal.name)
		rows = [r for r in doc.goals if (appraisal.employee, r.kra) in suggestions]
		if not rows:
			continue
		for row in rows:
			row.score = mean_rating(suggestions[(appraisal.employee, row.kra)])
		doc.save()
		result.updated.append(doc.name)
	return result
