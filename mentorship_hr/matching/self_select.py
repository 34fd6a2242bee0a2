"""Self-select: a mentee picks from their best suggestions and asks; the mentor answers in time."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from mentorship_hr.domain import transitions
from mentorship_hr.domain.matching import compatibility, exclusion, suggestions
from mentorship_hr.matching.bulk_matching import POOL_STATUSES, announce, load_pool, match_weights_of
from mentorship_hr.matching.pairing_rules import OPEN_STATUSES, mentor_capacity
from mentorship_hr.notifications import notify
from mentorship_hr.permissions import employees_of, is_program_manager, pairing_role

EXPIRY_CHUNK = 200
OPEN_PROGRAM_STATUSES = ("Enrolling", "Active")


def _my_mentee_profile(program):
	"""The session user's mentee entry in the pool, or a clear error."""
	if program.status not in OPEN_PROGRAM_STATUSES:
		frappe.throw(
			_("Program {0} is {1}; mentors can be asked only while it is Enrolling or Active.").format(
				frappe.bold(program.name), _(program.status)
			),
			title=_("Program Not Open"),
		)
	employees = employees_of(frappe.session.user)
	enrolled = frappe.db.exists(
		"Mentoring Participant",
		{
			"program": program.name,
			"role": "Mentee",
			"employee": ("in", employees or [""]),
			"status": ("in", POOL_STATUSES),
		},
	)
	if not enrolled:
		frappe.throw(_("You are not an approved mentee of program {0}.").format(frappe.bold(program.name)))
	pool = load_pool(program)
	mentee = next((m for m in pool.mentees if m.employee in employees), None)
	if not mentee:
		frappe.throw(_("You already have a mentor in program {0}.").format(frappe.bold(program.name)))
	return pool, mentee


def mentor_suggestions(program, limit: int = 5) -> list[dict]:
	pool, mentee = _my_mentee_profile(program)
	names = {m.employee: m.name for m in pool.mentors}
	free = {m.employee: m.capacity for m in pool.mentors}
	return [
		{
			"mentor": s.mentor,
			"mentor_name": names[s.mentor],
			"score": s.score,
			"reasons": list(s.reasons),
			"free_places": free[s.mentor],
		}
		for s in suggestions(mentee, pool.mentors, pool.rules, match_weights_of(program), limit)
	]


def request_mentor(program, mentor: str) -> str:
	"""The mentee asks a mentor. The same exclusions apply as to the suggestions."""
	pool, mentee = _my_mentee_profile(program)
	if frappe.db.exists(
		"Mentoring Pairing", {"program": program.name, "mentee": mentee.employee, "status": "Requested"}
	):
		frappe.throw(_("You already have a request waiting for an answer in this program."))
	mentor_profile = next((m for m in pool.mentors if m.employee == mentor), None)
	if not mentor_profile:
		frappe.throw(
			_("{0} is not an approved mentor of this program.").format(frappe.bold(mentor)),
			title=_("Not a Mentor"),
		)
	score, reasons = compatibility(mentor_profile, mentee, match_weights_of(program))
	reason = exclusion(mentor_profile, mentee, pool.rules, score)
	if reason:
		frappe.throw(
			_("You cannot ask {0}: {1}.").format(frappe.bold(mentor_profile.name), _(reason)),
			title=_("Mentor Not Available"),
		)
	doc = frappe.get_doc(
		{
			"doctype": "Mentoring Pairing",
			"program": program.name,
			"mentor": mentor,
			"mentee": mentee.employee,
			"status": "Requested",
			"source": "Mentee Request",
			"requested_on": today(),
			"request_expires_on": add_days(today(), program.request_expiry_days or 7),
			"match_score": score,
			"match_reasons": "; ".join(reasons),
		}
	)
	doc.flags.actor = transitions.MENTEE
	doc.insert(ignore_permissions=True)
	notify(
		[doc.mentor_user],
		_("{0} asks you to be their mentor").format(doc.mentee_name),
		doc,
		"mentoring_request",
	)
	return doc.name


def respond_to_request(doc, accept: bool) -> str:
	"""The mentor asked (or a program manager) answers a stored request."""
	manager = is_program_manager()
	if not manager and pairing_role(doc.name, frappe.session.user) != transitions.MENTOR:
		frappe.throw(_("Only the mentor asked can answer this request."), frappe.PermissionError)
	if doc.status != "Requested":
		frappe.throw(_("This request is no longer open ({0}).").format(_(doc.status)))
	if doc.request_expires_on and getdate(doc.request_expires_on) < getdate(today()):
		frappe.throw(_("This request expired on {0}.").format(frappe.format(doc.request_expires_on, "Date")))

	if int(accept):
		_claim_a_place(doc)
		# pairings go live once the program starts; until then an accepted request waits as a
		# proposal, published with the others (matching_service.publish)
		started = frappe.db.get_value("Mentoring Program", doc.program, "status") == "Active"
		doc.status = "Active" if started else "Proposed"
	else:
		doc.status = "Declined"
	doc.flags.actor = transitions.MANAGER if manager else transitions.MENTOR
	doc.flags.ignore_permissions = True
	doc.save()
	answer = {
		"Active": _("accepted"),
		"Proposed": _("accepted (the pairing starts with the program)"),
	}.get(doc.status, _("declined"))
	notify(
		[doc.mentee_user],
		_("{0} {1} your request").format(doc.mentor_name, answer),
		doc,
		"mentoring_request_answer",
		answer=answer,
	)
	if doc.status == "Active":
		announce(doc)
	return doc.status


def _claim_a_place(doc):
	"""Serialize acceptances per program, then count the mentor's places from committed data,
	so two acceptances racing for the last place cannot both win."""
	frappe.db.get_value("Mentoring Program", doc.program, "name", for_update=True)
	Pairing = frappe.qb.DocType("Mentoring Pairing")
	load = (
		frappe.qb.from_(Pairing)
		.select(Pairing.name)
		.where(
			(Pairing.program == doc.program)
			& (Pairing.mentor == doc.mentor)
			& Pairing.status.isin(OPEN_STATUSES)
			& (Pairing.name != doc.name)
		)
		.for_update()
	).run()
	capacity = mentor_capacity(doc.program, doc.mentor)
	if len(load) >= capacity:
		frappe.throw(
			_("{0} has no free place left ({1} of {2} taken).").format(doc.mentor_name, len(load), capacity),
			title=_("Mentor at Capacity"),
		)


def expire_requests(commit=False) -> dict:
	"""Daily: requests the mentor did not answer in time expire, and the mentee is told. Statuses
	change a chunk at a time; a request whose notice fails is logged and left for the next run,
	and the others go on. `commit` ends each chunk's transaction (the daily job)."""
	result = frappe._dict(expired=[], failed=[])
	rows = frappe.get_all(
		"Mentoring Pairing",
		filters={"status": "Requested", "request_expires_on": ("<", today())},
		fields=["name", "program", "mentor_name", "mentee_user"],
		order_by="name",
	)
	Pairing = frappe.qb.DocType("Mentoring Pairing")
	for start in range(0, len(rows), EXPIRY_CHUNK):
		chunk = rows[start : start + EXPIRY_CHUNK]
		frappe.qb.update(Pairing).set(Pairing.status, "Expired").where(
			Pairing.name.isin([r.name for r in chunk]) & (Pairing.status == "Requested")
		).run()
		for row in chunk:
			frappe.db.savepoint("expire_request")
			try:
				_tell_mentee(row)
			except Exception:
				frappe.db.rollback(save_point="expire_request")
				frappe.db.set_value(
					"Mentoring Pairing", row.name, "status", "Requested", update_modified=False
				)
				frappe.log_error(title=_("Mentoring request {0} could not expire").format(row.name))
				result.failed.append(row.name)
				continue
			result.expired.append(row.name)
		if commit:
			frappe.db.commit()
	return result


def daily_expiry():
	expire_requests(commit=True)


def _tell_mentee(row):
	notify(
		[row.mentee_user],
		_("Your request to {0} expired").format(row.mentor_name),
		frappe._dict(row, doctype="Mentoring Pairing"),
		"mentoring_request_answer",
		answer=_("did not answer"),
	)
