"""Survey invitations (README, "Engagement"): the fit check after the first check-in, the
mid-point survey at the program's midpoint, and the final survey when a pairing completes."""

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


def invite_midpoint(today=None) -> list[str]:
	"""Daily: Active pairings of programs past their midpoint get the mid-point survey, once."""
	today = getdate(today or nowdate())
	Pairing, Program = frappe.qb.DocType("Mentoring Pairing"), frappe.qb.DocType("Mentoring Program")
	rows = (
		frappe.qb.from_(Pairing)
		.join(Program)
		.on(Program.name == Pairing.program)
		.select(
			Pairing.name,
			Pairing.title,
			Pairing.program,
			Pairing.mentor_user,
			Pairing.mentee_user,
			Program.start_date,
			Program.end_date,
		)
		.where((Pairing.status == "Active") & (Pairing.midpoint_survey_sent == 0))
	).run(as_dict=True)
	due = [r for r in rows if today >= midpoint(r.start_date, r.end_date) and today <= getdate(r.end_date)]
	for row in due:
		invite(frappe._dict(row, doctype="Mentoring Pairing"), "Mid-point")
	if due:
		frappe.db.set_value(
			"Mentoring Pairing",
			{"name": ("in", [r.name for r in due])},
			"midpoint_survey_sent",
			1,
			update_modified=False,
		)
	return [r.name for r in due]
