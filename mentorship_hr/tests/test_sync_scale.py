"""The batched score sync: the same appraisal numbers as Frappe HR's one-by-one path, writes that
grow in batches, and the background job with its log."""

import frappe
from frappe.utils import add_days, today
from frappe.utils.background_jobs import get_job

from mentorship_hr.kpi.score_sync import sync_scores
from mentorship_hr.kpi.sync_jobs import job_id, queue_sync
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user

APPRAISAL_NUMBERS = ("goal_score_percentage", "total_score", "final_score")


def numbers(appraisal: str) -> dict:
	doc = frappe.get_doc("Appraisal", appraisal)
	return {
		**{f: doc.get(f) for f in APPRAISAL_NUMBERS},
		"kras": [(r.kra, r.per_weightage, r.goal_completion, r.goal_score) for r in doc.appraisal_kra],
		"goals": [(r.kra, r.score) for r in doc.goals],
	}


def questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


class TestBatchedEqualsHRMS(MentoringTestCase):
	"""Two mentees of one mentor, three KRAs, other goals of their own, and a Manual Rating cycle."""

	def setUp(self):
		super().setUp()
		self.mentee2 = builders.employee("mentee2")
		second = builders.pairing(self.program.name, self.mentor, self.mentee2)
		for pairing, progress in ((self.pairing.name, 40), (second.name, 75)):
			with as_user(builders.user_of(frappe.db.get_value("Mentoring Pairing", pairing, "mentee"))):
				builders.goal(pairing, progress=progress)
		people = [self.mentor, self.mentee, self.mentee2]
		template = builders.appraisal_template({"Quality": 50, "Development": 30, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle(people, template).name
		for employee, kra, progress in (
			(self.mentor, "Quality", 90),
			(self.mentor, "Quality", 30),
			(self.mentee, "Quality", 55),
			(self.mentee, "Development", 10),
			(self.mentee2, "Development", 100),
		):
			self.goal_for(employee, kra, progress, self.cycle)
		manual_template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.manual = builders.appraisal_cycle(
			people, manual_template, kra_evaluation_method="Manual Rating", start_date=add_days(today(), -59)
		).name
		self.people = people

	def goal_for(self, employee, kra, progress, cycle):
		frappe.get_doc(
			{
				"doctype": "Goal",
				"goal_name": builders.unique("Goal"),
				"employee": employee,
				"kra": kra,
				"appraisal_cycle": cycle,
				"progress": progress,
			}
		).insert()

	def appraisals(self, cycle):
		return frappe.get_all("Appraisal", {"appraisal_cycle": cycle}, pluck="name", order_by="name")

	def test_the_batched_numbers_are_what_hrms_computes_one_goal_at_a_time(self):
		manual_before = {a: numbers(a) for a in self.appraisals(self.manual)}
		summary = sync_scores(program=self.program.name)
		self.assertEqual(summary.created, 6)  # 3 people x 2 cycles
		batched = {a: numbers(a) for a in self.appraisals(self.cycle)}
		self.assertTrue(all(n["kras"][2][2] > 0 for n in batched.values()))  # the Mentoring row moved

		# Frappe HR's own path: save each mentoring Goal, which recomputes its appraisal
		for goal in frappe.get_all("Mentoring Score", {"appraisal_cycle": self.cycle}, pluck="hrms_goal"):
			doc = frappe.get_doc("Goal", goal)
			doc.flags.from_mentoring_sync = True
			doc.save()
		self.assertEqual({a: numbers(a) for a in self.appraisals(self.cycle)}, batched)
		self.assertEqual({a: numbers(a) for a in self.appraisals(self.manual)}, manual_before)

	def test_the_goal_tree_stays_valid(self):
		sync_scores(program=self.program.name)
		from frappe.utils.nestedset import rebuild_tree

		before = frappe.get_all("Goal", fields=["name", "lft", "rgt"], order_by="name")
		rebuild_tree("Goal")  # Frappe's own numbering of the whole tree
		after = frappe.get_all("Goal", fields=["name", "lft", "rgt"], order_by="name")
		spans = lambda rows: {r.name: r.rgt - r.lft for r in rows}  # noqa: E731
		self.assertEqual(spans(before), spans(after))
		self.assertEqual(len({r.lft for r in before}), len(before))

	def test_progress_is_reported_chunk_by_chunk(self):
		seen = []
		sync_scores(program=self.program.name, progress=seen.append)
		self.assertEqual(seen[-1], 100)
		self.assertEqual(seen, sorted(seen))

	def test_a_second_run_writes_nothing(self):
		sync_scores(program=self.program.name)
		before = questions()
		summary = sync_scores(program=self.program.name)
		self.assertEqual((summary.created, summary.updated, summary.unchanged), (0, 0, 6))
		self.assertLess(questions() - before, 40)


class TestWritesGrowInBatches(MentoringTestCase):
	def changed_scores_cost(self, mentees: int) -> int:
		"""Queries to write the first scores of a program with this many mentees of one mentor."""
		program = builders.program(max_mentees_per_mentor=mentees)
		frappe.db.set_value("Mentoring Program", program.name, "max_mentees_per_mentor", mentees)
		people = [builders.employee_without_user() for _ in range(mentees)]
		for mentee in people:
			builders.pairing(program.name, self.mentor, mentee)
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		builders.appraisal_cycle(people, template)
		before = questions()
		summary = sync_scores(program=program.name)
		self.assertEqual(summary.created, mentees, summary.failed)  # the mentor has no appraisal: skipped
		return questions() - before

	def test_twenty_and_two_hundred_changed_scores(self):
		small = self.changed_scores_cost(20)
		large = self.changed_scores_cost(200)
		# one by one this costs about 30 queries a score; batched, a handful per chunk
		self.assertLess(large - small, 60, (small, large))


class TestSyncJob(MentoringTestCase):
	def tearDown(self):
		job = get_job(job_id(self.program.name, None))
		if job:
			job.delete()
		super().tearDown()

	def test_a_second_request_while_one_is_queued_is_not_queued_again(self):
		first = queue_sync(self.program.name)
		# queue_sync enqueues after the commit that a test never makes: enqueue it as that would
		frappe.enqueue(
			"mentorship_hr.kpi.sync_jobs.run_sync",
			queue="long",
			job_id=job_id(self.program.name, None),
			deduplicate=True,
			log=first["log"],
		)
		second = queue_sync(self.program.name)
		self.assertEqual(second, {"queued": False, "log": first["log"]})

	def test_the_job_keeps_its_summary_on_the_log(self):
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		builders.appraisal_cycle([self.mentor, self.mentee], template)
		log = frappe.get_doc(
			{"doctype": "Mentoring Sync Log", "program": self.program.name, "requested_by": "Administrator"}
		).insert()
		from mentorship_hr.kpi.sync_jobs import run_sync

		run_sync(log.name, commit=False)
		log.reload()
		self.assertEqual((log.status, log.created_scores, log.failed_count), ("Completed", 2, 0))
		self.assertEqual(frappe.parse_json(log.details)["created"], 2)


class TestSyncSpreadOverWorkers(MentoringTestCase):
	"""A sync larger than one chunk runs as chunk jobs (here at once, one after the other, as
	tests run jobs); the log gathers them and the last one finishes the sync."""

	def setUp(self):
		super().setUp()
		self.mentee2 = builders.employee("spread-mentee")
		builders.pairing(self.program.name, self.mentor, self.mentee2)
		template = builders.appraisal_template({"Quality": 80, "Mentoring": 20})
		self.cycle = builders.appraisal_cycle([self.mentor, self.mentee, self.mentee2], template).name
		self.log = frappe.get_doc(
			{"doctype": "Mentoring Sync Log", "program": self.program.name, "requested_by": "Administrator"}
		).insert()

	def test_chunks_share_the_work_and_the_log_gathers_it(self):
		from mentorship_hr.kpi.sync_jobs import run_sync

		run_sync(self.log.name, commit=False, chunk_size=1)
		self.log.reload()
		# one chunk per appraisal: the mentor's two pairings make one score, written by one chunk
		self.assertEqual(
			(self.log.status, self.log.chunks, self.log.chunks_done, self.log.created_scores),
			("Completed", 3, 3, 3),
		)
		self.assertEqual(frappe.parse_json(self.log.details)["created"], 3)
		goals = frappe.get_all("Goal", {"appraisal_cycle": self.cycle, "kra": "Mentoring"}, pluck="employee")
		self.assertEqual(sorted(goals), sorted([self.mentor, self.mentee, self.mentee2]))

	def test_a_job_writes_several_chunks_and_the_last_job_finishes_the_sync(self):
		from unittest.mock import patch

		from mentorship_hr.kpi import sync_jobs

		# three chunks, two a job: the second job, of one chunk, sees all three done
		with patch.object(sync_jobs, "JOB_CHUNKS", 2):
			sync_jobs.run_sync(self.log.name, commit=False, chunk_size=1)
		self.log.reload()
		self.assertEqual(
			(self.log.status, self.log.chunks, self.log.chunks_done, self.log.created_scores),
			("Completed", 3, 3, 3),
		)

	def test_a_failing_chunk_is_tried_again_and_reported_without_redoing_the_others(self):
		from mentorship_hr.kpi import score_sync
		from mentorship_hr.kpi.sync_jobs import run_chunk

		work = score_sync.plan_sync(self.program.name, chunk_size=1)
		self.log.db_set({"status": "Running", "chunks": len(work.chunks), "chunks_done": 0, "details": "{}"})
		self.log.db_set("details", frappe.as_json({**work.summary, "kra_cycles": []}))
		# the chunk's Goal was deleted meanwhile: dropping it fails each time
		broken = work.chunks[0][0][2]
		broken.update(goal=frappe._dict(name="deleted goal"), goal_fields=None)
		for chunk in work.chunks:
			run_chunk(self.log.name, chunk, commit=False)
		self.log.reload()
		self.assertEqual(
			(self.log.status, self.log.chunks_done, self.log.created_scores, self.log.failed_count),
			("Completed", 3, 2, 1),
		)
		errors = frappe.get_all(
			"Error Log", {"reference_doctype": "Mentoring Sync Log", "reference_name": self.log.name}
		)
		self.assertEqual(len(errors), 1)  # reported once, after the second try
