"""Compute mentoring KPI scores and sync them into Frappe HR appraisals (docs/design.md §3).

Reads in batches: the number of queries does not grow with the number of pairings. Writes
only what changed, so running it twice changes nothing.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, now_datetime, nowdate

from mentorship_hr.domain import chunks, kpi
from mentorship_hr.kpi import bulk_writes
from mentorship_hr.kpi.checkin_reads import submitted_checkins
from mentorship_hr.kpi.circle_scores import load_circles
from mentorship_hr.kpi.mentoring_kra import apply_to_cycle
from mentorship_hr.kpi.weights import weights_of

CHUNK = 500  # scores written per transaction
SCORED_PAIRING_STATUSES = kpi.SCORED_STATUSES
SCORED_PROGRAM_STATUSES = ("Active", "Completed")
COMPONENT_NAMES = (kpi.CADENCE, kpi.GOAL_PROGRESS, kpi.MENTEE_FEEDBACK, kpi.OWNERSHIP, kpi.MENTOR_ASSESSMENT)
COMPONENT_FIELDS = tuple(f"{c}{suffix}" for c in COMPONENT_NAMES for suffix in ("", "_weight", "_applies"))
SCORE_FIELDS = (
	"window_start",
	"window_end",
	"pairings",
	"circles",
	"expected_checkins",
	"counted_checkins",
	"score",
	"not_yet_scored",
	"first_period_ends",
	*COMPONENT_FIELDS,
)


def sync_scores(
	program: str | None = None,
	appraisal_cycle: str | None = None,
	today=None,
	apply_kra=True,
	commit=False,
	progress=None,
) -> dict:
	"""Score every program and cycle in scope and carry the scores into HRMS, CHUNK scores to a
	transaction. `commit` ends each chunk's transaction (background jobs); `progress` is called
	with the percent done."""
	work = plan_sync(program, appraisal_cycle, today, apply_kra)
	for number, chunk in enumerate(work.chunks, 1):
		write_chunk(chunk, work.summary)
		if commit:
			frappe.db.commit()  # short transactions: no long locks, no write limit; a rerun resumes
		if progress:
			progress(number * 100 / len(work.chunks))
	apply_kra_to(work.kra_cycles, work.summary)
	return work.summary


def new_summary() -> frappe._dict:
	return frappe._dict(created=0, updated=0, unchanged=0, skipped=[], warnings=[], failed=[], kra_added=[])


def plan_sync(
	program: str | None = None,
	appraisal_cycle: str | None = None,
	today=None,
	apply_kra=True,
	chunk_size: int = CHUNK,
) -> frappe._dict:
	"""What a sync of the scope writes: chunks of plans that may be written at once (one
	appraisal's scores are all in one chunk), the summary so far (skips and warnings), and the
	cycles whose appraisals may need the Mentoring KRA afterwards."""
	today = getdate(today or nowdate())
	summary = new_summary()
	data = _load(program, appraisal_cycle)
	kra_cycles, plans = set(), []
	for prog in data.programs:
		for cycle in data.cycles_by_company.get(prog.company, []):
			if not _overlaps(cycle, prog):
				continue
			if cycle.status == "Completed":
				summary.skipped.append(
					{
						"program": prog.name,
						"appraisal_cycle": cycle.name,
						"reason": _("the cycle is Completed"),
					}
				)
				continue
			if apply_kra and flt(cycle.mentoring_kra_weightage):
				kra_cycles.add(cycle.name)
			plans += [(prog, cycle, plan) for plan in _plans(prog, cycle, data, summary, today)]
	return frappe._dict(chunks=chunks_of(plans, chunk_size), summary=summary, kra_cycles=sorted(kra_cycles))


def chunks_of(plans: list, size: int) -> list[list]:
	"""Plans in chunks; an employee's scores of one cycle (their appraisal) stay in one chunk."""
	return chunks.pack(plans, key=lambda p: (p[2].who["employee"], p[1].name), size=size)


def apply_kra_to(cycles, summary) -> None:
	for cycle in cycles:
		_apply_kra(cycle, summary)
	summary.skipped.sort(key=lambda row: tuple(str(v) for v in row.values()))


def _apply_kra(cycle: str, summary):
	"""Participants newly scored in the cycle get the Mentoring KRA; see mentoring_kra."""
	frappe.db.savepoint("mentoring_kra")
	try:
		result = apply_to_cycle(cycle)
	except Exception:
		frappe.db.rollback(save_point="mentoring_kra")
		frappe.log_error(title=_("Mentoring KRA could not be applied to {0}").format(cycle))
		summary.failed.append(
			{"appraisal_cycle": cycle, "reason": _("Mentoring KRA failed; see the Error Log")}
		)
		return
	summary.kra_added += result.updated
	for row in result.not_changed:
		summary.warnings.append({"appraisal_cycle": cycle, **row})


def _plans(prog, cycle, data, summary, today) -> list[frappe._dict]:
	"""What each score of one program and cycle needs written; skips and warnings go to the
	summary. Reads nothing: everything comes from _load."""
	scores = kpi.score_cycle(
		data.pairings_by_program.get(prog.name, []),
		(getdate(cycle.start_date), getdate(cycle.end_date)),
		(getdate(prog.start_date), getdate(prog.end_date)),
		prog.checkin_frequency_days or 14,
		weights_of(prog),
		today,
		data.confirmation_days,
		circles=data.circles_by_program.get(prog.name, ()),
	)
	if prog.kra not in data.kras:
		# the bulk writes check no links, so a missing KRA stops this program here
		frappe.log_error(
			title=_("Mentoring score sync failed for {0}, {1}").format(prog.name, cycle.name),
			message=_("KRA {0} does not exist.").format(prog.kra),
		)
		summary.failed.append(
			{"program": prog.name, "appraisal_cycle": cycle.name, "reason": _("its KRA does not exist")}
		)
		return []
	plans = []
	for score in scores:
		who = {
			"employee": score.employee,
			"role": score.role,
			"program": prog.name,
			"appraisal_cycle": cycle.name,
		}
		# summary rows name people, not IDs
		named = {**who, "employee_name": data.employee_names.get(score.employee)}
		if data.employee_status.get(score.employee) != "Active":
			summary.skipped.append({**named, "reason": _("the employee is not Active")})
			continue
		appraisal = data.appraisals.get((score.employee, cycle.name))
		if not appraisal:
			summary.skipped.append({**named, "reason": _("no appraisal in this cycle")})
			continue
		kra_coming = flt(cycle.mentoring_kra_weightage) and prog.kra == data.default_kra
		if score.scored and not kra_coming and prog.kra not in data.appraisal_kras.get(appraisal, set()):
			summary.warnings.append(
				{
					**named,
					"reason": _(
						"appraisal {0} has no {1} KRA, so the score does not count yet: "
						"set the Mentoring KRA on the appraisal cycle"
					).format(appraisal, prog.kra),
				}
			)
		existing = data.scores.get((score.employee, score.role, prog.name, cycle.name))
		goal = data.goals.get(existing.hrms_goal) if existing and existing.hrms_goal else None
		plans.append(
			frappe._dict(
				who=who,
				score_values=_score_values(score),
				existing=existing,
				goal=goal,
				# no 0% goal for a pair in its first period: nothing reaches the appraisal yet
				goal_fields=_goal_fields(score, prog, cycle) if score.scored else None,
			)
		)
	return plans


def write_chunk(chunk, summary, report=True, log=None) -> bool:
	"""Write a chunk of plans in a few queries; a chunk that fails is rolled back and, if
	`report`, reported (Error Log, referring to the sync's `log`), and the others go on. Returns
	whether it was written."""
	frappe.db.savepoint("mentoring_sync")
	counts = (summary.created, summary.updated, summary.unchanged)
	try:
		_write(chunk, summary)
		return True
	except Exception as e:
		if isinstance(e, frappe.QueryDeadlockError):  # the database rolled the transaction back already
			frappe.db.rollback()
		else:
			frappe.db.rollback(save_point="mentoring_sync")
		summary.created, summary.updated, summary.unchanged = counts
		for program, cycle in sorted({(p.name, c.name) for p, c, _plan in chunk} if report else ()):
			frappe.log_error(
				title=_("Mentoring score sync failed for {0}, {1}").format(program, cycle),
				reference_doctype="Mentoring Sync Log" if log else None,
				reference_name=log,
			)
			summary.failed.append(
				{"program": program, "appraisal_cycle": cycle, "reason": _("failed; see the Error Log")}
			)
		return False


def _write(chunk, summary):
	new_goals, goal_updates, dropped, touched = [], {}, [], set()
	for _prog, _cycle, plan in chunk:
		if plan.goal_fields is None:
			if plan.goal:
				dropped.append(plan.goal.name)
			plan.goal_name = None
		elif not plan.goal:
			new_goals.append(plan)
		else:
			plan.goal_name = plan.goal.name
			changed = {k: v for k, v in plan.goal_fields.items() if bulk_writes.differs(plan.goal.get(k), v)}
			if changed:
				goal_updates[plan.goal.name] = changed
				touched.add((plan.goal.employee, plan.goal.appraisal_cycle))
				touched.add((plan.goal_fields["employee"], plan.goal_fields["appraisal_cycle"]))

	names = bulk_writes.insert_root_goals([dict(p.goal_fields) for p in new_goals])
	for plan, name in zip(new_goals, names, strict=True):
		plan.goal_name = name
		touched.add((plan.goal_fields["employee"], plan.goal_fields["appraisal_cycle"]))
	frappe.db.bulk_update("Goal", goal_updates, chunk_size=200)
	if dropped:  # rare: a score back in its first period; deleted one by one, as HRMS does
		frappe.db.set_value("Mentoring Score", {"hrms_goal": ("in", dropped)}, "hrms_goal", None)
		for name in dropped:
			doc = frappe.get_doc("Goal", name)
			doc.flags.from_mentoring_sync = True
			doc.delete(ignore_permissions=True)

	now = now_datetime()
	new_scores, score_updates = [], {}
	for _prog, _cycle, plan in chunk:
		values = {**plan.score_values, "hrms_goal": plan.goal_name}
		if not plan.existing:
			new_scores.append({**plan.who, **values, "computed_on": now})
		elif any(bulk_writes.differs(plan.existing.get(f), v) for f, v in values.items()):
			score_updates[plan.existing.name] = {**values, "computed_on": now}
		else:
			summary.unchanged += 1
	bulk_writes.insert_rows("Mentoring Score", new_scores)
	frappe.db.bulk_update("Mentoring Score", score_updates, chunk_size=200)
	summary.created += len(new_scores)
	summary.updated += len(score_updates)
	bulk_writes.recompute_appraisals(touched)


def _goal_fields(score: kpi.RoleScore, program, cycle) -> dict:
	"""The HRMS Goal that carries the score into the appraisal."""
	return {
		"goal_name": _("Mentoring: {0} duties ({1})").format(_(score.role).lower(), program.name),
		"employee": score.employee,
		"kra": program.kra,
		"appraisal_cycle": cycle.name,
		"start_date": getdate(cycle.start_date),
		"end_date": getdate(cycle.end_date),
		"progress": score.score,
		"status": goal_status(score.score),
	}


def goal_status(progress: float) -> str:
	"""The status HRMS gives a Goal with this progress; never Archived or Closed."""
	return "Pending" if not flt(progress) else "Completed" if flt(progress) >= 100 else "In Progress"


def _score_values(score: kpi.RoleScore) -> dict:
	components = {c.name: c for c in score.components}
	values = {
		"window_start": score.window_start,
		"window_end": score.window_end,
		"pairings": sum(1 for p in score.pairings if not p.circle),
		"circles": sum(1 for p in score.pairings if p.circle),
		"expected_checkins": sum(p.expected_checkins for p in score.pairings),
		"counted_checkins": sum(p.counted_checkins for p in score.pairings),
		"score": score.score,
		"not_yet_scored": int(not score.scored),
		"first_period_ends": None if score.scored else score.first_period_ends,
	}
	for name in COMPONENT_NAMES:
		component = components.get(name)
		applies = bool(component and component.applies)
		values[name] = flt(component.value * 100, 2) if applies else 0
		values[f"{name}_weight"] = flt(component.weight, 2) if component else 0
		values[f"{name}_applies"] = int(applies)
	return values


def _overlaps(cycle, program) -> bool:
	return getdate(cycle.start_date) <= getdate(program.end_date) and getdate(cycle.end_date) >= getdate(
		program.start_date
	)


def _load(program: str | None, appraisal_cycle: str | None) -> frappe._dict:
	"""Everything the sync reads, in a fixed number of queries."""
	filters = {"status": ("in", SCORED_PROGRAM_STATUSES)}
	if program:
		filters["name"] = program
	weight_fields = [f"{role.lower()}_weight_{c}" for role, cs in kpi.COMPONENTS.items() for c in cs]
	programs = frappe.get_all(
		"Mentoring Program",
		filters=filters,
		fields=["name", "company", "start_date", "end_date", "checkin_frequency_days", "kra", *weight_fields],
	)
	data = frappe._dict(
		programs=programs,
		confirmation_days=frappe.db.get_single_value("Mentoring Settings", "confirmation_window_days") or 0,
		default_kra=frappe.db.get_single_value("Mentoring Settings", "default_kra"),
		kras=set(
			frappe.get_all(
				"KRA", filters={"name": ("in", list({p.kra for p in programs}) or [""])}, pluck="name"
			)
		),
		cycles_by_company={},
		pairings_by_program={},
		circles_by_program={},
		employee_status={},
		employee_names={},
		appraisals={},
		appraisal_kras={},
		scores={},
		goals={},
	)
	if not programs:
		return data

	cycle_filters = {"company": ("in", {p.company for p in programs})}
	if appraisal_cycle:
		cycle_filters["name"] = appraisal_cycle
	for cycle in frappe.get_all(
		"Appraisal Cycle",
		filters=cycle_filters,
		fields=["name", "company", "start_date", "end_date", "status", "mentoring_kra_weightage"],
	):
		data.cycles_by_company.setdefault(cycle.company, []).append(cycle)
	pairings = _load_pairings(programs, data)
	people = {e for p in pairings for e in (p.mentor, p.mentee)} | load_circles(programs, data)
	_load_people(people, data)
	_load_scores(programs, data)
	return data


def _load_pairings(programs, data) -> list:
	"""The programs' scored pairings with their check-ins, goals and survey ratings."""
	pairings = frappe.get_all(
		"Mentoring Pairing",
		filters={
			"program": ("in", [p.name for p in programs]),
			"status": ("in", SCORED_PAIRING_STATUSES),
			"start_date": ("is", "set"),
		},
		fields=["name", "program", "mentor", "mentee", "start_date", "end_date"],
	)
	checkins, goals, surveys = _load_checkins(pairings), _load_goals(pairings), _load_surveys(pairings)
	for p in pairings:
		data.pairings_by_program.setdefault(p.program, []).append(
			kpi.Pairing(
				name=p.name,
				mentor=p.mentor,
				mentee=p.mentee,
				start_date=getdate(p.start_date),
				end_date=getdate(p.end_date) if p.end_date else None,
				checkins=tuple(checkins.get(p.name, ())),
				goals=tuple(goals.get(p.name, ())),
				mentee_survey_ratings=tuple(surveys.get((p.name, kpi.MENTEE), ())),
				mentor_survey_ratings=tuple(surveys.get((p.name, kpi.MENTOR), ())),
			)
		)
	return pairings


def _load_people(people: set[str], data):
	"""The people's Employee status and name, their appraisals in the cycles and those appraisals' KRAs."""
	employees = list(people)
	cycles = [c.name for cs in data.cycles_by_company.values() for c in cs]
	if not employees:
		return
	for e in frappe.get_all(
		"Employee", filters={"name": ("in", employees)}, fields=["name", "status", "employee_name"]
	):
		data.employee_status[e.name] = e.status
		data.employee_names[e.name] = e.employee_name
	if not cycles:
		return
	for a in frappe.get_all(
		"Appraisal",
		filters={"employee": ("in", employees), "appraisal_cycle": ("in", cycles), "docstatus": ("<", 2)},
		fields=["name", "employee", "appraisal_cycle"],
	):
		data.appraisals[(a.employee, a.appraisal_cycle)] = a.name
	if not data.appraisals:
		return
	for child, field in (("Appraisal KRA", "kra"), ("Appraisal Goal", "kra")):
		for row in frappe.get_all(
			child,
			filters={"parent": ("in", list(data.appraisals.values())), "parenttype": "Appraisal"},
			fields=["parent", field],
		):
			data.appraisal_kras.setdefault(row.parent, set()).add(row[field])


def _load_scores(programs, data):
	"""The stored Mentoring Scores of the programs and the HRMS Goals they carry."""
	for s in frappe.get_all(
		"Mentoring Score",
		filters={"program": ("in", [p.name for p in programs])},
		fields=["name", "employee", "role", "program", "appraisal_cycle", "hrms_goal", *SCORE_FIELDS],
	):
		data.scores[(s.employee, s.role, s.program, s.appraisal_cycle)] = s
	goal_names = [s.hrms_goal for s in data.scores.values() if s.hrms_goal]
	if not goal_names:
		return
	data.goals = {
		g.name: g
		for g in frappe.get_all(
			"Goal",
			filters={"name": ("in", goal_names)},
			fields=[
				"name",
				"goal_name",
				"employee",
				"kra",
				"appraisal_cycle",
				"start_date",
				"end_date",
				"progress",
				"status",
			],
		)
	}


def _load_checkins(pairings) -> dict[str, list[kpi.CheckIn]]:
	result = {}
	for r in submitted_checkins("pairing", [p.name for p in pairings]):
		result.setdefault(r.link, []).append(r.checkin)
	return result


def _load_surveys(pairings) -> dict[tuple[str, str], list[float]]:
	"""Overall survey ratings (0..1) by pairing and the respondent's role: the mentee's feed the
	mentor's Mentee Feedback, the mentor's feed the mentee's Mentor Assessment."""
	if not pairings:
		return {}
	result = {}
	for f in frappe.get_all(
		"Mentoring Feedback",
		filters={"pairing": ("in", [p.name for p in pairings])},
		fields=["pairing", "respondent_role", "overall_rating"],
	):
		if f.overall_rating:
			result.setdefault((f.pairing, f.respondent_role), []).append(flt(f.overall_rating))
	return result


def _load_goals(pairings) -> dict[str, list[kpi.Goal]]:
	if not pairings:
		return {}
	result = {}
	for g in frappe.get_all(
		"Mentoring Goal",
		filters={"pairing": ("in", [p.name for p in pairings])},
		fields=["pairing", "progress", "status", "mentor_rating"],
	):
		result.setdefault(g.pairing, []).append(
			kpi.Goal(progress=flt(g.progress), status=g.status, mentor_rating=g.mentor_rating or None)
		)
	return result
