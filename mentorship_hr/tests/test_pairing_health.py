"""Pairing health on real records, with frozen dates: what the pairing shows and who is alerted."""

import frappe
from frappe.utils import add_days, getdate, today

from mentorship_hr.engagement import health_service
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


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
		self.program_manager = builders.user_with_roles("Mentoring Program Manager")
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
			checkin = builders.checkin(self.pairing.name, add_days(today(), -2))
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
		from mentorship_hr.engagement.reminders import send_daily_reminders

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
			program = builders.program(max_mentees_per_mentor=count)
			names = [
				builders.pairing(program.name, self.mentor, builders.employee_without_user()).name
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

	def events_of(self, user) -> list[str]:
		"""What the user's Event list shows of this pairing's check-ins."""
		with as_user(user):
			return frappe.get_list(
				"Event",
				filters={"subject": ("like", "Mentoring check-in%")},
				or_filters=None,
				pluck="name",
			)

	def test_a_scheduled_check_in_is_in_both_event_lists_and_is_the_next_one(self):
		when = add_days(today(), 3) + " 10:00:00"
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, add_days(today(), -1))
			event = self.schedule(when, agenda="Pricing")
		# each of the pair has their own event, in their own Event list, referring to the pairing
		mentee_events, mentor_events = self.events_of(self.mentee_user), self.events_of(self.mentor_user)
		self.assertEqual((mentee_events, len(mentor_events)), ([event], 1))
		for name, owner in ((event, self.mentee_user), (mentor_events[0], self.mentor_user)):
			stored = frappe.get_doc("Event", name)
			self.assertEqual((stored.owner, stored.event_category), (owner, "Meeting"))
			self.assertEqual(stored.event_participants[0].reference_docname, self.pairing.name)
			self.assertIn("Pricing", stored.description)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": self.mentor_user,
					# the bell opens the mentor's own event, not the pairing
					"document_type": "Event",
					"document_name": mentor_events[0],
					"subject": ("like", "Mentoring check-in scheduled%"),
				},
			)
		)
		with as_user(self.mentor_user):
			next_event = frappe.get_doc("Mentoring Pairing", self.pairing.name).next_event()
		self.assertEqual(next_event.name, mentor_events[0])
		self.assertEqual(
			shown(self.pairing.name)[:2] + shown(self.pairing.name)[3:],
			("On Track", "Next check-in due in 3 days", getdate(add_days(today(), 3))),
		)

	def test_moving_or_deleting_ones_event_moves_the_others(self):
		with as_user(self.mentee_user):
			event = self.schedule(add_days(today(), 3) + " 10:00:00")
			mine = frappe.get_doc("Event", event)
			mine.starts_on = add_days(today(), 4) + " 15:00:00"
			mine.ends_on = add_days(today(), 4) + " 16:00:00"
			mine.save()
		(theirs,) = self.events_of(self.mentor_user)
		self.assertEqual(str(frappe.db.get_value("Event", theirs, "starts_on")), mine.starts_on)
		with as_user(self.mentor_user):
			frappe.get_doc("Event", theirs).update({"status": "Cancelled"}).save()
		self.assertEqual(frappe.db.get_value("Event", event, "status"), "Cancelled")
		# only a System Manager deletes events in Frappe; the other side's goes with it
		frappe.delete_doc("Event", event)
		self.assertEqual(self.events_of(self.mentor_user), [])

	def test_a_managers_event_at_the_same_time_moves_nothing_of_the_pair(self):
		when = add_days(today(), 3) + " 10:00:00"
		with as_user(self.mentee_user):
			self.schedule(when)
		program_manager = builders.user_with_roles("Mentoring Program Manager")
		self.program.db_set("program_manager", program_manager)
		with as_user(program_manager):
			own = frappe.get_doc(
				{
					"doctype": "Event",
					"subject": "Mentoring check-in (my copy)",
					"starts_on": when,
					"event_participants": [
						{"reference_doctype": "Mentoring Pairing", "reference_docname": self.pairing.name}
					],
				}
			).insert()
			own.starts_on = add_days(today(), 5) + " 10:00:00"
			own.save()
		for user in (self.mentee_user, self.mentor_user):
			(name,) = self.events_of(user)
			self.assertEqual(str(frappe.db.get_value("Event", name, "starts_on")), when)

	def test_bad_times_and_outsiders_are_refused(self):
		with as_user(self.mentee_user):
			with self.assertRaisesRegex(frappe.ValidationError, "time in the future"):
				self.schedule(add_days(today(), -1) + " 10:00:00")
			with self.assertRaisesRegex(frappe.ValidationError, "between 5 minutes and 8 hours"):
				self.schedule(add_days(today(), 2) + " 10:00:00", duration_minutes=0)
		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			self.schedule(add_days(today(), 2) + " 10:00:00")
		self.assertFalse(frappe.db.exists("Event Participants", {"reference_docname": self.pairing.name}))
