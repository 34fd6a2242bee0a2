"""Daily reminders: one email a day per person gathering what is due, a bell per item, nothing twice."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.engagement import jobs
from mentorship_hr.engagement.reminders import send_daily_reminders
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def reminder_emails(user):
	return [e for e in builders.queued_emails(user) if e.subject.startswith("Mentoring: ")]


def bells(user, document_name):
	return frappe.get_all(
		"Notification Log", {"for_user": user, "document_name": document_name}, pluck="subject"
	)


class TestDailyReminders(MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.outgoing_email_account()
		self.program_manager = builders.user_with_roles("Mentoring Program Manager")
		self.program.db_set("program_manager", self.program_manager)
		# a check-in on day -16, logged by the mentee and submitted 3 days ago: the next is due
		# 2 days ago, the mentor has waited 3 days to confirm it, and the fit check was asked then
		with self.freeze_time(add_days(today(), -3), tick=True), as_user(self.mentee_user):
			self.checkin = builders.checkin(
				self.pairing.name, add_days(today(), -16), agenda="AGENDA-SECRET", summary="SUMMARY-SECRET"
			)
		self.goal = builders.goal(self.pairing.name, target_date=add_days(today(), 3))

	def run_daily(self):
		jobs.run(jobs.DAILY, today=today())

	def test_each_side_gets_one_email_gathering_its_items(self):
		self.run_daily()
		mentor, mentee = reminder_emails(self.mentor_user), reminder_emails(self.mentee_user)
		self.assertEqual([e.subject for e in mentor], ["Mentoring: 4 things need you today"])
		self.assertEqual([e.subject for e in mentee], ["Mentoring: 3 things need you today"])
		body = mentor[0].body
		for text in (
			"Check-in overdue since",
			"Confirm or dispute the check-in",
			f"Goal due on {frappe.utils.formatdate(add_days(today(), 3))}: {self.goal.title}",
			"Take the Fit Check survey",
		):
			self.assertIn(text, body)
		self.assertNotIn("Confirm or dispute", mentee[0].body)  # the mentee logged it
		for secret in ("AGENDA-SECRET", "SUMMARY-SECRET"):
			self.assertNotIn(secret, body)
		# a bell for each item, on the document it is about
		confirm = [
			s for s in bells(self.mentor_user, self.checkin.name) if s.startswith("Confirm or dispute")
		]
		self.assertEqual(len(confirm), 1)
		self.assertEqual(len(bells(self.mentor_user, self.goal.name)), 1)
		self.assertEqual(
			len([s for s in bells(self.mentor_user, self.pairing.name) if s.startswith("Check-in overdue")]),
			1,
		)
		# the managers are asked only to acknowledge the pairing; the stranger gets nothing
		for employee in (self.mentor_manager, self.mentee_manager):
			(email,) = reminder_emails(builders.user_of(employee))
			self.assertEqual(
				email.subject, f"Mentoring: Please acknowledge the mentoring pairing {self.pairing.title}"
			)
		self.assertEqual(reminder_emails(builders.user_of(self.stranger)), [])

	def test_a_second_run_the_same_day_sends_nothing_new(self):
		self.run_daily()
		emails = {u: len(builders.queued_emails(u)) for u in (self.mentor_user, self.mentee_user)}
		logs = frappe.db.count("Notification Log", {"for_user": ("in", list(emails))})
		self.run_daily()
		self.assertEqual(emails, {u: len(builders.queued_emails(u)) for u in emails})
		self.assertEqual(logs, frappe.db.count("Notification Log", {"for_user": ("in", list(emails))}))

	def test_an_answered_survey_is_not_asked_for_again(self):
		with as_user(self.mentor_user):
			frappe.get_doc(
				{
					"doctype": "Mentoring Feedback",
					"pairing": self.pairing.name,
					"survey_type": "Fit Check",
					"overall_rating": 0.8,
					"good_fit": "Yes",
				}
			).insert()
		self.run_daily()
		self.assertNotIn("Fit Check", reminder_emails(self.mentor_user)[0].body)
		self.assertIn("Fit Check", reminder_emails(self.mentee_user)[0].body)

	def test_a_user_who_turned_email_off_gets_only_the_bell(self):
		frappe.db.set_value("Notification Settings", self.mentee_user, "enable_email_notifications", 0)
		self.run_daily()
		self.assertEqual(reminder_emails(self.mentee_user), [])
		self.assertEqual(len(bells(self.mentee_user, self.goal.name)), 1)
		self.assertEqual(len(reminder_emails(self.mentor_user)), 1)

	def test_switches_and_lead_times_come_from_mentoring_settings(self):
		self.addCleanup(frappe.clear_document_cache, "Mentoring Settings", "Mentoring Settings")
		settings = frappe.get_single("Mentoring Settings")
		settings.update({"remind_goals": 0, "remind_surveys": 0, "checkin_reminder_days": 5})
		settings.save()
		self.run_daily()
		body = reminder_emails(self.mentor_user)[0].body
		self.assertNotIn("Goal due", body)
		self.assertNotIn("survey", body)
		self.assertIn("Check-in overdue", body)

		settings.send_reminders = 0
		settings.save()
		self.assertEqual(send_daily_reminders(add_days(today(), 1)).sent, 0)

	def test_no_goals_two_weeks_after_the_start(self):
		frappe.delete_doc("Mentoring Goal", self.goal.name)
		self.run_daily()
		line = f"No goals yet: set SMART goals together in {self.pairing.title}"
		self.assertIn(line, reminder_emails(self.mentee_user)[0].body)
		self.assertIn(line, bells(self.mentee_user, self.pairing.name))

	def test_a_new_due_date_is_a_new_reminder(self):
		self.run_daily()
		with as_user(self.mentor_user):
			builders.checkin(self.pairing.name, add_days(today(), -1), logged_by_role="Mentor")
		# the next check-in is due in 13 days; 11 days on, it is within the two-day lead time
		later = add_days(today(), 12)
		with self.freeze_time(later, tick=True):
			jobs.run(jobs.DAILY, today=later)
		subjects = [e.body for e in reminder_emails(self.mentee_user)]
		self.assertEqual(len(subjects), 2)
		self.assertIn(f"Check-in due on {frappe.utils.formatdate(add_days(today(), 13))}", subjects[1])
