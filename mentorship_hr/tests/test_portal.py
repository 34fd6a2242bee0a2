"""My Mentoring's reads (mentorship_hr/portal/api.py), as each person would get them: one's own
mentoring only, the private notes for the pair only, never a check-in for a manager."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.engagement import jobs
from mentorship_hr.mentorship_hr.doctype.mentoring_circle.test_mentoring_circle import (
	CircleOfThree,
	circle_goal,
)
from mentorship_hr.participant_links import links_for, to_portal
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
		self.assertEqual(page["today"], today())  # the form dates a check-in by the site's calendar
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

	def test_each_side_is_offered_the_edits_the_desk_allows_and_they_hold(self):
		"""The mentee edits the agreement, the goals and the notes; the mentor the agreement and the
		notes; a manager nothing. What is offered works as the portal sends it, after submit too."""
		offered = {}
		for who, user in (
			("mentee", self.mentee_user),
			("mentor", self.mentor_user),
			("manager", builders.user_of(self.mentee_manager)),
		):
			with as_user(user):
				may = api.pairing(self.pairing.name)["may"]
			offered[who] = (may["edit_agreement"], may["edit_goals"], may["edit_notes"])
		self.assertEqual(
			offered,
			{"mentee": (True, True, True), "mentor": (True, False, True), "manager": (False, False, False)},
		)
		with as_user(self.mentor_user):
			frappe.client.set_value("Mentoring Check-in", self.checkin.name, "private_notes", "Edited later.")
			frappe.client.set_value(
				"Mentoring Pairing", self.pairing.name, "agreement", "Fortnightly, 45 min."
			)
		with as_user(self.mentee_user):
			frappe.client.set_value("Mentoring Goal", self.goal.name, {"title": "Lead the Q3 review"})
			page = api.pairing(self.pairing.name)
		self.assertEqual(page["checkins"][0].private_notes, "Edited later.")
		self.assertEqual(page["pairing"]["agreement"], "Fortnightly, 45 min.")
		self.assertEqual(page["goals"][0].title, "Lead the Q3 review")
		with as_user(self.mentor_user), self.assertRaises(frappe.PermissionError):
			frappe.client.set_value("Mentoring Goal", self.goal.name, {"title": "Mine now"})

	def test_an_application_may_be_withdrawn_until_it_is_over(self):
		open_program = builders.program(status="Enrolling")
		applied = builders.participant(open_program.name, self.mentee, "Mentee", "Applied")

		def mine():
			with as_user(self.mentee_user):
				return {m.name: m.may_withdraw for m in api.programs()["mine"]}

		self.assertTrue(mine()[applied.name])
		with as_user(self.mentee_user):
			frappe.get_doc("Mentoring Participant", applied.name).withdraw()
		self.assertFalse(mine()[applied.name])


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


class TestFindAMentor(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.open_program = builders.program(status="Enrolling", require_skill_overlap=0).name
		self.coach = builders.employee("coach", department=builders.department("Sales"))
		builders.participant(
			self.open_program,
			self.coach,
			"Mentor",
			"Approved",
			bio="Twenty years in sales.",
			interests="sailing",
			skills_offered=[{"skill": "Negotiation"}],
		)
		builders.participant(self.open_program, self.stranger, "Mentee", "Approved")
		self.stranger_user = builders.user_of(self.stranger)

	def test_an_approved_mentee_sees_the_mentors_and_asks_one(self):
		with as_user(self.stranger_user):
			directory = api.find_a_mentor(self.open_program)
		self.assertTrue(directory["can_request"])
		(coach,) = [m for m in directory["mentors"] if m["mentor"] == self.coach]
		self.assertEqual(
			(coach["bio"], coach["interests"], coach["skills"], coach["free_places"] > 0),
			("Twenty years in sales.", "sailing", ["Negotiation"], True),
		)
		self.assertEqual(coach["profile"].name, self.coach)
		with as_user(self.stranger_user):
			frappe.get_doc("Mentoring Program", self.open_program).request_mentor(self.coach)
			directory = api.find_a_mentor(self.open_program)
		# one request at a time: no more mentors offered, the request shown
		self.assertEqual((directory["can_request"], directory["mentors"]), (False, []))
		self.assertEqual([r.status for r in directory["requests"]], ["Requested"])
		with as_user(builders.user_of(self.coach)):
			page = api.pairing(directory["requests"][0].name)
		self.assertTrue(page["may"]["respond"])

	def test_someone_not_enrolled_as_a_mentee_is_offered_no_mentor(self):
		with as_user(self.mentee_user):
			directory = api.find_a_mentor(self.open_program)
			programs = api.programs()
		self.assertEqual((directory["can_request"], directory["mentors"]), (False, []))
		self.assertFalse(any(m.can_find_mentor for m in programs["mine"]))
		with as_user(self.stranger_user):
			(enrollment,) = [m for m in api.programs()["mine"] if m.program == self.open_program]
		self.assertTrue(enrollment.can_find_mentor)


class TestParticipantLinks(MentoringTestCase):
	"""The pair's bells and emails open My Mentoring (Mentoring Settings); everyone else's the desk."""

	def setUp(self):
		super().setUp()
		builders.outgoing_email_account()
		self.manager_user = builders.user_of(self.mentee_manager)
		self.pairing.db_set("start_date", add_days(today(), -20))

	def bell_links(self, user, doctype):
		return frappe.get_all(
			"Notification Log",
			{"for_user": user, "document_type": doctype},
			pluck="link",
			order_by="creation",
		)

	def log_checkin(self):
		"""Logged by the mentee 3 days ago: the mentor is reminded to confirm it today."""
		with self.freeze_time(add_days(today(), -3), tick=True), as_user(self.mentee_user):
			return builders.checkin(self.pairing.name, add_days(today(), -4))

	def test_the_pair_is_sent_to_my_mentoring_the_managers_to_the_desk(self):
		checkin = self.log_checkin()
		page = frappe.utils.get_url(f"/mentoring/pairing/{self.pairing.name}")
		# the mentor is asked to confirm the check-in: the bell and the email open the pairing's page
		self.assertEqual(self.bell_links(self.mentor_user, "Mentoring Check-in"), [page])
		(email,) = [e for e in builders.queued_emails(self.mentor_user) if "confirm" in e.subject.lower()]
		self.assertIn(page, email.body)
		# the first check-in asks both for the fit check: the email leads to its form in My Mentoring
		(invitation,) = [e for e in builders.queued_emails(self.mentee_user) if "fit" in e.subject.lower()]
		self.assertIn(f"/mentoring/survey/{self.pairing.name}/Fit%20Check", invitation.body)
		# the managers are asked to acknowledge the pairing in the desk, by the daily reminder
		self.pairing.db_set("start_date", add_days(today(), -8))
		jobs.run(jobs.DAILY, today=today())
		self.assertTrue(self.bell_links(self.manager_user, "Mentoring Pairing"))
		self.assertFalse(any(self.bell_links(self.manager_user, "Mentoring Pairing")))
		# the mentor's daily reminder to confirm opens the pairing's page too
		reminders = frappe.get_all(
			"Notification Log",
			{"for_user": self.mentor_user, "document_name": checkin.name, "subject": ("like", "Confirm%")},
			pluck="link",
		)
		self.assertEqual(reminders, [page])

	def test_the_settings_can_keep_everyone_in_the_desk(self):
		frappe.db.set_single_value("Mentoring Settings", "participant_links", "Desk")
		self.log_checkin()
		self.assertEqual(self.bell_links(self.mentor_user, "Mentoring Check-in"), [None])

	def test_notices_on_a_pairing_or_check_in_find_their_link_without_a_query(self):
		"""Publishing a match notifies every pair at once: each link costs no query."""
		checkin = self.log_checkin()
		goal = builders.goal(self.pairing.name)
		page = frappe.utils.get_url(f"/mentoring/pairing/{self.pairing.name}")
		everyone = [self.mentor_user, self.mentee_user, self.manager_user]
		to_portal()  # the setting is read once a request
		for doc in (self.pairing, checkin):
			with self.assertQueryCount(0):
				links = links_for(everyone, doc)
			self.assertEqual(links, {self.mentor_user: page, self.mentee_user: page})
		self.assertEqual(links_for(everyone, goal), {self.mentor_user: page, self.mentee_user: page})


CIRCLE_NOTE = "Private: the circle's own words."


class TestCircleInThePortal(CircleOfThree):
	"""A circle in My Mentoring: its people read it, its notes and what they owe there; a member's
	manager the circle and that member's goals, never a check-in; a stranger nothing."""

	def test_a_member_sees_the_circle_and_confirms_what_she_attended(self):
		m = self.members
		checkin = self.log(m[0], [self.lead, m[1]], private_notes=CIRCLE_NOTE)
		with as_user(builders.user_of(m[1])):
			home = api.home()
			page = api.circle(self.circle)
		(mine,) = home["circles"]
		self.assertEqual((mine.name, mine.my_role), (self.circle, "Mentee"))
		confirm = [i for i in home["todo"] if i.kind == "confirm"]
		self.assertEqual([(i.name, i.circle) for i in confirm], [(checkin.name, self.circle)])
		(row,) = page["checkins"]
		self.assertEqual((row.private_notes, row.may_confirm), (CIRCLE_NOTE, True))
		self.assertEqual(
			{a.employee: a.present for a in row.attendance}, {self.lead: 1, m[0]: 1, m[1]: 1, m[2]: 0}
		)
		self.assertEqual(
			([p.name for p in page["mentors"]], [p.name for p in page["members"]]), ([self.lead], m)
		)
		self.assertEqual(
			{k: page["may"][k] for k in ("log_checkin", "add_goal", "schedule", "edit_notes")},
			{"log_checkin": True, "add_goal": True, "schedule": True, "edit_notes": True},
		)
		# the bell asking her to confirm opens the circle's page in My Mentoring
		self.assertEqual(
			frappe.get_all(
				"Notification Log",
				{"for_user": builders.user_of(m[1]), "document_name": checkin.name},
				pluck="link",
			),
			[frappe.utils.get_url(f"/mentoring/circle/{self.circle}")],
		)
		# the absent member reads the note and may change it, but owes no confirmation
		with as_user(builders.user_of(m[2])):
			frappe.client.set_value("Mentoring Check-in", checkin.name, "private_notes", "Edited later.")
			page, home = api.circle(self.circle), api.home()
		self.assertEqual(
			(page["checkins"][0].private_notes, page["checkins"][0].may_confirm), ("Edited later.", False)
		)
		self.assertEqual([i for i in home["todo"] if i.kind == "confirm"], [])

	def test_a_members_manager_sees_her_goal_never_a_check_in_and_a_stranger_nothing(self):
		with as_user(builders.user_of(self.members[0])):
			goal = circle_goal(self.circle)
		self.log(self.members[0], [self.lead], private_notes=CIRCLE_NOTE)
		with as_user(builders.user_of(self.boss)):
			page, home = api.circle(self.circle), api.home()
		self.assertEqual([g.name for g in page["goals"]], [goal.name])
		self.assertEqual((page["checkins"], page["next_event"], home["circles"]), ([], None, []))
		self.assertFalse(any(page["may"].values()))
		self.assertNotIn(CIRCLE_NOTE, frappe.as_json(page))
		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			api.circle(self.circle)
