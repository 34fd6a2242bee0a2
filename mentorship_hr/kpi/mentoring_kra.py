"""The Mentoring KRA weighs only on participants' appraisals (README, "The Mentoring KRA").

An appraisal cycle carries a Mentoring KRA weightage. A participant is an employee whose mentoring
score in the cycle is scored, that is, one of their pairings has completed its first check-in
period. Each participant's Appraisee row and Draft appraisal move to a variant of their template
that adds the KRA and rescales the other KRAs to keep 100. Everyone else keeps their template, or
gets it back. HRMS then builds and scores the appraisals from these templates as usual.
"""

import frappe
from frappe import _
from frappe.utils import flt, formatdate

from mentorship_hr.domain.weightage import with_kra


def apply_to_cycle(appraisal_cycle: str) -> frappe._dict:
	"""Move participants to their variant template and everyone else to their base template.
	Idempotent: a second run changes nothing."""
	cycle = frappe.db.get_value(
		"Appraisal Cycle", appraisal_cycle, ["name", "status", "mentoring_kra_weightage"], as_dict=True
	)
	kra = frappe.db.get_single_value("Mentoring Settings", "default_kra")
	weightage = flt(cycle.mentoring_kra_weightage)
	result = frappe._dict(
		kra=kra, weightage=weightage, updated=[], restored=[], not_changed=[], waiting=[], warnings=[]
	)
	scored, waiting = _participants(cycle.name, kra)
	rows = frappe.get_all(
		"Appraisee",
		filters={"parent": cycle.name, "parenttype": "Appraisal Cycle"},
		fields=["name", "employee", "appraisal_template"],
	)
	appraisals = frappe.get_all(
		"Appraisal",
		filters={"appraisal_cycle": cycle.name, "docstatus": ("<", 2)},
		fields=["name", "employee", "employee_name", "docstatus", "appraisal_template"],
		order_by="name",
	)
	bases = _bases({r.appraisal_template for r in rows} | {a.appraisal_template for a in appraisals})
	for base in sorted({b for b in bases.values() if b}):
		if _template_weights(base).get(kra):
			result.warnings.append(
				_("Template {0} itself carries the {1} KRA, so every appraisal made from it does.").format(
					base, kra
				)
			)

	variants = {}

	def target(employee, template):
		base = bases.get(template) or template
		if not base or employee not in scored or not weightage:
			return base
		if base not in variants:
			try:
				variants[base] = variant(base, kra, weightage)
			except ValueError:
				variants[base] = base
				result.warnings.append(
					_("Template {0} has no other KRA with weight, so the {1} KRA cannot be added.").format(
						base, kra
					)
				)
		return variants[base]

	for row in rows:
		wanted = target(row.employee, row.appraisal_template)
		if wanted != row.appraisal_template:
			frappe.db.set_value("Appraisee", row.name, "appraisal_template", wanted, update_modified=False)

	for appraisal in appraisals:
		wanted = target(appraisal.employee, appraisal.appraisal_template)
		if wanted == appraisal.appraisal_template:
			continue
		if appraisal.docstatus == 1 or cycle.status == "Completed":
			reason = _("already submitted") if appraisal.docstatus == 1 else _("its cycle is Completed")
			result.not_changed.append(
				{"appraisal": appraisal.name, "employee_name": appraisal.employee_name, "reason": reason}
			)
			continue
		doc = frappe.get_doc("Appraisal", appraisal.name)
		doc.appraisal_template = wanted
		_set_weights(doc, _template_weights(wanted))
		doc.save(ignore_permissions=True)
		restored = wanted == (bases.get(appraisal.appraisal_template) or appraisal.appraisal_template)
		(result.restored if restored else result.updated).append(doc.name)

	for (employee, employee_name), first_period_ends in sorted(waiting.items()):
		result.waiting.append(
			{
				"employee": employee,
				"employee_name": employee_name,
				"reason": _("not yet scored: the first check-in period ends on {0}").format(
					formatdate(first_period_ends)
				),
			}
		)
	return result


def variant(base: str, kra: str, weightage: float) -> str:
	"""The template that adds the KRA to base at the weightage; made or brought up to date."""
	weights = with_kra(_template_weights(base), kra, weightage)
	name = f"{base} + {kra} {weightage:g}%"
	if frappe.db.exists("Appraisal Template", name):
		doc = frappe.get_doc("Appraisal Template", name)
		if _template_weights(name) == weights:
			return name
	else:
		base_doc = frappe.get_doc("Appraisal Template", base)
		doc = frappe.get_doc(
			{
				"doctype": "Appraisal Template",
				"template_title": name,
				"mentoring_base_template": base,
				"description": _(
					"{0} with the {1} KRA at {2}%, for mentoring participants. Made by the mentoring app: "
					"edit {0} instead, and the next sync carries the change here."
				).format(base, kra, f"{weightage:g}"),
				"rating_criteria": [
					{"criteria": r.criteria, "per_weightage": r.per_weightage}
					for r in base_doc.rating_criteria
				],
			}
		)
	doc.set("goals", [{"key_result_area": k, "per_weightage": w} for k, w in weights.items()])
	doc.flags.ignore_permissions = True
	doc.save()
	return doc.name


def _participants(cycle: str, kra: str) -> tuple[set, dict]:
	"""Employees scored in the cycle under the KRA, and those (employee, name) still in their
	first period, with the day it ends."""
	scored, waiting, names = set(), {}, {}
	for s in frappe.get_all(
		"Mentoring Score",
		filters={"appraisal_cycle": cycle},
		fields=["employee", "employee_name", "not_yet_scored", "first_period_ends", "program.kra as kra"],
	):
		if s.kra != kra:
			continue
		names[s.employee] = s.employee_name
		if not s.not_yet_scored:
			scored.add(s.employee)
		elif s.first_period_ends:
			waiting[s.employee] = min(waiting.get(s.employee, s.first_period_ends), s.first_period_ends)
	return scored, {(e, names[e]): d for e, d in waiting.items() if e not in scored}


def _bases(templates: set) -> dict[str, str]:
	"""Each template's base: itself, or the template it is a mentoring variant of."""
	templates = [t for t in templates if t]
	if not templates:
		return {}
	return {
		t.name: t.mentoring_base_template or t.name
		for t in frappe.get_all(
			"Appraisal Template",
			filters={"name": ("in", templates)},
			fields=["name", "mentoring_base_template"],
		)
	}


def _template_weights(template: str) -> dict[str, float]:
	return {
		r.key_result_area: flt(r.per_weightage)
		for r in frappe.get_all(
			"Appraisal Template Goal",
			filters={"parent": template, "parenttype": "Appraisal Template"},
			fields=["key_result_area", "per_weightage"],
			order_by="idx",
		)
	}


def _set_weights(appraisal, weights: dict[str, float]):
	"""Give an appraisal the template's KRAs and weights, keeping what was entered on the rows kept."""
	table = "goals" if appraisal.rate_goals_manually else "appraisal_kra"
	rows = {row.kra: row for row in appraisal.get(table)}
	appraisal.set(table, [row for row in appraisal.get(table) if row.kra in weights])
	for kra, weight in weights.items():
		if kra in rows:
			rows[kra].per_weightage = weight
		else:
			appraisal.append(table, {"kra": kra, "per_weightage": weight})
