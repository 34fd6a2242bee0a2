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


def invite(pairing, survey_type: str):
	"""Ask both sides of the pairing to answer a survey, with a link to a prefilled form."""
	link = frappe.utils.get_url(
		"/app/mentoring-feedback/new?" + urlencode({"pairing": pairing.name, "survey_type": survey_type})
	)
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
	due = [
		r
		for r in rows
		if today >= add_days(r.start_date, date_diff(r.end_date, r.start_date) // 2)
		and today <= getdate(r.end_date)
	]
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


def daily_invites():
	invite_midpoint()
	frappe.db.commit()
