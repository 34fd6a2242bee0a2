"""Managers in the loop: they acknowledge the pairing, and are reminded once if they have not."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.engagement.reminders import send_daily_reminders
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def onload(pairing: str) -> dict:
	doc = frappe.get_doc("Mentoring Pairing", pairing)
	doc.run_method("onload")
	return doc.get("__onload")


class TestManagersInTheLoop(MentoringTestCase):
	def setUp(self):
		super().setUp()
		self.mentee_boss = builders.user_of(self.mentee_manager)
		self.mentor_boss = builders.user_of(self.mentor_manager)

	def acknowledge(self, user):
		with as_user(user):
			return frappe.get_doc("Mentoring Pairing", self.pairing.name).acknowledge()

	def stored(self, *fields):
		return frappe.db.get_value("Mentoring Pairing", self.pairing.name, fields)

	def test_each_manager_acknowledges_their_side(self):
		with as_user(self.mentee_boss):
			self.assertTrue(onload(self.pairing.name).can_acknowledge)
		self.assertEqual(self.acknowledge(self.mentee_boss), ["mentee"])
		by, on, other = self.stored("mentee_manager_ack_by", "mentee_manager_ack_on", "mentor_manager_ack_by")
		self.assertEqual((by, bool(on), other), (self.mentee_boss, True, None))
		with as_user(self.mentee_boss):
			self.assertFalse(onload(self.pairing.name).can_acknowledge)
		self.acknowledge(self.mentor_boss)
		self.assertEqual(self.stored("mentor_manager_ack_by"), self.mentor_boss)

	def test_only_the_pairs_managers_acknowledge(self):
		for user in (self.mentee_user, self.mentor_user, builders.user_of(self.stranger)):
			with as_user(user):
				self.assertFalse(onload(self.pairing.name).can_acknowledge)
			with self.assertRaises(frappe.PermissionError):
				self.acknowledge(user)
		self.assertEqual(self.stored("mentor_manager_ack_on", "mentee_manager_ack_on"), (None, None))

	def test_a_week_on_the_managers_who_have_not_acknowledged_are_reminded_once(self):
		self.pairing.db_set("start_date", add_days(today(), -8))
		self.acknowledge(self.mentor_boss)
		self.assertIn(self.mentee_boss, send_daily_reminders().users)
		self.assertNotIn(self.mentee_boss, send_daily_reminders().users)
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "ack_reminder_sent"), 1)

		def reminders(user):
			return frappe.get_all(
				"Notification Log",
				{
					"for_user": user,
					"document_name": self.pairing.name,
					"subject": ("like", "Please acknowledge%"),
				},
				pluck="name",
			)

		self.assertEqual((len(reminders(self.mentee_boss)), len(reminders(self.mentor_boss))), (1, 0))

	def test_a_new_pairing_is_not_reminded_yet(self):
		self.pairing.db_set("start_date", add_days(today(), -6))
		self.assertNotIn(self.mentee_boss, send_daily_reminders().users)
