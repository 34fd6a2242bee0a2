"""Values the access matrix writes into each field: valid for the record (so that a refusal means
the policy refused, not a bad value) and different from what is stored."""

from datetime import date, datetime

import frappe
from frappe.utils import add_days, cstr, flt, getdate, today

# Fields whose probe depends on the record or the world; everything else is made from its type.
SPECIAL = {
	("Mentoring Program", "company"): lambda w, doc: w.other_company,
	("Mentoring Program", "start_date"): lambda w, doc: add_days(doc.start_date, -1),
	("Mentoring Program", "end_date"): lambda w, doc: add_days(doc.end_date, 1),
	("Mentoring Program", "program_manager"): lambda w, doc: w.users["hr_manager"],
	("Mentoring Program", "sponsor"): lambda w, doc: w.employees["stranger"],
	("Mentoring Program", "kra"): lambda w, doc: "Quality",
	("Mentoring Program", "checkin_frequency_days"): lambda w, doc: 21,
	("Mentoring Program", "max_mentees_per_mentor"): lambda w, doc: 3,
	("Mentoring Program", "min_match_score"): lambda w, doc: 5,
	("Mentoring Settings", "default_kra"): lambda w, doc: "Quality",
	("Mentoring Participant", "program"): lambda w, doc: w.name("program_open"),
	("Mentoring Participant", "employee"): lambda w, doc: w.employees["spare"],
	("Mentoring Participant", "capacity"): lambda w, doc: 1,
	("Mentoring Pairing", "program"): lambda w, doc: w.name("program_open"),
	("Mentoring Pairing", "mentor"): lambda w, doc: w.employees["stranger"],
	("Mentoring Pairing", "mentee"): lambda w, doc: w.employees["spare"],
	("Mentoring Pairing", "start_date"): lambda w, doc: add_days(_program(doc).start_date, 1),
	("Mentoring Pairing", "end_date"): lambda w, doc: add_days(_program(doc).end_date, -1),
	("Mentoring Circle", "program"): lambda w, doc: w.name("program_open"),
	# the program's other approved mentor than the circle's lead
	("Mentoring Circle", "lead_mentor"): lambda w, doc: _other_mentor(w, doc),
	("Mentoring Circle", "co_mentor"): lambda w, doc: _other_mentor(w, doc),
	("Mentoring Circle", "start_date"): lambda w, doc: add_days(_program(doc).start_date, 1),
	("Mentoring Circle", "end_date"): lambda w, doc: add_days(_program(doc).end_date, -1),
	("Mentoring Goal", "pairing"): lambda w, doc: w.name("pairing_b"),
	("Mentoring Goal", "circle"): lambda w, doc: w.name("circle"),
	("Mentoring Goal", "target_date"): lambda w, doc: add_days(today(), 40),
	("Mentoring Goal", "project"): lambda w, doc: w.project,
	("Mentoring Goal", "aligned_goal"): lambda w, doc: w.aligned_goal,
	("Mentoring Goal", "status"): lambda w, doc: "Dropped",
	("Mentoring Check-in", "pairing"): lambda w, doc: w.name("pairing_b"),
	("Mentoring Check-in", "circle"): lambda w, doc: w.name("circle"),
	("Mentoring Check-in", "checkin_date"): lambda w, doc: add_days(today(), -2),
	("Mentoring Check-in", "amended_from"): lambda w, doc: w.name("checkin_cancelled"),
	("Mentoring Check-in", "logged_by"): lambda w, doc: w.users["stranger"],
	("Mentoring Check-in", "confirmed_by"): lambda w, doc: w.users["stranger"],
	("Mentoring Check-in", "confirmation_status"): lambda w, doc: "Confirmed",
	("Mentoring Check-in Note", "checkin"): lambda w, doc: w.name("checkin_draft"),
	("Mentoring Feedback", "pairing"): lambda w, doc: w.name("pairing_b"),
	("Mentoring Feedback", "survey_type"): lambda w, doc: "Final",
	("Mentoring Feedback", "respondent"): lambda w, doc: w.users["stranger"],
	("Mentoring Score", "employee"): lambda w, doc: w.employees["stranger"],
	("Mentoring Score", "program"): lambda w, doc: w.name("program_open"),
	("Mentoring Score", "hrms_goal"): lambda w, doc: w.aligned_goal,
	("Mentoring Sync Log", "requested_by"): lambda w, doc: w.users["stranger"],
	("Mentoring Sync Log", "program"): lambda w, doc: w.name("program_open"),
	("Mentoring Reminder Log", "user"): lambda w, doc: w.users["stranger"],
	("Mentoring Reminder Log", "reference_name"): lambda w, doc: w.name("pairing_b"),
	("Mentoring Reminder Log", "reference_doctype"): lambda w, doc: "Mentoring Program",
}

TABLE_ROWS = {
	"goal_updates": lambda w: [{"goal": w.name("goal"), "progress": 33, "note": "probe row"}],
	"skills_offered": lambda w: [{"skill": w.skill}],
	"skills_sought": lambda w: [{"skill": w.skill}],
	"focus_skills": lambda w: [{"skill": w.skill}],
	"topic_skills": lambda w: [{"skill": w.skill}],
	"attendance": lambda w: [{"employee": w.employees[e], "present": 1} for e in ("mentee_d", "mentee")],
	"members": lambda w: [{"employee": w.employees["other_pair"]}],
	"skill_growth": lambda w: [{"skill": w.skill, "baseline": 1, "agreed": 1, "written_on": "2026-01-01"}],
	"skill_ratings": lambda w: [{"skill": w.skill, "proficiency": 0.8}],
}

# Some values need another field in the same request to be valid.
WITH = {  # (field, value), or (field, None) for any value; (doctype, field, None) for one DocType
	# a member's own goal in the circle instead of the pairing's
	("Mentoring Goal", "circle", None): lambda w: {"pairing": None},
	("status", "Ended Early"): lambda w: {"end_reason": "probe: ended early"},
	("role", "Mentor"): lambda w: {"capacity": 1},
	("skill_ratings", None): lambda w: {"survey_type": "Mid-point"},  # skills are rated there only
	("reference_doctype", "Mentoring Program"): lambda w: {"reference_name": w.name("program")},
	("reference_name", None): lambda w: {"reference_doctype": "Mentoring Pairing"},
	# attendance is a circle's: a check-in of the circle instead of the pairing (the same two people)
	("attendance", None): lambda w: {"pairing": None, "circle": w.name("circle")},
	# a check-in of the circle instead of the pairing (the same two people), with who attended
	("circle", None): lambda w: {
		"pairing": None,
		"attendance": [{"employee": w.employees[e], "present": 1} for e in ("mentor", "mentee")],
	},
}


def _other_mentor(world, doc) -> str:
	return world.employees["mentor" if doc.get("lead_mentor") != world.employees["mentor"] else "mentor_b"]


def extra(world, fieldname, value, doctype=None) -> dict:
	make = (
		WITH.get((doctype, fieldname, None))
		or (WITH.get((fieldname, value)) if isinstance(value, str) else None)
		or WITH.get((fieldname, None))
	)
	return make(world) if make else {}


def _program(doc):
	return frappe.db.get_value("Mentoring Program", doc.program, ["start_date", "end_date"], as_dict=True)


def probe(world, doc, df, actor: str | None = None, new: bool = False):
	"""A value for the field that differs from the stored one, as a client sends it (JSON)."""
	value = _probe(world, doc, df, actor, new)
	if isinstance(value, date | datetime):
		value = str(value)
	if df.fieldtype in ("Link", "Dynamic Link") and cstr(value) == cstr(doc.get(df.fieldname)):
		value = None  # clearing it is the change
	return value


def _probe(world, doc, df, actor, new):
	special = SPECIAL.get((doc.doctype, df.fieldname))
	if special:
		return special(world, doc)
	if df.fieldname == "respondent_role" and new:  # the server records the respondent's own side
		return {"mentor": "Mentee"}.get(actor, "Mentor")
	if df.fieldname == "logged_by_role" and new:
		# the pair logs as their own side; anyone else picks one
		return {"mentor": "Mentor", "mentee": "Mentee"}.get(actor, "Mentor")
	if df.fieldtype in ("Table", "Table MultiSelect"):
		return TABLE_ROWS[df.fieldname](world)
	return by_type(df, doc.get(df.fieldname), world)


def by_type(df, current, world):
	kind = df.fieldtype
	if kind in ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Code"):
		return f"probe {df.fieldname} {frappe.generate_hash(length=6)}"
	if kind == "Int":
		return int(current or 0) + 1
	if kind in ("Float", "Currency"):
		return flt(current) + 7
	if kind == "Percent":
		return 37 if flt(current) != 37 else 38
	if kind == "Rating":
		return 0.8 if flt(current) != 0.8 else 0.2
	if kind == "Check":
		return 0 if current else 1
	if kind == "Date":
		return add_days(getdate(current or today()), -1)
	if kind == "Datetime":
		return "2026-01-02 03:04:05"
	if kind == "Select":
		options = [o for o in (df.options or "").split("\n") if o and o != current]
		return options[0]
	if kind == "Link":
		return world.link_probe(df.options)
	if kind == "Dynamic Link":
		return world.name("pairing_b")
	raise ValueError(f"no probe for {df.fieldtype} {df.fieldname}")


def same(df, stored, value) -> bool:
	"""Does the stored value hold the probe?"""
	if df.fieldtype in ("Int", "Float", "Percent", "Rating", "Check", "Currency"):
		return flt(stored) == flt(value)
	if df.fieldtype == "Date":
		return bool(stored) and getdate(stored) == getdate(value)
	if df.fieldtype == "Datetime":
		return bool(stored) and str(stored)[:19] == str(value)[:19]
	if df.fieldtype in ("Table", "Table MultiSelect"):
		return bool(value) and all(any(_row_holds(row, w) for row in stored) for w in value)
	return cstr(stored) == cstr(value)


def _row_holds(row, wanted: dict) -> bool:
	return all(
		flt(row.get(k)) == flt(v) if isinstance(v, int | float) else cstr(row.get(k)) == cstr(v)
		for k, v in wanted.items()
	)


def probe_for_new(world, doctype, template, df, actor):
	"""A value for a field of a new record that the server would not have stored anyway: not the
	field's default, and not what a derived field copies from the record's links."""
	base = frappe._dict({"doctype": doctype, **template})
	value = probe(world, base, df, actor, new=True)
	control = _control(doctype, template, df)
	if control is None or cstr(value) != cstr(control):
		return value
	if df.fieldtype == "Select":
		return next(o for o in (df.options or "").split("\n") if o and o != control)
	if df.fieldtype == "Link":
		return world.other_link(df.options, control)
	return value


def _control(doctype, template, df):
	"""What the server stores when the client gives no value."""
	if df.fetch_from:
		link, source = df.fetch_from.split(".", 1)
		target = frappe.get_meta(doctype).get_field(link).options
		return template.get(link) and frappe.db.get_value(target, template[link], source)
	return frappe.new_doc(doctype).get(df.fieldname)
