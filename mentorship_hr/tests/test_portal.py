"""My Mentoring's reads (mentorship_hr/portal/api.py), as each person would get them: one's own
mentoring only, the private notes for the pair only, never a check-in for a manager."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.portal import api
from mentorship_hr.portal.apps_screen import land_participant, show_in_apps
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

NOTE = "Private: thinking of changing teams."


class TestPortal(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -20))
		self.goal = builders.goal(self.pairing.name, target_date=add_days(today(), 3))
		with as_user(self.mentee_user):
			self.checkin = builders.checkin(
				self.pairing.name, add_days(today(), -1), summary="Shared summary", private_notes=NOTE
			)

	def test_home_shows_my_pairing_with_the_other_person_and_what_i_owe(self):
		with as_user(self.mentor_user):
			home = api.home()
		(pairing,) = home["pairings"]
		self.assertEqual((pairing.name, pairing.my_role), (self.pairing.name, "Mentor"))
		self.assertEqual(
			pairing.other.employee_name, frappe.db.get_value("Employee", self.mentee, "employee_name")
		)
		# the mentee logged a check-in: the mentor owes its confirmation, on this pairing
		confirm = [i for i in home["todo"] if i.kind == "confirm"]
		self.assertEqual([(i.name, i.pairing) for i in confirm], [(self.checkin.name, self.pairing.name)])
		self.assertIn("Confirm or dispute", confirm[0].text)

	def test_an_answered_survey_leaves_the_to_do_list_at_once(self):
		"""The mid-point survey is asked for once the program is halfway, until the daily job marks
		the invitation sent; whoever has answered it owes nothing more."""
		self.program.db_set({"start_date": add_days(today(), -100), "end_date": add_days(today(), 50)})

		def surveys():
			with as_user(self.mentee_user):
				return [(i.kind, i.detail) for i in api.home()["todo"] if "survey" in i.kind]

		self.assertIn(("midpoint_survey", "Mid-point"), surveys())
		with as_user(self.mentee_user):
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Mid-point",
					"overall_rating": 0.8,
				}
			).insert()
		self.assertNotIn(("midpoint_survey", "Mid-point"), surveys())

	def test_a_managers_home_has_only_their_own_participations(self):
		with as_user(builders.user_of(self.mentee_manager)):
			home = api.home()
		self.assertEqual((home["pairings"], home["todo"]), ([], []))

	def test_the_pair_reads_the_private_note_and_nobody_else(self):
		for user in (self.mentor_user, self.mentee_user):
			with as_user(user):
				(checkin,) = api.pairing(self.pairing.name)["checkins"]
			self.assertEqual(checkin.private_notes, NOTE)
		with as_user(self.mentor_user):
			page = api.pairing(self.pairing.name)
		self.assertTrue(page["checkins"][0].may_confirm)
		self.assertTrue(page["may"]["log_checkin"])

	def test_a_manager_sees_the_pairing_and_goals_never_a_check_in(self):
		with as_user(builders.user_of(self.mentee_manager)):
			page = api.pairing(self.pairing.name)
		self.assertEqual([g.name for g in page["goals"]], [self.goal.name])
		self.assertEqual(page["checkins"], [])
		self.assertFalse(page["may"]["log_checkin"])
		self.assertNotIn(NOTE, frappe.as_json(page))

	def test_a_stranger_is_refused_the_pairing(self):
		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			api.pairing(self.pairing.name)

	def test_programs_lists_the_open_ones_and_mine(self):
		open_program = builders.program(status="Enrolling")
		with as_user(self.mentee_user):
			programs = api.programs()
		self.assertIn(open_program.name, [p.name for p in programs["open"]])
		self.assertEqual(programs["employee"], self.mentee)


class TestAppsScreen(MentoringTestCase):
	def test_employees_and_program_managers_see_the_app(self):
		with as_user(self.mentee_user):
			self.assertTrue(show_in_apps())
		with as_user(builders.user_with_roles("Mentoring Program Manager")):
			self.assertTrue(show_in_apps())
		with as_user(builders.new_user(f"nobody-{frappe.generate_hash(length=8)}@example.com")):
			self.assertFalse(show_in_apps())

	def test_enrolling_makes_my_mentoring_the_landing_app_unless_one_was_chosen(self):
		employee = builders.employee("applicant")
		user = builders.user_of(employee)
		builders.participant(builders.program(status="Enrolling").name, employee, "Mentee", "Applied")
		self.assertEqual(frappe.db.get_value("User", user, "default_app"), "mentorship_hr")
		frappe.db.set_value("User", user, "default_app", "hrms")
		land_participant(user)
		self.assertEqual(frappe.db.get_value("User", user, "default_app"), "hrms")
