"""Where a mentor's or mentee's notices lead: the page of My Mentoring for what they are about
(Mentoring Settings > Participants' Links Open), or the desk. Everyone else gets the desk."""

from urllib.parse import quote

import frappe

PORTAL = "/mentoring"
ON_A_PAIRING = ("Mentoring Pairing", "Mentoring Check-in", "Mentoring Goal", "Mentoring Feedback")
SURVEY_KINDS = ("survey", "midpoint_survey")  # domain/reminders.py


def to_portal() -> bool:
	return frappe.db.get_single_value("Mentoring Settings", "participant_links") != "Desk"


def pairing_of(doctype: str, names: list[str]) -> dict[str, str]:
	"""The pairing each record belongs to (a pairing is its own)."""
	if doctype == "Mentoring Pairing":
		return {n: n for n in names}
	if doctype not in ON_A_PAIRING or not names:
		return {}
	return dict(
		frappe.get_all(doctype, filters={"name": ("in", names)}, fields=["name", "pairing"], as_list=True)
	)


def links_for(users: list[str], doc) -> dict[str, str]:
	"""The portal link of each of these users who is a participant in what `doc` is about: one of
	the pair of its pairing, or the employee enrolled (a Mentoring Participant)."""
	if not users or not to_portal():
		return {}
	if doc.doctype == "Mentoring Participant":
		return {u: frappe.utils.get_url(f"{PORTAL}/programs") for u in users if u == doc.get("user")}
	if doc.doctype not in ON_A_PAIRING:
		return {}
	# a pairing and a check-in carry the pair's users: no query for the notices sent in bulk
	# (publishing a match, the check-ins of a day)
	pairing = doc.name if doc.doctype == "Mentoring Pairing" else doc.get("pairing")
	pair = (doc.get("mentor_user"), doc.get("mentee_user"))
	if pairing and not all(pair):
		pair = frappe.db.get_value("Mentoring Pairing", pairing, ["mentor_user", "mentee_user"]) or ()
	if not pairing:
		return {}
	return {u: frappe.utils.get_url(f"{PORTAL}/pairing/{pairing}") for u in users if u and u in pair}


def reminder_link(kind: str, pairing: str | None, detail: str = "") -> str | None:
	"""The portal page of a reminder to one of the pair, or None for the desk."""
	if not pairing or not to_portal():
		return None
	if kind in SURVEY_KINDS:
		return survey_page(pairing, detail or "Mid-point")
	return frappe.utils.get_url(f"{PORTAL}/pairing/{pairing}")


def survey_page(pairing: str, survey_type: str) -> str:
	return frappe.utils.get_url(f"{PORTAL}/survey/{quote(pairing)}/{quote(survey_type)}")
