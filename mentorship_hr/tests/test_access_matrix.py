"""The access matrix: every DocType, field and whitelisted method of the app, tried over HTTP as
every kind of user the access policy names (mentorship_hr/access_policy.py), with the outcome read
back as Administrator from the stored records.

Cases are generated from the policy and from the live metadata, never listed by hand: a field,
method, report, chart or number card of the app that the policy does not mention is a failing
"undeclared" case. A case "holds" when exactly what the policy allows happened: an allowed read
returned the record, an allowed write stored the value, a refused one left the stored records as
they were. Administrator is Frappe's superuser: the policy does not bind it, only Frappe's own
rules for submitted documents and the app's actions, which treat it as HR.

The fixtures (access_world.py) are committed once; every case that changed something is undone
before the next. The run prints `access matrix: N cases, N held, 0 breached, 0 undeclared`.
"""

import inspect
import json
import os
import time
from collections import Counter

import frappe
from frappe.utils import cstr

from mentorship_hr import access_policy as policy
from mentorship_hr.cleanup import MODULE
from mentorship_hr.domain.briefing import HEALTHS
from mentorship_hr.tests import access_probes
from mentorship_hr.tests.access_world import ACTORS, Case, World
from mentorship_hr.tests.builders import MentoringAPITestCase, resource

READS = ("rest", "getdoc", "get_value", "get_list", "reportview", "count", "number_card", "export", "print")
SINGLE_READS = ("rest", "getdoc", "print")
WRITES = ("rest", "set_value", "savedocs")  # one per case, in turn
WRITE_TARGETS = {
	"program": None,  # None: every field
	"settings": None,
	"invitation": None,
	"participant": ("role", "status"),
	"pairing": None,
	"proposal": ("mentor", "mentee", "status"),
	"request": ("status",),
	"circle": None,
	"circle_proposed": ("lead_mentor", "status"),
	"goal": None,
	"goal_rated": ("mentor_rating", "status"),
	"circle_goal": ("title", "progress", "mentor_rating", "circle", "pairing"),
	"circle_goal_other": ("title", "progress", "mentor_rating"),
	# a pairing's check-in has no attendance (the server clears it): a circle's has
	"checkin_draft": tuple(f for f in policy.POLICY["Mentoring Check-in"].fields if f != "attendance"),
	"circle_checkin_draft": ("attendance",),
	"circle_checkin": ("private_notes", "mentee_rating", "mentor_rating", "circle"),
	"checkin": None,
	# a fit check has no skill ratings: those are written on the mid-point answer
	"feedback": tuple(f for f in policy.POLICY["Mentoring Feedback"].fields if f != "skill_ratings"),
	"feedback_skills": ("skill_ratings",),
	"score": None,
	"sync_log": None,
	"reminder_log": None,
	"note": None,
}
DELETE_TARGETS = (
	"program_open",
	"application",
	"proposal_b",
	"circle_proposed",
	"goal_spare",
	"goal_rated",
	"checkin_draft",
	"checkin",
	"checkin_cancelled",
	"feedback",
	"score",
	"sync_log",
	"reminder_log",
	"note",
)
CHILD_READS = {  # child DocType: the record whose rows are read
	"Mentoring Check-in Goal Update": "checkin_by_mentor",
	"Mentoring Skill Item": "participant",
	"Mentoring Skill Growth": "pairing",
	"Mentoring Skill Rating": "feedback_skills",
	"Mentoring Circle Member": "circle",
	"Mentoring Check-in Attendee": "circle_checkin",
}


class TestAccessMatrix(MentoringAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = World()
		cls.addClassCleanup(cls.world.remove)
		cls.world.build()
		cls.programs += cls.world.programs
		for label, user in cls.world.users.items():
			if label in ACTORS:
				cls.give_api_key(user, allow_administrator=True)
		frappe.db.commit()

	def test_every_doctype_field_and_method_against_the_policy(self):
		started = time.monotonic()
		cases = [*self.undeclared(), *self.generate()]
		only = [k for k in os.environ.get("MHR_MATRIX_ONLY", "").split(",") if k]  # for a quicker look
		if only:
			cases = [c for c in cases if c.kind in only or c.expected is None]
		spent = Counter()
		for case in cases:
			if case.expected is None:
				case.outcome = "undeclared"
				continue
			at = time.monotonic()
			self.run_case(case)
			spent[case.kind] += time.monotonic() - at
		counts = Counter(c.outcome for c in cases)
		summary = (
			f"access matrix: {len(cases)} cases, {counts['held']} held, {counts['breached']} breached, "
			f"{counts['undeclared']} undeclared"
		)
		print(f"\n{summary} ({time.monotonic() - started:.0f} s)")
		print(
			"  by kind: "
			+ ", ".join(
				f"{k} {n} ({spent[k]:.0f} s)" for k, n in sorted(Counter(c.kind for c in cases).items())
			)
		)
		failures = [c for c in cases if c.outcome != "held"]
		if failures:
			self.fail(
				summary
				+ "\n"
				+ "\n".join(
					f"{c.outcome}: {c.kind} {c.doctype} {c.key or ''} {c.detail} as {c.actor}: "
					f"policy {'allows' if c.expected else 'refuses' if c.expected is False else '?'}"
					for c in failures[:400]
				)
			)

	# running

	last_response = None

	@classmethod
	def client(cls, user):
		"""The user's client, remembering the last answer for the report of a breach."""
		client = super().client(user)
		send = client.request

		def request(*args, **kwargs):
			cls.last_response = send(*args, **kwargs)
			return cls.last_response

		client.request = request
		return client

	def run_case(self, case: Case):
		key = case.key
		TestAccessMatrix.last_response = None
		before = self.world_state() if case.world else self.record_state(key)
		try:
			happened = bool(case.send())
		except Exception as e:  # a broken request is a finding, not a crash of the whole matrix
			happened = None
			case.detail += f" [{type(e).__name__}: {cstr(e)[:120]}]"
		after = self.world_state() if case.world else self.record_state(key)
		changed = self.strip(after) != self.strip(before)
		if changed:
			self.restore(before, after)
		if happened is None:
			case.outcome = "breached"
		elif case.expected:
			case.outcome = "held" if happened else "breached"
		else:
			half_written = changed and case.whole and case.kind != "read"
			case.outcome = "breached" if happened or half_written else "held"
		if case.outcome == "breached" and self.last_response is not None:
			case.detail += f" [{self.describe(self.last_response)[:160]}]"

	# the stored state, read as Administrator

	def record_state(self, key) -> dict:
		if key is None:
			return {}
		doctype, name = self.world.records[key]
		return self.rows({doctype: [name]})

	def world_state(self) -> dict:
		return self.rows(self.world.scope())

	BOOKKEEPING = ("modified", "modified_by", "_seen", "_comments", "_assign", "_liked_by", "_user_tags")

	def rows(self, scope: dict[str, list | None]) -> dict:
		frappe.db.rollback()
		state = {}
		for doctype, names in scope.items():
			meta = frappe.get_meta(doctype)
			if meta.issingle:
				state[("Singles", doctype)] = frappe.db.sql(
					"select field, value from tabSingles where doctype=%s order by field", doctype
				)
				continue
			where = "" if names is None else "where name in %(names)s"
			table = {
				r.name: r
				for r in frappe.db.sql(
					f"select * from `tab{doctype}` {where}", {"names": names or [""]}, as_dict=True
				)
			}
			state[doctype] = table
			for df in meta.get_table_fields():
				state[df.options, doctype] = {
					r.name: r
					for r in frappe.db.sql(
						f"select * from `tab{df.options}` where parenttype=%(parenttype)s and parent in %(parents)s",
						{"parenttype": doctype, "parents": list(table) or [""]},
						as_dict=True,
					)
				}
			if doctype == "Mentoring Check-in" and names is not None:
				state["Mentoring Check-in Note", doctype] = {
					r.name: r
					for r in frappe.db.sql(
						"select * from `tabMentoring Check-in Note` where checkin in %(c)s",
						{"c": list(table) or [""]},
						as_dict=True,
					)
				}
		return state

	def strip(self, state: dict) -> dict:
		return {
			key: rows
			if key[0] == "Singles"
			else {
				name: {c: v for c, v in row.items() if c not in self.BOOKKEEPING}
				for name, row in rows.items()
			}
			for key, rows in state.items()
		}

	def restore(self, before: dict, after: dict):
		"""Put the fixtures back as they were: rows made are deleted, rows changed or deleted come
		back as they were."""
		frappe.db.rollback()
		for key, rows in before.items():
			if key[0] == "Singles":
				if after.get(key) == rows:
					continue
				frappe.db.sql("delete from tabSingles where doctype=%s", key[1])
				for fieldname, value in rows:
					frappe.db.sql(
						"insert into tabSingles (doctype, field, value) values (%s, %s, %s)",
						(key[1], fieldname, value),
					)
				continue
			table = key if isinstance(key, str) else key[0]
			now = after.get(key, {})
			for name in set(now) - set(rows):
				frappe.db.sql(f"delete from `tab{table}` where name=%s", name)
			for name, row in rows.items():
				if now.get(name) != row:
					frappe.db.sql(f"delete from `tab{table}` where name=%s", name)
					columns = list(row)
					frappe.db.sql(
						f"insert into `tab{table}` ({', '.join(f'`{c}`' for c in columns)}) "
						f"values ({', '.join(['%s'] * len(columns))})",
						[row[c] for c in columns],
					)
		frappe.db.commit()

	# expectations

	def relations(self, key, actor) -> frozenset:
		return self.world.relations_of(key, actor)

	def stored_doc(self, key):
		frappe.db.rollback()
		doctype, name = self.world.records[key]
		return frappe.get_doc(doctype, name)

	def state(self, key) -> dict:
		doc = self.stored_doc(key)
		return doc.as_dict()

	@staticmethod
	def is_admin(actor) -> bool:
		return actor == "administrator"

	def may_write(self, key, actor, df, value) -> bool:
		doctype = self.world.doctype(key)
		rule = policy.POLICY[doctype].fields[df.fieldname]
		state = self.state(key)
		if self.is_admin(actor):  # Frappe's own rules only, and the pair's own text stays theirs
			docstatus = state.get("docstatus") or 0
			naming = frappe.get_meta(doctype).autoname == f"field:{df.fieldname}"
			return (
				rule.kind != policy.DERIVED
				and (rule.read is None or policy.ADMINISTRATOR in rule.read)
				and not df.set_only_once
				and not naming
				and (docstatus == 0 or (docstatus == 1 and df.allow_on_submit))
			)
		if rule.moves is not None:
			return policy.may_move(
				doctype, df.fieldname, self.relations(key, actor), state.get(df.fieldname), value
			)
		return policy.may_set(doctype, df.fieldname, self.relations(key, actor), state, new=False)

	def may_act(self, action, key, actor, frappe_rule=lambda state: True) -> bool:
		state = self.state(key) if key else {}
		if self.is_admin(actor):
			return frappe_rule(state)
		return policy.may_do(action, self.relations(key, actor), state)

	# generation

	def generate(self):
		yield from self.read_cases()
		yield from self.write_cases()
		yield from self.create_cases()
		yield from self.delete_cases()
		yield from self.workflow_cases()
		yield from self.method_cases()
		yield from self.report_cases()
		yield from self.dashboard_cases()
		yield from self.hrms_cases()

	def actors(self):
		return list(ACTORS)

	def read_cases(self):
		for key, (doctype, name) in self.world.records.items():
			single = frappe.get_meta(doctype).issingle
			for actor in self.actors():
				relations = self.relations(key, actor)
				expected = self.is_admin(actor) or policy.may_read(doctype, relations)
				exports = self.is_admin(actor) or policy.may_export(doctype, relations)
				for endpoint in SINGLE_READS if single else READS:
					yield Case(
						"read",
						doctype,
						key,
						actor,
						endpoint,
						{"export": exports, "print": expected and self.printable(key)}.get(
							endpoint, expected
						),
						lambda e=endpoint, d=doctype, n=name, a=actor: self.read(e, d, n, a),
					)
				for fieldname, rule in policy.POLICY[doctype].fields.items():
					if rule.read is None or not self.stored_text(doctype, name, fieldname):
						continue
					allowed = expected and bool(rule.read & self.relations(key, actor))
					yield Case(
						"read",
						doctype,
						key,
						actor,
						f"field {fieldname}",
						allowed,
						lambda d=doctype, n=name, a=actor, f=fieldname: self.reads_field(d, n, a, f),
					)
		for child, key in CHILD_READS.items():
			parent, name = self.world.records[key]
			for actor in self.actors():
				expected = self.is_admin(actor) or policy.may_read(parent, self.relations(key, actor))
				yield Case(
					"read",
					child,
					key,
					actor,
					"rows",
					expected,
					lambda c=child, p=parent, n=name, a=actor: self.child_rows(c, p, n, a),
				)

	def printable(self, key) -> bool:
		"""Frappe prints a cancelled document only where Print Settings allow it."""
		cancelled = self.state(key).get("docstatus") == 2
		return not cancelled or bool(
			frappe.db.get_single_value("Print Settings", "allow_print_for_cancelled")
		)

	def read(self, endpoint, doctype, name, actor) -> bool:
		user = self.world.users[actor]
		client = self.client(user)
		table = f"`tab{doctype}`"
		if endpoint == "rest":
			return client.get(resource(doctype, name)).status_code == 200
		if endpoint == "getdoc":
			resp = client.get("/api/method/frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name})
			return resp.status_code == 200 and resp.json["docs"][0]["name"] == name
		if endpoint == "get_value":
			resp = self.call(
				user, "frappe.client.get_value", doctype=doctype, filters={"name": name}, fieldname="name"
			)
			return resp.status_code == 200 and (resp.json.get("message") or {}).get("name") == name
		if endpoint == "get_list":
			resp = self.call(
				user, "frappe.client.get_list", doctype=doctype, filters={"name": name}, fields=["name"]
			)
			return resp.status_code == 200 and name in [r["name"] for r in resp.json["message"]]
		if endpoint == "reportview":
			resp = self.call(
				user,
				"frappe.desk.reportview.get",
				doctype=doctype,
				fields=[f"{table}.`name`"],
				filters=[[doctype, "name", "=", name]],
			)
			return resp.status_code == 200 and name in json.dumps(resp.json.get("message"))
		if endpoint == "count":
			resp = self.call(user, "frappe.client.get_count", doctype=doctype, filters={"name": name})
			return resp.status_code == 200 and resp.json["message"] == 1
		if endpoint == "number_card":
			resp = self.call(
				user,
				"frappe.desk.doctype.number_card.number_card.get_result",
				doc={"document_type": doctype, "function": "Count"},
				filters=[[doctype, "name", "=", name]],
			)
			return resp.status_code == 200 and resp.json["message"] == 1
		if endpoint == "export":
			resp = client.post(
				"/api/method/frappe.desk.reportview.export_query",
				{
					"doctype": doctype,
					"file_format_type": "CSV",
					"fields": [f"{table}.`name`"],
					"filters": [[doctype, "name", "=", name]],
				},
				form=True,
			)
			return resp.status_code == 200 and name in resp.get_data(as_text=True)
		if endpoint == "print":
			resp = self.call(
				user,
				"frappe.www.printview.get_html_and_style",
				doc=doctype,
				name=name,
				print_format="Standard",
			)
			return resp.status_code == 200 and bool((resp.json.get("message") or {}).get("html"))
		raise ValueError(endpoint)

	def stored_text(self, doctype, name, fieldname) -> str | None:
		frappe.db.rollback()
		if fieldname == "private_notes":
			return frappe.db.get_value("Mentoring Check-in Note", {"checkin": name}, "notes")
		return frappe.db.get_value(doctype, name, fieldname)

	def reads_field(self, doctype, name, actor, fieldname) -> bool:
		"""The field's stored text reaches the user through the form or the REST API."""
		secret = self.stored_text(doctype, name, fieldname)
		user = self.world.users[actor]
		seen = [
			self.client(user).get(resource(doctype, name)),
			self.client(user).get(
				"/api/method/frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}
			),
		]
		return all(r.status_code == 200 and secret in r.get_data(as_text=True) for r in seen)

	def child_rows(self, child, parent, name, actor) -> bool:
		resp = self.call(
			self.world.users[actor],
			"frappe.client.get_list",
			doctype=child,
			parent=parent,
			fields=["name", "parent"],
			filters={"parent": name},
		)
		return resp.status_code == 200 and bool(resp.json["message"])

	def write_cases(self):
		turn = 0
		for key, only in WRITE_TARGETS.items():
			doctype = self.world.doctype(key)
			doc = self.stored_doc(key)
			for df in self.declared_fields(doctype):
				if only and df.fieldname not in only:
					continue
				rule = policy.POLICY[doctype].fields[df.fieldname]
				if rule.moves is not None:
					values = [o for o in df.options.split("\n") if o and o != doc.get(df.fieldname)]
				else:
					values = [None]  # made per actor
				for value in values:
					for actor in self.actors():
						turn += 1
						path = WRITES[turn % len(WRITES)]
						probe = (
							value if value is not None else access_probes.probe(self.world, doc, df, actor)
						)
						yield Case(
							"write",
							doctype,
							key,
							actor,
							f"{df.fieldname}={cstr(probe)[:40]} via {path}",
							self.may_write(key, actor, df, probe),
							lambda k=key, d=df, p=probe, a=actor, w=path: self.write(k, d, p, a, w),
							world=rule.moves is not None or df.fieldname == "private_notes",
							# a copied field or the pair's notes are replaced or dropped, not refused
							whole=rule.kind != policy.DERIVED and df.fieldname != "private_notes",
						)

	def declared_fields(self, doctype):
		"""The declared fields a client can send a value for (a virtual field is computed, except the
		check-in's private notes, which are stored apart)."""
		rules = policy.POLICY[doctype].fields
		return [
			df
			for df in frappe.get_meta(doctype).fields
			if df.fieldname in rules
			and (not df.is_virtual or df.fieldname == "private_notes")
			and (
				df.fieldtype not in frappe.model.no_value_fields
				or df.fieldtype in ("Table", "Table MultiSelect")
			)
		]

	def write(self, key, df, value, actor, path) -> bool:
		doctype, name = self.world.records[key]
		user = self.world.users[actor]
		changes = {df.fieldname: value, **access_probes.extra(self.world, df.fieldname, value, doctype)}
		if path == "rest":
			self.client(user).put(resource(doctype, name), changes)
		elif path == "set_value" and df.fieldtype not in ("Table", "Table MultiSelect"):
			self.call(user, "frappe.client.set_value", doctype=doctype, name=name, fieldname=changes)
		else:  # the desk's save: the whole document as the client holds it
			doc = json.loads(frappe.as_json(self.stored_doc(key).as_dict()))
			doc.update(changes)
			action = "Update" if doc.get("docstatus") == 1 else "Save"
			self.client(user).post(
				"/api/method/frappe.desk.form.save.savedocs", {"doc": doc, "action": action}, form=True
			)
		return self.holds(key, df, value)

	def holds(self, key, df, value) -> bool:
		frappe.db.rollback()
		doctype, name = self.world.records[key]
		if df.fieldname == "private_notes":
			stored = frappe.db.get_value("Mentoring Check-in Note", {"checkin": name}, "notes")
		elif df.fieldtype in ("Table", "Table MultiSelect"):
			stored = frappe.get_all(df.options, {"parent": name, "parentfield": df.fieldname}, ["*"])
		elif frappe.get_meta(doctype).issingle:
			stored = frappe.db.get_single_value(doctype, df.fieldname, cache=False)
		else:
			stored = frappe.db.get_value(doctype, name, df.fieldname)
		return access_probes.same(df, stored, value)

	def create_cases(self):
		for doctype, template in self.world.new_records().items():
			meta = frappe.get_meta(doctype)
			for actor in self.actors():
				doc = template(actor)
				if doc is None:
					continue
				relations = self.world.roles(actor) | self.world.new_relations(doctype, doc, actor)
				if self.is_admin(actor):
					expected = policy.POLICY[doctype].administrator_creates
				else:
					expected = policy.may_create(doctype, relations)
				yield Case(
					"create",
					doctype,
					None,
					actor,
					json.dumps(doc, default=str)[:80],
					expected,
					lambda d=doctype, v=doc, a=actor: self.create(d, v, a),
					world=True,
				)
				if not expected:
					continue
				for df in self.declared_fields(doctype):
					rule = policy.POLICY[doctype].fields[df.fieldname]
					if df.fieldname in doc or df.fieldname == "private_notes":
						continue
					if self.is_admin(actor) and rule.kind == policy.SERVER:
						continue  # the app may set its own value over Administrator's: not judged
					value = access_probes.probe_for_new(self.world, doctype, doc, df, actor)
					if rule.moves is not None:
						allowed = self.is_admin(actor) or policy.may_move(
							doctype, df.fieldname, relations, None, value
						)
					elif self.is_admin(actor):
						allowed = rule.kind != policy.DERIVED and rule.administrator
					else:
						allowed = policy.may_set(doctype, df.fieldname, relations, None, new=True)
					yield Case(
						"create",
						doctype,
						None,
						actor,
						f"with {df.fieldname}={cstr(value)[:30]}",
						allowed,
						lambda d=doctype, v=doc, a=actor, f=df, x=value: self.create(
							d,
							{**v, f.fieldname: x, **access_probes.extra(self.world, f.fieldname, x, d)},
							a,
							f,
						),
						world=True,
						whole=False,  # the record is made; the field is dropped or refused
					)
				if meta.is_submittable:
					submitted = {**doc, "docstatus": 1}
					yield Case(
						"create",
						doctype,
						None,
						actor,
						"already submitted",
						self.is_admin(actor) or policy.may_do(policy.POLICY[doctype].submit, relations, {}),
						lambda d=doctype, v=submitted, a=actor: self.create(d, v, a, submitted=True),
						world=True,
					)

	def create(self, doctype, values, actor, df=None, submitted=False) -> bool:
		resp = self.client(self.world.users[actor]).post(resource(doctype), values)
		if resp.status_code != 200:
			return False
		name = resp.json["data"]["name"]
		frappe.db.rollback()
		if submitted:
			return frappe.db.get_value(doctype, name, "docstatus") == 1
		if df is None:
			return bool(frappe.db.exists(doctype, name))
		if df.fieldtype in ("Table", "Table MultiSelect"):
			stored = frappe.get_all(df.options, {"parent": name, "parentfield": df.fieldname}, ["*"])
		else:
			stored = frappe.db.get_value(doctype, name, df.fieldname)
		return access_probes.same(df, stored, values[df.fieldname])

	def delete_cases(self):
		for key in DELETE_TARGETS:
			doctype, name = self.world.records[key]
			for actor in self.actors():
				expected = self.may_act(
					policy.POLICY[doctype].delete, key, actor, lambda state: state.get("docstatus") != 1
				)
				yield Case(
					"delete",
					doctype,
					key,
					actor,
					"DELETE",
					expected,
					lambda d=doctype, n=name, a=actor: self.delete(d, n, a),
					world=True,
				)

	def delete(self, doctype, name, actor) -> bool:
		self.client(self.world.users[actor]).delete(resource(doctype, name))
		frappe.db.rollback()
		return not frappe.db.exists(doctype, name)

	def workflow_cases(self):
		doctype = "Mentoring Check-in"
		rules = policy.POLICY[doctype]
		for actor in self.actors():
			yield Case(
				"submit",
				doctype,
				"checkin_draft",
				actor,
				"frappe.client.submit",
				self.may_act(rules.submit, "checkin_draft", actor),
				lambda a=actor: self.submit(a),
				world=True,
			)
			yield Case(
				"cancel",
				doctype,
				"checkin",
				actor,
				"frappe.client.cancel",
				self.may_act(rules.cancel, "checkin", actor),
				lambda a=actor: self.cancel(a),
				world=True,
			)

	def submit(self, actor) -> bool:
		doc = json.loads(frappe.as_json(self.stored_doc("checkin_draft").as_dict()))
		self.call(self.world.users[actor], "frappe.client.submit", doc=doc)
		frappe.db.rollback()
		return frappe.db.get_value("Mentoring Check-in", self.world.name("checkin_draft"), "docstatus") == 1

	def cancel(self, actor) -> bool:
		name = self.world.name("checkin")
		self.call(self.world.users[actor], "frappe.client.cancel", doctype="Mentoring Check-in", name=name)
		frappe.db.rollback()
		return frappe.db.get_value("Mentoring Check-in", name, "docstatus") == 2

	def method_cases(self):
		for doctype, key, method, args in self.world.method_calls():
			action = policy.POLICY[doctype].methods[method]
			for actor in self.actors():
				yield Case(
					"method",
					doctype,
					key,
					actor,
					method,
					self.may_act(
						action, key, actor, lambda state, a=action: policy.may_do(a, policy.STAFF, state)
					),
					lambda d=doctype, k=key, m=method, x=args, a=actor: (
						self.run_doc_method(self.world.users[a], d, self.world.name(k), m, x).status_code
						== 200
					),
					world=True,
				)
		for method, args, who in self.world.module_calls():
			action = policy.MODULE_METHODS[method]
			for actor in self.actors():
				expected = (
					who(actor)
					if who
					else self.may_act(action, None, actor, lambda s, a=action: bool(a.who & policy.STAFF))
				)
				yield Case(
					"method",
					"",
					None,
					actor,
					method.rsplit(".", 1)[-1],
					expected,
					lambda m=method, x=args, a=actor: (
						self.call(self.world.users[a], m, **x).status_code == 200
					),
					world=True,
				)

	def report_cases(self):
		for report, filters in self.world.report_filters().items():
			action = policy.REPORTS[report]
			for actor in self.actors():
				roles = self.world.roles(actor)
				expected = self.is_admin(actor) or bool(action.who & roles)
				yield Case(
					"report",
					"Report",
					None,
					actor,
					report,
					expected,
					lambda r=report, f=filters, a=actor: self.report(r, f, a),
				)

	def report(self, report, filters, actor) -> bool:
		resp = self.call(
			self.world.users[actor], "frappe.desk.query_report.run", report_name=report, filters=filters
		)
		if resp.status_code != 200:
			return False
		rows = resp.json["message"]["result"]
		names = {
			cstr(r.get("pairing") or r.get("circle") or r.get("score_name") or "")
			for r in rows
			if isinstance(r, dict)
		}
		readable = self.world.readable_rows(report, actor)
		if readable is not None and not names <= readable:  # rows the user may not read: a breach
			raise AssertionError(f"{report} shows {sorted(names - readable)} to {actor}")
		return True

	def dashboard_cases(self):
		"""The workspace's number cards and charts, filtered to the fixtures' program: each user's
		figure is the one Administrator gets over the records the policy lets that user read."""
		program = self.world.name("program")
		for card, doctype in policy.NUMBER_CARDS.items():
			for actor in self.actors():
				yield Case(
					"card",
					doctype,
					None,
					actor,
					card,
					True,
					lambda c=card, d=doctype, a=actor: self.card_matches(c, d, a, program),
				)
		for chart, doctype in policy.CHARTS.items():
			for actor in self.actors():
				yield Case(
					"chart",
					doctype,
					None,
					actor,
					chart,
					True,
					lambda c=chart, d=doctype, a=actor: self.chart_matches(c, d, a, program),
				)

	def card_matches(self, card, doctype, actor, program) -> bool:
		doc = json.loads(frappe.as_json(frappe.get_doc("Number Card", card).as_dict()))
		filters = [*json.loads(doc.get("filters_json") or "[]"), [doctype, "program", "=", program]]
		method = "frappe.desk.doctype.number_card.number_card.get_result"
		resp = self.call(self.world.users[actor], method, doc=doc, filters=filters)
		if resp.status_code != 200:
			return False
		readable = self.world.readable(doctype, actor)
		frappe.db.rollback()
		from frappe.desk.doctype.number_card.number_card import get_result

		expected = get_result(doc, [*filters, [doctype, "name", "in", readable or [""]]])
		return resp.json["message"] == expected

	def chart_matches(self, chart, doctype, actor, program) -> bool:
		method = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
		doc = frappe.get_doc("Dashboard Chart", chart)
		if doc.chart_type == "Report":
			return self.report_chart_matches(doc, doctype, actor, program)
		filters = [*json.loads(doc.filters_json or "[]"), [doctype, "program", "=", program]]
		resp = self.call(self.world.users[actor], method, chart_name=chart, filters=filters, refresh=1)
		if resp.status_code != 200:
			return False
		readable = self.world.readable(doctype, actor)
		frappe.db.rollback()
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

		expected = get(
			chart_name=chart, filters=[*filters, [doctype, "name", "in", readable or [""]]], refresh=1
		)
		frappe.db.rollback()  # refreshing writes to the chart: hold no lock while the next user asks
		got = resp.json.get("message") or {}  # nothing to chart comes back empty

		def values(chart):
			return [d.get("values") for d in (chart or {}).get("datasets", [])]

		return values(got) == values(expected) or not (
			any(map(any, values(got))) or any(map(any, values(expected)))
		)

	def report_chart_matches(self, doc, doctype, actor, program) -> bool:
		"""The health donut, drawn from the Program Health report's chart as the workspace asks for
		it: its counts by health are those of the pairings the policy lets this user read."""
		filters = {**json.loads(doc.filters_json or "{}"), "program": program}
		resp = self.call(
			self.world.users[actor],
			"frappe.desk.query_report.run",
			report_name=doc.report_name,
			filters=filters,
		)
		if resp.status_code != 200:
			return False
		data = resp.json["message"]["chart"]["data"]
		readable = self.world.readable(doctype, actor)
		healths = frappe.get_all(
			doctype,
			{"name": ("in", readable or [""]), "status": "Active", "program": program},
			pluck="health",
		)
		frappe.db.rollback()
		return data["datasets"][0]["values"] == [healths.count(h) for h in HEALTHS]

	def hrms_cases(self):
		"""What the app writes into Frappe HR and Frappe: Goals under the Mentoring KRA, Events that
		refer to a pairing, and the fields it adds."""
		yield from self.world.hrms_cases(self)

	def forged(self, user, doctype, values) -> bool:
		"""POST the record; True when it was made (it is then deleted by the restore)."""
		resp = self.client(user).post(resource(doctype), values)
		frappe.db.rollback()
		return resp.status_code == 200 and bool(frappe.db.exists(doctype, resp.json["data"]["name"]))

	def forged_field(self, user, doctype, name, fieldname, value) -> bool:
		frappe.db.rollback()
		before = frappe.db.get_value(doctype, name, fieldname)
		self.client(user).put(resource(doctype, name), {fieldname: value})
		frappe.db.rollback()
		stored = frappe.db.get_value(doctype, name, fieldname)
		if stored != before:
			frappe.db.set_value(doctype, name, fieldname, before, update_modified=False)
			frappe.db.commit()
		return access_probes.same(frappe.get_meta(doctype).get_field(fieldname), stored, value)

	# undeclared

	def undeclared(self):
		app = frappe.get_all("DocType", {"module": MODULE}, pluck="name")
		for doctype in app:
			if doctype not in policy.POLICY:
				yield Case("undeclared", doctype, None, "-", "DocType", None)
				continue
			declared = set(policy.POLICY[doctype].fields)
			for df in frappe.get_meta(doctype).fields:
				holds_value = df.fieldtype not in frappe.model.no_value_fields or df.fieldtype in (
					"Table",
					"Table MultiSelect",
				)
				if holds_value and df.fieldname not in declared:
					yield Case("undeclared", doctype, None, "-", f"field {df.fieldname}", None)
			for method in self.whitelisted_methods(doctype):
				if method not in policy.POLICY[doctype].methods:
					yield Case("undeclared", doctype, None, "-", f"method {method}", None)
		for doctype in policy.POLICY:
			if doctype not in app:
				yield Case("undeclared", doctype, None, "-", "declared but not a DocType of the app", None)
		for method in self.module_methods():
			if method not in policy.MODULE_METHODS:
				yield Case("undeclared", "", None, "-", f"method {method}", None)
		yield from self.undeclared_outside_doctypes()

	def undeclared_outside_doctypes(self):
		"""Reports, cards, charts and the custom fields the app adds to Frappe HR."""
		for doctype, names in (
			("Report", policy.REPORTS),
			("Number Card", policy.NUMBER_CARDS),
			("Dashboard Chart", policy.CHARTS),
		):
			for name in frappe.get_all(doctype, {"module": MODULE}, pluck="name"):
				if name not in names:
					yield Case("undeclared", doctype, None, "-", name, None)
		from mentorship_hr.install import CUSTOM_FIELDS

		for doctype, fields in CUSTOM_FIELDS.items():
			for f in fields:
				if f["fieldname"] not in policy.HRMS_FIELDS.get(doctype, {}):
					yield Case("undeclared", doctype, None, "-", f"custom field {f['fieldname']}", None)

	@staticmethod
	def whitelisted_methods(doctype) -> list[str]:
		"""The whitelisted methods the app's controller class defines itself."""
		from frappe.model.base_document import get_controller

		cls = get_controller(doctype)
		own = [
			name
			for klass in cls.__mro__
			if klass.__module__.startswith("mentorship_hr.")
			for name, fn in vars(klass).items()
			if callable(fn) and fn in frappe.whitelisted
		]
		return sorted(set(own))

	@staticmethod
	def module_methods() -> list[str]:
		return sorted(
			f"{fn.__module__}.{fn.__qualname__}"
			for fn in frappe.whitelisted
			if fn.__module__.startswith("mentorship_hr.")
			and "." not in fn.__qualname__
			and not inspect.ismethod(fn)
		)
