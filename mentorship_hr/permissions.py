"""Row-level rules (DESIGN.md §7): list filters and document checks for the mentoring DocTypes.

Program managers and HR see everything. Mentor and mentee work on their own pairing; the
managers of either read the pairing and its goals but never its check-ins.
"""

import frappe
from frappe import _
from frappe.utils import cstr, flt, getdate

MANAGER_ROLES = {"System Manager", "HR Manager", "Mentoring Program Manager"}
READ_ONLY = {"read", "print", "report", "export", "email"}


def is_program_manager(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def check_program_manager():
	if not is_program_manager():
		frappe.throw(_("Only program managers and HR can do this."), frappe.PermissionError)


def employees_of(user: str) -> list[str]:
	"""The Employee records linked to a user."""
	return frappe.get_all("Employee", filters={"user_id": user}, pluck="name")


def _in(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def _pairing_condition(user: str, table: str = "`tabMentoring Pairing`", managers: bool = True) -> str:
	user_sql = frappe.db.escape(user)
	condition = f"({table}.mentor_user = {user_sql} or {table}.mentee_user = {user_sql}"
	employees = employees_of(user)
	if managers and employees:
		condition += f" or {table}.mentor_manager in ({_in(employees)}) or {table}.mentee_manager in ({_in(employees)})"
	return condition + ")"


def _linked_condition(doctype: str, user: str, managers: bool) -> str:
	pairings = _pairing_condition(user, "p", managers)
	return f"`tab{doctype}`.pairing in (select p.name from `tabMentoring Pairing` p where {pairings})"


# permission_query_conditions


def pairing_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return "" if is_program_manager(user) else _pairing_condition(user)


def goal_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return "" if is_program_manager(user) else _linked_condition("Mentoring Goal", user, managers=True)


def checkin_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return "" if is_program_manager(user) else _linked_condition("Mentoring Check-in", user, managers=False)


def participant_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return f"`tabMentoring Participant`.employee in ({_in(employees_of(user))})"


def score_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	mine = _in(employees_of(user))
	return (
		f"(`tabMentoring Score`.employee in ({mine}) or `tabMentoring Score`.employee in "
		f"(select e.name from `tabEmployee` e where e.reports_to in ({mine})))"
	)


# has_permission


def pairing_role(pairing: str | dict | None, user: str) -> str | None:
	"""'Mentor', 'Mentee', 'Manager' or None: how a user stands to a pairing."""
	if not pairing:
		return None
	if isinstance(pairing, str):
		pairing = frappe.db.get_value(
			"Mentoring Pairing",
			pairing,
			["mentor_user", "mentee_user", "mentor_manager", "mentee_manager"],
			as_dict=True,
		)
		if not pairing:
			return None
	if user == pairing.get("mentor_user"):
		return "Mentor"
	if user == pairing.get("mentee_user"):
		return "Mentee"
	if {pairing.get("mentor_manager"), pairing.get("mentee_manager")} & set(employees_of(user)):
		return "Manager"
	return None


def pairing_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	role = pairing_role(doc.as_dict(), user)
	if role in ("Mentor", "Mentee"):
		return ptype in READ_ONLY or ptype == "write"
	if role == "Manager":
		return ptype in READ_ONLY
	return False


def goal_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	role = pairing_role(doc.pairing, user)
	if role == "Mentee":
		return True
	if role == "Mentor":
		return ptype in READ_ONLY or ptype == "write"  # the mentor writes the assessment fields only
	if role == "Manager":
		return ptype in READ_ONLY
	return False


def checkin_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype in ("cancel", "delete") and doc.logged_by and doc.logged_by != user:
		return False  # only whoever logged a check-in takes it back
	return pairing_role(doc.pairing, user) in ("Mentor", "Mentee")


def participant_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype == "delete":
		return False
	return doc.employee in employees_of(user)


def score_permission(doc, ptype=None, user=None, debug=False):
	"""Employees read their own scores; managers read their reports' scores."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype not in READ_ONLY:
		return False
	mine = employees_of(user)
	return doc.employee in mine or frappe.db.get_value("Employee", doc.employee, "reports_to") in mine


def changed_fields(doc) -> set[str]:
	"""The editable fields whose value differs from the saved document (all set ones if new)."""
	before = doc.get_doc_before_save()

	def norm(df, value):
		if df.fieldtype == "Date":
			return getdate(value) if value else None
		if df.fieldtype in ("Float", "Percent", "Rating", "Int"):
			return flt(value)
		return cstr(value)

	return {
		df.fieldname
		for df in doc.meta.fields
		if not df.read_only
		and df.fieldtype not in frappe.model.no_value_fields
		and norm(df, before.get(df.fieldname) if before else None) != norm(df, doc.get(df.fieldname))
	}
