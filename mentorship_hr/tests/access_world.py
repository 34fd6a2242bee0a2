"""The fixtures of the access matrix (test_access_matrix.py): every kind of user the policy names,
and a record of every app DocType in the states the policy distinguishes, with each user's
relation to each record as the fixtures were built (never as the code under test works it out).

Built once per run as Administrator and committed; `remove()` deletes it. Users are made once and
kept, as Frappe's Data Import makes them.
"""

from dataclasses import dataclass, field

import frappe
from frappe.utils import add_days, now_datetime, today

from mentorship_hr import access_policy as p
from mentorship_hr.cleanup import delete_mentoring_records, delete_rows
from mentorship_hr.skills import growth
from mentorship_hr.tests import builders


# One case of the matrix: what is tried, as whom, what the policy expects, and how it came out.
@dataclass
class Case:
	kind: str
	doctype: str
	key: str | None
	actor: str
	detail: str
	expected: bool | None  # None: undeclared
	send: object = None  # () -> happened
	world: bool = False  # may change more than its record: compare and restore every fixture
	whole: bool = True  # refused means nothing at all is written (False: the record may still be saved)
	outcome: str = field(default="")


ADMINISTRATOR = "Administrator"

# label: (roles beyond Employee, department)
ACTORS = {
	"mentor": ((), "Sales"),
	"mentee": ((), "Operations"),
	"other_pair": ((), "Operations"),
	"mentor_manager": ((), "Sales"),
	"mentee_manager": ((), "Operations"),
	"stranger": ((), "Operations"),
	"program_manager": ((p.PROGRAM_MANAGER,), "People"),
	"hr_manager": ((p.HR_MANAGER,), "People"),
	"hr_user": ((p.HR_USER,), "People"),
	"system_manager": ((p.SYSTEM_MANAGER,), "People"),
	"administrator": ((), None),
}
EXTRA_PEOPLE = ("mentor_b", "mentee_c", "mentee_d", "spare")  # not acting; spare is in no program


def email(label: str) -> str:
	return f"mhr-matrix-{label.replace('_', '-')}@example.com"


class World:
	def __init__(self):
		self.users: dict[str, str] = {}
		self.employees: dict[str, str] = {}
		self.records: dict[str, tuple[str, str]] = {}
		self.relations: dict[str, dict[str, set]] = {}  # record key: actor label: relations
		self.programs: list[str] = []
		self.extra: list[tuple[str, str]] = []  # HRMS records to delete after

	# who is who

	def roles(self, label: str) -> frozenset:
		if label == "administrator":
			return frozenset({p.ADMINISTRATOR}) | p.STAFF
		return frozenset({p.EMPLOYEE, *ACTORS[label][0]})

	def relations_of(self, key: str, label: str) -> frozenset:
		return self.roles(label) | frozenset(self.relations.get(key, {}).get(label, ()))

	def name(self, key: str) -> str:
		return self.records[key][1]

	def doctype(self, key: str) -> str:
		return self.records[key][0]

	def add(self, key: str, doc, relations=None) -> str:
		self.records[key] = (doc.doctype, doc.name)
		self.relations[key] = {label: set(r) for label, r in (relations or {}).items()}
		return doc.name

	# building

	def build(self):
		frappe.set_user(ADMINISTRATOR)
		self.remove_leftovers()
		builders.outgoing_email_account()
		self._people()
		self._programs()
		self._pairings()
		self._circles()
		self._activity()
		self._system_records()
		frappe.db.commit()
		return self

	def _person(self, label, department, reports_to=None, roles=()):
		user = builders.new_user(email(label), ("Employee", *roles), label.replace("_", " ").title())
		# HR staff see every company, as on a real site; employees only their own record
		own_only = 0 if roles else 1
		employee = builders.employee_of_user(
			user,
			department=builders.department(department),
			reports_to=reports_to,
			create_user_permission=own_only,
		)
		if not own_only:
			frappe.db.delete("User Permission", {"user": user})
		frappe.db.set_value("Employee", employee, "reports_to", reports_to)
		self.users[label], self.employees[label] = user, employee
		return employee

	def _people(self):
		for label in ("mentor_manager", "mentee_manager", "stranger", *EXTRA_PEOPLE):
			self._person(label, "Operations" if label != "mentor_manager" else "Sales")
		self._person("mentor", "Sales", self.employees["mentor_manager"])
		self._person("mentee", "Operations", self.employees["mentee_manager"])
		self._person("other_pair", "Operations")
		for label in ("program_manager", "hr_manager", "hr_user", "system_manager"):
			self._person(label, "People", roles=ACTORS[label][0])
		self.users["administrator"] = ADMINISTRATOR

	def _program(self, key, status, **fields):
		doc = builders.program(status=status, program_manager=self.users["program_manager"], **fields)
		self.programs.append(doc.name)
		return self.add(key, doc)

	def _enroll(self, program, label, role, status, **fields):
		doc = frappe.get_doc(
			{
				"doctype": "Mentoring Participant",
				"program": program,
				"employee": self.employees[label],
				"role": role,
				"status": status,
				"capacity": 2 if role == "Mentor" else None,
				"bio": "Matrix",
				**fields,
			}
		)
		doc.flags.ignore_permissions = True
		return doc.insert()

	def _programs(self):
		e = self.employees
		program = self._program("program", "Active", format="Both")
		pool = self._program("program_pool", "Enrolling")
		self._program("program_enrolling", "Enrolling")
		self._program("program_open", "Enrolling")  # nobody enrolled: where the matrix applies
		self._program("program_fresh", "Active")  # the pair again, with no survey answered yet
		for label, role in (("mentor", "Mentor"), ("mentor_b", "Mentor")):
			self._enroll(program, label, role, "Approved")
			self._enroll(pool, label, role, "Approved")
		for label in ("mentee", "other_pair", "mentee_c", "mentee_d"):
			self._enroll(program, label, "Mentee", "Approved")
		self._enroll(pool, "stranger", "Mentee", "Approved")
		self._enroll(pool, "mentee_c", "Mentee", "Approved")
		self.relations["program_pool"] = {"stranger": {p.POOL_MENTEE}}
		enrolling = self.name("program_enrolling")
		mine = frappe.get_doc(
			"Mentoring Participant", {"program": program, "employee": e["mentee"], "role": "Mentee"}
		)
		self.add("participant", mine, {"mentee": {p.SELF}})
		self.add("application", self._enroll(pool, "mentee", "Mentee", "Applied"), {"mentee": {p.SELF}})
		self.add("invitation", self._enroll(enrolling, "mentee", "Mentor", "Invited"), {"mentee": {p.SELF}})
		# Frappe HR's Skill, which the rows of skills link to
		skill = frappe.get_doc({"doctype": "Skill", "skill_name": builders.unique("_Matrix Skill")}).insert()
		self.skill = skill.name
		self.extra.append(("Skill", skill.name))
		designation = builders.unique("_Matrix Designation")
		frappe.get_doc({"doctype": "Designation", "designation_name": designation}).insert()
		self.designation = designation
		self.extra.append(("Designation", designation))
		self.training_program = builders.training_program("_Matrix Training")
		self.extra.append(("Training Program", self.training_program))

	def _pairing(self, key, program, mentor, mentee, status="Active", relations=None, **fields):
		doc = builders.pairing(
			self.name(program), self.employees[mentor], self.employees[mentee], status=status, **fields
		)
		return self.add(key, doc, relations)

	def _pairings(self):
		pair = {
			"mentor": {p.MENTOR},
			"mentee": {p.MENTEE},
			"mentor_manager": {p.MENTOR_MANAGER},
			"mentee_manager": {p.MENTEE_MANAGER},
		}
		self.pair_relations = pair
		self._pairing("pairing", "program", "mentor", "mentee", relations=pair)
		# the pairing follows a skill: its row of skill growth
		growth.record_baselines(frappe.get_doc("Mentoring Pairing", self.name("pairing")), (self.skill,))
		self._pairing("pairing_b", "program", "mentor_b", "other_pair", relations={"other_pair": {p.MENTEE}})
		self._pairing("pairing_fresh", "program_fresh", "mentor", "mentee", relations=pair)
		mentor_side = {"mentor": {p.MENTOR}, "mentor_manager": {p.MENTOR_MANAGER}}
		self._pairing("proposal", "program", "mentor", "mentee_c", "Proposed", mentor_side)
		self._pairing("proposal_b", "program", "mentor_b", "mentee_d", "Proposed")
		self._pairing(
			"request",
			"program_pool",
			"mentor",
			"mentee_c",
			"Requested",
			mentor_side,
			source="Mentee Request",
			requested_on=today(),
			request_expires_on=add_days(today(), 7),
		)

	def _circles(self):
		"""A running circle of the pair's program (the mentor leads, the mentee and mentee_d are
		members; no co-mentor yet, so mentor_b can be given as one), and a proposed one that nobody
		acting is in. Its topic is not the matrix's skill, so writing that one is a change."""
		doc = frappe.get_doc(
			{
				"doctype": "Mentoring Circle",
				"program": self.name("program"),
				"title": "Matrix circle",
				"status": "Active",
				"start_date": add_days(today(), -30),
				"lead_mentor": self.employees["mentor"],
				"topic_skills": [{"skill": "Negotiation"}],
				"members": [{"employee": self.employees[e]} for e in ("mentee", "mentee_d")],
			}
		).insert()
		self.add("circle", doc, self.pair_relations)
		proposed = frappe.get_doc(
			{
				"doctype": "Mentoring Circle",
				"program": self.name("program"),
				"title": "Matrix circle forming",
				"lead_mentor": self.employees["mentor_b"],
				"members": [{"employee": self.employees["mentee_c"]}],
			}
		).insert()
		self.add("circle_proposed", proposed)

	def _circle_checkins(self):
		"""The circle's meetings: one logged by the mentee (a member), the mentor there, mentee_d
		not, with notes; and a draft logged by the mentor with the mentee there."""
		e = self.employees

		def log(key, logger, present, submit, relations, **fields):
			with builders.as_user(self.users[logger]):
				doc = frappe.get_doc(
					{
						"doctype": "Mentoring Check-in",
						"circle": self.name("circle"),
						"checkin_date": add_days(today(), -3),
						"agenda": "Matrix circle agenda",
						"attendance": [{"employee": e[p], "present": 1} for p in present],
						**fields,
					}
				).insert()
				if submit:
					doc.submit()
			self.add(key, doc, relations)

		self.circle_secret = f"MATRIX-CIRCLE-SECRET-{frappe.generate_hash(length=10)}"
		log(
			"circle_checkin",
			"mentee",
			["mentor"],
			True,
			{"mentee": {p.MENTEE, p.LOGGER}, "mentor": {p.MENTOR, p.COUNTERPART}},
			private_notes=self.circle_secret,
		)
		log(
			"circle_checkin_draft",
			"mentor",
			["mentee"],
			False,
			{"mentor": {p.MENTOR, p.LOGGER}, "mentee": {p.MENTEE, p.COUNTERPART}},
		)

	def _checkin(self, key, logger, days_ago, submit=True, relations=None, **fields):
		with builders.as_user(self.users[logger]):
			doc = builders.checkin(
				self.name("pairing"),
				add_days(today(), -days_ago),
				submit=submit,
				logged_by_role="Mentor" if logger == "mentor" else "Mentee",
				agenda="Matrix agenda",
				**fields,
			)
		counterpart = "mentor" if logger == "mentee" else "mentee"
		relations = {
			label: set(r) for label, r in self.pair_relations.items() if label in ("mentor", "mentee")
		}
		relations[logger].add(p.LOGGER)
		relations[counterpart].add(p.COUNTERPART)
		return self.add(key, doc, relations)

	def _activity(self):
		pairing = self.name("pairing")
		with builders.as_user(self.users["mentee"]):
			goal = builders.goal(pairing)
			rated = builders.goal(pairing)
			spare = builders.goal(pairing)
		frappe.db.set_value("Mentoring Goal", rated.name, "mentor_rating", 0.6)
		self.add("goal", goal, self.pair_relations)
		self.add("goal_rated", rated, self.pair_relations)
		self.add("goal_spare", spare, self.pair_relations)
		# members' own goals in the circle: the mentee's, and mentee_d's, which the mentee (a fellow
		# member) never reads
		for key, member, relations in (
			("circle_goal", "mentee", self.pair_relations),
			(
				"circle_goal_other",
				"mentee_d",
				{"mentor": {p.MENTOR}, "mentor_manager": {p.MENTOR_MANAGER}},
			),
		):
			with builders.as_user(self.users[member]):
				doc = frappe.get_doc(
					{
						"doctype": "Mentoring Goal",
						"circle": self.name("circle"),
						"title": f"Matrix circle goal of {member}",
						"progress": 20,
					}
				).insert()
			self.add(key, doc, relations)
		frappe.get_doc("Mentoring Participant", self.name("participant")).db_set("bio", "Matrix")
		frappe.get_doc(
			{
				"doctype": "Mentoring Skill Item",
				"parent": self.name("participant"),
				"parenttype": "Mentoring Participant",
				"parentfield": "skills_sought",
				"skill": self.skill,
			}
		).db_insert()
		self.secret = f"MATRIX-SECRET-{frappe.generate_hash(length=10)}"
		self._checkin("checkin_draft", "mentee", 20, submit=False)
		self._checkin("checkin", "mentee", 18, private_notes=self.secret)
		self._checkin("checkin_disputed", "mentee", 16)
		self._checkin(
			"checkin_by_mentor",
			"mentor",
			14,
			goal_updates=[{"goal": goal.name, "progress": 55, "note": "Matrix row"}],
		)
		self._checkin("checkin_cancelled", "mentee", 12)
		with builders.as_user(self.users["mentor"]):
			frappe.get_doc("Mentoring Check-in", self.name("checkin_disputed")).dispute("Matrix dispute")
		with builders.as_user(self.users["mentee"]):
			frappe.get_doc("Mentoring Check-in", self.name("checkin_cancelled")).cancel()
			note = frappe.db.get_value("Mentoring Check-in Note", {"checkin": self.name("checkin")})
			self.records["note"] = ("Mentoring Check-in Note", note)
			self.relations["note"] = self.pair_relations
			self.survey_comment = f"MATRIX-SURVEY-{frappe.generate_hash(length=10)}"
			feedback = frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": pairing,
					"survey_type": "Fit Check",
					"overall_rating": 0.4,
					"good_fit": "No",
					"comments": self.survey_comment,
				}
			).insert()
			relations = {label: set(r) for label, r in self.pair_relations.items()}
			relations["mentee"].add(p.RESPONDENT)
			self.add("feedback", feedback, relations)
			rated = frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": pairing,
					"survey_type": "Mid-point",
					"overall_rating": 0.6,
					"skill_ratings": [{"skill": self.skill, "proficiency": 0.4}],
				}
			).insert()
			self.add("feedback_skills", rated, relations)
			self.event = frappe.get_doc("Mentoring Pairing", pairing).schedule_checkin(
				str(add_days(now_datetime(), 3))
			)
		self._circle_checkins()

	def _system_records(self):
		from hrms.tests.test_utils import create_company

		self.other_company = create_company("_Test Mentoring Company 2").name
		project = frappe.get_doc(
			{
				"doctype": "Project",
				"project_name": builders.unique("_Matrix Project"),
				"company": builders.company(),
			}
		).insert()
		self.project = project.name
		self.extra.append(("Project", project.name))
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		cycle = builders.appraisal_cycle(
			[self.employees["mentee"]], template, kra_evaluation_method="Manual Rating"
		)
		appraisal = builders.appraisal_of(self.employees["mentee"], cycle.name).name
		self.cycle, self.appraisal, self.template = cycle.name, appraisal, template
		self.extra += [
			("Appraisal", appraisal),
			("Appraisal Cycle", cycle.name),
			("Appraisal Template", template),
		]
		self.aligned_goal = (
			frappe.get_doc(
				{
					"doctype": "Goal",
					"goal_name": "Matrix aligned goal",
					"employee": self.employees["mentee"],
					"appraisal_cycle": cycle.name,
					"kra": "Quality",
				}
			)
			.insert()
			.name
		)
		score = frappe.get_doc(
			{
				"doctype": "Mentoring Score",
				"employee": self.employees["mentee"],
				"role": "Mentee",
				"program": self.name("program"),
				"appraisal_cycle": cycle.name,
				"score": 64.0,
				"computed_on": now_datetime(),
			}
		).insert(ignore_permissions=True)
		self.add("score", score, {"mentee": {p.SELF}, "mentee_manager": {p.SELF_MANAGER}})
		log = frappe.get_doc(
			{"doctype": "Mentoring Sync Log", "program": self.name("program"), "status": "Completed"}
		).insert(ignore_permissions=True)
		self.add("sync_log", log)
		reminder = frappe.get_doc(
			{
				"doctype": "Mentoring Reminder Log",
				"user": self.users["mentee"],
				"kind": "matrix",
				"sent_on": today(),
				"reference_doctype": "Mentoring Pairing",
				"reference_name": self.name("pairing"),
				"item_key": f"matrix-{frappe.generate_hash(length=8)}",
			}
		).insert(ignore_permissions=True)
		self.add("reminder_log", reminder)
		self.records["settings"] = ("Mentoring Settings", "Mentoring Settings")
		self.relations["settings"] = {}

	def remove_leftovers(self):
		"""What a run that died left behind: the fixtures of its programs, cycles and records."""
		pm = email("program_manager")
		programs = frappe.get_all("Mentoring Program", {"program_manager": pm}, pluck="name")
		employees = frappe.get_all("Employee", {"user_id": ("like", "mhr-matrix-%")}, pluck="name")
		cycles = frappe.get_all(
			"Appraisee",
			{"employee": ("in", employees or [""]), "parenttype": "Appraisal Cycle"},
			pluck="parent",
		)
		leftover = World()
		leftover.programs = programs
		leftover.employees = {e: e for e in employees}
		leftover.extra = [
			*[("Appraisal Cycle", c) for c in set(cycles)],
			*[
				("Appraisal", a)
				for a in frappe.get_all(
					"Appraisal", {"appraisal_cycle": ("in", cycles or [""])}, pluck="name"
				)
			],
			*[
				("Skill", n)
				for n in frappe.get_all("Skill", {"name": ("like", "_Matrix Skill%")}, pluck="name")
			],
			*[
				("Designation", n)
				for n in frappe.get_all(
					"Designation", {"name": ("like", "_Matrix Designation%")}, pluck="name"
				)
			],
			*[
				("Project", n)
				for n in frappe.get_all(
					"Project", {"project_name": ("like", "_Matrix Project%")}, pluck="name"
				)
			],
		]
		leftover.remove()

	def remove(self):
		frappe.db.rollback()
		frappe.set_user(ADMINISTRATOR)
		delete_mentoring_records(self.programs)  # and everything that links to them
		delete_rows(
			"Mentoring Reminder Log",
			frappe.get_all("Mentoring Reminder Log", {"user": ("like", "mhr-matrix-%")}, pluck="name"),
		)
		delete_rows("Event", frappe.get_all("Event", {"owner": ("like", "mhr-matrix-%")}, pluck="name"))
		employees = list(self.employees.values()) or [""]
		delete_rows("Goal", frappe.get_all("Goal", {"employee": ("in", employees)}, pluck="name"))
		templates = [n for d, n in self.extra if d == "Appraisal Template"] or [""]
		variants = frappe.get_all(
			"Appraisal Template", {"mentoring_base_template": ("in", templates)}, pluck="name"
		)
		delete_rows("Appraisal Template", variants)
		for doctype, name in reversed(self.extra):
			delete_rows(doctype, [name])
		frappe.db.commit()

	def link_probe(self, doctype: str) -> str:
		"""Another valid record to link to, for fields without a probe of their own."""
		return {
			"Employee": self.employees["spare"],
			"User": self.users["stranger"],
			"Skill": self.skill,
			"Designation": self.designation,
			"Training Program": self.training_program,
			"KRA": "Quality",
			"Mentoring Pairing": self.name("pairing_b"),
			"Mentoring Circle": self.name("circle_proposed"),
			"Mentoring Program": self.name("program_open"),
			"Mentoring Check-in": self.name("checkin_draft"),
			"Appraisal Cycle": self.cycle,
			"Goal": self.aligned_goal,
			"Project": self.project,
			"Company": self.other_company,
			"DocType": "Mentoring Pairing",
			"Department": builders.department("Sales"),
		}[doctype]

	# what the matrix asks of the world

	def scope(self) -> dict:
		"""Every record a case may change: all rows of the app's DocTypes (their rows and the
		settings with them), and the Events and Frappe HR Goals of the fixtures' people."""
		from mentorship_hr.cleanup import MODULE

		scope = {d: None for d in frappe.get_all("DocType", {"module": MODULE, "istable": 0}, pluck="name")}
		users = [u for u in self.users.values() if u != ADMINISTRATOR]
		scope["Event"] = frappe.get_all("Event", {"owner": ("in", users)}, pluck="name")
		scope["Goal"] = frappe.get_all(
			"Goal", {"employee": ("in", list(self.employees.values()))}, pluck="name"
		)
		return scope

	def employee_of(self, actor):
		return self.employees.get(actor)

	def new_records(self) -> dict:
		"""For each DocType that can be made: the new record each actor tries to make."""
		pairing = self.name("pairing")

		def side(actor):
			return {"mentor": "Mentor", "mentee": "Mentee"}.get(actor, "Mentee")

		return {
			"Mentoring Program": lambda a: {
				"program_name": builders.unique("Matrix new"),
				"company": builders.company(),
				"start_date": add_days(today(), -10),
				"end_date": add_days(today(), 100),
				"status": "Draft",
			},
			"Mentoring Participant": lambda a: {
				"program": self.name("program_open"),
				"employee": self.employee_of(a) or self.employees["spare"],
				"role": "Mentor",
				"status": "Applied",
			},
			"Mentoring Pairing": lambda a: {
				"program": self.name("program"),
				"mentor": self.employees["stranger"],
				"mentee": self.employees["spare"],
				"status": "Proposed",
			},
			"Mentoring Goal": lambda a: {"pairing": pairing, "title": builders.unique("Matrix new goal")},
			"Mentoring Check-in": lambda a: {
				"pairing": pairing,
				"checkin_date": add_days(today(), -1),
				"logged_by_role": side(a),
			},
			"Mentoring Feedback": lambda a: {
				"pairing": self.name("pairing_fresh"),
				"survey_type": "Fit Check",
				"good_fit": "Yes",
				"overall_rating": 0.6,
			},
			"Mentoring Score": lambda a: {
				"employee": self.employees["stranger"],
				"role": "Mentor",
				"program": self.name("program"),
				"appraisal_cycle": self.cycle,
				"score": 50,
			},
			"Mentoring Sync Log": lambda a: {"program": self.name("program"), "status": "Queued"},
			"Mentoring Reminder Log": lambda a: {
				"user": self.users["stranger"],
				"kind": "matrix",
				"sent_on": today(),
				"item_key": builders.unique("matrix"),
			},
			"Mentoring Check-in Note": lambda a: {"checkin": self.name("checkin_draft"), "notes": "matrix"},
			"Mentoring Circle": lambda a: {
				"program": self.name("program"),
				"lead_mentor": self.employees["mentor_b"],
				"title": builders.unique("Matrix new circle"),
			},
		}

	def new_relations(self, doctype, doc, actor) -> frozenset:
		"""The actor's relations to a record they try to make, by how the world was built."""
		mine = self.employee_of(actor)
		if doctype == "Mentoring Participant":
			return frozenset({p.SELF} if mine and doc["employee"] == mine else ())
		if doctype == "Mentoring Pairing":
			found = {p.MENTOR: doc["mentor"] == mine, p.MENTEE: doc["mentee"] == mine}
			return frozenset(r for r, holds in found.items() if holds and mine)
		if doctype == "Mentoring Score":
			return frozenset({p.SELF} if mine and doc["employee"] == mine else ())
		if "pairing" in doc or doctype == "Mentoring Check-in Note":
			return frozenset(self.pair_relations.get(actor, ()))
		return frozenset()

	def method_calls(self) -> list[tuple]:
		starts = f"{add_days(today(), 2)} 10:00:00"
		return [
			("Mentoring Program", "program", "set_status", {"status": "Completed"}),
			("Mentoring Program", "program", "sync_scores", {}),
			(
				"Mentoring Program",
				"program_enrolling",
				"invite_participants",
				{"role": "Mentee", "department": builders.department("Sales")},
			),
			("Mentoring Program", "program_enrolling", "invite_options", {}),
			(
				"Mentoring Program",
				"program",
				"hold_launch_workshop",
				{"start_time": starts, "end_time": f"{add_days(today(), 2)} 12:00:00", "location": "Room 1"},
			),
			("Mentoring Program", "program", "run_matching", {}),
			("Mentoring Program", "program", "publish_matches", {}),
			("Mentoring Program", "program_pool", "get_mentor_suggestions", {}),
			("Mentoring Program", "program_pool", "request_mentor", {"mentor": self.employees["mentor_b"]}),
			("Mentoring Pairing", "request", "respond_to_request", {"accept": 1}),
			("Mentoring Pairing", "pairing", "set_status", {"status": "Paused"}),
			("Mentoring Pairing", "proposal", "swap_mentors", {"other": self.name("proposal_b")}),
			("Mentoring Pairing", "proposal_b", "remove_proposal", {}),
			("Mentoring Pairing", "pairing", "acknowledge", {}),
			("Mentoring Pairing", "pairing", "feedback_ratings", {}),
			("Mentoring Pairing", "pairing", "schedule_checkin", {"starts_on": starts}),
			("Mentoring Circle", "circle", "set_status", {"status": "Paused"}),
			("Mentoring Circle", "circle", "schedule_checkin", {"starts_on": starts}),
			(
				"Mentoring Circle",
				"circle",
				"move_member",
				{"employee": self.employees["mentee_d"], "to_circle": self.name("circle_proposed")},
			),
			("Mentoring Participant", "application", "withdraw", {}),
			("Mentoring Participant", "invitation", "respond_to_invitation", {"accept": 1}),
			("Mentoring Participant", "application", "review_application", {"approve": 1}),
			("Mentoring Check-in", "checkin", "confirm", {}),
			("Mentoring Check-in", "checkin_disputed", "confirm", {}),
			("Mentoring Check-in", "checkin", "dispute", {"reason": "matrix"}),
			("Mentoring Check-in", "circle_checkin", "confirm", {}),
		]

	def module_calls(self) -> list[tuple]:
		"""(method, arguments, expectation): None takes the policy's; a function decides where
		Frappe HR's own rules do."""
		appraisal = self.appraisal

		def reads_appraisal(actor):
			return actor == "administrator" or frappe.has_permission(
				"Appraisal", "read", appraisal, user=self.users[actor]
			)

		return [
			(
				"mentorship_hr.form_rules.editable_fields",
				{"doctype": "Mentoring Goal", "pairing": self.name("pairing")},
				None,
			),
			(
				"mentorship_hr.kpi.appraisal_tools.get_appraisal_mentoring",
				{"appraisal": appraisal},
				reads_appraisal,
			),
			(
				"mentorship_hr.matching.enrollment.approve_applications",
				{"names": [self.name("application")]},
				None,
			),
			("mentorship_hr.kpi.sync_jobs.sync_cycle_scores", {"appraisal_cycle": self.cycle}, None),
			(
				"mentorship_hr.kpi.appraisal_tools.apply_suggested_ratings",
				{"appraisal_cycle": self.cycle},
				None,
			),
			(
				"mentorship_hr.overrides.appraisal_cycle.set_mentoring_kra",
				{"appraisal_cycle": self.cycle, "weightage": 20},
				None,
			),
			("mentorship_hr.skills.skill_map.suggested_skills", {"role": "Mentor"}, None),
			("mentorship_hr.portal.api.home", {}, None),
			("mentorship_hr.portal.api.programs", {}, None),
			(
				"mentorship_hr.portal.api.find_a_mentor",
				{"program": self.name("program")},
				lambda actor: self.name("program") in self.readable("Mentoring Program", actor),
			),
			# a pairing's page: for whoever the policy lets read the pairing
			(
				"mentorship_hr.portal.api.pairing",
				{"name": self.name("pairing")},
				lambda actor: self.name("pairing") in self.readable("Mentoring Pairing", actor),
			),
			# a circle's page: for whoever the policy lets read the circle
			(
				"mentorship_hr.portal.api.circle",
				{"name": self.name("circle")},
				lambda actor: self.name("circle") in self.readable("Mentoring Circle", actor),
			),
		]

	def report_filters(self) -> dict:
		return {
			"Mentoring Program Health": {"program": self.name("program"), "status": "Active"},
			"Mentoring KPI": {"program": self.name("program")},
			"Mentoring Match Review": {"program": self.name("program")},
			"Mentoring Program Impact": {
				"company": builders.company(),
				"from_date": add_days(today(), -90),
				"to_date": today(),
			},
		}

	def readable(self, doctype, actor) -> list[str]:
		"""The fixtures of this DocType the policy lets the actor read."""
		return [
			name
			for key, (d, name) in self.records.items()
			if d == doctype and (actor == "administrator" or p.may_read(d, self.relations_of(key, actor)))
		]

	def readable_rows(self, report, actor) -> set | None:
		if report == "Mentoring Program Health":
			return set(self.readable("Mentoring Pairing", actor)) | set(
				self.readable("Mentoring Circle", actor)
			)
		if report == "Mentoring KPI":
			return set(self.readable("Mentoring Score", actor)) | {""}
		return None

	def hrms_cases(self, t):
		"""Cases on Frappe HR and Frappe DocTypes the app writes to (access_policy.HRMS_FIELDS and
		HRMS_RULES), for the matrix `t`."""
		pairing = self.name("pairing")
		for actor in ACTORS:
			user = self.users[actor]
			yield from self.skill_cases(t, actor, user)
			goal = {
				"goal_name": builders.unique("Forged mentoring goal"),
				"employee": self.employee_of(actor) or self.employees["mentee"],
				"appraisal_cycle": self.cycle,
				"kra": "Mentoring",
				"progress": 100,
			}
			yield Case(
				"hrms",
				"Goal",
				None,
				actor,
				"under the Mentoring KRA",
				False,
				lambda u=user, g=goal: t.forged(u, "Goal", g),
				world=True,
			)
			event = {
				"subject": builders.unique("Matrix event"),
				"starts_on": f"{add_days(today(), 5)} 09:00:00",
				"event_type": "Private",
				"event_participants": [
					{"reference_doctype": "Mentoring Pairing", "reference_docname": pairing}
				],
			}
			reads = actor == "administrator" or p.may_read(
				"Mentoring Pairing", self.relations_of("pairing", actor)
			)
			yield Case(
				"hrms",
				"Event",
				None,
				actor,
				"refers to a pairing",
				reads,
				lambda u=user, e=event: t.forged(u, "Event", e),
				world=True,
			)
			circle_event = {
				**event,
				"subject": builders.unique("Matrix circle event"),
				"event_participants": [
					{"reference_doctype": "Mentoring Circle", "reference_docname": self.name("circle")}
				],
			}
			reads_circle = actor == "administrator" or p.may_read(
				"Mentoring Circle", self.relations_of("circle", actor)
			)
			yield Case(
				"hrms",
				"Event",
				None,
				actor,
				"refers to a circle",
				reads_circle,
				lambda u=user, e=circle_event: t.forged(u, "Event", e),
				world=True,
			)
			yield from self.training_event_cases(t, actor, user)
			for doctype, name, fieldname, value in (
				("Appraisal Cycle", self.cycle, "mentoring_kra_weightage", 35),
				("Appraisal Template", self.template, "mentoring_base_template", self.template),
			):
				yield Case(
					"hrms",
					doctype,
					None,
					actor,
					fieldname,
					actor == "administrator",
					lambda u=user, d=doctype, n=name, f=fieldname, v=value: t.forged_field(u, d, n, f, v),
				)

	def training_event_cases(self, t, actor, user):
		"""A launch workshop session's Mentoring Program is the app's to set: nobody makes a Training
		Event that claims one (HR still makes their own Training Events)."""
		session = builders.unique("Matrix forged session")
		values = {
			"event_name": session,
			"mentoring_program": self.name("program"),
			"event_status": "Scheduled",
			"type": "Workshop",
			"location": "Room 1",
			"start_time": f"{add_days(today(), 3)} 09:00:00",
			"end_time": f"{add_days(today(), 3)} 11:00:00",
			"introduction": "Forged",
		}
		yield Case(
			"hrms",
			"Training Event",
			None,
			actor,
			"mentoring_program",
			actor == "administrator",
			lambda u=user, s=session, v=values: self.forged_then_gone(t, u, "Training Event", s, v),
		)

	def skill_cases(self, t, actor, user):
		"""Frappe HR's Skill list: everyone reads it (the app's grant), HR and system managers keep
		it; Skill Maps stay Frappe HR's (system managers write them)."""
		roles = set(frappe.get_roles(user))
		keeps = actor == "administrator" or bool(roles & {p.HR_MANAGER, p.SYSTEM_MANAGER})
		yield Case(
			"hrms",
			"Skill",
			None,
			actor,
			"reads the list",
			True,
			lambda u=user: t.client(u).get(builders.resource("Skill")).status_code == 200,
		)
		skill = builders.unique("_Matrix Skill forged")
		yield Case(
			"hrms",
			"Skill",
			None,
			actor,
			"adds a skill",
			keeps,
			lambda u=user, s=skill: self.forged_then_gone(t, u, "Skill", s, {"skill_name": s}),
		)
		spare = self.employees["spare"]
		yield Case(
			"hrms",
			"Employee Skill Map",
			None,
			actor,
			"writes another's Skill Map",
			actor == "administrator" or p.SYSTEM_MANAGER in roles,
			lambda u=user, e=spare: self.forged_then_gone(
				t,
				u,
				"Employee Skill Map",
				e,
				{"employee": e, "employee_skills": [{"skill": self.skill, "proficiency": 1}]},
			),
		)

	def forged_then_gone(self, t, user, doctype, name, values) -> bool:
		made = t.forged(user, doctype, values)
		if frappe.db.exists(doctype, name):
			delete_rows(doctype, [name])
			frappe.db.commit()
		return made

	def other_link(self, doctype: str, avoid: str) -> str:
		"""A record to link to that is not `avoid`."""
		others = {
			"User": [self.users["mentor_b" if "mentor_b" in self.users else "stranger"], ADMINISTRATOR],
			"Employee": [self.employees["spare"], self.employees["mentee_d"]],
			"Department": [builders.department("Sales"), builders.department("Operations")],
		}.get(doctype, [self.link_probe(doctype)])
		return next(o for o in others if o != avoid)

	def pairing_names(self) -> list[str]:
		return [name for doctype, name in self.records.values() if doctype == "Mentoring Pairing"]
