"""The access policy (mentorship_hr/access_policy.py), enforced for every client: row rules for
lists, a decision on every document, the field guard on every save, and the fields each form may
edit.

Every decision reads the stored record and the live Employee records (`user_id`, `reports_to`),
never values that the client sent. A user's relations to a record (mentor, mentee, either one's
manager, the enrolled employee, the respondent, the logger, and their roles) are worked out here
once; what each relation may do is the policy's.
"""

import frappe
from frappe import _
from frappe.utils import cstr, flt, getdate
from frappe.utils.html_utils import sanitize_html

from mentorship_hr import access_policy as policy
from mentorship_hr.access_policy import (
	COUNTERPART,
	LOGGER,
	MENTEE,
	MENTEE_MANAGER,
	MENTOR,
	MENTOR_MANAGER,
	RESPONDENT,
	SELF,
	SELF_MANAGER,
	STAFF,
)
from mentorship_hr.domain import transitions
from mentorship_hr.matching.circle_rules import members_by_circle, mentors_of

MANAGER_ROLES = set(STAFF)
READ_ONLY = {"read", "print", "report", "export", "email", "select"}
APP_DOCTYPES = tuple(policy.POLICY)


def is_program_manager(user: str | None = None) -> bool:
	"""The one place that decides who runs programs: program managers, HR Managers, System Managers."""
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def boot_info(bootinfo):
	"""Tell the desk whether the user runs programs, and whether they log check-ins (a mentor or
	mentee of an Active pairing, or a program manager), so lists offer only what will work."""
	bootinfo.mentoring_program_manager = is_program_manager()
	mine = employees_of(frappe.session.user) or [""]
	in_a_pair = any(
		frappe.db.exists("Mentoring Pairing", {"status": "Active", side: ("in", mine)})
		for side in ("mentor", "mentee")
	)
	bootinfo.mentoring_logs_checkins = bootinfo.mentoring_program_manager or in_a_pair


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


def stored(doc, fieldname: str):
	"""A field as the database holds it; the document's own value while it is new."""
	if doc.name and not doc.is_new():
		value = frappe.db.get_value(doc.doctype, doc.name, fieldname)
		if value is not None or frappe.db.exists(doc.doctype, doc.name):
			return value
	return doc.get(fieldname)


# A user's relations to a record


def role_relations(user: str) -> set[str]:
	return set(policy.ROLES) & set(frappe.get_roles(user))


def pairing_relations(pairing: str | None, user: str) -> set[str]:
	"""MENTOR, MENTEE, MENTOR_MANAGER and MENTEE_MANAGER, from the stored pairing and the live
	Employee records."""
	if not pairing:
		return set()
	people = frappe.db.get_value("Mentoring Pairing", pairing, ["mentor", "mentee"], as_dict=True)
	if not people:
		return set()
	mine = set(employees_of(user))
	if not mine:
		return set()
	managers = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", [people.mentor, people.mentee])},
			fields=["name", "reports_to"],
			as_list=True,
		)
	)
	found = {
		MENTOR: people.mentor in mine,
		MENTEE: people.mentee in mine,
		MENTOR_MANAGER: managers.get(people.mentor) in mine,
		MENTEE_MANAGER: managers.get(people.mentee) in mine,
	}
	return {relation for relation, holds in found.items() if holds}


def circle_relations(circle: str | None, user: str) -> set[str]:
	"""In a circle, MENTOR is its lead or co-mentor and MENTEE a member; MENTOR_MANAGER and
	MENTEE_MANAGER manage one of them. From the stored circle and the live Employee records."""
	return _circle_relations(circle, set(employees_of(user)))


def _circle_relations(circle: str | None, mine: set[str]) -> set[str]:
	if not circle or not mine:
		return set()
	stored_circle = frappe.db.get_value(
		"Mentoring Circle", circle, ["lead_mentor", "co_mentor"], as_dict=True
	)
	if not stored_circle:
		return set()
	mentors = mentors_of(stored_circle)
	members = members_by_circle([circle]).get(circle, [])
	managers = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", mentors + members)},
			fields=["name", "reports_to"],
			as_list=True,
		)
	)
	found = {
		MENTOR: bool(mine & set(mentors)),
		MENTEE: bool(mine & set(members)),
		MENTOR_MANAGER: any(managers.get(e) in mine for e in mentors),
		MENTEE_MANAGER: any(managers.get(e) in mine for e in members),
	}
	return {relation for relation, holds in found.items() if holds}


def pairing_role(pairing: str | None, user: str) -> str | None:
	"""MENTOR, MENTEE, MANAGER (of either side) or None."""
	relations = pairing_relations(pairing, user)
	for relation, role in (
		(MENTOR, transitions.MENTOR),
		(MENTEE, transitions.MENTEE),
		(MENTOR_MANAGER, transitions.MANAGER),
		(MENTEE_MANAGER, transitions.MANAGER),
	):
		if relation in relations:
			return role
	return None


def is_party(pairing: str | None, user: str | None = None) -> bool:
	return bool(pairing_relations(pairing, user or frappe.session.user) & policy.PAIR)


def circle_goal_relations(circle: str, member: str | None, user: str, new=False) -> set[str]:
	"""A member's own goal in a circle: MENTEE is that member (for a new goal, any member, who will
	be its member), MENTEE_MANAGER their manager; the circle's mentors and their managers as in the
	circle. Other members have none."""
	mine = set(employees_of(user))
	relations = _circle_relations(circle, mine)
	if new:
		return relations
	relations -= {MENTEE, MENTEE_MANAGER}
	if member in mine:
		relations.add(MENTEE)
	elif member in reports_of(mine):
		relations.add(MENTEE_MANAGER)
	return relations


def _employee_relations(employee: str | None, user: str, manager_too: bool) -> set[str]:
	mine = employees_of(user)
	if employee and employee in mine:
		return {SELF}
	if manager_too and employee and employee in reports_of(mine):
		return {SELF_MANAGER}
	return set()


def record_relations(doc, user: str) -> set[str]:
	"""The user's relations to the stored record (its own values while it is new), roles aside."""
	doctype = doc.doctype
	if doctype == "Mentoring Pairing":
		return set() if doc.is_new() else pairing_relations(doc.name, user)
	if doctype == "Mentoring Circle":
		return set() if doc.is_new() else circle_relations(doc.name, user)
	if doctype == "Mentoring Goal":
		circle = stored(doc, "circle")
		if circle:
			return circle_goal_relations(circle, stored(doc, "mentee"), user, new=doc.is_new())
		return pairing_relations(stored(doc, "pairing"), user)
	if doctype == "Mentoring Check-in Note":
		circle = stored(doc, "circle")
		return circle_relations(circle, user) if circle else pairing_relations(stored(doc, "pairing"), user)
	if doctype == "Mentoring Check-in":
		return _checkin_relations(doc, user)
	if doctype == "Mentoring Feedback":
		relations = pairing_relations(stored(doc, "pairing"), user)
		if not doc.is_new() and stored(doc, "respondent") == user:
			relations.add(RESPONDENT)
		return relations
	if doctype == "Mentoring Participant":
		return _employee_relations(stored(doc, "employee"), user, manager_too=False)
	if doctype == "Mentoring Score":
		return _employee_relations(stored(doc, "employee"), user, manager_too=True)
	return set()


def _checkin_relations(doc, user: str) -> set[str]:
	circle = stored(doc, "circle")
	relations = circle_relations(circle, user) if circle else pairing_relations(stored(doc, "pairing"), user)
	if doc.is_new():
		return relations
	state = frappe.db.get_value(doc.doctype, doc.name, ["logged_by", "logged_by_role"], as_dict=True) or {}
	if state.get("logged_by") == user:
		relations.add(LOGGER)
	if circle:  # in a circle, whoever attended other than the logger
		present = frappe.get_all(
			"Mentoring Check-in Attendee",
			filters={"parent": doc.name, "parenttype": doc.doctype, "present": 1},
			pluck="employee",
		)
		if state.get("logged_by") != user and set(present) & set(employees_of(user)):
			relations.add(COUNTERPART)
		return relations
	counterpart = MENTEE if state.get("logged_by_role") == transitions.MENTOR else MENTOR
	if counterpart in relations:
		relations.add(COUNTERPART)
	return relations


def relations_of(doc, user: str | None = None) -> frozenset[str]:
	user = user or frappe.session.user
	return frozenset(role_relations(user) | record_relations(doc, user))


def stored_state(doc) -> dict:
	"""The stored values the policy's conditions read (status, docstatus, ...); empty when new."""
	fields = {"docstatus"} | {
		when.fieldname
		for rule in (*policy.POLICY[doc.doctype].fields.values(), *_actions(doc.doctype))
		for when in _whens(rule)
	}
	if doc.is_new() or not doc.name:
		return {}
	columns = [f for f in fields if f == "docstatus" or doc.meta.has_field(f)]
	return frappe.db.get_value(doc.doctype, doc.name, columns, as_dict=True) or {}


def _actions(doctype):
	p = policy.POLICY[doctype]
	return (p.delete, p.submit, p.cancel, *p.methods.values())


def _whens(rule):
	whens = [rule.when]
	whens += [when for _who, when in getattr(rule, "alternatives", ())]
	return [w for w in whens if w is not None]


# has_permission: one decision for every app DocType, on the stored record


def has_permission(doc, ptype=None, user=None, debug=False) -> bool:
	"""The policy's answer for this user, record and permission type. Frappe's role permissions are
	checked first; this can only narrow them."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	rules = policy.POLICY[doc.doctype]
	relations = relations_of(doc, user)
	if ptype in READ_ONLY or ptype is None:
		return policy.may_read(doc.doctype, relations)
	if doc.is_new() or ptype in ("create", "amend"):
		return policy.may_create(doc.doctype, relations)
	state = stored_state(doc)
	decisions = {
		"write": lambda: bool(rules.writers & relations) and bool(policy.may_read(doc.doctype, relations)),
		"submit": lambda: policy.may_do(rules.submit, relations, state),
		"cancel": lambda: policy.may_do(rules.cancel, relations, state),
		"delete": lambda: policy.may_do(rules.delete, relations, state),
	}
	decide = decisions.get(ptype)
	return bool(decide and decide())  # share and anything else: nobody but Administrator


# permission_query_conditions: the policy's readers, as SQL


def _in(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def _pairing_rows(table: str, user: str, readers) -> list[str]:
	mine = employees_of(user)
	reports = reports_of(mine) if readers & policy.MANAGERS else []
	sql = {
		MENTOR: f"{table}.mentor in ({_in(mine)})",
		MENTEE: f"{table}.mentee in ({_in(mine)})",
		MENTOR_MANAGER: f"{table}.mentor in ({_in(reports)})",
		MENTEE_MANAGER: f"{table}.mentee in ({_in(reports)})",
	}
	return [sql[r] for r in sorted(readers) if r in sql]


def _pairings_read_by(user: str, readers) -> str:
	rows = " or ".join(_pairing_rows("p", user, readers)) or "1=0"
	return f"(select p.name from `tabMentoring Pairing` p where {rows})"


def _circle_rows(table: str, user: str, readers) -> list[str]:
	mine = employees_of(user)
	reports = reports_of(mine) if readers & policy.MANAGERS else []

	def mentored_by(people):
		return f"({table}.lead_mentor in ({_in(people)}) or {table}.co_mentor in ({_in(people)}))"

	def with_member(people):
		return (
			f"{table}.name in (select m.parent from `tabMentoring Circle Member` m "
			f"where m.parenttype = 'Mentoring Circle' and m.employee in ({_in(people)}))"
		)

	sql = {
		MENTOR: lambda: mentored_by(mine),
		MENTEE: lambda: with_member(mine),
		MENTOR_MANAGER: lambda: mentored_by(reports),
		MENTEE_MANAGER: lambda: with_member(reports),
	}
	return [sql[r]() for r in sorted(readers) if r in sql]


def _goal_rows(table: str, user: str, readers) -> list[str]:
	"""A pairing's goals as its pairing reads; a circle goal by the circle's mentors (and their
	managers), and by its own member (and their manager)."""
	rows = [f"{table}.pairing in {_pairings_read_by(user, readers)}"]
	mentors = " or ".join(_circle_rows("c", user, readers & {MENTOR, MENTOR_MANAGER}))
	if mentors:
		rows.append(f"{table}.circle in (select c.name from `tabMentoring Circle` c where {mentors})")
	mine = employees_of(user)
	members = [*(mine if MENTEE in readers else []), *(reports_of(mine) if MENTEE_MANAGER in readers else [])]
	if members:
		rows.append(f"(ifnull({table}.circle, '') != '' and {table}.mentee in ({_in(members)}))")
	return rows


def _checkins_read_by(user: str, readers) -> str:
	"""The check-ins of the pairings, and of the circles, these relations of the user read."""
	circles = " or ".join(_circle_rows("c", user, readers)) or "1=0"
	return (
		f"(select k.name from `tabMentoring Check-in` k where k.pairing in {_pairings_read_by(user, readers)} "
		f"or k.circle in (select c.name from `tabMentoring Circle` c where {circles}))"
	)


def _row_condition(doctype: str, user: str, readers) -> str:
	table = f"`tab{doctype}`"
	if doctype == "Mentoring Pairing":
		return " or ".join(_pairing_rows(table, user, readers))
	if doctype == "Mentoring Circle":
		return " or ".join(_circle_rows(table, user, readers))
	if doctype == "Mentoring Circle Member":
		circle_readers = policy.POLICY["Mentoring Circle"].read - set(policy.ROLES)
		rows = " or ".join(_circle_rows("c", user, circle_readers)) or "1=0"
		return f"{table}.parent in (select c.name from `tabMentoring Circle` c where {rows})"
	if doctype == "Mentoring Goal":
		return " or ".join(_goal_rows(table, user, readers))
	if doctype in ("Mentoring Check-in", "Mentoring Check-in Note"):
		key = "name" if doctype == "Mentoring Check-in" else "checkin"
		return f"{table}.{key} in {_checkins_read_by(user, readers)}"
	if doctype in ("Mentoring Check-in Goal Update", "Mentoring Check-in Attendee"):
		checkin_readers = policy.POLICY["Mentoring Check-in"].read - set(policy.ROLES)
		return f"{table}.parent in {_checkins_read_by(user, checkin_readers)}"
	if doctype == "Mentoring Feedback" and RESPONDENT in readers:
		return f"{table}.respondent = {frappe.db.escape(user)}"
	if doctype == "Mentoring Skill Growth":
		return f"{table}.parent in {_pairings_read_by(user, readers)}"
	if doctype == "Mentoring Skill Rating":
		return (
			f"{table}.parent in (select f.name from `tabMentoring Feedback` f "
			f"where f.respondent = {frappe.db.escape(user)})"
		)
	if doctype in ("Mentoring Participant", "Mentoring Score"):
		mine = employees_of(user)
		people = [*(mine if SELF in readers else []), *(reports_of(mine) if SELF_MANAGER in readers else [])]
		return f"{table}.employee in ({_in(people)})"
	if doctype == "Mentoring Skill Item":
		return (
			f"({table}.parenttype != 'Mentoring Participant' or {table}.parent in (select e.name from "
			f"`tabMentoring Participant` e where e.employee in ({_in(employees_of(user))})))"
		)
	return ""


def query_conditions(doctype: str, user: str | None = None) -> str:
	"""The rows of `doctype` the user reads: all for a role the policy names as a reader (program
	managers and HR, or everyone where everyone reads), else those of their relations."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	readers = policy.POLICY[doctype].read
	if doctype != "Mentoring Skill Item" and readers & role_relations(user):
		return ""
	if doctype == "Mentoring Skill Item" and is_program_manager(user):
		return ""
	return f"({_row_condition(doctype, user, readers - set(policy.ROLES)) or '1=0'})"


def _query_hook(doctype):
	def hook(user=None):
		return query_conditions(doctype, user)

	return hook


pairing_query = _query_hook("Mentoring Pairing")
goal_query = _query_hook("Mentoring Goal")
checkin_query = _query_hook("Mentoring Check-in")
goal_update_query = _query_hook("Mentoring Check-in Goal Update")
note_query = _query_hook("Mentoring Check-in Note")
participant_query = _query_hook("Mentoring Participant")
skill_item_query = _query_hook("Mentoring Skill Item")
score_query = _query_hook("Mentoring Score")
feedback_query = _query_hook("Mentoring Feedback")
skill_growth_query = _query_hook("Mentoring Skill Growth")
skill_rating_query = _query_hook("Mentoring Skill Rating")
circle_query = _query_hook("Mentoring Circle")
circle_member_query = _query_hook("Mentoring Circle Member")
attendee_query = _query_hook("Mentoring Check-in Attendee")


# The field guard: who may change which field, on every save


def _norm(df, value):
	if df.fieldtype == "Date":
		return getdate(value) if value else None
	if df.fieldtype in ("Float", "Percent", "Rating", "Int", "Check", "Currency"):
		return flt(value)
	if df.fieldtype in ("Table", "Table MultiSelect"):
		return [_row_values(row) for row in value or []]
	return cstr(value)


def _row_values(row) -> tuple:
	meta = frappe.get_meta(row.doctype if hasattr(row, "doctype") else row.get("doctype"))
	return tuple(
		cstr(row.get(df.fieldname))
		for df in meta.fields
		if df.fieldtype not in frappe.model.no_value_fields and df.fieldname not in ("idx",)
	)


def changed_fields(doc, fields=None) -> set[str]:
	"""Fields whose value differs from the stored document (all set ones if new). By default the
	fields a user types into; pass `fields` to check others."""
	before = doc.get_doc_before_save()
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
		if _norm(df, before.get(df.fieldname) if before else None) != _norm(df, doc.get(df.fieldname))
	}


def _declared_fields(doc):
	"""The policy's fields that hold a value in this DocType (tables included)."""
	rules = policy.POLICY[doc.doctype].fields
	return [
		df
		for df in doc.meta.fields
		if df.fieldname in rules
		and (
			df.fieldtype not in frappe.model.no_value_fields or df.fieldtype in ("Table", "Table MultiSelect")
		)
	]


def _describe(relations) -> str:
	"""Who the policy lets do something, in words."""
	words = {
		MENTOR: _("the mentor"),
		MENTEE: _("the mentee"),
		SELF: _("the employee enrolled"),
		LOGGER: _("whoever logged it"),
		COUNTERPART: _("the other side of the pair"),
	}
	named = [words[r] for r in sorted(relations) if r in words]
	if relations & STAFF:
		named.append(_("program managers and HR"))
	return _(" or ").join(named) or _("the system")


def guard_fields(doc):
	"""Refuse a save that sets or changes a field this user may not (access_policy), before anything
	is written. Fields the server sets start empty on a new record; fields derived from links are
	left to Frappe, which copies them again. Code acting for the system (ignore_permissions) and
	Administrator are exempt; the status moves of the app's own actions are still checked."""
	derive_fields(doc)
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		check_system_move(doc)
		return
	relations = relations_of(doc)
	before = doc.get_doc_before_save()
	new = doc.is_new() or not before
	defaults = frappe.new_doc(doc.doctype) if new else None
	state = {} if new else before.as_dict()
	refused = {}
	for df in _declared_fields(doc):
		rule = policy.POLICY[doc.doctype].fields[df.fieldname]
		old = None if new else before.get(df.fieldname)
		value = doc.get(df.fieldname)
		if rule.kind == policy.DERIVED:
			continue
		if rule.kind == policy.SERVER and df.fieldtype in frappe.model.table_fields and not new:
			doc.set(df.fieldname, [row.as_dict() for row in before.get(df.fieldname)])  # never the client's
			continue
		if rule.moves is not None:
			if (new or _norm(df, old) != _norm(df, value)) and not policy.may_move(
				doc.doctype, df.fieldname, relations, old, value
			):
				refused.setdefault(("start", value) if new else ("move", old, value), []).append(df.fieldname)
			continue
		if _norm(df, defaults.get(df.fieldname) if new else old) == _norm(df, value):
			continue
		if rule.kind == policy.SERVER and new:
			doc.set(df.fieldname, defaults.get(df.fieldname))  # a new record starts from the defaults
			continue
		if not policy.may_set(doc.doctype, df.fieldname, relations, state, new):
			refused.setdefault(_why_not(rule, relations, new), []).append(df.fieldname)
	if refused:
		reason, fields = next(iter(refused.items()))
		frappe.throw(_refusal(doc, reason, fields), frappe.PermissionError, title=_("Not Allowed"))
	keep_server_rows(doc, before)


def derive_fields(doc):
	"""Fields the policy calls derived are copied from their link again (Frappe copies a fetched
	field only when its link changes, and keeps whatever a client sent otherwise)."""
	rules = policy.POLICY[doc.doctype].fields
	for df in doc.meta.fields:
		rule = rules.get(df.fieldname)
		if not (rule and rule.kind == policy.DERIVED and df.fetch_from) or df.is_virtual:
			continue
		link, source = df.fetch_from.split(".", 1)
		link_df = doc.meta.get_field(link)
		value = doc.get(link) and frappe.db.get_value(link_df.options, doc.get(link), source)
		doc.set(df.fieldname, value)


def _why_not(rule, relations, new) -> tuple:
	if rule.kind == policy.SERVER:
		return ("server",)
	if not new and not rule.update:
		return ("fixed",)
	allowed = rule.create if new else rule.update
	if not new and allowed & relations and rule.when:
		return ("state", rule.when.label)
	return ("who new", _describe(allowed)) if new else ("who", _describe(allowed))


def _refusal(doc, reason: tuple, fields: list[str]) -> str:
	labels = ", ".join(_(doc.meta.get_label(f)) for f in fields)
	doctype = _(doc.doctype)
	kind = reason[0]
	if kind == "server":
		return _("{0} of a {1} is set by the system and cannot be changed.").format(labels, doctype)
	if kind == "fixed":
		return _("{0} of a {1} cannot be changed once it is saved.").format(labels, doctype)
	if kind == "state":
		return _("{0} of a {1} can be changed only while it is {2}.").format(labels, doctype, _(reason[1]))
	if kind == "start":
		return _("A new {0} cannot start as {1}.").format(doctype, _(reason[1]))
	if kind == "move":
		return _("You cannot move this {0} from {1} to {2}.").format(doctype, _(reason[1]), _(reason[2]))
	if kind == "who new":
		return _("Only {0} can give {1} to a new {2}.").format(reason[1], labels, doctype)
	return _("Only {0} can change {1} of a {2}.").format(reason[1], labels, doctype)


def keep_server_rows(doc, before):
	"""Fields of child rows that the app sets (access_policy) keep their stored values; new rows
	start from the defaults."""
	for df in doc.meta.get_table_fields():
		rules = policy.POLICY.get(df.options)
		server = [f for f, rule in (rules.fields.items() if rules else ()) if rule.kind == policy.SERVER]
		if not server:
			continue
		old = {row.name: row for row in (before.get(df.fieldname) if before else [])}
		for row in doc.get(df.fieldname):
			kept = old.get(row.name)
			for fieldname in server:
				row.set(fieldname, kept.get(fieldname) if kept else None)


def check_system_move(doc):
	"""Status moves made by the app's own actions (flags.actor) still follow the transitions."""
	actor = doc.flags.actor
	table = next((r.moves for r in policy.POLICY[doc.doctype].fields.values() if r.moves), None)
	if not actor or table is None or frappe.session.user == "Administrator":
		return
	before = doc.get_doc_before_save()
	old, new = (before.status if before else None), doc.status
	if not transitions.allowed(table, old, new, actor):
		frappe.throw(
			_("You cannot move this {0} from {1} to {2}.").format(_(doc.doctype), _(old), _(new)),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


def sanitize_text(doc):
	"""Frappe cleans HTML out of text on save, but not in fields of a submitted document that are
	not allowed on submit, as on a check-in created already submitted. Clean every text field of
	the document and its rows, whatever the docstatus."""
	for d in (doc, *doc.get_all_children()):
		for df in d.meta.fields:
			value = d.get(df.fieldname)
			if (
				df.fieldtype in ("Data", "Small Text", "Text", "Long Text", "Text Editor")
				and isinstance(value, str)
				and ("<" in value or ">" in value)
				and df.options != "Email"
			):
				d.set(df.fieldname, sanitize_html(value, linkify=df.fieldtype == "Text Editor"))


def editable_fields(doc) -> list[str] | None:
	"""The fields this user may edit on the form: None for program managers and HR (Frappe's own
	rules), else the policy's list for their relations and the stored record's state."""
	if is_program_manager():
		return None
	new = doc.is_new()
	return policy.writable_fields(doc.doctype, relations_of(doc), stored_state(doc), new)


def refusal(doc, ptype: str) -> str:
	"""What a user is told who may not do this (access_policy), in place of Frappe's trace."""
	rules = policy.POLICY[doc.doctype]
	doctype = _(doc.doctype)
	if ptype in READ_ONLY:
		return _("You cannot open this {0}.").format(doctype)
	if ptype in ("create", "amend") or doc.is_new():
		if rules.refusal:
			return _(rules.refusal)
		return _("Only {0} can make a {1}.").format(_describe(rules.create), doctype)
	action = {"submit": rules.submit, "cancel": rules.cancel, "delete": rules.delete}.get(ptype)
	if action and action.who:
		return _("Only {0} can {1} this {2}.").format(_describe(action.who), _(ptype), doctype)
	return _("You cannot change this {0}.").format(doctype)
