"""A program with pairings in every state runs a month of days and weeks: the right people get the
right messages, each once, and nothing private reaches anyone outside the pair."""

from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from mentorship_hr.engagement import jobs
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user

DAYS = 30
SECRETS = ("AGENDA-SECRET", "SUMMARY-SECRET", "NOTE-SECRET", "COMMENT-SECRET")


class TestSimulatedMonth(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("simulated_month")
		builders.outgoing_email_account()
		self.day0 = getdate(today())
		self.pm = builders.user_with_roles("Mentoring Program Manager")
		self.sponsor = builders.employee("sponsor")
		self.mentor_boss = builders.employee("mentor-boss", department=builders.department("Sales"))
		self.mentee_boss = builders.employee("mentee-boss")
		self.stranger = builders.employee("stranger")
		self.program = builders.program(
			start_date=add_days(self.day0, -10),
			end_date=add_days(self.day0, 50),  # the midpoint is day 20
			checkin_frequency_days=7,
			program_manager=self.pm,
			sponsor=self.sponsor,
		)
		self.pairs = frappe._dict()
		for kind in ("steady", "silent", "unfit", "completed"):
			mentor = builders.employee(
				f"{kind}-mentor", department=builders.department("Sales"), reports_to=self.mentor_boss
			)
			mentee = builders.employee(f"{kind}-mentee", reports_to=self.mentee_boss)
			pairing = builders.pairing(self.program.name, mentor, mentee)
			if kind != "silent":
				builders.goal(pairing.name, target_date=add_days(self.day0, 40))
			self.pairs[kind] = frappe._dict(
				name=pairing.name, mentor=builders.user_of(mentor), mentee=builders.user_of(mentee)
			)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="simulated_month")

	def log_checkin(self, kind, day):
		with as_user(self.pairs[kind].mentee):
			return builders.checkin(
				self.pairs[kind].name,
				day,
				agenda="AGENDA-SECRET",
				summary="SUMMARY-SECRET",
				private_notes="NOTE-SECRET",
			)

	def act(self, n, day):
		"""What the people do on day n."""
		if n % 7 == 0:  # the steady pair meets weekly; the mentor confirms
			checkin = self.log_checkin("steady", day)
			with as_user(self.pairs.steady.mentor):
				frappe.get_doc("Mentoring Check-in", checkin.name).confirm()
		if n == 1:
			self.log_checkin("unfit", day)
		if n == 2:
			with as_user(self.pairs.unfit.mentor):
				frappe.get_doc(
					{
						"doctype": "Mentoring Feedback",
						"pairing": self.pairs.unfit.name,
						"survey_type": "Fit Check",
						"overall_rating": 0.2,
						"good_fit": "No",
						"comments": "COMMENT-SECRET",
					}
				).insert()
		if n == 5:
			with as_user(self.pm):
				frappe.get_doc("Mentoring Pairing", self.pairs.completed.name).set_status("Completed")

	def test_a_month_of_messages(self):
		mondays = []
		for n in range(DAYS):
			day = add_days(self.day0, n)
			with self.freeze_time(f"{day} 09:00:00", tick=True):
				self.act(n, day)
				jobs.run(jobs.DAILY, today=day)
				if day.weekday() == 0:
					jobs.run(jobs.WEEKLY, today=day)
					mondays.append(day)
				jobs.run(jobs.DAILY, today=day)  # a second run sends nothing new

		everyone = {u for p in self.pairs.values() for u in (p.mentor, p.mentee)}
		managers = {builders.user_of(self.mentor_boss), builders.user_of(self.mentee_boss)}
		sponsor, stranger = builders.user_of(self.sponsor), builders.user_of(self.stranger)
		emails = {u: builders.queued_emails(u) for u in everyone | managers | {self.pm, sponsor, stranger}}

		# at most one reminder email a day for anyone
		for user, queued in emails.items():
			per_day = Counter(e.on for e in queued if e.subject.startswith("Mentoring: "))
			self.assertLessEqual(max(per_day.values(), default=0), 1, user)

		# nothing private outside the pair; the program manager reads survey reasons, not notes
		for user in managers | {sponsor, stranger}:
			for e in emails[user]:
				for secret in SECRETS:
					self.assertNotIn(secret, e.body, (user, e.subject))
		for e in emails[self.pm]:
			for secret in SECRETS[:3]:
				self.assertNotIn(secret, e.body, e.subject)
		self.assertEqual(emails[stranger], [])

		def bells(user, name, prefix):
			subjects = frappe.get_all(
				"Notification Log", {"for_user": user, "document_name": name}, pluck="subject"
			)
			return len([s for s in subjects if s.startswith(prefix)])

		silent, steady, unfit, completed = (self.pairs[k] for k in ("silent", "steady", "unfit", "completed"))
		for user in (silent.mentor, silent.mentee):
			# one due date that never moves: one overdue reminder, one "no goals" reminder
			self.assertEqual(bells(user, silent.name, "Check-in overdue"), 1, user)
			self.assertEqual(bells(user, silent.name, "No goals yet"), 1, user)
			self.assertEqual(bells(user, silent.name, "Halfway through your mentoring"), 1, user)
		self.assertEqual(bells(steady.mentee, steady.name, "Check-in overdue"), 0)
		# the steady pair is reminded before each weekly check-in instead
		self.assertGreaterEqual(bells(steady.mentee, steady.name, "Check-in due on"), 3)
		self.assertEqual(bells(completed.mentee, completed.name, "Take the Final survey"), 1)
		self.assertEqual(bells(completed.mentee, completed.name, "Halfway through"), 0)

		pm_subjects = Counter(e.subject for e in emails[self.pm])
		self.assertEqual(bells(self.pm, silent.name, "Mentoring pairing"), 1)  # no check-in for 3 periods
		self.assertEqual(
			pm_subjects[f"Mentoring pairing {self.title(unfit)} is not a fit, says the mentor"], 1
		)
		for user in managers:
			subjects = Counter(e.subject for e in emails[user])
			self.assertEqual(subjects["Mentoring this week: your reports' pairings"], len(mondays), user)
			for pair in self.pairs.values():  # reminded to acknowledge once per pairing
				self.assertEqual(bells(user, pair.name, "Please acknowledge"), 1, user)
		for user in (self.pm, sponsor):
			briefings = [e for e in emails[user] if e.subject.startswith("Mentoring briefing")]
			self.assertEqual(len(briefings), len(mondays), user)
		# the failed fit check: why is told to the program manager only
		last = {
			user: [e for e in emails[user] if "briefing" in e.subject][-1].text for user in (self.pm, sponsor)
		}
		self.assertIn("Fit checks that failed", last[self.pm])
		self.assertNotIn("Fit checks that failed", last[sponsor])
		self.assertIn("The program manager is following up", last[sponsor])
		# health at the end of the month, as the desk shows it
		health = dict(
			frappe.get_all(
				"Mentoring Pairing",
				filters={"name": ("in", [p.name for p in self.pairs.values()])},
				fields=["name", "health"],
				as_list=True,
			)
		)
		self.assertEqual(health[steady.name], "On Track")
		self.assertEqual(health[silent.name], "At Risk")
		self.assertEqual(health[unfit.name], "At Risk")
		self.assertIsNone(health[completed.name])
		self.assertEqual(len(mondays), len([n for n in range(DAYS) if add_days(self.day0, n).weekday() == 0]))

	def title(self, pair):
		return frappe.db.get_value("Mentoring Pairing", pair.name, "title")
