"""Who may see and do what (DESIGN.md §7): list filters, document checks and server-owned fields.

Every decision reads the stored record and the live Employee records (`user_id`, `reports_to`),
never values that the client sent. Program managers and HR see everything; mentor and mentee
work on their own pairing; the managers of either read the pairing and its goals, never its
check-ins. Private check-in notes are for the pair only, whoever else asks.
"""

import frappe
from frappe import _
from frappe.utils import cstr, flt, getdate

from mentorship_hr.domain import transitions
from mentorship_hr.domain.transitions import MANAGER, MENTEE, MENTOR

MANAGER_ROLES = {"System Manager", "HR Manager", "Mentoring Program Manager"}
READ_ONLY = {"read", "print", "report", "export", "email"}


def is_program_manager(user: str | None = None) -> bool:
	"""The one place that decides who runs programs: program managers, HR Managers, System Managers."""
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def boot_info(bootinfo):
	"""Tell the desk whether the user runs programs, so forms need not copy the role list."""
	bootinfo.mentoring_program_manager = is_program_manager()


def check_program_manager():
	if not is_program_manager():
		frappe.throw(_("Only program managers and HR can do this."), frappe.PermissionError)


def employees_of(user: str) -> list[str]:
	"""The Employee records linked to a user, as they are now."""
	return frappe.get_all("Employee", filters={"user_id": user}, pluck="name")


def reports_of(employees: list[str]) -> list[str]:
	"""The employees who report to any of these employees now."""
	if not employees:
		return []
	return frappe.get_all("Employee", filters={"reports_to": ("in", employees)}, pluck="name")


def _in(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def stored(doc, fieldname: str):
	"""A field as the database holds it; the document's own value while it is new."""
	if doc.name and not doc.is_new():
		value = frappe.db.get_value(doc.doctype, doc.name, fieldname)
		if value is not None or frappe.db.exists(doc.doctype, doc.name):
			return value
	return doc.get(fieldname)


# How a user stands to a pairing


def pairing_role(pairing: str | None, user: str) -> str | None:
	"""MENTOR, MENTEE, MANAGER or None, from the stored pairing and the live Employee records."""
	if not pairing:
		return None
	people = frappe.db.get_value("Mentoring Pairing", pairing, ["mentor", "mentee"], as_dict=True)
	if not people:
		return None
	mine = set(employees_of(user))
	if people.mentor in mine:
		return MENTOR
	if people.mentee in mine:
		return MENTEE
	managers = frappe.get_all(
		"Employee", filters={"name": ("in", [people.mentor, people.mentee])}, pluck="reports_to"
	)
	return MANAGER if mine & set(managers) else None


def is_party(pairing: str | None, user: str | None = None) -> bool:
	return pairing_role(pairing, user or frappe.session.user) in (MENTOR, MENTEE)


# permission_query_conditions


def _pairing_condition(user: str, table: str, managers: bool) -> str:
	mine = employees_of(user)
	people = [*mine, *reports_of(mine)] if managers else mine
	return f"({table}.mentor in ({_in(people)}) or {table}.mentee in ({_in(people)}))"


def _pairing_subquery(user: str, managers: bool) -> str:
	return f"(select p.name from `tabMentoring Pairing` p where {_pairing_condition(user, 'p', managers)})"


def pairing_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	return "" if is_program_manager(user) else _pairing_condition(user, "`tabMentoring Pairing`", True)


def goal_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return f"`tabMentoring Goal`.pairing in {_pairing_subquery(user, managers=True)}"


def checkin_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return f"`tabMentoring Check-in`.pairing in {_pairing_subquery(user, managers=False)}"


def goal_update_query(user: str | None = None) -> str:
	"""Goal updates are rows of check-ins: the same readers."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return (
		"`tabMentoring Check-in Goal Update`.parent in (select c.name from `tabMentoring Check-in` c "
		f"where c.pairing in {_pairing_subquery(user, managers=False)})"
	)


def note_query(user: str | None = None) -> str:
	"""Private notes: the pair only, program managers and HR included."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"`tabMentoring Check-in Note`.pairing in {_pairing_subquery(user, managers=False)}"


def participant_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return f"`tabMentoring Participant`.employee in ({_in(employees_of(user))})"


def skill_item_query(user: str | None = None) -> str:
	"""Skill rows of programs are public to readers; those of enrollments follow the enrollment."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return (
		"(`tabMentoring Skill Item`.parenttype != 'Mentoring Participant' or `tabMentoring Skill Item`.parent"
		f" in (select e.name from `tabMentoring Participant` e where e.employee in ({_in(employees_of(user))})))"
	)


def score_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	mine = employees_of(user)
	return f"`tabMentoring Score`.employee in ({_in([*mine, *reports_of(mine)])})"


def feedback_query(user: str | None = None) -> str:
	"""Survey answers: their respondent, and program managers and HR."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return ""
	return f"`tabMentoring Feedback`.respondent = {frappe.db.escape(user)}"


# has_permission: always on the stored record


def pairing_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	role = None if doc.is_new() else pairing_role(doc.name, user)
	if role in (MENTOR, MENTEE):
		return ptype in READ_ONLY or ptype == "write"  # the pair edits the agreement only
	if role == MANAGER:
		return ptype in READ_ONLY
	return False


def goal_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	role = pairing_role(stored(doc, "pairing"), user)
	if role == MENTEE:
		return True
	if role == MENTOR:
		return ptype in READ_ONLY or ptype == "write"  # the mentor writes the assessment fields only
	if role == MANAGER:
		return ptype in READ_ONLY
	return False


def checkin_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype in ("cancel", "delete") and not doc.is_new() and stored(doc, "logged_by") != user:
		return False  # only whoever logged a check-in takes it back
	return is_party(stored(doc, "pairing"), user)


def note_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	return is_party(stored(doc, "pairing"), user)


def feedback_permission(doc, ptype=None, user=None, debug=False):
	"""The respondent writes their own answer; the counterpart sees only the ratings, through the
	pairing (MentoringPairing.feedback_ratings); managers see nothing."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return ptype in READ_ONLY or None
	if ptype == "delete":
		return False
	if doc.is_new():
		return pairing_role(doc.pairing, user) in (MENTOR, MENTEE)
	return stored(doc, "respondent") == user


def participant_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype == "delete":
		return False
	return stored(doc, "employee") in employees_of(user)


def score_permission(doc, ptype=None, user=None, debug=False):
	"""Employees read their own scores; managers read their reports' scores."""
	user = user or frappe.session.user
	if is_program_manager(user):
		return None
	if ptype not in READ_ONLY:
		return False
	mine = employees_of(user)
	employee = stored(doc, "employee")
	return employee in mine or employee in reports_of(mine)


# Fields the server owns


def changed_fields(doc, fields=None) -> set[str]:
	"""Fields whose value differs from the stored document (all set ones if new). By default the
	fields a user edits; pass `fields` to check others."""
	before = doc.get_doc_before_save()

	def norm(df, value):
		if df.fieldtype == "Date":
			return getdate(value) if value else None
		if df.fieldtype in ("Float", "Percent", "Rating", "Int", "Check", "Currency"):
			return flt(value)
		return cstr(value)

	if fields is None:
		candidates = [
			df
			for df in doc.meta.fields
			if not df.read_only and df.fieldtype not in frappe.model.no_value_fields
		]
	else:
		candidates = [doc.meta.get_field(f) for f in fields]
	return {
		df.fieldname
		for df in candidates
		if norm(df, before.get(df.fieldname) if before else None) != norm(df, doc.get(df.fieldname))
	}


def protect_server_fields(doc, fields):
	"""Fields the server derives are never taken from a client: a new document starts from their
	defaults, and a change to a stored one is refused before anything is written."""
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if doc.is_new() or not doc.get_doc_before_save():
		defaults = frappe.new_doc(doc.doctype)
		for field in fields:
			doc.set(field, defaults.get(field))
		return
	changed = changed_fields(doc, fields)
	if changed:
		frappe.throw(
			_("{0} of a {1} is set by the system and cannot be changed.").format(
				", ".join(_(doc.meta.get_label(f)) for f in sorted(changed)), _(doc.doctype)
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


def check_transition(doc, table: dict, actor: str, fieldname: str = "status"):
	"""Refuse a status move that the design does not give to this actor. Administrator is exempt."""
	if frappe.session.user == "Administrator":
		return
	before = doc.get_doc_before_save()
	old, new = (before.get(fieldname) if before else None), doc.get(fieldname)
	if transitions.allowed(table, old, new, actor):
		return
	if old is None:
		message = _("A new {0} cannot start as {1}.").format(_(doc.doctype), _(new))
	else:
		message = _("You cannot move this {0} from {1} to {2}.").format(_(doc.doctype), _(old), _(new))
	frappe.throw(message, frappe.PermissionError, title=_("Not Allowed"))


def keep_links(doc, fields):
	"""Links that decide who owns a record never move once it is saved."""
	if not doc.get_doc_before_save():
		return
	moved = changed_fields(doc, fields)
	if moved:
		frappe.throw(
			_("{0} of a {1} cannot be changed once it is saved.").format(
				", ".join(_(doc.meta.get_label(f)) for f in sorted(moved)), _(doc.doctype)
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


class ChildOfStoredParent:
	"""A child row loaded on its own (e.g. `frappe.client.get` by name) is checked against its
	stored parent's row-level rules. Frappe checks such a row against the parent DocType's role
	permissions only, since a row loaded alone has no `parent_doc`."""

	def load_from_db(self):
		super().load_from_db()
		if self.parent and self.parenttype and not self.parent_doc:
			self.parent_doc = frappe.get_doc(self.parenttype, self.parent)
