"""Mentoring on Frappe HR's Skill list: the seeded skills, who may read and keep them, the move of
the old Mentoring Skills, and the skills suggested from an applicant's Skill Map."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mentorship_hr.cleanup import delete_mentoring_records
from mentorship_hr.install import SEED_SKILLS
from mentorship_hr.skills.skill_map import suggested_skills
from mentorship_hr.patches import move_to_hrms_skills
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringAPITestCase, as_user


def skill_map(employee: str, ratings: dict[str, float], on=None):
	"""An Employee Skill Map as HR keeps it: one evaluation per skill (stars as Frappe HR's fraction)."""
	rows = [
		{"skill": skill, "proficiency": stars / 5, "evaluation_date": on or today()}
		for skill, stars in ratings.items()
	]
	if frappe.db.exists("Employee Skill Map", employee):
		doc = frappe.get_doc("Employee Skill Map", employee)
		for row in rows:
			doc.append("employee_skills", row)
		return doc.save(ignore_permissions=True)
	return frappe.get_doc(
		{"doctype": "Employee Skill Map", "employee": employee, "employee_skills": rows}
	).insert(ignore_permissions=True)


class TestSkillsOverHTTP(MentoringAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.employee = builders.employee("skills-reader")
		cls.other = builders.employee("skills-other")
		cls.user = cls.give_api_key(builders.user_of(cls.employee))
		skill_map(cls.other, {"Negotiation": 2})
		cls.extra_docs.append(("Employee Skill Map", cls.other))
		frappe.db.commit()

	def test_the_soft_skills_are_frappe_hr_skills(self):
		self.assertEqual(
			sorted(frappe.get_all("Skill", {"name": ("in", SEED_SKILLS)}, pluck="name")), sorted(SEED_SKILLS)
		)

	def test_an_employee_reads_and_picks_skills_but_only_hr_keeps_the_list(self):
		listed = self.client(self.user).get("/api/resource/Skill", {"limit_page_length": 0})
		self.assertEqual(listed.status_code, 200)
		self.assertTrue(set(SEED_SKILLS) <= {r["name"] for r in listed.json["data"]})
		found = self.call(self.user, "frappe.desk.search.search_link", doctype="Skill", txt="Negot")
		self.assertEqual(found.status_code, 200)
		self.assertIn("Negotiation", [r["value"] for r in found.json["message"]])
		made = self.client(self.user).post("/api/resource/Skill", {"skill_name": "Forged Skill"})
		self.assertEqual(made.status_code, 403)
		self.assertFalse(self.stored("Skill", "Forged Skill"))

	def test_an_employee_cannot_write_someone_elses_skill_map(self):
		before = self.snapshot("Employee Skill Map", self.other, "modified")
		doc = self.stored_doc("Employee Skill Map", self.other)
		doc["employee_skills"][0]["proficiency"] = 1
		for response in (
			self.client(self.user).put(f"/api/resource/Employee Skill Map/{self.other}", doc),
			self.call(
				self.user,
				"frappe.client.set_value",
				doctype="Employee Skill Map",
				name=self.other,
				fieldname="employee_skills",
				value=doc["employee_skills"],
			),
		):
			self.assertEqual(response.status_code, 403)
		self.assertEqual(self.snapshot("Employee Skill Map", self.other, "modified"), before)
		stored = frappe.get_all("Employee Skill", {"parent": self.other}, pluck="proficiency")
		self.assertEqual(stored, [0.4])


class TestSkillSuggestions(builders.MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.designation = builders.unique("Team Lead")
		frappe.get_doc(
			{
				"doctype": "Designation",
				"designation_name": self.designation,
				"skills": [{"skill": s} for s in ("Negotiation", "Delegation", "Empathy")],
			}
		).insert()

	def test_a_mentor_is_offered_what_their_skill_map_rates_four_stars_or_more(self):
		skill_map(self.mentor, {"Negotiation": 5, "Empathy": 4, "Delegation": 3})
		with as_user(self.mentor_user):
			found = suggested_skills("Mentor")
		self.assertEqual(found["skills"], ["Negotiation", "Empathy"])
		self.assertIn("4 stars", found["why"])

	def test_a_mentee_is_offered_the_gaps_against_their_designation_or_the_one_they_aim_for(self):
		frappe.db.set_value("Employee", self.mentee, "designation", self.designation)
		# an old low rating of Empathy was re-rated 4 stars since: no gap there any more
		skill_map(self.mentee, {"Negotiation": 2, "Empathy": 1}, on=add_days(today(), -200))
		skill_map(self.mentee, {"Empathy": 4})
		with as_user(self.mentee_user):
			self.assertEqual(suggested_skills("Mentee")["skills"], ["Negotiation", "Delegation"])
		aim = builders.unique("Head of Sales")
		frappe.get_doc(
			{"doctype": "Designation", "designation_name": aim, "skills": [{"skill": "Communication"}]}
		).insert()
		with as_user(self.mentee_user):
			found = suggested_skills("Mentee", target_designation=aim)
		self.assertEqual(found["skills"], ["Communication"])
		self.assertIn(aim, found["why"])

	def test_a_role_other_than_mentor_or_mentee_is_refused_in_words(self):
		with as_user(self.mentee_user), self.assertRaises(frappe.ValidationError) as refused:
			suggested_skills("Sponsor")
		self.assertIn("Mentor or Mentee", str(refused.exception))


class TestMoveToHRMSSkills(FrappeTestCase):
	"""A site from before the move: Mentoring Skills in a table of their own, named by the rows.
	Its DDL commits, so this test makes and removes its records itself."""

	def tearDown(self):
		frappe.db.rollback()
		frappe.db.sql_ddl("drop table if exists `tabMentoring Skill`")
		delete_mentoring_records(self.programs)
		frappe.db.delete("Skill", {"name": "Legacy Facilitation"})
		frappe.db.commit()

	def test_each_mentoring_skill_becomes_a_skill_and_the_rows_keep_their_skill(self):
		frappe.db.sql_ddl(
			"create table if not exists `tabMentoring Skill` (name varchar(140) primary key, "
			"category varchar(140), description text)"
		)
		frappe.db.sql(
			"insert into `tabMentoring Skill` values ('Legacy Facilitation', 'Leadership', 'Runs a room'),"
			" ('Negotiation', 'Soft Skill', null)"
		)
		program = builders.program(status="Enrolling").name
		self.programs = [program]
		participant = builders.participant(program, builders.employee("legacy"), "Mentee", "Applied")
		frappe.db.sql(
			"insert into `tabMentoring Skill Item` (name, parent, parenttype, parentfield, idx, skill)"
			" values (%s, %s, 'Mentoring Participant', 'skills_sought', 1, 'Legacy Facilitation')",
			(frappe.generate_hash(length=10), participant.name),
		)
		kept = frappe.db.get_value("Skill", "Negotiation", "description")
		move_to_hrms_skills.execute()
		self.assertFalse(frappe.db.table_exists("Mentoring Skill"))
		self.assertEqual(
			frappe.db.get_value("Skill", "Legacy Facilitation", "description"),
			"Runs a room\nCategory: Leadership",
		)
		# a Skill of the same name is HR's: it stays as it was
		self.assertEqual(frappe.db.get_value("Skill", "Negotiation", "description"), kept)
		doc = frappe.get_doc("Mentoring Participant", participant.name)
		self.assertEqual([r.skill for r in doc.skills_sought], ["Legacy Facilitation"])
		doc.save()  # the rows' links hold: each names a Skill
