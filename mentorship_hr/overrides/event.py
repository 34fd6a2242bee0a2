"""Frappe's Event as a scheduled check-in: an Event may reference a pairing or a circle only if
whoever saves it reads it (a circle's check-in is one Event shared with each of its people). A check-in is one Event for each of the pair (Frappe's Event list shows a user
only their own events); when one of the pair moves, renames or cancels theirs, or deletes it, the
other's follows. Which events count as a pairing's next check-in (the pair's and program
managers') is health_service's."""

import frappe
from frappe import _

PAIRING = "Mentoring Pairing"
REFERENCED = (PAIRING, "Mentoring Circle")  # what an Event may refer to only if its author reads it


def validate(doc, method=None):
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	before = doc.get_doc_before_save()
	known = {
		(row.reference_doctype, row.reference_docname)
		for row in (before.event_participants if before else [])
	}
	for row in doc.event_participants:
		reference = (row.reference_doctype, row.reference_docname)
		if row.reference_doctype not in REFERENCED or not row.reference_docname or reference in known:
			continue
		if not frappe.db.exists(row.reference_doctype, row.reference_docname) or not frappe.has_permission(
			row.reference_doctype, "read", row.reference_docname
		):
			frappe.throw(
				_("Row {0}: you can refer only to mentoring pairings and circles you can open.").format(
					row.idx
				),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)


# what one of the pair may change on their Event and the other's then shows too
SHARED_FIELDS = ("subject", "starts_on", "ends_on", "all_day", "status", "description")


def on_update(doc, method=None):
	before = doc.get_doc_before_save()
	if doc.flags.mentoring_twin or not before:
		return
	changed = {f: doc.get(f) for f in SHARED_FIELDS if doc.get(f) != before.get(f)}
	if not changed:
		return
	for name in _twins(doc, before.starts_on):
		twin = frappe.get_doc("Event", name)
		twin.update(changed)
		twin.flags.mentoring_twin = True
		twin.save(ignore_permissions=True)


def on_trash(doc, method=None):
	if doc.flags.mentoring_twin:
		return
	for name in _twins(doc, doc.starts_on):
		twin = frappe.get_doc("Event", name)
		twin.flags.mentoring_twin = True
		twin.delete(ignore_permissions=True)


def _twins(doc, starts_on) -> list[str]:
	"""The other side's Event for the same check-in: one that refers to the same pairing at the same
	time and is owned by the other of the pair. Only an Event of one of the pair moves the other's."""
	pairings = [r.reference_docname for r in doc.event_participants if r.reference_doctype == PAIRING]
	others = {
		user
		for pair in frappe.get_all(
			PAIRING, filters={"name": ("in", pairings or [""])}, fields=["mentor_user", "mentee_user"]
		)
		if doc.owner in (pair.mentor_user, pair.mentee_user)
		for user in (pair.mentor_user, pair.mentee_user)
		if user and user != doc.owner
	}
	if not others:
		return []
	Event, Participant = frappe.qb.DocType("Event"), frappe.qb.DocType("Event Participants")
	return (
		frappe.qb.from_(Event)
		.join(Participant)
		.on(Participant.parent == Event.name)
		.select(Event.name)
		.distinct()
		.where(
			(Participant.reference_doctype == PAIRING)
			& Participant.reference_docname.isin(pairings)
			& Event.owner.isin(list(others))
			& (Event.starts_on == starts_on)
			& (Event.name != doc.name)
		)
	).run(pluck=True)
