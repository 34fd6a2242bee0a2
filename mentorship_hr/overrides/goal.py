"""Frappe HR's Goal under a mentoring program's KRA: made, changed and deleted by the score sync
only. Frappe HR lets employees create Goals and averages every Goal of a KRA into the appraisal,
so a Goal made by hand under the Mentoring KRA would forge the mentoring score."""

import frappe
from frappe import _

from mentorship_hr.kpi.bulk_writes import differs

GUARDED_FIELDS = ("goal_name", "employee", "kra", "appraisal_cycle", "progress", "status", "parent_goal")


def mentoring_kras() -> set[str]:
	"""The KRAs that carry mentoring scores: each program's, and the settings' default."""
	kras = set(frappe.get_all("Mentoring Program", pluck="kra", distinct=True))
	kras.add(frappe.db.get_single_value("Mentoring Settings", "default_kra"))
	return kras - {None, ""}


def _exempt(doc) -> bool:
	flags = frappe.flags
	return bool(doc.flags.from_mentoring_sync or flags.in_uninstall or flags.in_install or flags.in_migrate)


def validate(doc, method=None):
	"""Refuse a Goal made by hand under a mentoring KRA, or moved under one, and any change by hand
	to a Goal that is under one (the next sync would undo it anyway)."""
	if _exempt(doc):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	was_mentoring = bool(before and before.kra in mentoring_kras()) or carries_score(doc)
	if doc.kra in mentoring_kras() and not was_mentoring:
		frappe.throw(
			_("Goals under the {0} KRA are made by the mentoring score sync, not by hand.").format(
				frappe.bold(doc.kra)
			),
			frappe.PermissionError,
			title=_("Mentoring Goal"),
		)
	if not was_mentoring or not before:
		return
	changed = [f for f in GUARDED_FIELDS if differs(before.get(f), doc.get(f))]
	if changed:
		frappe.throw(
			_(
				"Goal {0} carries a mentoring score, which the mentoring sync sets. {1} cannot be changed here."
			).format(frappe.bold(doc.name), ", ".join(_(doc.meta.get_label(f)) for f in changed)),
			frappe.PermissionError,
			title=_("Mentoring Goal"),
		)


def on_trash(doc, method=None):
	"""A Goal that carries a mentoring score goes with its score; one made by hand may be deleted."""
	if _exempt(doc) or not carries_score(doc):
		return
	frappe.throw(
		_("Goal {0} carries a mentoring score. Delete its Mentoring Score first.").format(
			frappe.bold(doc.name)
		),
		title=_("Mentoring Goal"),
	)


def carries_score(doc) -> bool:
	return bool(
		doc.name and not doc.is_new() and frappe.db.exists("Mentoring Score", {"hrms_goal": doc.name})
	)
