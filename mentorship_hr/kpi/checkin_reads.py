"""The submitted check-ins the KPI reads, for pairings or circles, in one query."""

import frappe
from frappe.query_builder.functions import Coalesce, Length
from frappe.utils import getdate

from mentorship_hr.domain import kpi


def submitted_checkins(link_field: str, names: list[str]) -> list[frappe._dict]:
	"""The submitted check-ins of the pairings (link_field "pairing") or circles ("circle") named,
	each with its `checkin` as the KPI reads it."""
	if not names:
		return []
	Checkin = frappe.qb.DocType("Mentoring Check-in")
	rows = (
		frappe.qb.from_(Checkin)
		.select(
			Checkin.name,
			Checkin[link_field].as_("link"),
			Checkin.checkin_date,
			Checkin.submitted_on,
			Checkin.confirmation_status,
			Checkin.logged_by,
			Checkin.logged_by_role,
			Checkin.mentee_rating,
			Checkin.mentor_rating,
			Coalesce(Length(Checkin.agenda), 0).as_("agenda_length"),
		)
		.where((Checkin.docstatus == 1) & Checkin[link_field].isin(names))
	).run(as_dict=True)
	for r in rows:
		r.checkin = kpi.CheckIn(
			checkin_date=getdate(r.checkin_date),
			logged_on=getdate(r.submitted_on or r.checkin_date),
			confirmation_status=r.confirmation_status,
			logged_by_role=r.logged_by_role,
			has_agenda=bool(r.agenda_length),
			mentee_rating=r.mentee_rating or None,
			mentor_rating=r.mentor_rating or None,
		)
	return rows
