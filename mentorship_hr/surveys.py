"""Survey invitations (README, "Engagement"): the fit check after the first check-in and the final
survey when a pairing completes. The mid-point survey is asked for in the daily reminders
(mentorship_hr/reminders.py)."""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, getdate, nowdate

from mentorship_hr.notifications import notify

SUBJECTS = {
	"Fit Check": "How is your mentoring going? Take the fit check",
	"Mid-point": "Halfway through your mentoring: take the mid-point survey",
	"Final": "Your mentoring is complete: take the final survey",
}


def survey_link(pairing: str, survey_type: str) -> str:
	"""A new survey answer, prefilled with the pairing and the survey type."""
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
