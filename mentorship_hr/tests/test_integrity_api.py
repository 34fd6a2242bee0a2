"""Integrity and privacy over HTTP: what real users can read and change through Frappe's REST and
desk endpoints, with API keys, against committed records.

Every refused attempt also checks that the stored record is unchanged.
"""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.cleanup import MODULE
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringAPITestCase, as_user, resource

CHECKIN = "Mentoring Check-in"
PAIRING = "Mentoring Pairing"
GOAL = "Mentoring Goal"
PARTICIPANT = "Mentoring Participant"

CHECKIN_STATE = ("docstatus", "confirmation_status", "confirmed_by", "dispute_reason", "pairing")
PAIRING_STATE = ("agreement", "mentor", "mentor_user", "health", "match_score", "source", "status")
GOAL_STATE = ("pairing", "progress", "mentor_rating", "mentor_comment", "title")
PARTICIPANT_STATE = ("program", "employee", "role", "status", "bio")


NEXT_MENTOR_USER = "mhr-api-next-mentor@example.com"  # no Employee links to it


def email(key: str) -> str:
	return f"mhr-api-{key}@example.com"


def person(key: str, department: str = "Operations", reports_to: str | None = None) -> str:
	"""This suite's Employee `key`, with a User of the same email. Made once and reused by later
	runs; department and manager are reset each time."""
	return builders.employee_of_user(
		email(key), department=builders.department(department), reports_to=reports_to
	)


def unique_secret(prefix="SECRET"):
	return f"{prefix}-{frappe.generate_hash(length=12)}"


class TestIntegrityAPI(MentoringAPITestCase):
	"""Pair A (mentor A, mentee A) and pair B in one Active program, their managers, a stranger
	and staff with HR and program roles."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.program = builders.program().name
		cls.other_program = builders.program(status="Enrolling").name
		cls.third_program = builders.program(status="Enrolling").name
		cls.programs += [cls.program, cls.other_program, cls.third_program]

		# a run that died in section G may have left mentor A's Employee on the next login
		frappe.db.set_value("Employee", {"user_id": NEXT_MENTOR_USER}, "user_id", email("mentor-a"))
		cls.manager_a = person("manager-a")  # MA: mentee A's manager
		cls.manager_b = person("manager-b", "Sales")  # MB: mentor A's manager
		cls.new_manager = person("manager-n")  # MN: takes over mentee A in section G
		cls.mentor_a = person("mentor-a", "Sales", reports_to=cls.manager_b)
		cls.mentee_a = person("mentee-a", reports_to=cls.manager_a)
		cls.mentor_b = person("mentor-b", "Sales")
		cls.mentee_b = person("mentee-b")
		cls.stranger = person("stranger")
		for who in ("manager_a", "manager_b", "new_manager", "mentor_a", "mentee_a", "mentee_b", "stranger"):
			setattr(cls, f"{who}_user", builders.user_of(getattr(cls, who)))
		# staff are employees too, as on a real site (ERPNext drops the Employee role of a user
		# that no Employee links to)
		cls.hr_user = cls.staff("HR User")
		cls.hr_manager = cls.staff("HR Manager")
		cls.program_manager = cls.staff("Mentoring Program Manager")
		cls.system_manager = cls.staff("System Manager")
		cls.new_mentor_user = NEXT_MENTOR_USER  # mentor A's next login, section G
		builders.new_user(NEXT_MENTOR_USER, roles=(), first_name="Next")

		# everyone who is not in pair A, by label
		cls.outsiders = {
			"hr_user": cls.hr_user,
			"hr_manager": cls.hr_manager,
			"program_manager": cls.program_manager,
			"system_manager": cls.system_manager,
			"manager_a": cls.manager_a_user,
			"manager_b": cls.manager_b_user,
			"stranger": cls.stranger_user,
			"mentee_b": cls.mentee_b_user,
		}
		for user in (*cls.outsiders.values(), cls.mentor_a_user, cls.mentee_a_user):
			cls.give_api_key(user)
		cls.give_api_key(cls.new_manager_user)
		cls.give_api_key(cls.new_mentor_user)

		cls.pairing_a = builders.pairing(cls.program, cls.mentor_a, cls.mentee_a).name
		cls.pairing_b = builders.pairing(cls.program, cls.mentor_b, cls.mentee_b).name
		cls.participant = cls.participant_of(cls.program, "Mentee", "Approved")
		cls.application = cls.participant_of(cls.other_program, "Mentor", "Applied", capacity=1)
		cls.leaving = cls.participant_of(cls.third_program, "Mentee", "Applied")

		cls.row_secret = unique_secret("ROW-SECRET")
		with as_user(cls.mentee_a_user):
			cls.goal_a = builders.goal(cls.pairing_a).name
			cls.to_confirm = cls.log_checkin(cls.pairing_a, -9)
			cls.to_dispute = cls.log_checkin(cls.pairing_a, -8)
			cls.with_rows = cls.log_checkin(
				cls.pairing_a,
				-7,
				submit=False,
				goal_updates=[{"goal": cls.goal_a, "progress": 10, "note": cls.row_secret}],
			)
		with as_user(cls.mentee_b_user):
			cls.goal_b = builders.goal(cls.pairing_b).name
			cls.draft_b = cls.log_checkin(cls.pairing_b, -6, submit=False)
		frappe.db.commit()

		# The private notes go in as the pair writes them: over HTTP, as mentee A.
		cls.secret, cls.draft_secret = unique_secret(), unique_secret()
		cls.checkin_a = cls.post_checkin(cls.secret, -5, submit=True)  # CA
		cls.draft_a = cls.post_checkin(cls.draft_secret, -4, submit=False)

	@classmethod
	def staff(cls, role):
		user = builders.user_of(person(f"staff-{frappe.scrub(role)}"))
		frappe.get_doc("User", user).add_roles(role)
		return user

	@classmethod
	def participant_of(cls, program, role, status, **fields):
		return (
			frappe.get_doc(
				{
					"doctype": PARTICIPANT,
					"program": program,
					"employee": cls.mentee_a,
					"role": role,
					"status": status,
					**fields,
				}
			)
			.insert()
			.name
		)

	@classmethod
	def log_checkin(cls, pairing, days_ago, submit=True, **fields):
		return builders.checkin(pairing, add_days(today(), days_ago), submit=submit, **fields).name

	@classmethod
	def post_checkin(cls, notes, days_ago, submit):
		doc = {
			"pairing": cls.pairing_a,
			"checkin_date": add_days(today(), days_ago),
			"agenda": "Pricing",
			"private_notes": notes,
		}
		resp = cls.client(cls.mentee_a_user).post(resource(CHECKIN), doc)
		if resp.status_code != 200:
			raise AssertionError(f"mentee A could not log a check-in: {cls.describe(resp)}")
		name = resp.json["data"]["name"]
		if submit:
			resp = cls.run_doc_method(cls.mentee_a_user, CHECKIN, name, "submit")
			if resp.status_code != 200:
				raise AssertionError(f"mentee A could not submit check-in {name}: {cls.describe(resp)}")
		return name

	def put(self, user, doctype, name, data):
		return self.client(user).put(resource(doctype, name), data)

	def get(self, user, doctype, name=None, **params):
		return self.client(user).get(resource(doctype, name), params)

	def listed(self, resp) -> list[str]:
		"""Names in a list response; none when refused."""
		if resp.status_code in (403, 417):
			return []
		self.assertStatus(resp, 200)
		message = resp.json.get("data", resp.json.get("message"))
		return [row["name"] for row in message]

	# A. Pairings

	def test_a_outsiders_cannot_edit_pairing(self):
		for label in ("stranger", "mentee_b"):
			with self.subTest(user=label):
				before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
				resp = self.put(
					self.outsiders[label],
					PAIRING,
					self.pairing_a,
					{"agreement": "x", "mentor_user": self.stranger_user},
				)
				self.assertForbidden(resp)
				self.assertUnchanged(PAIRING, self.pairing_a, before)

	def test_a_pair_cannot_change_managed_fields(self):
		for change in (
			{"health": "At Risk"},
			{"match_score": 99},
			{"source": "Bulk Match"},
			{"status": "Completed"},
			{"mentor": self.mentor_b},
		):
			with self.subTest(change=change):
				before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
				self.assertRefused(self.put(self.mentee_a_user, PAIRING, self.pairing_a, change))
				self.assertUnchanged(PAIRING, self.pairing_a, before)

	def test_a_pair_edits_agreement(self):
		resp = self.put(self.mentee_a_user, PAIRING, self.pairing_a, {"agreement": "we meet fortnightly"})
		self.assertStatus(resp, 200)
		self.assertEqual(self.stored(PAIRING, self.pairing_a, "agreement"), "we meet fortnightly")

	def test_a_manager_reads_but_cannot_edit_pairing(self):
		before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
		self.assertForbidden(self.put(self.manager_a_user, PAIRING, self.pairing_a, {"agreement": "mine"}))
		self.assertUnchanged(PAIRING, self.pairing_a, before)
		self.assertStatus(self.get(self.manager_a_user, PAIRING, self.pairing_a), 200)

	def test_a_stranger_cannot_read_pairing(self):
		self.assertForbidden(self.get(self.stranger_user, PAIRING, self.pairing_a))

	def test_a_set_value_cannot_change_managed_fields(self):
		before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
		resp = self.call(
			self.mentee_a_user,
			"frappe.client.set_value",
			doctype=PAIRING,
			name=self.pairing_a,
			fieldname="health",
			value="At Risk",
		)
		self.assertRefused(resp)
		self.assertUnchanged(PAIRING, self.pairing_a, before)

	def test_a_the_pair_cannot_rename_their_records(self):
		for doctype, name in ((PAIRING, self.pairing_a), (GOAL, self.goal_a), (CHECKIN, self.checkin_a)):
			with self.subTest(doctype=doctype):
				resp = self.call(
					self.mentee_a_user,
					"frappe.client.rename_doc",
					doctype=doctype,
					old_name=name,
					new_name=f"{name}-renamed",
				)
				self.assertRefused(resp)
				self.assertEqual(self.stored(doctype, name), name)

	# B. Goals

	def test_b_cannot_pull_other_pairs_goal(self):
		before = self.snapshot(GOAL, self.goal_b, *GOAL_STATE)
		self.assertForbidden(self.put(self.mentee_a_user, GOAL, self.goal_b, {"pairing": self.pairing_a}))
		self.assertUnchanged(GOAL, self.goal_b, before)
		self.assertForbidden(self.get(self.mentee_a_user, GOAL, self.goal_b))

	def test_b_cannot_push_own_goal_to_other_pair(self):
		before = self.snapshot(GOAL, self.goal_a, *GOAL_STATE)
		self.assertRefused(self.put(self.mentee_a_user, GOAL, self.goal_a, {"pairing": self.pairing_b}))
		self.assertUnchanged(GOAL, self.goal_a, before)

	def test_b_cannot_create_goal_on_other_pair(self):
		title = builders.unique("Intruder goal")
		resp = self.client(self.mentee_a_user).post(
			resource(GOAL), {"pairing": self.pairing_b, "title": title}
		)
		self.assertForbidden(resp)
		self.assertIsNone(self.stored(GOAL, {"title": title}))

	def test_b_mentor_writes_only_the_assessment(self):
		before = self.snapshot(GOAL, self.goal_a, *GOAL_STATE)
		self.assertRefused(self.put(self.mentor_a_user, GOAL, self.goal_a, {"progress": 90}))
		self.assertUnchanged(GOAL, self.goal_a, before)

		self.assertStatus(self.put(self.mentor_a_user, GOAL, self.goal_a, {"mentor_rating": 0.8}), 200)
		self.assertEqual(self.stored(GOAL, self.goal_a, "mentor_rating"), 0.8)

	def test_b_mentee_writes_all_but_the_assessment(self):
		before = self.snapshot(GOAL, self.goal_a, *GOAL_STATE)
		self.assertRefused(self.put(self.mentee_a_user, GOAL, self.goal_a, {"mentor_rating": 1}))
		self.assertUnchanged(GOAL, self.goal_a, before)

		self.assertStatus(self.put(self.mentee_a_user, GOAL, self.goal_a, {"progress": 40}), 200)
		self.assertEqual(self.stored(GOAL, self.goal_a, "progress"), 40)

	def test_b_manager_reads_but_cannot_edit_goal(self):
		self.assertStatus(self.get(self.manager_a_user, GOAL, self.goal_a), 200)
		before = self.snapshot(GOAL, self.goal_a, *GOAL_STATE)
		self.assertForbidden(self.put(self.manager_a_user, GOAL, self.goal_a, {"progress": 5}))
		self.assertUnchanged(GOAL, self.goal_a, before)

	# C. Check-ins

	def test_c_cannot_pull_other_pairs_checkin(self):
		before = self.snapshot(CHECKIN, self.draft_b, *CHECKIN_STATE)
		self.assertForbidden(self.put(self.mentee_a_user, CHECKIN, self.draft_b, {"pairing": self.pairing_a}))
		self.assertUnchanged(CHECKIN, self.draft_b, before)

	def test_c_logger_cannot_confirm_own_checkin(self):
		attempts = {
			"PUT": lambda: self.put(
				self.mentee_a_user, CHECKIN, self.checkin_a, {"confirmation_status": "Confirmed"}
			),
			"confirm": lambda: self.run_doc_method(self.mentee_a_user, CHECKIN, self.checkin_a, "confirm"),
			"set_value": lambda: self.call(
				self.mentee_a_user,
				"frappe.client.set_value",
				doctype=CHECKIN,
				name=self.checkin_a,
				fieldname="confirmation_status",
				value="Confirmed",
			),
		}
		for how, attempt in attempts.items():
			with self.subTest(how=how):
				before = self.snapshot(CHECKIN, self.checkin_a, *CHECKIN_STATE)
				self.assertEqual(before.confirmation_status, "Pending")
				resp = attempt()
				if how == "confirm":
					self.assertForbidden(resp)
				else:
					self.assertRefused(resp)
				self.assertUnchanged(CHECKIN, self.checkin_a, before)

	def test_c_counterpart_cannot_cancel_logged_checkin(self):
		def forged():
			"""CA as stored, but claiming that mentor A logged it."""
			doc = self.stored_doc(CHECKIN, self.checkin_a)
			doc["logged_by"] = self.mentor_a_user
			return doc

		mentor = self.mentor_a_user
		attempts = {
			"savedocs": lambda: self.client(mentor).post(
				"/api/method/frappe.desk.form.save.savedocs", {"doc": forged(), "action": "Cancel"}, form=True
			),
			"client.cancel": lambda: self.call(
				mentor, "frappe.client.cancel", doctype=CHECKIN, name=self.checkin_a
			),
			"run_doc_method": lambda: self.run_doc_method(mentor, CHECKIN, self.checkin_a, "cancel"),
			"run_doc_method forged": lambda: self.run_doc_method(
				mentor, CHECKIN, self.checkin_a, "cancel", doc=forged()
			),
		}
		for how, attempt in attempts.items():
			with self.subTest(how=how):
				before = self.snapshot(CHECKIN, self.checkin_a, *CHECKIN_STATE)
				self.assertEqual(before.docstatus, 1)
				self.assertForbidden(attempt())
				self.assertUnchanged(CHECKIN, self.checkin_a, before)

	def test_c_counterpart_confirms(self):
		resp = self.run_doc_method(self.mentor_a_user, CHECKIN, self.to_confirm, "confirm")
		self.assertStatus(resp, 200)
		stored = self.snapshot(CHECKIN, self.to_confirm, "confirmation_status", "confirmed_by")
		self.assertEqual(stored, {"confirmation_status": "Confirmed", "confirmed_by": self.mentor_a_user})

	def test_c_dispute_then_program_manager_resolves(self):
		resp = self.run_doc_method(
			self.mentor_a_user, CHECKIN, self.to_dispute, "dispute", {"reason": "We did not meet"}
		)
		self.assertStatus(resp, 200)
		disputed = self.snapshot(CHECKIN, self.to_dispute, *CHECKIN_STATE)
		self.assertEqual(
			(disputed.confirmation_status, disputed.dispute_reason), ("Disputed", "We did not meet")
		)

		# the mentor cannot take it back; a program manager settles it
		self.assertRefused(self.run_doc_method(self.mentor_a_user, CHECKIN, self.to_dispute, "confirm"))
		self.assertUnchanged(CHECKIN, self.to_dispute, disputed)

		resp = self.run_doc_method(self.program_manager, CHECKIN, self.to_dispute, "confirm")
		self.assertStatus(resp, 200)
		self.assertEqual(self.stored(CHECKIN, self.to_dispute, "confirmation_status"), "Confirmed")

	def test_c_forged_doc_cannot_make_logger_the_counterpart(self):
		# mentee A logged CA; the client doc claims mentor A did, which would make mentee A the
		# counterpart. The action must judge the stored check-in.
		before = self.snapshot(CHECKIN, self.checkin_a, *CHECKIN_STATE)
		doc = self.stored_doc(CHECKIN, self.checkin_a)
		doc.update(logged_by=self.mentor_a_user, logged_by_role="Mentor")
		resp = self.run_doc_method(self.mentee_a_user, CHECKIN, self.checkin_a, "confirm", doc=doc)
		self.assertForbidden(resp)
		self.assertUnchanged(CHECKIN, self.checkin_a, before)

	def test_c_managers_cannot_read_checkins(self):
		self.assertForbidden(self.get(self.manager_a_user, CHECKIN, self.checkin_a))
		resp = self.get(self.manager_a_user, CHECKIN, fields=["name"], limit_page_length=0)
		pair_a = set(frappe.get_all(CHECKIN, {"pairing": self.pairing_a}, pluck="name"))
		self.assertFalse(pair_a & set(self.listed(resp)))

	# D. Participants

	def test_d_participant_cannot_change_role_program_employee_or_status(self):
		for change in (
			{"role": "Mentor"},
			{"program": self.other_program},
			{"employee": self.stranger},
			{"status": "Matched"},
		):
			with self.subTest(change=change):
				before = self.snapshot(PARTICIPANT, self.participant, *PARTICIPANT_STATE)
				self.assertEqual((before.role, before.status), ("Mentee", "Approved"))
				self.assertRefused(self.put(self.mentee_a_user, PARTICIPANT, self.participant, change))
				self.assertUnchanged(PARTICIPANT, self.participant, before)

	def test_d_participant_edits_own_bio(self):
		resp = self.put(self.mentee_a_user, PARTICIPANT, self.participant, {"bio": "hello"})
		self.assertStatus(resp, 200)
		self.assertEqual(self.stored(PARTICIPANT, self.participant, "bio"), "hello")

	def test_d_participant_withdraws(self):
		resp = self.put(self.mentee_a_user, PARTICIPANT, self.leaving, {"status": "Withdrawn"})
		self.assertStatus(resp, 200)
		self.assertEqual(self.stored(PARTICIPANT, self.leaving, "status"), "Withdrawn")

	# E. Private notes: only the pair ever sees them

	def assertHiddenFromOutsiders(self, request):
		for label, user in self.outsiders.items():
			with self.subTest(user=label):
				self.assertHidden(self.secret, request(user))

	def test_e_notes_hidden_in_rest_get(self):
		self.assertHiddenFromOutsiders(lambda user: self.get(user, CHECKIN, self.checkin_a))

	def test_e_notes_hidden_in_client_get(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(user, "frappe.client.get", doctype=CHECKIN, name=self.checkin_a)
		)

	def test_e_notes_hidden_in_records_linked_to_checkins(self):
		# wherever the notes are kept, lists of this app's records that link to check-ins
		doctypes = [
			doctype
			for doctype in frappe.get_all(
				"DocType", {"module": MODULE, "istable": 0, "issingle": 0}, pluck="name"
			)
			if doctype != CHECKIN
			and any(
				df.fieldtype == "Link" and df.options == CHECKIN for df in frappe.get_meta(doctype).fields
			)
		]
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				self.assertHiddenFromOutsiders(
					lambda user, doctype=doctype: self.get(user, doctype, fields=["*"], limit_page_length=0)
				)
				self.assertHiddenFromOutsiders(
					lambda user, doctype=doctype: self.call(
						user, "frappe.client.get_list", doctype=doctype, fields=["*"], limit_page_length=0
					)
				)

	def test_e_notes_hidden_in_rest_list_of_all_fields(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.get(user, CHECKIN, fields=["*"], filters={"name": self.checkin_a})
		)

	def test_e_notes_hidden_in_rest_list_naming_the_field(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.get(user, CHECKIN, fields=["name", "private_notes"], limit_page_length=0)
		)

	def test_e_notes_hidden_in_client_get_value(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(
				user,
				"frappe.client.get_value",
				doctype=CHECKIN,
				filters={"name": self.checkin_a},
				fieldname="private_notes",
			)
		)

	def test_e_notes_hidden_in_client_get_list(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(
				user,
				"frappe.client.get_list",
				doctype=CHECKIN,
				fields=["*"],
				filters={"name": self.checkin_a},
			)
		)

	def test_e_notes_hidden_in_report_view(self):
		fields = [f"`tab{CHECKIN}`.`name`", f"`tab{CHECKIN}`.`private_notes`"]
		self.assertHiddenFromOutsiders(
			lambda user: self.call(
				user,
				"frappe.desk.reportview.get",
				doctype=CHECKIN,
				fields=fields,
				filters=[[CHECKIN, "name", "=", self.checkin_a]],
			)
		)

	def test_e_notes_hidden_in_report_export(self):
		for fields in ([f"`tab{CHECKIN}`.`name`", f"`tab{CHECKIN}`.`private_notes`"], ["*"]):
			with self.subTest(fields=fields):
				self.assertHiddenFromOutsiders(
					lambda user, fields=fields: self.client(user).post(
						"/api/method/frappe.desk.reportview.export_query",
						{
							"doctype": CHECKIN,
							"file_format_type": "CSV",
							"fields": fields,
							"filters": [[CHECKIN, "name", "=", self.checkin_a]],
						},
						form=True,
					)
				)

	def test_e_notes_hidden_in_print_view_page(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.client(user).get(
				"/printview", {"doctype": CHECKIN, "name": self.checkin_a, "trigger_print": "0"}
			)
		)

	def test_e_notes_hidden_in_print_html(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(
				user,
				"frappe.www.printview.get_html_and_style",
				doc=CHECKIN,
				name=self.checkin_a,
				print_format="Standard",
			)
		)

	def test_e_notes_hidden_in_form_load(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(user, "frappe.desk.form.load.getdoc", doctype=CHECKIN, name=self.checkin_a)
		)

	def test_e_notes_hidden_in_global_search(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(user, "frappe.utils.global_search.search", text=self.secret)
		)

	def test_e_notes_hidden_in_docinfo(self):
		self.assertHiddenFromOutsiders(
			lambda user: self.call(
				user, "frappe.desk.form.load.get_docinfo", doctype=CHECKIN, name=self.checkin_a
			)
		)

	def assertNotCopied(self, text):
		"""No Version or Comment row, of any DocType, holds the text."""
		frappe.db.rollback()
		like = f"%{text}%"
		self.assertFalse(frappe.db.sql("select name from tabVersion where data like %s", like))
		self.assertFalse(frappe.db.sql("select name from tabComment where content like %s", like))

	def test_e_notes_not_copied_into_versions(self):
		self.assertNotCopied(self.secret)
		self.assertNotCopied(self.draft_secret)

	def test_e_pair_reads_notes(self):
		for user in (self.mentor_a_user, self.mentee_a_user):
			with self.subTest(user=user):
				resp = self.get(user, CHECKIN, self.checkin_a)
				self.assertStatus(resp, 200)
				self.assertEqual(resp.json["data"]["private_notes"], self.secret)

	def test_e_pair_updates_notes_outsiders_cannot_overwrite(self):
		notes = f"new {unique_secret()}"
		resp = self.put(self.mentee_a_user, CHECKIN, self.draft_a, {"private_notes": notes})
		self.assertStatus(resp, 200)
		resp = self.get(self.mentor_a_user, CHECKIN, self.draft_a)
		self.assertStatus(resp, 200)
		self.assertEqual(resp.json["data"]["private_notes"], notes)

		# HR may save the check-in, but the pair's notes stay theirs
		resp = self.put(self.hr_manager, CHECKIN, self.draft_a, {"private_notes": "hr overwrite"})
		self.assertIn(resp.status_code, (200, 403, 417), self.describe(resp))
		self.assertHidden(notes, resp)
		resp = self.get(self.mentee_a_user, CHECKIN, self.draft_a)
		self.assertStatus(resp, 200)
		self.assertEqual(resp.json["data"]["private_notes"], notes)
		self.assertNotCopied(notes)

	# F. Goal update rows of check-ins

	def goal_update_rows(self, user):
		return self.call(
			user,
			"frappe.client.get_list",
			doctype="Mentoring Check-in Goal Update",
			parent=CHECKIN,
			fields=["name", "note", "parent"],
			filters={"parent": self.with_rows},
		)

	def test_f_goal_update_rows_hidden_from_outsiders(self):
		for label in ("manager_a", "mentee_b", "stranger"):
			with self.subTest(user=label):
				resp = self.goal_update_rows(self.outsiders[label])
				self.assertHidden(self.row_secret, resp)
				if resp.status_code != 403:
					self.assertStatus(resp, 200)
					self.assertEqual(resp.json["message"], [])

	def test_f_goal_update_row_by_name_hidden_from_outsiders(self):
		row = frappe.db.get_value("Mentoring Check-in Goal Update", {"parent": self.with_rows})
		for label in ("manager_a", "mentee_b", "stranger"):
			with self.subTest(user=label):
				resp = self.call(
					self.outsiders[label],
					"frappe.client.get",
					doctype="Mentoring Check-in Goal Update",
					name=row,
					parent=CHECKIN,
				)
				self.assertRefused(resp)
				self.assertHidden(self.row_secret, resp)

	def test_f_mentee_reads_goal_update_rows(self):
		resp = self.goal_update_rows(self.mentee_a_user)
		self.assertStatus(resp, 200)
		self.assertEqual([row["note"] for row in resp.json["message"]], [self.row_secret])

	# G. Managers and users are read live from the Employee records

	def test_g_new_manager_replaces_old(self):
		frappe.db.set_value("Employee", self.mentee_a, "reports_to", self.new_manager)
		frappe.db.commit()
		try:
			self.assertForbidden(self.get(self.manager_a_user, PAIRING, self.pairing_a))
			self.assertStatus(self.get(self.new_manager_user, PAIRING, self.pairing_a), 200)
		finally:
			frappe.db.set_value("Employee", self.mentee_a, "reports_to", self.manager_a)
			frappe.db.commit()

	def test_g_new_user_replaces_old(self):
		frappe.db.set_value("Employee", self.mentor_a, "user_id", self.new_mentor_user)
		frappe.get_doc("User", self.new_mentor_user).add_roles("Employee")  # as linking the Employee does
		self.give_api_key(self.new_mentor_user)  # saving the User dropped its secret
		frappe.db.commit()
		try:
			self.assertForbidden(self.get(self.mentor_a_user, PAIRING, self.pairing_a))
			self.assertStatus(self.get(self.new_mentor_user, PAIRING, self.pairing_a), 200)
		finally:
			frappe.db.set_value("Employee", self.mentor_a, "user_id", self.mentor_a_user)
			frappe.db.commit()

	# H. The Appraisal form's mentoring section

	def test_h_appraisal_mentoring(self):
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		cycle = builders.appraisal_cycle([self.mentee_a], template).name
		appraisal = builders.appraisal_of(self.mentee_a, cycle).name
		self.extra_docs.extend([("Appraisal Template", template), ("Appraisal Cycle", cycle)])
		self.extra_docs.append(("Appraisal", appraisal))
		frappe.db.commit()

		method = "mentorship_hr.kpi.appraisal_tools.get_appraisal_mentoring"
		resp = self.call(self.stranger_user, method, appraisal=appraisal)
		self.assertForbidden(resp)
		resp = self.call(self.mentee_a_user, method, appraisal=appraisal)
		self.assertStatus(resp, 200)
		self.assertHidden(self.secret, resp)

	# Actions

	def test_i_program_actions_refused_to_stranger(self):
		for method, args in (
			("run_matching", {}),
			("sync_scores", {}),
			("publish_matches", {}),
			("invite_participants", {"role": "Mentee"}),
		):
			with self.subTest(method=method):
				before = self.snapshot("Mentoring Program", self.program, "modified", "status")
				pairings = frappe.db.count(PAIRING, {"program": self.program})
				participants = frappe.db.count(PARTICIPANT, {"program": self.program})
				resp = self.run_doc_method(
					self.stranger_user, "Mentoring Program", self.program, method, args
				)
				self.assertForbidden(resp)
				self.assertUnchanged("Mentoring Program", self.program, before)
				self.assertEqual(frappe.db.count(PAIRING, {"program": self.program}), pairings)
				self.assertEqual(frappe.db.count(PARTICIPANT, {"program": self.program}), participants)
				self.assertFalse(frappe.db.exists("Mentoring Score", {"program": self.program}))

	def test_i_mentee_cannot_review_own_application(self):
		before = self.snapshot(PARTICIPANT, self.application, *PARTICIPANT_STATE)
		resp = self.run_doc_method(
			self.mentee_a_user, PARTICIPANT, self.application, "review_application", {"approve": 1}
		)
		self.assertForbidden(resp)
		self.assertUnchanged(PARTICIPANT, self.application, before)

	def test_i_outsiders_cannot_answer_for_the_pair(self):
		before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
		resp = self.run_doc_method(
			self.stranger_user, PAIRING, self.pairing_a, "respond_to_request", {"accept": 1}
		)
		self.assertForbidden(resp)
		self.assertUnchanged(PAIRING, self.pairing_a, before)

		before = self.snapshot(PARTICIPANT, self.application, *PARTICIPANT_STATE)
		resp = self.run_doc_method(
			self.mentee_b_user, PARTICIPANT, self.application, "respond_to_invitation", {"accept": 1}
		)
		self.assertForbidden(resp)
		self.assertUnchanged(PARTICIPANT, self.application, before)

	# J. Status actions and the form rules each role is sent

	def test_j_the_pair_cannot_pause_or_end_their_pairing(self):
		for user in (self.mentor_a_user, self.mentee_a_user, self.manager_a_user):
			with self.subTest(user=user):
				before = self.snapshot(PAIRING, self.pairing_a, *PAIRING_STATE)
				resp = self.run_doc_method(
					user, PAIRING, self.pairing_a, "set_status", {"status": "Ended Early", "reason": "x"}
				)
				self.assertRefused(resp)
				self.assertUnchanged(PAIRING, self.pairing_a, before)

	def test_j_employees_cannot_move_a_program(self):
		before = self.snapshot("Mentoring Program", self.program, "modified", "status")
		resp = self.run_doc_method(
			self.mentee_a_user, "Mentoring Program", self.program, "set_status", {"status": "Completed"}
		)
		self.assertRefused(resp)
		self.assertUnchanged("Mentoring Program", self.program, before)

	def test_j_employees_cannot_bulk_approve(self):
		before = self.snapshot(PARTICIPANT, self.application, *PARTICIPANT_STATE)
		resp = self.call(
			self.mentee_a_user,
			"mentorship_hr.matching.enrollment.approve_applications",
			names=[self.application],
		)
		self.assertForbidden(resp)
		self.assertUnchanged(PARTICIPANT, self.application, before)

	def test_j_nobody_withdraws_someone_elses_enrollment(self):
		before = self.snapshot(PARTICIPANT, self.participant, *PARTICIPANT_STATE)
		resp = self.run_doc_method(self.mentee_b_user, PARTICIPANT, self.participant, "withdraw")
		self.assertRefused(resp)
		self.assertUnchanged(PARTICIPANT, self.participant, before)

	def form_onload(self, user, doctype, name) -> dict:
		resp = self.client(user).get(
			"/api/method/frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}
		)
		self.assertStatus(resp, 200)
		return resp.json["docs"][0]["__onload"]

	def test_j_each_role_is_sent_only_the_fields_the_server_accepts(self):
		pairing = {
			u: self.form_onload(u, PAIRING, self.pairing_a)
			for u in (self.mentor_a_user, self.manager_a_user, self.program_manager)
		}
		self.assertEqual(pairing[self.mentor_a_user]["editable"], ["agreement"])
		self.assertEqual(pairing[self.mentor_a_user]["status_moves"], [])
		self.assertEqual(pairing[self.manager_a_user]["editable"], [])
		self.assertIsNone(pairing[self.program_manager]["editable"])
		self.assertEqual(
			pairing[self.program_manager]["status_moves"], ["Completed", "Ended Early", "Paused"]
		)

		mentor_goal = self.form_onload(self.mentor_a_user, GOAL, self.goal_a)["editable"]
		mentee_goal = self.form_onload(self.mentee_a_user, GOAL, self.goal_a)["editable"]
		self.assertEqual(mentor_goal, ["mentor_rating", "mentor_comment"])
		self.assertIn("title", mentee_goal)
		self.assertFalse({"mentor_rating", "mentor_comment", "pairing"} & set(mentee_goal))

		mentor_checkin = self.form_onload(self.mentor_a_user, CHECKIN, self.draft_a)["editable"]
		mentee_checkin = self.form_onload(self.mentee_a_user, CHECKIN, self.draft_a)["editable"]
		self.assertIn("mentor_rating", mentor_checkin)
		self.assertNotIn("mentee_rating", mentor_checkin)
		self.assertIn("mentee_rating", mentee_checkin)
		self.assertNotIn("mentor_rating", mentee_checkin)
		self.assertFalse({"pairing", "confirmation_status", "logged_by"} & set(mentee_checkin))

		enrollment = self.form_onload(self.mentee_a_user, PARTICIPANT, self.participant)
		self.assertIn("bio", enrollment["editable"])
		self.assertFalse({"status", "role", "program", "employee"} & set(enrollment["editable"]))
		self.assertTrue(enrollment["can_withdraw"])

	def test_j_a_new_check_in_offers_only_your_own_rating(self):
		resp = self.call(
			self.mentor_a_user,
			"mentorship_hr.form_rules.editable_fields",
			doctype=CHECKIN,
			pairing=self.pairing_a,
		)
		self.assertStatus(resp, 200)
		self.assertIn("mentor_rating", resp.json["message"])
		self.assertNotIn("mentee_rating", resp.json["message"])
		resp = self.call(
			self.stranger_user,
			"mentorship_hr.form_rules.editable_fields",
			doctype=CHECKIN,
			pairing=self.pairing_a,
		)
		self.assertEqual(resp.json["message"], [])

	def test_j_program_managers_who_are_employees_see_every_enrollment(self):
		# ERPNext limits an employee-user to their own Employee; our rules decide instead
		resp = self.get(
			self.program_manager, PARTICIPANT, filters=frappe.as_json({"employee": self.mentee_a})
		)
		self.assertEqual(
			sorted(self.listed(resp)), sorted([self.participant, self.application, self.leaving])
		)

	def test_j_outsiders_cannot_schedule_the_pairs_check_ins(self):
		for user in (self.stranger_user, self.manager_a_user):
			with self.subTest(user=user):
				resp = self.run_doc_method(
					user,
					PAIRING,
					self.pairing_a,
					"schedule_checkin",
					{"starts_on": add_days(today(), 2) + " 10:00:00"},
				)
				self.assertRefused(resp)
				frappe.db.rollback()
				self.assertFalse(
					frappe.db.exists("Event Participants", {"reference_docname": self.pairing_a})
				)

	def test_j_surveys_are_the_respondents_own(self):
		FEEDBACK = "Mentoring Feedback"
		answer = {"pairing": self.pairing_a, "survey_type": "Mid-point", "overall_rating": 0.6}
		resp = self.client(self.stranger_user).post(resource(FEEDBACK), answer)
		self.assertRefused(resp)
		resp = self.client(self.mentee_a_user).post(
			resource(FEEDBACK), {**answer, "respondent": self.mentor_a_user, "respondent_role": "Mentor"}
		)
		self.assertStatus(resp, 200)
		name = resp.json["data"]["name"]
		self.assertEqual(
			self.snapshot(FEEDBACK, name, "respondent", "respondent_role"),
			{"respondent": self.mentee_a_user, "respondent_role": "Mentee"},
		)
		for user in (self.mentor_a_user, self.manager_a_user):
			with self.subTest(user=user):
				self.assertRefused(self.get(user, FEEDBACK, name))
		self.assertEqual(
			frappe.db.count(FEEDBACK, {"pairing": self.pairing_a, "survey_type": "Mid-point"}), 1
		)

	def test_j_only_the_pairs_managers_acknowledge(self):
		for user in (self.stranger_user, self.mentee_a_user, self.hr_user):
			with self.subTest(user=user):
				resp = self.run_doc_method(user, PAIRING, self.pairing_a, "acknowledge")
				self.assertRefused(resp)
				self.assertEqual(
					self.snapshot(PAIRING, self.pairing_a, "mentor_manager_ack_by", "mentee_manager_ack_by"),
					{"mentor_manager_ack_by": None, "mentee_manager_ack_by": None},
				)

	def test_j_managers_and_strangers_never_see_survey_ratings(self):
		for user in (self.manager_a_user, self.stranger_user):
			with self.subTest(user=user):
				resp = self.run_doc_method(user, PAIRING, self.pairing_a, "feedback_ratings")
				self.assertRefused(resp)
				self.assertNotIn("overall_rating", resp.get_data(as_text=True))
