# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt
"""Mentoring duties become scored KPIs in real Frappe HR appraisals (docs/design.md §3)."""

import frappe
from frappe.utils import add_days, today

from mentorship_hr.kpi.score_sync import _load, sync_scores
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

KRA = "Mentoring"


class TestScoresInAppraisals(MentoringTestCase):
	"""A pairing of 57 days (14-day cadence, so 4 check-ins expected) scored into a cycle with Mentoring at 20%."""

	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -56))
		template = builders.appraisal_template({"Quality": 80, KRA: 20})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee], template).name

		with as_user(self.mentee_user):
			self.goal_a = builders.goal(self.pairing.name, progress=50).name
			builders.goal(self.pairing.name, progress=100)
			builders.goal(self.pairing.name, progress=10, status="Dropped")
		with as_user(self.mentor_user):
			frappe.get_doc("Mentoring Goal", self.goal_a).update({"mentor_rating": 0.8}).save()

		# 1: mentee-logged, with agenda; the mentor confirms and rates the session 3 stars
		self.log("mentee", -50, agenda="Pricing negotiation", mentee_rating=0.8)
		self.respond("mentor", "confirm", mentor_rating=0.6)
		# 2: mentor-logged, no agenda; the mentee confirms
		self.log("mentor", -36)
		self.respond("mentee", "confirm", mentee_rating=0.6)
		# 3: mentee-logged; the mentor confirms
		self.log("mentee", -22, mentee_rating=1.0)
		self.respond("mentor", "confirm")
		# 4: mentor-logged; the mentee disputes it, so it must not count
		self.log("mentor", -8)
		self.respond("mentee", "dispute")

	def log(self, side, days_ago, **fields):
		with as_user(self.mentee_user if side == "mentee" else self.mentor_user):
			self.last = builders.checkin(self.pairing.name, add_days(today(), days_ago), **fields).name

	def respond(self, side, action, **rating):
		with as_user(self.mentee_user if side == "mentee" else self.mentor_user):
			doc = frappe.get_doc("Mentoring Check-in", self.last)
			if rating:
				doc.update(rating).save()
			doc.confirm() if action == "confirm" else doc.dispute("We did not meet")

	def mentoring_row(self, employee):
		appraisal = builders.appraisal_of(employee, self.cycle)
		return appraisal, next(row for row in appraisal.appraisal_kra if row.kra == KRA)

	def test_scores_reach_the_appraisals(self):
		summary = sync_scores(program=self.program.name)
		self.assertEqual(
			(summary.created, summary.updated, summary.skipped, summary.warnings), (2, 0, [], [])
		)

		# By hand, docs/design.md §3. Counted: check-ins 1-3 (4 is disputed); expected 57 // 14 = 4.
		cadence = 3 / 4
		goal_progress = (50 + 100) / 2 / 100  # the dropped goal is left out
		mentee_feedback = (0.8 + 0.6 + 1.0) / 3  # the mentee's ratings of counted sessions
		ownership = 2 / 3  # 1 and 3 are mentee-logged; 2 is neither
		mentor_assessment = (0.8 + 0.6) / 2  # goal A's rating and the mentor's session rating
		mentor_score = round((0.40 * cadence + 0.30 * goal_progress + 0.30 * mentee_feedback) * 100, 1)
		mentee_score = round(
			(0.30 * cadence + 0.40 * goal_progress + 0.15 * ownership + 0.15 * mentor_assessment) * 100, 1
		)
		self.assertEqual((mentor_score, mentee_score), (76.5, 73.0))

		for employee, role, expected in (
			(self.mentor, "Mentor", mentor_score),
			(self.mentee, "Mentee", mentee_score),
		):
			score = frappe.get_doc(
				"Mentoring Score", {"employee": employee, "role": role, "appraisal_cycle": self.cycle}
			)
			self.assertEqual((score.score, score.counted_checkins, score.expected_checkins), (expected, 3, 4))
			self.assertEqual(score.cadence, 75)

			goal = frappe.get_doc("Goal", score.hrms_goal)
			self.assertEqual(
				(goal.kra, goal.appraisal_cycle, goal.employee, goal.progress),
				(KRA, self.cycle, employee, expected),
			)

			appraisal, row = self.mentoring_row(employee)
			self.assertEqual(row.per_weightage, 20)
			self.assertAlmostEqual(row.goal_completion, expected)
			self.assertAlmostEqual(row.goal_score, expected * 20 / 100)
			# Quality has no goals, so the appraisal's total is the mentoring share alone, out of 5
			self.assertAlmostEqual(appraisal.total_score, expected * 20 / 100 / 20, places=3)

	def test_running_twice_changes_nothing(self):
		sync_scores(program=self.program.name)
		appraisal, _row = self.mentoring_row(self.mentor)
		before = frappe.get_all("Goal", filters={"appraisal_cycle": self.cycle}, fields=["name", "modified"])
		summary = sync_scores(program=self.program.name)
		self.assertEqual((summary.created, summary.updated, summary.unchanged), (0, 0, 2))
		self.assertEqual(
			frappe.get_all("Goal", filters={"appraisal_cycle": self.cycle}, fields=["name", "modified"]),
			before,
		)
		self.assertEqual(frappe.db.count("Mentoring Score", {"program": self.program.name}), 2)
		self.assertEqual(builders.appraisal_of(self.mentor, self.cycle).modified, appraisal.modified)

	def test_resolving_the_dispute_counts_the_check_in(self):
		sync_scores(program=self.program.name)
		with as_user(builders.user_with_roles("Mentoring Program Manager")):
			frappe.get_doc("Mentoring Check-in", self.last).confirm()
		summary = sync_scores(program=self.program.name)
		self.assertEqual(summary.updated, 2)
		# cadence is now 4/4; the mentor's feedback mean is unchanged (check-in 4 has no mentee rating)
		_appraisal, row = self.mentoring_row(self.mentor)
		self.assertAlmostEqual(row.goal_completion, round((0.4 * 1 + 0.3 * 0.75 + 0.3 * 0.8) * 100, 1))
		_appraisal, row = self.mentoring_row(self.mentee)
		self.assertAlmostEqual(
			row.goal_completion, round((0.3 + 0.4 * 0.75 + 0.15 * 2 / 4 + 0.15 * 0.7) * 100, 1)
		)

	def test_completed_cycle_is_left_alone(self):
		sync_scores(program=self.program.name)
		goal = frappe.get_value(
			"Mentoring Score", {"employee": self.mentor, "appraisal_cycle": self.cycle}, "hrms_goal"
		)
		progress = frappe.db.get_value("Goal", goal, "progress")
		frappe.db.set_value("Appraisal Cycle", self.cycle, "status", "Completed")
		with as_user(builders.user_with_roles("Mentoring Program Manager")):
			frappe.get_doc("Mentoring Check-in", self.last).confirm()  # would raise the score
		summary = sync_scores(program=self.program.name)
		self.assertEqual((summary.created, summary.updated), (0, 0))
		self.assertEqual(summary.skipped[0]["reason"], "the cycle is Completed")
		self.assertEqual(frappe.db.get_value("Goal", goal, "progress"), progress)

	def test_missing_appraisal_and_inactive_employee_are_skipped_and_reported(self):
		mentee2 = builders.employee("mentee2")
		mentee3 = builders.employee("mentee3")
		builders.pairing(self.program.name, self.mentor, mentee2, start_date=add_days(today(), -30))
		other_mentor = builders.employee("mentor3", department=builders.department("Sales"))
		builders.pairing(self.program.name, other_mentor, mentee3, start_date=add_days(today(), -30))
		frappe.db.set_value("Employee", mentee3, "status", "Inactive")

		summary = sync_scores(program=self.program.name)
		reasons = {(s["employee"], s["role"]): s["reason"] for s in summary.skipped}
		self.assertEqual(reasons[(mentee2, "Mentee")], "no appraisal in this cycle")
		self.assertEqual(reasons[(mentee3, "Mentee")], "the employee is not Active")
		self.assertEqual(reasons[(other_mentor, "Mentor")], "no appraisal in this cycle")
		names = {s["employee"]: s["employee_name"] for s in summary.skipped}
		self.assertEqual(names[mentee2], frappe.db.get_value("Employee", mentee2, "employee_name"))
		self.assertFalse(
			frappe.db.exists("Mentoring Score", {"employee": ("in", [mentee2, mentee3, other_mentor])})
		)
		self.assertFalse(frappe.db.exists("Goal", {"employee": ("in", [mentee2, mentee3, other_mentor])}))
		self.assertEqual(summary.created, 2)  # the mentor's score still covers both their mentees

	def test_appraisal_without_the_kra_is_warned_about(self):
		template = builders.appraisal_template({"Quality": 100})
		cycle = builders.appraisal_cycle([self.mentee], template, start_date=add_days(today(), -20)).name
		summary = sync_scores(program=self.program.name, appraisal_cycle=cycle)
		self.assertEqual(summary.created, 1)
		self.assertIn("has no Mentoring KRA", summary.warnings[0]["reason"])

	def test_only_program_managers_and_hr_may_sync(self):
		with as_user(self.mentor_user), self.assertRaises(frappe.PermissionError):
			self.program.sync_scores()
		hr = builders.user_with_roles("HR Manager")
		with as_user(hr):
			result = self.program.sync_scores()  # queued on the long queue; see test_sync_jobs
		self.assertTrue(result["queued"])
		log = frappe.get_doc("Mentoring Sync Log", result["log"])
		self.assertEqual((log.program, log.status, log.requested_by), (self.program.name, "Queued", hr))


class SyncedScoreTestCase(MentoringTestCase):
	"""A 30-day pairing synced into a cycle with Mentoring at 20%: the mentee's score and its Goal."""

	def setUp(self):
		super().setUp()
		self.pairing.db_set("start_date", add_days(today(), -30))
		template = builders.appraisal_template({"Quality": 80, KRA: 20})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee], template).name
		sync_scores(program=self.program.name)
		self.mentee_score, self.goal = frappe.db.get_value(
			"Mentoring Score", {"employee": self.mentee, "appraisal_cycle": self.cycle}, ["name", "hrms_goal"]
		)


class TestScoreVisibility(SyncedScoreTestCase):
	def test_employee_reads_own_score_manager_reads_reports(self):
		with as_user(self.mentee_user):
			self.assertEqual(frappe.get_list("Mentoring Score", pluck="name"), [self.mentee_score])
		with as_user(builders.user_of(self.mentee_manager)):
			self.assertEqual(frappe.get_list("Mentoring Score", pluck="name"), [self.mentee_score])
			self.assertTrue(frappe.has_permission("Mentoring Score", "read", self.mentee_score))
		with as_user(builders.user_of(self.stranger)):
			self.assertEqual(frappe.get_list("Mentoring Score", pluck="name"), [])
			self.assertFalse(frappe.has_permission("Mentoring Score", "read", self.mentee_score))
		with as_user(self.mentor_user):
			self.assertNotIn(self.mentee_score, frappe.get_list("Mentoring Score", pluck="name"))

	def test_nobody_edits_a_score(self):
		for user in (self.mentee_user, builders.user_with_roles("HR Manager")):
			self.assertFalse(frappe.has_permission("Mentoring Score", "write", self.mentee_score, user=user))

	def test_appraisal_form_section_never_shows_notes(self):
		with as_user(self.mentee_user):
			builders.checkin(self.pairing.name, private_notes="Confidential: thinking of leaving")
		from mentorship_hr.kpi.appraisal_tools import get_appraisal_mentoring

		appraisal = builders.appraisal_of(self.mentee, self.cycle).name
		with as_user(self.mentee_user):
			data = get_appraisal_mentoring(appraisal)
		self.assertEqual([s.role for s in data["scores"]], ["Mentee"])
		self.assertEqual(data["pairings"][0].name, self.pairing.name)
		self.assertNotIn("Confidential", frappe.as_json(data))
		with as_user(builders.user_of(self.stranger)), self.assertRaises(frappe.PermissionError):
			get_appraisal_mentoring(appraisal)


class TestSyncQueryCount(MentoringTestCase):
	def test_reads_do_not_grow_with_pairings(self):
		def program_with(pairings: int) -> str:
			program = builders.program(max_mentees_per_mentor=pairings).name
			for _i in range(pairings):
				pairing = builders.pairing(program, self.mentor, builders.employee_without_user())
				builders.goal(pairing.name, progress=30)
				builders.checkin(pairing.name, confirmation_status="Confirmed")
			return program

		def selects(program: str) -> int:
			before = _questions()
			_load(program, None)
			return _questions() - before

		small, large = program_with(2), program_with(20)
		selects(small)  # warm the metadata caches
		small_count, large_count = selects(small), selects(large)
		self.assertGreater(small_count, 5)
		self.assertEqual(small_count, large_count)


def _questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1]) - 1


class TestScoreGoalGuard(SyncedScoreTestCase):
	"""The HRMS Goal that carries a score changes only through the sync."""

	def setUp(self):
		super().setUp()
		self.stored = frappe.db.get_value("Goal", self.goal, ["progress", "status"], as_dict=True)

	def test_the_employee_cannot_rescore_archive_or_delete_it(self):
		from hrms.hr.doctype.goal.goal import update_progress, update_status

		with as_user(self.mentee_user):
			with self.assertRaisesRegex(frappe.PermissionError, "carries a mentoring score"):
				update_progress(100, self.goal)
			with self.assertRaisesRegex(frappe.PermissionError, "carries a mentoring score"):
				update_status("Archived", [self.goal])
			with self.assertRaisesRegex(frappe.ValidationError, "Delete its Mentoring Score first"):
				frappe.delete_doc("Goal", self.goal)
		self.assertEqual(
			frappe.db.get_value("Goal", self.goal, ["progress", "status"], as_dict=True), self.stored
		)

	def test_the_next_sync_restores_what_slipped_past(self):
		frappe.db.set_value("Goal", self.goal, {"progress": 100, "status": "Closed"})
		sync_scores(program=self.program.name)
		self.assertEqual(
			frappe.db.get_value("Goal", self.goal, ["progress", "status"], as_dict=True), self.stored
		)

	def test_one_failing_program_does_not_stop_the_sync(self):
		other = builders.program()
		mentor = builders.employee(department=builders.department("Sales"))
		builders.pairing(other.name, mentor, builders.employee())
		# a KRA that no longer exists makes this program's goals fail to save
		frappe.db.set_value("Mentoring Program", self.program.name, "kra", "No Such KRA")
		summary = sync_scores()
		self.assertEqual([f["program"] for f in summary.failed], [self.program.name])
		self.assertIn(other.name, [s["program"] for s in summary.skipped])  # the sync went on
		self.assertEqual(frappe.db.get_value("Goal", self.goal, "kra"), KRA)  # nothing half-written
		self.assertTrue(frappe.db.exists("Error Log", {"method": ("like", f"%{self.program.name}%")}))
