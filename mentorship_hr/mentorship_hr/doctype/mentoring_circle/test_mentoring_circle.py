# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""Mentoring circles on a real site: forming them by hand and by matching, their rules, publishing,
moving members, and who reads them (docs/design.md §4b)."""

import frappe
from frappe.desk.doctype.event.event import get_events
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today

from mentorship_hr.engagement import digests, health_service, jobs, reminders
from mentorship_hr.form_rules import editable_fields
from mentorship_hr.kpi.appraisal_tools import get_appraisal_mentoring
from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.mentorship_hr.doctype.mentoring_participant.test_matching_flow import (
	apply,
	approve_all,
	designation,
)
from mentorship_hr.mentorship_hr.report.mentoring_kpi import mentoring_kpi
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user


def circle(program, lead, members=(), co_mentor=None, topic=("Negotiation",), **fields):
	return frappe.get_doc(
		{
			"doctype": "Mentoring Circle",
			"program": program,
			"lead_mentor": lead,
			"co_mentor": co_mentor,
			"topic_skills": [{"skill": s} for s in topic],
			"members": [{"employee": e} for e in members],
			**fields,
		}
	).insert()


class TestMentoringCircle(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		builders.outgoing_email_account()
		sales, ops = builders.department("Sales"), builders.department("Operations")
		cls.boss = builders.employee("cboss", department=ops, designation=designation("Operations Director"))
		cls.lead = builders.employee("clead", department=sales, designation=designation("Sales Manager"))
		cls.co = builders.employee("cco", department=sales, designation=designation("Sales Manager"))
		cls.mentees = [
			builders.employee(
				f"cm{i}", department=ops, designation=designation("Associate"), reports_to=cls.boss
			)
			for i in range(4)
		]
		# managed by the co-mentor: never in a circle the co-mentor mentors
		cls.report = builders.employee("crep", department=ops, reports_to=cls.co)
		cls.stranger = builders.employee("cstr", department=ops)
		cls.manager = builders.user_with_roles("Mentoring Program Manager")

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("circle_test")
		self.program = builders.program(
			status="Enrolling", format="Circles", circle_size=3, circle_min_fill=2
		).name
		for mentor in (self.lead, self.co):
			apply(self.program, mentor, "Mentor", ["Negotiation", "Empathy"], capacity=1)
		for mentee in (*self.mentees, self.report):
			apply(self.program, mentee, "Mentee", ["Negotiation"])
		approve_all(self.program, self.manager)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="circle_test")

	def members_of(self, name):
		return [r.employee for r in frappe.get_doc("Mentoring Circle", name).members]

	def test_a_circle_keeps_its_rules_and_says_which(self):
		m = self.mentees
		cases = [
			({"members": [self.stranger]}, "is not an approved mentee of program"),
			({"members": [m[0], m[0]]}, "listed twice"),
			({"members": [m[0]], "co_mentor": self.lead}, "co-mentor must be someone other"),
			({"members": [m[0], m[1], m[2], m[3]]}, "at most 3 members in a circle; this one has 4"),
			({"members": [m[0], self.report], "co_mentor": self.co}, "same reporting line"),
		]
		with as_user(self.manager):
			for fields, message in cases:
				with self.subTest(message), self.assertRaisesRegex(frappe.ValidationError, message):
					circle(self.program, self.lead, **fields)
			first = circle(self.program, self.lead, [m[0]])
			with self.assertRaisesRegex(frappe.ValidationError, f"already a member of circle {first.name}"):
				circle(self.program, self.co, [m[0]])
			one_to_one = builders.program(status="Enrolling").name
			with self.assertRaisesRegex(frappe.ValidationError, "set its Format to Circles or Both"):
				circle(one_to_one, self.lead)
		self.assertEqual(frappe.db.count("Mentoring Circle", {"program": self.program}), 1)

	def test_matching_places_mentees_publishing_starts_the_full_circles_and_tells_everyone(self):
		with as_user(self.manager):
			talks = circle(self.program, self.lead, topic=("Negotiation",), title="Negotiating well")
			care = circle(self.program, self.co, topic=("Empathy",))
			result = frappe.get_doc("Mentoring Program", self.program).run_matching()
		# six places for five mentees, but the co-mentor's report may not join the co-mentor's circle,
		# and "care" (empathy, sought by nobody) needs two members to go ahead
		self.assertEqual(care.title, "Empathy circle")
		placed = result["circles"]["placed"]
		self.assertEqual(len(placed.get(talks.name, [])), 3)
		self.assertNotIn(self.report, self.members_of(care.name))
		everyone = [e for rows in placed.values() for e in rows] + result["circles"]["left"]
		self.assertEqual(sorted(everyone), sorted([*self.mentees, self.report]))
		row = frappe.get_doc("Mentoring Circle", talks.name).members[0]
		self.assertIn("topic covers 1 of 1 skills sought: negotiation", row.match_reasons)
		left = result["circles"]["left"]
		self.assertEqual(
			frappe.get_all(
				"Mentoring Participant",
				filters={"program": self.program, "employee": ("in", left)},
				pluck="waitlist_reason",
			),
			["no circle with a free place fits"] * len(left),
		)

		frappe.db.set_value("Mentoring Program", self.program, "status", "Active")
		with as_user(self.manager):
			published = frappe.get_doc("Mentoring Program", self.program).publish_matches()["circles"]
		self.assertIn(talks.name, published["published"])
		self.assertEqual(frappe.db.get_value("Mentoring Circle", talks.name, "status"), "Active")
		member = self.members_of(talks.name)[0]
		self.assertEqual(
			frappe.db.get_value(
				"Mentoring Participant", {"program": self.program, "employee": member}, "status"
			),
			"Matched",
		)
		for user in (builders.user_of(member), builders.user_of(self.lead), builders.user_of(self.boss)):
			self.assertTrue(
				frappe.db.exists("Notification Log", {"for_user": user, "document_name": talks.name}), user
			)

	def test_who_reads_a_circle(self):
		with as_user(self.manager):
			c = circle(self.program, self.lead, [self.mentees[0], self.mentees[1]], co_mentor=self.co)
		readers = {
			"lead": (self.lead, True),
			"co-mentor": (self.co, True),
			"member": (self.mentees[0], True),
			"members' manager": (self.boss, True),
			"stranger": (self.stranger, False),
			"someone placed in no circle": (self.mentees[2], False),
		}
		for label, (employee, reads) in readers.items():
			user = builders.user_of(employee)
			with self.subTest(label):
				self.assertEqual(frappe.has_permission("Mentoring Circle", "read", c.name, user=user), reads)
				listed = frappe.get_list(
					"Mentoring Circle", filters={"name": c.name}, pluck="name", user=user
				)
				self.assertEqual(listed == [c.name], reads)
				rows = frappe.get_list(
					"Mentoring Circle Member",
					filters={"parent": c.name},
					pluck="employee",
					user=user,
					parent_doctype="Mentoring Circle",
				)
				self.assertEqual(len(rows), 2 if reads else 0)
				# the circle edits its agreement; managers and others only read, if that
				writes = label in ("lead", "co-mentor", "member")
				self.assertEqual(
					frappe.has_permission("Mentoring Circle", "write", c.name, user=user), writes
				)

	def test_a_program_manager_moves_a_member_and_ends_a_circle_with_a_reason(self):
		m = self.mentees
		with as_user(self.manager):
			a = circle(self.program, self.lead, [m[0], m[1]])
			b = circle(self.program, self.co, [m[2]])
			a.move_member(m[1], b.name)
			self.assertEqual((self.members_of(a.name), self.members_of(b.name)), ([m[0]], [m[2], m[1]]))
			with self.assertRaisesRegex(frappe.ValidationError, "is not a member of circle"):
				a.move_member(m[3], b.name)
			frappe.db.set_value("Mentoring Program", self.program, "status", "Active")
			a.set_status("Active")
			with self.assertRaisesRegex(frappe.ValidationError, "Say why the circle ended early"):
				a.set_status("Ended Early")
			a.set_status("Ended Early", reason="The topic was covered")
		self.assertEqual(frappe.db.get_value("Mentoring Circle", a.name, "status"), "Ended Early")
		with as_user(builders.user_of(m[0])), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Circle", b.name).move_member(m[2], a.name)


def circle_goal(circle, **fields):
	"""A member's own goal in the circle, set by the member (the session user)."""
	return frappe.get_doc(
		{"doctype": "Mentoring Goal", "circle": circle, "title": builders.unique("Circle goal"), **fields}
	).insert()


class CircleOfThree(FrappeTestCase):
	"""An Active circle of a lead mentor and three members, and check-ins logged in it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		builders.outgoing_email_account()
		ops = builders.department("Operations")
		cls.boss = builders.employee("gboss", department=ops)
		cls.lead = builders.employee("glead", department=builders.department("Sales"))
		cls.members = [builders.employee(f"gm{i}", department=ops, reports_to=cls.boss) for i in range(3)]
		cls.stranger = builders.employee("gstr", department=ops)
		cls.manager = builders.user_with_roles("Mentoring Program Manager")

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("circle_checkin_test")
		program = builders.program(
			status="Enrolling", format="Circles", circle_size=4, circle_min_fill=2
		).name
		apply(program, self.lead, "Mentor", ["Negotiation"], capacity=1)
		for member in self.members:
			apply(program, member, "Mentee", ["Negotiation"])
		approve_all(program, self.manager)
		frappe.db.set_value("Mentoring Program", program, "status", "Active")
		with as_user(self.manager):
			self.circle = circle(program, self.lead, self.members, status="Active").name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="circle_checkin_test")

	def log(self, by, present, submit=True, **fields):
		with as_user(builders.user_of(by)):
			doc = frappe.get_doc(
				{
					"doctype": "Mentoring Check-in",
					"circle": self.circle,
					"checkin_date": today(),
					"attendance": [{"employee": e, "present": 1} for e in present],
					**fields,
				}
			).insert()
			if submit:
				doc.submit()
		return doc


class TestCircleCheckins(CircleOfThree):
	"""A circle meets as a group: who attended, confirmed by another attendee, notes for the circle."""

	def test_the_logger_ticks_who_came_and_another_who_came_confirms(self):
		m = self.members
		# the logger (a member) was there; the stranger ticked by mistake is no row at all
		doc = self.log(m[0], [self.lead, m[1], self.stranger], private_notes="What stays in the circle")
		rows = {r.employee: (r.role, r.present) for r in doc.attendance}
		self.assertEqual(
			rows,
			{self.lead: ("Mentor", 1), m[0]: ("Member", 1), m[1]: ("Member", 1), m[2]: ("Member", 0)},
		)
		# each row names its person, as the form's grid shows them
		names = dict(frappe.get_all("Employee", fields=["name", "employee_name"], as_list=True))
		self.assertEqual({r.employee: r.employee_name for r in doc.attendance}, {e: names[e] for e in rows})
		self.assertEqual(
			(doc.logged_by_role, doc.mentor, doc.confirmation_status), ("Mentee", self.lead, "Pending")
		)
		# the absent member and the logger cannot confirm; someone who came can
		for who in (m[2], m[0]):
			with (
				as_user(builders.user_of(who)),
				self.assertRaisesRegex(frappe.PermissionError, "who attended"),
			):
				frappe.get_doc("Mentoring Check-in", doc.name).confirm()
		with as_user(builders.user_of(m[1])):
			frappe.get_doc("Mentoring Check-in", doc.name).confirm()
		self.assertEqual(
			frappe.db.get_value("Mentoring Check-in", doc.name, "confirmation_status"), "Confirmed"
		)
		# those who came were asked to confirm; the absent member and the logger were not
		asked = set(frappe.get_all("Notification Log", filters={"document_name": doc.name}, pluck="for_user"))
		self.assertEqual(asked, {builders.user_of(self.lead), builders.user_of(m[1])})

	def test_notes_are_the_circles_and_nobody_elses(self):
		doc = self.log(self.members[0], [self.lead], private_notes="Only for the circle")
		readers = {
			"lead": (self.lead, True),
			"a member who was absent": (self.members[2], True),
			"the members' manager": (self.boss, False),
			"stranger": (self.stranger, False),
		}
		for label, (employee, reads) in readers.items():
			user = builders.user_of(employee)
			with self.subTest(label), as_user(user):
				self.assertEqual(
					frappe.has_permission("Mentoring Check-in", "read", doc.name, user=user), reads
				)
				listed = frappe.get_list("Mentoring Check-in", filters={"name": doc.name}, pluck="name")
				self.assertEqual(listed == [doc.name], reads)
				if reads:
					self.assertEqual(
						frappe.get_doc("Mentoring Check-in", doc.name).private_notes, "Only for the circle"
					)

	def test_a_circle_check_in_needs_a_live_circle_two_people_and_no_goal_updates(self):
		with self.assertRaisesRegex(frappe.ValidationError, "at least two people there"):
			self.log(self.members[0], [], submit=False)
		with self.assertRaisesRegex(frappe.ValidationError, "one pairing or of one circle"):
			with as_user(self.manager):
				frappe.get_doc(
					{"doctype": "Mentoring Check-in", "checkin_date": today(), "logged_by_role": "Mentor"}
				).insert()
		with as_user(self.manager):
			frappe.get_doc("Mentoring Circle", self.circle).set_status("Paused")
		with self.assertRaisesRegex(frappe.ValidationError, "Check-ins need an Active circle"):
			self.log(self.members[0], [self.lead], submit=False)
		self.assertFalse(frappe.db.exists("Mentoring Check-in", {"circle": self.circle}))

	def test_scheduling_makes_one_event_in_everyones_calendar(self):
		starts = add_to_date(now_datetime(), days=2)
		with as_user(builders.user_of(self.members[1])):
			event = frappe.get_doc("Mentoring Circle", self.circle).schedule_checkin(
				str(starts), 45, "Pitches"
			)
		self.assertEqual(frappe.db.count("Event", {"name": event}), 1)
		refs = frappe.get_all(
			"Event Participants", filters={"parent": event}, fields=["reference_doctype", "reference_docname"]
		)
		self.assertEqual(
			[(r.reference_doctype, r.reference_docname) for r in refs], [("Mentoring Circle", self.circle)]
		)
		# in the calendar of each of the circle (Frappe's calendar lists events shared with a user)
		end = add_to_date(starts, days=1)
		for employee in (self.lead, *self.members):
			user = builders.user_of(employee)
			with self.subTest(employee), as_user(user):
				self.assertIn(event, [e.name for e in get_events(str(now_datetime()), str(end))])
		with as_user(builders.user_of(self.stranger)):
			self.assertNotIn(event, [e.name for e in get_events(str(now_datetime()), str(end))])
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Mentoring Circle", self.circle).schedule_checkin(str(starts))
			# nor may anyone outside the circle make an Event that claims it
			with self.assertRaisesRegex(frappe.PermissionError, "pairings and circles you can open"):
				frappe.get_doc(
					{
						"doctype": "Event",
						"subject": "Forged",
						"starts_on": starts,
						"event_type": "Private",
						"event_participants": [
							{"reference_doctype": "Mentoring Circle", "reference_docname": self.circle}
						],
					}
				).insert()
		with as_user(self.manager), self.assertRaisesRegex(frappe.ValidationError, "5 minutes and 8 hours"):
			frappe.get_doc("Mentoring Circle", self.circle).schedule_checkin(str(starts), 600)


class TestCircleScores(CircleOfThree):
	"""A circle's sessions become its mentor's and members' scores in their Frappe HR appraisals,
	combined with a pairing's for a mentor in both formats (docs/design.md §3, "Circles")."""

	def setUp(self):
		super().setUp()
		program = frappe.db.get_value("Mentoring Circle", self.circle, "program")
		frappe.db.set_value("Mentoring Program", program, "format", "Both")
		started = add_days(today(), -56)  # 57 days at a 14-day cadence: 4 sessions expected
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", started)
		self.solo = builders.employee("gsolo", department=builders.department("Operations"))
		builders.pairing(program, self.lead, self.solo, start_date=started)
		self.program = program
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle([self.lead, self.solo, *self.members], template).name

	def confirm(self, checkin, by, **rating):
		with as_user(builders.user_of(by)):
			doc = frappe.get_doc("Mentoring Check-in", checkin)
			if rating:
				doc.update(rating).save()
			doc.confirm()

	def goal(self, member, **fields):
		with as_user(builders.user_of(member)):
			return circle_goal(self.circle, **fields).name

	def score(self, employee, role):
		return frappe.get_doc(
			"Mentoring Score", {"employee": employee, "role": role, "appraisal_cycle": self.cycle}
		)

	def test_sessions_held_and_attended_reach_the_appraisals(self):
		m = self.members
		# 1: a member logs it with an agenda and her rating; the mentor confirms
		one = self.log(m[0], [self.lead, m[1]], checkin_date=add_days(today(), -50), agenda="Pricing")
		frappe.db.set_value("Mentoring Check-in", one.name, "mentee_rating", 0.8)
		self.confirm(one.name, self.lead)
		# 2: the mentor logs it with his rating; everyone came; a member confirms and rates it
		two = self.log(self.lead, [*m], checkin_date=add_days(today(), -36), mentor_rating=0.6)
		self.confirm(two.name, m[1], mentee_rating=1.0)
		# 3: disputed by the one member who came, so it does not count
		three = self.log(self.lead, [m[2]], checkin_date=add_days(today(), -22))
		with as_user(builders.user_of(m[2])):
			frappe.get_doc("Mentoring Check-in", three.name).dispute("We did not meet")

		# members' own goals: hers at 50% (the mentor rates it 0.8), his at 100% and 20%, none for m[2]
		mine = self.goal(m[0], progress=50)
		self.goal(m[1], progress=100)
		self.goal(m[1], progress=20)
		with as_user(builders.user_of(self.lead)):
			frappe.get_doc("Mentoring Goal", mine).update({"mentor_rating": 0.8}).save()

		summary = sync_scores(program=self.program)
		self.assertEqual((summary.created, summary.skipped, summary.failed), (5, [], []))

		# By hand (docs/design.md §3): 4 sessions expected, 1 and 2 counted.
		# The mentor: the circle's cadence 2/4, the members' goal progress (0.5, 0.6 and 0)
		# averaged, their ratings 0.8 and 1.0 pooled (40, 30 and 30); the pairing with no check-ins
		# and no goals scores 0; both were active 57 days, so each weighs half.
		circle = 0.5 * 0.40 + (0.5 + 0.6 + 0) / 3 * 0.30 + 0.9 * 0.30
		# Members: cadence is what they attended, goal progress their own goals', ownership what
		# they logged or came to with an agenda (30, 40 and 15); the assessment (15) applies to hers
		# alone: the session rating 0.6 and her goal's 0.8. She logged 1 (2 was the mentor's,
		# without agenda); he came to 1 with its agenda.
		expected = {
			(self.lead, "Mentor"): (29.0, 1, 1),
			(self.solo, "Mentee"): (0.0, 1, 0),
			(m[0], "Mentee"): (53.0, 0, 1),
			(m[1], "Mentee"): (54.7, 0, 1),
			(m[2], "Mentee"): (8.8, 0, 1),
		}
		self.assertEqual(round(circle / 2 * 100, 1), 29.0)
		self.assertEqual(round((0.5 * 30 + 0.5 * 40 + 0.5 * 15 + 0.7 * 15), 1), 53.0)
		self.assertEqual(round((0.5 * 30 + 0.6 * 40 + 0.5 * 15) / 85 * 100, 1), 54.7)
		self.assertEqual(round((0.25 * 30) / 85 * 100, 1), 8.8)
		got = {}
		for employee, role in expected:
			score = self.score(employee, role)
			got[(employee, role)] = (score.score, score.pairings, score.circles)
			goal = frappe.get_doc("Goal", score.hrms_goal)
			self.assertEqual((goal.kra, goal.employee, goal.progress), ("Mentoring", employee, score.score))
		self.assertEqual(got, expected)
		self.assertFalse(self.score(m[1], "Mentee").mentor_assessment_applies)

		# the member's appraisal carries the circle's score under the Mentoring KRA
		appraisal = builders.appraisal_of(m[1], self.cycle)
		row = next(r for r in appraisal.appraisal_kra if r.kra == "Mentoring")
		self.assertAlmostEqual(row.goal_completion, expected[(m[1], "Mentee")][0])
		# the Mentoring KPI report says what each score comes from
		_columns, rows = mentoring_kpi.execute({"program": self.program})
		self.assertEqual(
			{(r["employee"], r["role"]): (r["pairings"], r["circles"]) for r in rows},
			{key: value[1:] for key, value in expected.items()},
		)
		# a second run changes nothing
		again = sync_scores(program=self.program)
		self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 5))

	def test_the_appraisal_section_shows_the_circle_and_its_score(self):
		m = self.members
		self.log(m[0], [self.lead, m[1]], checkin_date=add_days(today(), -50), agenda="Secret agenda")
		hers, his = self.goal(m[0], title="Her goal"), self.goal(m[1], title="His goal")
		sync_scores(program=self.program)
		appraisal = builders.appraisal_of(m[1], self.cycle).name
		# the member and her line manager see the circle and the score it makes; never a check-in
		for user in (builders.user_of(m[1]), builders.user_of(self.boss)):
			with as_user(user):
				data = get_appraisal_mentoring(appraisal)
			self.assertEqual(
				[(c.name, c.role, c.status) for c in data["circles"]], [(self.circle, "Member", "Active")]
			)
			self.assertEqual([(s.role, s.pairings, s.circles) for s in data["scores"]], [("Mentee", 0, 1)])
			self.assertNotIn("Secret agenda", frappe.as_json(data))
			# his own goal in the circle; never another member's, even to a manager of both
			self.assertEqual([g.name for g in data["goals"]], [his])
		# the mentor's appraisal lists the circle he leads
		with as_user(builders.user_of(self.lead)):
			data = get_appraisal_mentoring(builders.appraisal_of(self.lead, self.cycle).name)
		self.assertEqual([(c.name, c.role) for c in data["circles"]], [(self.circle, "Mentor")])
		self.assertEqual(sorted(g.name for g in data["goals"] if g.circle), sorted([hers, his]))
		self.assertEqual([(s.pairings, s.circles) for s in data["scores"]], [(1, 1)])


class TestCircleHealth(CircleOfThree):
	"""A circle's health follows its meetings as a pairing's does, daily and when a check-in moves."""

	def health(self):
		return frappe.db.get_value("Mentoring Circle", self.circle, ["health", "health_reason"])

	def test_health_follows_the_circles_meetings(self):
		self.assertEqual(self.health(), ("On Track", "Next check-in due in 14 days"))
		# started 20 days ago and never met: the daily job finds it 6 days overdue
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", add_days(today(), -20))
		jobs.run(jobs.DAILY)
		self.assertEqual(self.health(), ("At Risk", "No check-in in the first 20 days"))
		# a meeting logged today puts it back on track at once
		checkin = self.log(self.members[0], [self.lead], checkin_date=today())
		self.assertEqual(self.health(), ("On Track", "Next check-in due in 14 days"))
		# disputed, it no longer counts
		with as_user(builders.user_of(self.lead)):
			frappe.get_doc("Mentoring Check-in", checkin.name).dispute("We did not meet")
		self.assertEqual(self.health()[0], "At Risk")
		# a meeting one of them schedules counts as the next one due
		with as_user(builders.user_of(self.lead)):
			frappe.get_doc("Mentoring Circle", self.circle).schedule_checkin(
				str(add_to_date(now_datetime(), days=3))
			)
		health_service.refresh_circles([self.circle])
		self.assertEqual(self.health(), ("On Track", "Next check-in due in 3 days"))
		# a paused circle has no health
		with as_user(self.manager):
			frappe.get_doc("Mentoring Circle", self.circle).set_status("Paused")
		self.assertEqual(self.health(), (None, None))


class TestCircleGoals(CircleOfThree):
	"""Each member keeps their own goals in the circle: theirs to write, the mentors' to rate, their
	manager's to read; never the other members'."""

	def test_a_member_sets_her_own_goal_and_only_its_people_read_it(self):
		m = self.members
		with as_user(builders.user_of(m[0])):
			goal = circle_goal(self.circle, progress=30)
		self.assertEqual(
			(goal.mentee, goal.mentor, goal.program, goal.mentee_name),
			(
				m[0],
				self.lead,
				frappe.db.get_value("Mentoring Circle", self.circle, "program"),
				goal.mentee_name,
			),
		)
		self.assertTrue(goal.mentee_name)
		readers = ((m[0], True), (self.lead, True), (self.boss, True), (m[1], False), (self.stranger, False))
		for employee, reads in readers:
			with self.subTest(employee), as_user(builders.user_of(employee)):
				listed = frappe.get_list("Mentoring Goal", filters={"circle": self.circle}, pluck="name")
				self.assertEqual(goal.name in listed, reads)
				self.assertEqual(bool(frappe.has_permission("Mentoring Goal", doc=goal.name)), reads)
		# the mentor rates it but does not rewrite it; another member cannot touch it
		with as_user(builders.user_of(self.lead)):
			frappe.get_doc("Mentoring Goal", goal.name).update({"mentor_rating": 0.8}).save()
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Mentoring Goal", goal.name).update({"title": "Mine now"}).save()
		with as_user(builders.user_of(m[1])), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Goal", goal.name).update({"progress": 90}).save()
		# achieved: she, the mentor and her manager hear of it, not the other members
		with as_user(builders.user_of(m[0])):
			frappe.get_doc("Mentoring Goal", goal.name).update({"progress": 100}).save()
		told = set(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "Mentoring Goal", "document_name": goal.name},
				pluck="for_user",
			)
		)
		self.assertEqual(told, {builders.user_of(e) for e in (m[0], self.lead, self.boss)})

	def test_the_new_forms_offer_a_member_what_they_may_write(self):
		with as_user(builders.user_of(self.members[0])):
			goal = editable_fields("Mentoring Goal", circle=self.circle)
			checkin = editable_fields("Mentoring Check-in", circle=self.circle)
		self.assertIn("title", goal)
		self.assertNotIn("mentor_rating", goal)
		self.assertTrue({"attendance", "agenda", "mentee_rating"} <= set(checkin))
		with as_user(builders.user_of(self.lead)):
			self.assertNotIn("title", editable_fields("Mentoring Goal", circle=self.circle))
		with as_user(builders.user_of(self.stranger)):
			self.assertEqual(editable_fields("Mentoring Goal", circle=self.circle), [])

	def test_who_may_set_a_circle_goal_and_where(self):
		# refused in plain words: neither the circle's mentor, a stranger nor a program manager
		for user in (builders.user_of(self.stranger), builders.user_of(self.lead), self.manager):
			with (
				self.subTest(user),
				as_user(user),
				self.assertRaisesRegex(frappe.PermissionError, "mentee|member"),
			):
				circle_goal(self.circle)
		with (
			as_user(builders.user_of(self.stranger)),
			self.assertRaisesRegex(frappe.ValidationError, "only a member"),
		):
			frappe.get_doc({"doctype": "Mentoring Goal", "circle": self.circle, "title": "Not mine"}).insert(
				ignore_permissions=True
			)
		program = frappe.db.get_value("Mentoring Circle", self.circle, "program")
		pairing = builders.pairing(program, self.lead, self.stranger).name
		with (
			as_user(builders.user_of(self.stranger)),
			self.assertRaisesRegex(frappe.ValidationError, "not both"),
		):
			frappe.get_doc(
				{"doctype": "Mentoring Goal", "circle": self.circle, "pairing": pairing, "title": "Both"}
			).insert(ignore_permissions=True)
		with as_user(self.manager):
			frappe.get_doc("Mentoring Circle", self.circle).set_status("Paused")
		with (
			as_user(builders.user_of(self.members[0])),
			self.assertRaisesRegex(frappe.ValidationError, "Goals need an Active circle"),
		):
			circle_goal(self.circle)


class TestCircleEngagement(CircleOfThree):
	"""The daily reminders, the weekly messages and the workspace reach a circle as a pair."""

	def test_the_daily_reminders_tell_the_circle_its_check_in_is_due_and_who_came_to_confirm(self):
		m = self.members
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", add_days(today(), -20))
		reminders.send_daily_reminders()
		self.assertEqual(self.reminded("checkin_overdue"), {builders.user_of(e) for e in (self.lead, *m)})
		# a check-in logged by a member, the lead and one other member there, waits three days
		checkin = self.log(m[0], [self.lead, m[1]], checkin_date=add_days(today(), -3))
		frappe.db.set_value("Mentoring Check-in", checkin.name, "submitted_on", add_days(today(), -3))
		reminders.send_daily_reminders()
		self.assertEqual(
			self.reminded("confirm", checkin.name), {builders.user_of(e) for e in (self.lead, m[1])}
		)
		email = builders.queued_emails(builders.user_of(m[1]))[-1]
		self.assertIn("Confirm or dispute the check-in", email.text)

	def test_a_circle_gone_stale_is_told_to_its_program_manager_once(self):
		program = frappe.db.get_value("Mentoring Circle", self.circle, "program")
		frappe.db.set_value("Mentoring Program", program, "program_manager", self.manager)
		# fortnightly, and no check-in in the 45 days since it started: three periods and more
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", add_days(today(), -45))
		reminders.send_daily_reminders()
		self.assertEqual(self.reminded("stale"), {self.manager})
		bell = frappe.get_all(
			"Notification Log",
			{"for_user": self.manager, "document_type": "Mentoring Circle"},
			pluck="subject",
		)
		self.assertEqual(len([b for b in bell if "has had no check-in for 3 periods" in b]), 1)
		reminders.send_daily_reminders()  # once a spell: not again the next run
		self.assertEqual(
			frappe.db.count("Mentoring Reminder Log", {"kind": "stale", "reference_name": self.circle}), 1
		)

	def reminded(self, kind, name=None):
		return set(
			frappe.get_all(
				"Mentoring Reminder Log",
				filters={"kind": kind, "reference_name": name or self.circle},
				pluck="user",
			)
		)

	def test_the_members_manager_reads_the_circles_figures_in_the_weekly_digest(self):
		m = self.members
		self.goal_of(m[0], 40)
		self.goal_of(m[1], 80)
		self.log(m[0], [self.lead, m[1]], private_notes="Circle secret", agenda="Circle agenda")
		self.assertIn(builders.user_of(self.boss), digests.send_manager_digests(today()))
		email = builders.queued_emails(builders.user_of(self.boss))[-1]
		title = frappe.db.get_value("Mentoring Circle", self.circle, "title")
		# a row per member: the circle, its health, the sessions held and their own goals' progress
		self.assertEqual(email.text.count(title), 3)
		self.assertEqual(email.text.count("Circle member"), 3)
		for figures in ("40.0%", "80.0%", "1 / 0"):
			self.assertIn(figures, email.text)
		for secret in ("Circle secret", "Circle agenda"):
			self.assertNotIn(secret, email.body)

	def goal_of(self, member, progress):
		with as_user(builders.user_of(member)):
			circle_goal(self.circle, progress=progress)

	def test_the_program_briefing_counts_the_circle_and_names_it_when_at_risk(self):
		program = frappe.db.get_value("Mentoring Circle", self.circle, "program")
		frappe.db.set_value("Mentoring Program", program, "program_manager", self.manager)
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", add_days(today(), -20))
		health_service.refresh_circles([self.circle])
		self.goal_of(self.members[0], 40)
		self.assertIn(self.manager, digests.send_leader_briefings(today()))
		brief = builders.queued_emails(self.manager)[-1]
		# a circle only: its health, the one session it was expected to hold and its goals
		self.assertIn("On Track: 0 · Needs Attention: 0 · At Risk: 1", brief.text)
		self.assertIn("0 of 1 expected check-ins held (0.0%)", brief.text)
		self.assertIn("Mean goal progress: 40.0%", brief.text)
		self.assertIn(f"/app/mentoring-circle/{self.circle}", brief.body)

	def test_the_workspace_card_counts_the_active_circles_each_may_read(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Active Mentoring Circles").as_dict()
		everyone = frappe.db.count("Mentoring Circle", {"status": "Active"})
		for user, count in (
			(self.manager, everyone),
			(builders.user_of(self.members[0]), 1),
			(builders.user_of(self.boss), 1),
			(builders.user_of(self.stranger), 0),
		):
			with self.subTest(user), as_user(user):
				self.assertEqual(get_result(card, "[]"), count)

	def test_program_health_has_a_row_for_the_circle_for_whoever_reads_it(self):
		from mentorship_hr.mentorship_hr.report.mentoring_program_health import mentoring_program_health

		program = frappe.db.get_value("Mentoring Circle", self.circle, "program")
		frappe.db.set_value("Mentoring Circle", self.circle, "start_date", add_days(today(), -20))
		self.goal_of(self.members[0], 40)
		self.log(self.members[0], [self.lead, self.members[1]])
		for user, shown in (
			(self.manager, True),
			(builders.user_of(self.members[2]), True),
			(builders.user_of(self.boss), True),
			(builders.user_of(self.stranger), False),
		):
			with self.subTest(user), as_user(user):
				columns, data, _message, chart, _summary = mentoring_program_health.execute(
					{"program": program}
				)
			rows = [r for r in data if r.get("circle") == self.circle]
			self.assertEqual(bool(rows), shown)
			if shown:
				(row,) = rows
				# met once in the 20 days of a fortnightly circle, a member's goal at 40%
				self.assertEqual(
					(row["health"], row["checkins_held"], row["checkins_expected"], row["goal_progress"]),
					("On Track", 1, 1, 40.0),
				)
				self.assertIn("(3 members)", row["mentee_name"])
				self.assertIn("circle", [c["fieldname"] for c in columns])
			# the health donut counts pairings only
			self.assertEqual(sum(chart["data"]["datasets"][0]["values"]), 0)
