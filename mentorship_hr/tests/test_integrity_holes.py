"""Holes found in review and by the access matrix, each tried the way it was found: a forged
Event, check-in goal updates, a hand-made Frappe HR Goal under the Mentoring KRA, HTML in a
check-in made already submitted, a rated goal taken away, counts of rows nobody may read, fields
copied from links, and a program managed by someone who does not run programs."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.engagement import health_service
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

CHECKIN, GOAL, PAIRING = "Mentoring Check-in", "Mentoring Goal", "Mentoring Pairing"


def endpoint(method: str):
	"""What a client reaches at /api/method/<method>, with the apps' overrides (hooks.py)."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method)
	return frappe.get_attr(overrides[-1] if overrides else method)


class TestIntegrityHoles(MentoringTestCase):
	def event(self, user, starts_on, **fields):
		with as_user(user):
			return frappe.get_doc(
				{
					"doctype": "Event",
					"subject": "Catch-up",
					"event_type": "Private",
					"starts_on": starts_on,
					"event_participants": [
						{"reference_doctype": PAIRING, "reference_docname": self.pairing.name}
					],
					**fields,
				}
			).insert()

	# §3.1 Events

	def test_an_event_cannot_refer_to_a_pairing_its_author_cannot_open(self):
		stranger = builders.user_of(self.stranger)
		with self.assertRaisesRegex(frappe.PermissionError, "pairings and circles you can open"):
			self.event(stranger, "2099-01-01 10:00:00")
		self.assertFalse(frappe.db.exists("Event Participants", {"reference_docname": self.pairing.name}))

	def test_only_the_pairs_and_program_managers_events_set_the_next_check_in(self):
		health_service.refresh([self.pairing.name])
		due = frappe.db.get_value(PAIRING, self.pairing.name, "next_checkin_due")
		manager = builders.user_of(self.mentee_manager)  # reads the pairing, so may refer to it
		self.event(manager, "2099-01-01 10:00:00")
		health_service.refresh([self.pairing.name])
		self.assertEqual(frappe.db.get_value(PAIRING, self.pairing.name, "next_checkin_due"), due)
		soon = add_days(today(), 3)
		self.event(self.mentee_user, f"{soon} 10:00:00")
		health_service.refresh([self.pairing.name])
		self.assertEqual(str(frappe.db.get_value(PAIRING, self.pairing.name, "next_checkin_due")), soon)

	# §3.2 goal updates in check-ins

	def goal_at(self, progress):
		with as_user(self.mentee_user):
			return builders.goal(self.pairing.name, progress=progress).name

	def logged(self, user, goal, progress, role):
		with as_user(user):
			return builders.checkin(
				self.pairing.name,
				add_days(today(), -1),
				logged_by_role=role,
				goal_updates=[{"goal": goal, "progress": progress}],
			)

	def progress(self, goal):
		return frappe.db.get_value(GOAL, goal, "progress")

	def test_the_mentors_goal_updates_wait_for_the_mentee(self):
		goal = self.goal_at(20)
		checkin = self.logged(self.mentor_user, goal, 90, "Mentor")
		self.assertEqual(self.progress(goal), 20)  # the mentor does not move the mentee's goal
		with as_user(self.mentee_user):
			frappe.get_doc(CHECKIN, checkin.name).confirm()
		self.assertEqual(self.progress(goal), 90)

	def test_a_disputed_check_in_gives_the_progress_back(self):
		goal = self.goal_at(20)
		checkin = self.logged(self.mentee_user, goal, 70, "Mentee")
		self.assertEqual(self.progress(goal), 70)  # the mentee's own hand
		with as_user(self.mentor_user):
			frappe.get_doc(CHECKIN, checkin.name).dispute("We did not meet")
		self.assertEqual(self.progress(goal), 20)

	def test_a_cancelled_check_in_gives_the_progress_back(self):
		goal = self.goal_at(20)
		checkin = self.logged(self.mentee_user, goal, 70, "Mentee")
		with as_user(self.mentee_user):
			frappe.get_doc(CHECKIN, checkin.name).cancel()
		self.assertEqual(self.progress(goal), 20)

	def test_a_later_change_by_hand_is_not_undone(self):
		goal = self.goal_at(20)
		checkin = self.logged(self.mentee_user, goal, 70, "Mentee")
		with as_user(self.mentee_user):
			doc = frappe.get_doc(GOAL, goal)
			doc.progress = 80
			doc.save()
		with as_user(self.mentor_user):
			frappe.get_doc(CHECKIN, checkin.name).dispute("Not that day")
		self.assertEqual(self.progress(goal), 80)

	# §3.3 Frappe HR Goals under the Mentoring KRA

	def test_an_employee_cannot_make_a_goal_under_the_mentoring_kra(self):
		kra = frappe.db.get_single_value("Mentoring Settings", "default_kra")
		with (
			as_user(self.mentee_user),
			self.assertRaisesRegex(frappe.PermissionError, "mentoring score sync"),
		):
			frappe.get_doc(
				{
					"doctype": "Goal",
					"goal_name": "Mentoring: 100%",
					"employee": self.mentee,
					"kra": kra,
					"progress": 100,
					"start_date": today(),
				}
			).insert()
		with as_user(self.mentee_user):
			goal = frappe.get_doc(
				{
					"doctype": "Goal",
					"goal_name": "Ship it",
					"employee": self.mentee,
					"kra": builders.kra("Quality"),
					"start_date": today(),
				}
			).insert()
			goal.kra = kra
			with self.assertRaisesRegex(frappe.PermissionError, "mentoring score sync"):
				goal.save()

	# §3.4 HTML in text, whatever the docstatus

	def test_a_check_in_made_already_submitted_is_cleaned_of_html(self):
		with as_user(self.mentee_user):
			doc = frappe.get_doc(
				{
					"doctype": CHECKIN,
					"pairing": self.pairing.name,
					"checkin_date": today(),
					"docstatus": 1,
					"agenda": "<img src=x onerror=alert(1)>Plans",
					"summary": "<script>alert(2)</script>Done",
				}
			).insert()
		stored = frappe.db.get_value(CHECKIN, doc.name, ["agenda", "summary"], as_dict=True)
		self.assertNotIn("onerror", stored.agenda)
		self.assertNotIn("<script", stored.summary)

	def test_the_certificate_shows_names_and_goals_as_text(self):
		with as_user(self.mentee_user):
			builders.goal(self.pairing.name, title="<i>Lead</i> a negotiation", status="Achieved")
		self.pairing.reload()
		self.pairing.status = "Completed"
		self.pairing.save()
		html = frappe.get_print(PAIRING, self.pairing.name, print_format="Mentoring Completion Certificate")
		self.assertIn("&lt;i&gt;Lead&lt;/i&gt; a negotiation", html)
		self.assertNotIn("<i>Lead</i>", html)

	# §3.5 a rated goal stays counted

	def test_the_mentee_cannot_delete_a_goal_the_mentor_rated(self):
		goal = self.goal_at(10)
		with as_user(self.mentor_user):
			doc = frappe.get_doc(GOAL, goal)
			doc.mentor_rating = 0.2
			doc.save()
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			frappe.delete_doc(GOAL, goal)
		self.assertTrue(frappe.db.exists(GOAL, goal))
		unrated = self.goal_at(10)
		with as_user(self.mentee_user):
			frappe.delete_doc(GOAL, unrated)
		self.assertFalse(frappe.db.exists(GOAL, unrated))

	# found by the access matrix

	def test_counts_follow_the_row_rules(self):
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, today(), agenda="SECRET-AGENDA")
		filters = {"pairing": self.pairing.name, "agenda": ["like", "%SECRET%"]}
		count = endpoint("frappe.client.get_count")
		with as_user(builders.user_of(self.mentee_manager)):
			self.assertEqual(count(CHECKIN, filters), 0)  # the agenda is the pair's
		with as_user(self.mentor_user):
			self.assertEqual(count(CHECKIN, filters), 1)

	def test_fields_copied_from_links_cannot_be_set_by_hand(self):
		stranger = builders.user_of(self.stranger)
		with as_user(self.mentee_user):
			doc = frappe.get_doc(PAIRING, self.pairing.name)
			doc.mentor_user = stranger
			doc.mentee_manager = self.stranger
			doc.save()
		stored = frappe.db.get_value(
			PAIRING, self.pairing.name, ["mentor_user", "mentee_manager"], as_dict=True
		)
		self.assertEqual((stored.mentor_user, stored.mentee_manager), (self.mentor_user, self.mentee_manager))

	def test_the_app_sets_the_waitlist_reason(self):
		program = builders.program(status="Enrolling")
		with as_user(self.mentee_user):
			doc = builders.participant(
				program.name, self.mentee, "Mentee", "Applied", waitlist_reason="Top of list"
			)
		self.assertFalse(frappe.db.get_value("Mentoring Participant", doc.name, "waitlist_reason"))

	def test_a_programs_manager_must_run_programs(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Mentoring Program Manager role"):
			builders.program(program_manager=builders.user_of(self.stranger))
