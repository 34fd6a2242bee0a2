"""Batched writes for the score sync (README, "Scale"): records inserted and updated a chunk at a
time, and each touched appraisal recomputed once, with Frappe HR's own arithmetic.

Only the sync writes this way, and only records whose validations it has already met: scores of
active employees, Goals of open cycles, root Goals that carry no children.
"""

import frappe
from frappe.model.naming import set_new_name
from frappe.query_builder.functions import Avg, Coalesce, Max
from frappe.utils import cint, flt, getdate, now_datetime

from mentorship_hr.bulk_insert import insert_many

# doctype: (its autoname, the series key now, digits); another autoname falls back to Frappe's
SERIES = {
	"Goal": ("format:HR-GOAL-{YYYY}-{####}", lambda: f"HR-GOAL-{getdate().year}-", 4),
	"Mentoring Score": ("format:MHR-SCORE-{#####}", lambda: "MHR-SCORE-", 5),
}


def reserve_names(doctype: str, count: int) -> list[str]:
	"""The next `count` names of the doctype's series, taken in one locked update."""
	if not count:
		return []
	autoname, key_of, digits = SERIES[doctype]
	if frappe.get_meta(doctype).autoname != autoname:
		return [_one_name(doctype) for _ in range(count)]
	key = key_of()
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", key)
	start = cint(current[0][0]) if current else 0
	if current:
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (start + count, key))
	else:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (key, count))
	return [f"{key}{number:0{digits}d}" for number in range(start + 1, start + count + 1)]


def _one_name(doctype: str) -> str:
	doc = frappe.new_doc(doctype)
	set_new_name(doc)
	return doc.name


def insert_rows(doctype: str, rows: list[dict]) -> list[str]:
	"""Insert documents of a doctype without child tables, with the values Frappe would fetch
	(`fetch_from`) and the standard fields; returns their names."""
	if not rows:
		return []
	meta = frappe.get_meta(doctype)
	_fill_fetched(meta, rows)
	names = reserve_names(doctype, len(rows))
	now, user = now_datetime(), frappe.session.user
	columns = sorted({key for row in rows for key in row} | {"name"})
	standard = {"owner": user, "modified_by": user, "creation": now, "modified": now, "docstatus": 0}
	fields = [*columns, *standard]
	values = [
		[name if column == "name" else row.get(column) for column in columns] + list(standard.values())
		for name, row in zip(names, rows, strict=True)
	]
	insert_many(doctype, fields, values)
	return names


def _fill_fetched(meta, rows: list[dict]):
	"""Set each `fetch_from` field from its link, one query per link field."""
	by_link = {}
	for df in meta.fields:
		if df.fetch_from and "." in df.fetch_from:
			link, source = df.fetch_from.split(".", 1)
			by_link.setdefault(link, []).append((df.fieldname, source))
	for link, targets in by_link.items():
		link_df = meta.get_field(link)
		values = {row.get(link) for row in rows if row.get(link)}
		if not link_df or link_df.fieldtype != "Link" or not values:
			continue
		found = {
			r.name: r
			for r in frappe.get_all(
				link_df.options,
				filters={"name": ("in", list(values))},
				fields=["name", *{source for _, source in targets}],
			)
		}
		for row in rows:
			record = found.get(row.get(link))
			for fieldname, source in targets:
				if fieldname not in row:
					row[fieldname] = record.get(source) if record else None


def insert_root_goals(rows: list[dict]) -> list[str]:
	"""HRMS Goals without a parent, placed after the last root of the Goal tree as Frappe's
	nested set places a new root (lft = the largest rgt + 1)."""
	if not rows:
		return []
	Goal = frappe.qb.DocType("Goal")
	last = frappe.qb.from_(Goal).select(Coalesce(Max(Goal.rgt), 0)).for_update().run(pluck=True)[0] or 0
	for i, row in enumerate(rows):
		row.update(is_group=0, parent_goal=None, old_parent="", lft=last + 1 + 2 * i, rgt=last + 2 + 2 * i)
	return insert_rows("Goal", rows)


def recompute_appraisals(pairs: set[tuple[str, str]]) -> int:
	"""Recompute, once each, the appraisals of these (employee, cycle) pairs, as Appraisal's
	set_goal_score(update=True) would after a Goal changed: each KRA row's goal completion is the
	mean progress of the employee's root, not Archived Goals under that KRA in the cycle. Manual
	Rating appraisals are left alone, as HRMS leaves them. Returns how many were written."""
	if not pairs:
		return 0
	employees = list({e for e, _ in pairs})
	cycles = list({c for _, c in pairs})
	heads = [
		a
		for a in frappe.get_all(
			"Appraisal",
			filters={"employee": ("in", employees), "appraisal_cycle": ("in", cycles), "docstatus": ("<", 2)},
			fields=[
				"name",
				"employee",
				"appraisal_cycle",
				"rate_goals_manually",
				"avg_feedback_score",
				"self_score",
				"goal_score_percentage",
				"total_score",
				"final_score",
			],
		)
		if (a.employee, a.appraisal_cycle) in pairs and not a.rate_goals_manually
	]
	if not heads:
		return 0
	rows = {}
	for row in frappe.get_all(
		"Appraisal KRA",
		filters={"parent": ("in", [a.name for a in heads]), "parenttype": "Appraisal"},
		fields=["name", "parent", "idx", "kra", "per_weightage", "goal_completion", "goal_score"],
		order_by="idx",
	):
		rows.setdefault(row.parent, []).append(row)

	Goal = frappe.qb.DocType("Goal")
	completion = {
		(r.employee, r.appraisal_cycle, r.kra): r.completion
		for r in (
			frappe.qb.from_(Goal)
			.select(Goal.employee, Goal.appraisal_cycle, Goal.kra, Avg(Goal.progress).as_("completion"))
			.where(
				Goal.employee.isin(employees)
				& Goal.appraisal_cycle.isin(cycles)
				& (Goal.status != "Archived")
				& ((Goal.parent_goal == "") | Goal.parent_goal.isnull())
			)
			.groupby(Goal.employee, Goal.appraisal_cycle, Goal.kra)
		).run(as_dict=True)
	}

	kra_updates, appraisal_updates = {}, {}
	for head in heads:
		doc = frappe.get_doc({"doctype": "Appraisal", **head, "appraisal_kra": rows.get(head.name, [])})
		for kra in doc.appraisal_kra:
			kra.goal_completion = frappe.utils.flt(
				completion.get((head.employee, head.appraisal_cycle, kra.kra)),
				kra.precision("goal_completion"),
			)
			kra.goal_score = frappe.utils.flt(
				kra.goal_completion * kra.per_weightage / 100, kra.precision("goal_score")
			)
		# Frappe HR's own totals: the same methods its set_goal_score calls
		doc.calculate_total_score()
		doc.calculate_final_score()
		for kra, before in zip(doc.appraisal_kra, rows.get(head.name, []), strict=True):
			if (kra.goal_completion, kra.goal_score) != (before.goal_completion, before.goal_score):
				kra_updates[kra.name] = {"goal_completion": kra.goal_completion, "goal_score": kra.goal_score}
		totals = {f: doc.get(f) for f in ("goal_score_percentage", "total_score", "final_score")}
		if any(totals[f] != head.get(f) for f in totals):
			appraisal_updates[head.name] = totals
	frappe.db.bulk_update("Appraisal KRA", kra_updates, chunk_size=500, update_modified=False)
	frappe.db.bulk_update("Appraisal", appraisal_updates, chunk_size=500, update_modified=False)
	return len(appraisal_updates)


def differs(old, new) -> bool:
	"""Whether a stored value differs from a computed one, reading numbers, dates and blanks as
	the database stores them; only changed values are written."""
	if isinstance(new, float | int) and not isinstance(new, bool):
		return flt(old, 2) != flt(new, 2)
	if hasattr(new, "year") or hasattr(old, "year"):
		return (getdate(old) if old else None) != (getdate(new) if new else None)
	return (old or None) != (new or None)
