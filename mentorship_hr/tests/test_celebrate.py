"""Celebrate progress: a milestone notice when a goal is achieved, and a completion certificate."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

CERTIFICATE = "Mentoring Completion Certificate"


def notified(user: str, document: str) -> list[str]:
	return frappe.get_all(
		"Notification Log", filters={"for_user": user, "document_name": document}, pluck="subject"
	)


class TestCelebrate(MentoringTestCase):
	def setUp(self):
		super().setUp()
		with as_user(self.mentee_user):
			self.goal = builders.goal(self.pairing.name, title="Lead a pricing negotiation", progress=40)

	def test_an_achieved_goal_tells_the_pair_and_the_mentees_manager(self):
		with as_user(self.mentee_user):
			frappe.get_doc("Mentoring Goal", self.goal.name).update({"progress": 100}).save()
		subject = "Mentoring goal achieved: Lead a pricing negotiation"
		for user in (self.mentor_user, self.mentee_user, builders.user_of(self.mentee_manager)):
			self.assertEqual(notified(user, self.goal.name), [subject], user)
		self.assertEqual(notified(builders.user_of(self.mentor_manager), self.goal.name), [])
		# saving the achieved goal again is no new milestone
		with as_user(self.mentee_user):
			frappe.get_doc("Mentoring Goal", self.goal.name).update({"description": "Done"}).save()
		self.assertEqual(len(notified(self.mentee_user, self.goal.name)), 1)

	def test_the_certificate_states_the_pair_dates_goals_and_check_ins(self):
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, add_days(today(), -5), private_notes="PRIVATE-THOUGHTS")
			frappe.get_doc("Mentoring Goal", self.goal.name).update({"progress": 100}).save()
			builders.goal(self.pairing.name, title="Unfinished goal", progress=10)
		active = frappe.get_print("Mentoring Pairing", self.pairing.name, CERTIFICATE)
		self.assertIn("the certificate is given once it is Completed", active)

		frappe.get_doc("Mentoring Pairing", self.pairing.name).set_status("Completed")
		with as_user(builders.user_of(self.mentee_manager)):
			html = frappe.get_print("Mentoring Pairing", self.pairing.name, CERTIFICATE)
		names = frappe.db.get_value("Mentoring Pairing", self.pairing.name, ["mentee_name", "mentor_name"])
		for text in (*names, self.program.name, "Check-ins held: 1", "Lead a pricing negotiation"):
			self.assertIn(text, html)
		self.assertNotIn("Unfinished goal", html)
		self.assertNotIn("PRIVATE-THOUGHTS", html)
