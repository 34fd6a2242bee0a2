"""Mentoring on Frappe HR's Skill list: the seeded skills, who may read and keep them, the move of
the old Mentoring Skills, and the skills suggested from an applicant's Skill Map."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from mentorship_hr.cleanup import delete_mentoring_records
from mentorship_hr.install import SEED_SKILLS
from mentorship_hr.patches import move_to_hrms_skills
from mentorship_hr.skills import growth
from mentorship_hr.skills.skill_map import suggested_skills
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringAPITestCase, as_user, skill_map


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

	def test_the_pair_cannot_write_the_before_or_the_after_over_http(self):
		"""As the desk saves: the whole pairing, its skill rows replaced by the client's."""
		program = builders.program().name
		self.programs.append(program)
		mentor, mentee = builders.employee("growth-mentor"), builders.employee("growth-mentee")
		pairing = builders.pairing(program, mentor, mentee)
		growth.record_baselines(pairing, ("Negotiation",))
		mentee_user = self.give_api_key(builders.user_of(mentee))
		frappe.db.commit()
		before = frappe.get_all(
			"Mentoring Skill Growth", {"parent": pairing.name}, ["name", "baseline", "agreed"]
		)
		doc = self.stored_doc("Mentoring Pairing", pairing.name)
		doc["skill_growth"] = [
			{"skill": "Negotiation", "baseline": 1, "agreed": 1, "written_on": "2026-01-01"}
		]
		saved = self.client(mentee_user).post(
			"/api/method/frappe.desk.form.save.savedocs", {"doc": doc, "action": "Save"}, form=True
		)
		frappe.db.rollback()
		after = frappe.get_all(
			"Mentoring Skill Growth", {"parent": pairing.name}, ["name", "baseline", "agreed"]
		)
		self.assertEqual((saved.status_code, after), (200, before))

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


class TestSkillGrowth(builders.MentoringTestCase):
	"""Before: the mentee's Skill Map when the pairing goes live. After: the mentor's final rating
	(or a program manager's), added to the mentee's Skill Map on completion."""

	def setUp(self):
		super().setUp()
		self.program = builders.program()
		builders.participant(
			self.program.name, self.mentee, "Mentee", "Approved", skills_sought=[{"skill": "Negotiation"}]
		)
		skill_map(self.mentee, {"Negotiation": 2, "Empathy": 4}, on=add_days(today(), -30))
		self.pairing = builders.pairing(self.program.name, self.mentor, self.mentee, status="Proposed")
		self.pairing.status = "Active"
		self.pairing.save()

	def growth(self):
		return {
			r.skill: (r.baseline, r.agreed or 0, r.needs_review, r.written_on)  # 0 stars: not agreed
			for r in frappe.get_all("Mentoring Skill Growth", {"parent": self.pairing.name}, ["*"])
		}

	def rate(self, user, survey_type, ratings: dict[str, int] | list[tuple[str, int]], **answers):
		"""A survey answer with skill ratings in stars (a list of pairs may rate a skill twice)."""
		rows = ratings.items() if isinstance(ratings, dict) else ratings
		with as_user(user):
			return frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": survey_type,
					"overall_rating": 0.8,
					"skill_ratings": [{"skill": s, "proficiency": n / 5} for s, n in rows],
					**answers,
				}
			).insert()

	def complete(self):
		self.pairing.reload()
		self.pairing.set_status("Completed")
		self.pairing.reload()

	def skill_map_rows(self):
		return frappe.get_all(
			"Employee Skill",
			{"parent": self.mentee, "skill": ("in", ["Negotiation", "Delegation"])},
			["skill", "proficiency", "evaluation_date"],
			order_by="evaluation_date, skill",
		)

	def test_going_live_and_a_goals_skill_record_the_before_from_the_skill_map(self):
		self.assertEqual(self.growth(), {"Negotiation": (0.4, 0, 0, None)})
		with as_user(self.mentee_user):
			builders.goal(self.pairing.name, skill="Delegation")  # not in the Skill Map: none yet
		self.assertEqual(set(self.growth()), {"Negotiation", "Delegation"})
		self.assertEqual(self.growth()["Delegation"][0], 0)

	def test_on_completion_the_mentors_final_rating_goes_into_the_skill_map(self):
		self.rate(self.mentor_user, "Mid-point", {"Negotiation": 3})
		self.rate(self.mentee_user, "Final", {"Negotiation": 3})
		self.rate(self.mentor_user, "Final", {"Negotiation": 4})  # the last word is the final one
		self.assertEqual(len(self.skill_map_rows()), 1)  # nothing written before the end
		self.complete()
		self.assertEqual(self.growth()["Negotiation"][:3], (0.4, 0.8, 0))
		self.assertEqual(str(self.growth()["Negotiation"][3]), today())
		rows = self.skill_map_rows()
		self.assertEqual(
			[(r.skill, r.proficiency, str(r.evaluation_date)) for r in rows][-1],
			("Negotiation", 0.8, today()),
		)
		# the certificate names the skill grown, before and after
		self.assertEqual(
			frappe.get_doc("Mentoring Pairing", self.pairing.name).certificate_facts()["skills"],
			[{"skill": "Negotiation", "before": 2, "after": 4}],
		)
		printed = frappe.get_print(
			"Mentoring Pairing", self.pairing.name, "Mentoring Completion Certificate", as_pdf=False
		)
		self.assertIn("Negotiation: 2 → 4 stars", printed)
		# completing again or more surveys write nothing twice
		self.rate(self.mentee_user, "Mid-point", {"Negotiation": 5})
		self.assertEqual(len(self.skill_map_rows()), 2)

	def test_a_final_rating_that_arrives_after_completion_is_written_then(self):
		self.complete()
		self.assertEqual(self.growth()["Negotiation"][1:], (0, 0, None))
		self.rate(self.mentor_user, "Final", {"Negotiation": 5})
		self.assertEqual(self.growth()["Negotiation"][1], 1)

	def test_far_apart_ratings_wait_for_a_program_manager_when_the_program_asks(self):
		self.program.db_set("review_skill_disagreements", 1)
		self.rate(self.mentee_user, "Final", {"Negotiation": 1})
		self.rate(self.mentor_user, "Final", {"Negotiation": 4})
		self.complete()
		self.assertEqual(self.growth()["Negotiation"][1:], (0, 1, None))
		self.assertEqual(len(self.skill_map_rows()), 1)
		with as_user(self.mentor_user), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Pairing", self.pairing.name).settle_skill_rating("Negotiation", 3)
		frappe.get_doc("Mentoring Pairing", self.pairing.name).settle_skill_rating("Negotiation", 3)
		self.assertEqual(self.growth()["Negotiation"][1:3], (0.6, 0))
		with self.assertRaises(frappe.ValidationError) as again:
			frappe.get_doc("Mentoring Pairing", self.pairing.name).settle_skill_rating("Negotiation", 4)
		self.assertIn("already in the mentee's Skill Map", str(again.exception))

	def test_skill_ratings_belong_to_the_mid_point_and_final_surveys_each_skill_once(self):
		with self.assertRaises(frappe.ValidationError) as fit:
			self.rate(self.mentee_user, "Fit Check", {"Negotiation": 3}, good_fit="Yes")
		self.assertIn("mid-point and final surveys only", str(fit.exception))
		with self.assertRaises(frappe.ValidationError) as twice:
			self.rate(self.mentee_user, "Final", [("Negotiation", 3), ("Negotiation", 2)])
		self.assertIn("rated twice", str(twice.exception))

	def test_the_pair_cannot_write_the_before_or_the_after(self):
		with as_user(self.mentee_user):
			doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
			doc.skill_growth[0].baseline = 1
			doc.skill_growth[0].agreed = 1
			doc.agreement = "Weekly."
			doc.save()
		self.assertEqual(self.growth()["Negotiation"][:2], (0.4, 0))
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "agreement"), "Weekly.")
		# rows of their own in place of the stored ones, as a client can send them
		forged = [{"skill": "Empathy", "baseline": 1, "agreed": 1, "written_on": today()}]
		with as_user(self.mentee_user):
			frappe.client.set_value("Mentoring Pairing", self.pairing.name, "skill_growth", forged)
		self.assertEqual(set(self.growth()), {"Negotiation"})


class TestMatchingByProficiency(builders.MentoringTestCase):
	def test_the_mentor_rated_higher_in_the_sought_skill_is_proposed_with_the_reason(self):
		program = builders.program(status="Enrolling")
		mentee = builders.employee("seeker")
		builders.participant(
			program.name, mentee, "Mentee", "Approved", skills_sought=[{"skill": "Negotiation"}]
		)
		five, four = builders.employee("five-star"), builders.employee("four-star")
		for mentor, stars in ((five, 5), (four, 4)):
			builders.participant(
				program.name,
				mentor,
				"Mentor",
				"Approved",
				capacity=1,
				skills_offered=[{"skill": "Negotiation"}],
			)
			skill_map(mentor, {"Negotiation": stars})
		program.run_matching()
		(proposal,) = frappe.get_all(
			"Mentoring Pairing", {"program": program.name}, ["mentor", "mentee", "match_reasons"]
		)
		self.assertEqual((proposal.mentor, proposal.mentee), (five, mentee))
		self.assertIn("rated 5/5 in negotiation", proposal.match_reasons)
