"""Where a mentor's or mentee's notices lead: the page of My Mentoring for what they are about
(Mentoring Settings > Participants' Links Open), or the desk. Everyone else gets the desk."""

from urllib.parse import quote, urljoin

import frappe

from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of

PORTAL = "/mentoring"
ON_A_PAIRING = ("Mentoring Pairing", "Mentoring Check-in", "Mentoring Goal", "Mentoring Feedback")
ON_A_CIRCLE = ("Mentoring Check-in", "Mentoring Goal")
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


def circle_of(doctype: str, names: list[str]) -> dict[str, str]:
	"""The circle each record belongs to (a circle is its own)."""
	if doctype == "Mentoring Circle":
		return {n: n for n in names}
	if doctype not in ON_A_CIRCLE or not names:
		return {}
	return {
		name: circle
		for name, circle in frappe.get_all(
			doctype, filters={"name": ("in", names)}, fields=["name", "circle"], as_list=True
		)
		if circle
	}


def links_for(users: list[str], doc) -> dict[str, str]:
	"""The portal link of each of these users who is a participant in what `doc` is about: one of
	the pair of its pairing, a mentor or member of its circle, or the employee enrolled (a
	Mentoring Participant)."""
	if not users or not to_portal():
		return {}
	if doc.doctype == "Mentoring Participant":
		return {u: portal_url("/programs") for u in users if u == doc.get("user")}
	circle = doc.name if doc.doctype == "Mentoring Circle" else doc.get("circle")
	if circle and doc.doctype in ("Mentoring Circle", *ON_A_CIRCLE):
		people = _circle_users(circle)
		return {u: circle_page(circle) for u in users if u in people}
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
	return {u: portal_url(f"/pairing/{pairing}") for u in users if u and u in pair}


def reminder_link(kind: str, pairing: str | None, detail: str = "", circle: str | None = None) -> str | None:
	"""The portal page of a reminder to one of the pair or of the circle, or None for the desk."""
	if not (pairing or circle) or not to_portal():
		return None
	if circle:
		return circle_page(circle)
	if kind in SURVEY_KINDS:
		return survey_page(pairing, detail or "Mid-point")
	return portal_url(f"/pairing/{pairing}")


def survey_page(pairing: str, survey_type: str) -> str:
	return portal_url(f"/survey/{quote(pairing)}/{quote(survey_type)}")


def circle_page(circle: str) -> str:
	return portal_url(f"/circle/{quote(circle)}")


def portal_url(path: str) -> str:
	"""frappe.utils.get_url of a page of My Mentoring, the site's address read once a request or job
	(the daily reminders make a link for every item)."""
	if not frappe.flags.mentoring_site_url:
		frappe.flags.mentoring_site_url = frappe.utils.get_url()
	return urljoin(frappe.flags.mentoring_site_url, PORTAL + path)


def _circle_users(circle: str) -> set[str]:
	"""The users of the circle's mentors and members."""
	stored = frappe.db.get_value("Mentoring Circle", circle, ["lead_mentor", "co_mentor"], as_dict=True)
	if not stored:
		return set()
	people = [*mentors_of(stored), *members_by_circle([circle]).get(circle, [])]
	return set(frappe.get_all("Employee", filters={"name": ("in", people)}, pluck="user_id")) - {None}
