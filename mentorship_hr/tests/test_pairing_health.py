"""Pairing health on real records, with frozen dates: what the pairing shows and who is alerted."""

import frappe
from frappe.utils import add_days, getdate, today

from mentorship_hr import health_service, testing
from mentorship_hr.testing import MentoringTestCase, as_user


def shown(pairing: str) -> tuple:
	row = frappe.db.get_value(
		"Mentoring Pairing",
		pairing,
		["health", "health_reason", "last_checkin_date", "next_checkin_due"],
		as_dict=True,
	)
	return (
		row.health,
		row.health_reason,
		getdate(row.last_checkin_date) if row.last_checkin_date else None,
		getdate(row.next_checkin_due),
	)


class TestPairingHealth(MentoringTestCase):
	"""A 14-day cadence pairing that started 20 days ago."""

	def setUp(self):
		super().setUp()
		self.program_manager = testing.user_with_roles("Mentoring Program Manager")
		self.program.db_set("program_manager", self.program_manager)
		self.start = add_days(today(), -20)
		self.pairing.db_set("start_date", self.start)

	def test_no_check_in_in_the_first_period_is_at_risk(self):
		health_service.refresh([self.pairing.name])
		self.assertEqual(
			shown(self.pairing.name),
			("At Risk", "No check-in in the first 20 days", None, getdate(add_days(self.start, 14))),
		)

	def test_a_check_in_puts_it_on_track_and_time_moves_it_along(self):
		with as_user(self.mentee_user):
			checkin = testing.checkin(self.pairing.name, add_days(today(), -2))
		due = getdate(add_days(today(), 12))
		self.assertEqual(
			shown(self.pairing.name),
			("On Track", "Next check-in due in 12 days", getdate(add_days(today(), -2)), due),
		)
		with self.freeze_time(add_days(today(), 13)):
			health_service.refresh()
			self.assertEqual(shown(self.pairing.name)[:2], ("Needs Attention", "Check-in overdue by 1 day"))
		with self.freeze_time(add_days(today(), 26)):
			health_service.refresh()
			self.assertEqual(shown(self.pairing.name)[:2], ("Needs Attention", "Check-in overdue by 14 days"))
		with self.freeze_time(add_days(today(), 27)):
			health_service.refresh()
			self.assertEqual(shown(self.pairing.name)[:2], ("At Risk", "Check-in overdue by 15 days"))

		# a disputed check-in does not count: back to no check-in at all
		with as_user(self.mentor_user):
			frappe.get_doc("Mentoring Check-in", checkin.name).dispute("We never met")
		self.assertEqual(shown(self.pairing.name)[0], "At Risk")
		self.assertIsNone(shown(self.pairing.name)[2])

	def test_three_periods_without_a_check_in_alert_the_program_manager_once(self):
		from mentorship_hr.reminders import send_daily_reminders

		def alerts():
			return frappe.get_all(
				"Notification Log",
				filters={
					"for_user": self.program_manager,
					"document_name": self.pairing.name,
					"subject": ("like", "%no check-in for 3 periods"),
				},
				pluck="subject",
			)

		# the pairing as health last saw it: 41 days old, not yet stale
		self.pairing.db_set({"start_date": add_days(today(), -41), "stale_alert_sent": 0})
		self.assertEqual(health_service.refresh([self.pairing.name]).stale, [])
		send_daily_reminders()
		self.assertEqual(alerts(), [])
		self.pairing.db_set("start_date", add_days(today(), -42))
		first = health_service.refresh([self.pairing.name])
		second = health_service.refresh([self.pairing.name])
		self.assertEqual((first.stale, second.stale), ([self.pairing.name], []))
		send_daily_reminders()
		send_daily_reminders()
		self.assertEqual(
			alerts(), [f"Mentoring pairing {self.pairing.title} has had no check-in for 3 periods"]
		)

	def test_a_second_refresh_writes_nothing(self):
		health_service.refresh([self.pairing.name])
		self.assertEqual(health_service.refresh([self.pairing.name]).changed, [])

	def test_leaving_active_clears_the_health(self):
		health_service.refresh([self.pairing.name])
		frappe.get_doc("Mentoring Pairing", self.pairing.name).set_status("Paused")
		self.assertIsNone(frappe.db.get_value("Mentoring Pairing", self.pairing.name, "health"))

	def test_reads_do_not_grow_with_pairings(self):
		def cost(count):
			program = testing.program(max_mentees_per_mentor=count)
			names = [
				testing.pairing(program.name, self.mentor, testing.employee_without_user()).name
				for _ in range(count)
			]
			before = int(frappe.db.sql("show session status like 'Questions'")[0][1])
			health_service.refresh(names)
			return int(frappe.db.sql("show session status like 'Questions'")[0][1]) - before

		small, large = cost(2), cost(30)
		self.assertLessEqual(large - small, 2, (small, large))


class TestScheduling(MentoringTestCase):
	def schedule(self, when, **kwargs):
		return frappe.get_doc("Mentoring Pairing", self.pairing.name).schedule_checkin(when, **kwargs)

	def test_a_scheduled_check_in_is_in_both_calendars_and_is_the_next_one(self):
		when = add_days(today(), 3) + " 10:00:00"
		with as_user(self.mentee_user):
			testing.checkin(self.pairing.name, add_days(today(), -1))
			event = self.schedule(when, agenda="Pricing")
		stored = frappe.get_doc("Event", event)
		self.assertEqual((stored.owner, stored.event_category), (self.mentee_user, "Meeting"))
		self.assertEqual(stored.event_participants[0].reference_docname, self.pairing.name)
		for user in (self.mentor_user, self.mentee_user):
			with as_user(user):
				self.assertTrue(frappe.has_permission("Event", "read", event))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.mentor_user,
					# the bell opens the event, not the pairing
					"document_type": "Event",
					"document_name": event,
					"subject": ("like", "Mentoring check-in scheduled%"),
				},
			)
		)
		self.assertEqual(
			shown(self.pairing.name)[:2] + shown(self.pairing.name)[3:],
			("On Track", "Next check-in due in 3 days", getdate(add_days(today(), 3))),
		)

	def test_bad_times_and_outsiders_are_refused(self):
		with as_user(self.mentee_user):
			with self.assertRaisesRegex(frappe.ValidationError, "time in the future"):
				self.schedule(add_days(today(), -1) + " 10:00:00")
			with self.assertRaisesRegex(frappe.ValidationError, "between 5 minutes and 8 hours"):
				self.schedule(add_days(today(), 2) + " 10:00:00", duration_minutes=0)
		with as_user(testing.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			self.schedule(add_days(today(), 2) + " 10:00:00")
		self.assertFalse(frappe.db.exists("Event Participants", {"reference_docname": self.pairing.name}))
