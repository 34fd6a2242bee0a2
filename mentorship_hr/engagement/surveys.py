"""Survey invitations (README, "Engagement"): the fit check after the first check-in and the final
survey when a pairing completes. The mid-point survey is asked for in the daily reminders
(mentorship_hr/engagement/reminders.py)."""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, flt, getdate

from mentorship_hr.notifications import notify
from mentorship_hr.participant_links import survey_page, to_portal

SUBJECTS = {
	"Fit Check": "How is your mentoring going? Take the fit check",
	"Mid-point": "Halfway through your mentoring: take the mid-point survey",
	"Final": "Your mentoring is complete: take the final survey",
}


def survey_link(pairing: str, survey_type: str) -> str:
	"""Where one of the pair answers a survey: its page in My Mentoring (Mentoring Settings), or a
	new survey answer in the desk, prefilled with the pairing and the survey type."""
	if to_portal():
		return survey_page(pairing, survey_type)
	return frappe.utils.get_url(
		"/app/mentoring-feedback/new?" + urlencode({"pairing": pairing, "survey_type": survey_type})
	)


def midpoint(start, end):
	"""The day the program reaches its midpoint, when the mid-point survey is asked for."""
	return add_days(getdate(start), date_diff(end, start) // 2)


def invite(pairing, survey_type: str):
	"""Ask both sides of the pairing to answer a survey, with a link to a prefilled form."""
	link = survey_link(pairing.name, survey_type)
	notify(
		[pairing.mentor_user, pairing.mentee_user],
		_(SUBJECTS[survey_type]),
		pairing,
		"mentoring_survey",
		survey_link=link,
		survey_type=survey_type,
	)


def failed_fit_checks(pairings: list[str]) -> set[str]:
	"""The pairings whose fit check either side answered "not a good fit". A survey answer: it
	reaches program managers and HR only; everyone else sees the pairing At Risk with the program
	manager following up (health_service)."""
	return set(
		frappe.get_all(
			"Mentoring Feedback",
			filters={"pairing": ("in", list(pairings) or [""]), "survey_type": "Fit Check", "good_fit": "No"},
			pluck="pairing",
		)
	)


def fit_check_failed(pairing: str) -> bool:
	return pairing in failed_fit_checks([pairing])


def ratings_shown_to(pairings) -> list[str]:
	"""Of these pairings (rows with name, mentor and mentee), those whose survey ratings the session
	user sees: every one for program managers and HR, their own for the pair, none for managers."""
	from mentorship_hr.permissions import employees_of, is_program_manager

	if is_program_manager():
		return [p.name for p in pairings]
	mine = set(employees_of(frappe.session.user))
	return [p.name for p in pairings if {p.mentor, p.mentee} & mine]


def latest_ratings(pairings) -> dict[str, dict[str, frappe._dict]]:
	"""For the pairings whose ratings the session user sees (ratings_shown_to), each side's latest
	answered survey: {pairing: {"Mentor" or "Mentee": {survey_type, rating (of 5), answered_on}}}."""
	shown = ratings_shown_to(pairings)
	latest = {name: {} for name in shown}
	for fb in frappe.get_all(
		"Mentoring Feedback",
		filters={"pairing": ("in", shown or [""])},
		fields=["pairing", "respondent_role", "survey_type", "overall_rating", "creation"],
		order_by="creation desc",
	):
		latest[fb.pairing].setdefault(
			fb.respondent_role,
			frappe._dict(
				survey_type=fb.survey_type,
				rating=flt(flt(fb.overall_rating) * 5, 1),
				answered_on=fb.creation.date(),
			),
		)
	return latest
