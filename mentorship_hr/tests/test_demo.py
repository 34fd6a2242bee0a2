"""The demo command's data: built once, idempotent, and removed to the last record."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import check_password

from mentorship_hr.demo import dataset
from mentorship_hr.tests import builders


def footprint() -> dict:
	"""Everything the demo can leave behind, counted."""
	company = {"company": dataset.COMPANY}
	programs = frappe.get_all("Mentoring Program", company, pluck="name") or [""]
	sessions = frappe.get_all("Training Event", {"mentoring_program": ("in", programs)}, pluck="name")
	sessions = sessions or [""]
	return {
		"Company": frappe.db.count("Company", {"name": dataset.COMPANY}),
		"Employee": frappe.db.count("Employee", company),
		"User": frappe.db.count("User", {"name": ("like", f"%@{dataset.DOMAIN}")}),
		"Project": frappe.db.count("Project", company),
		"Mentoring Pairing": frappe.db.count("Mentoring Pairing", {"program": ("in", programs)}),
		"Mentoring Circle": frappe.db.count("Mentoring Circle", {"program": ("in", programs)}),
		"Mentoring Check-in": frappe.db.count("Mentoring Check-in", {"program": ("in", programs)}),
		"Mentoring Goal": frappe.db.count("Mentoring Goal", {"program": ("in", programs)}),
		"Mentoring Score": frappe.db.count("Mentoring Score", {"program": ("in", programs)}),
		"Appraisal": frappe.db.count("Appraisal", company),
		"Appraisal Cycle": frappe.db.count("Appraisal Cycle", company),
		"Training Program": frappe.db.count("Training Program", company),
		"Training Event": frappe.db.count("Training Event", {"mentoring_program": ("in", programs)}),
		"Training Result": frappe.db.count("Training Result", {"training_event": ("in", sessions)}),
		"Notification Log": frappe.db.count(
			"Notification Log", {"for_user": ("like", f"%@{dataset.DOMAIN}")}
		),
	}


class TestDemo(FrappeTestCase):
	"""Builds the real demo, committed, as the bench command does; removes it afterwards."""

	def test_make_twice_then_reset(self):
		self.assertFalse(dataset.exists(), "a demo is already on this site")
		builders.employee()  # the site's own people
		with self.assertRaisesRegex(dataset.DemoRefused, "--force"):
			dataset.make()
		self.assertFalse(dataset.exists())
		frappe.db.rollback()
		self.addCleanup(dataset.remove)
		# a run stopped half-way, before its manifest: the next one starts clean
		builders.new_user(f"ceo@{dataset.DOMAIN}")
		frappe.db.commit()
		self.assertFalse(dataset.exists())
		lines = []
		dataset.make(report=lines.append, force=True)
		steps = [label for label, _ in dataset.STEPS]
		self.assertEqual([line.split(":")[0] for line in lines][-len(steps) :], steps)
		self.assertIn("people: 62 employees, each with a user", lines)
		built = footprint()
		self.assertEqual((built["Company"], built["Employee"], built["User"]), (1, 62, 62))
		self.assertEqual((built["Mentoring Pairing"], built["Mentoring Circle"]), (21, 1))
		# reverse mentoring: an associate mentors a head of department, one-to-one and in a circle
		made = dataset.manifest()
		mentor, mentee = frappe.db.get_value(
			"Mentoring Pairing", made["reverse_pairing"], ["mentor", "mentee"]
		)
		self.assertEqual(
			[frappe.db.get_value("Employee", e, "designation") for e in (mentor, mentee)],
			["Associate", "Head of Department"],
		)
		circle = frappe.get_doc("Mentoring Circle", made["circle"])
		self.assertEqual((circle.status, len(circle.members)), ("Active", 2))
		# it met twice and each member set a goal: their scores come from it
		self.assertEqual(
			frappe.db.count(
				"Mentoring Check-in", {"circle": circle.name, "confirmation_status": "Confirmed"}
			),
			2,
		)
		self.assertEqual(frappe.db.count("Mentoring Goal", {"circle": circle.name}), 2)
		member = circle.members[0].employee
		score = frappe.db.get_value(
			"Mentoring Score",
			{"employee": member, "program": circle.program},
			["circles", "counted_checkins", "goal_progress"],
			as_dict=True,
		)
		self.assertEqual((score.circles, score.counted_checkins, score.goal_progress), (1, 2, 60))
		self.assertEqual(circle.health, "On Track")
		# a second program is open for enrollment, with nobody enrolled yet
		self.assertEqual(
			frappe.db.get_value("Mentoring Program", {"program_name": dataset.OPEN_PROGRAM}, "status"),
			"Enrolling",
		)
		self.assertGreater(built["Mentoring Check-in"], 50)
		# the 12 matched mentors and 20 mentees, the reverse pair, and the circle's two mentors and
		# two members
		self.assertEqual(built["Mentoring Score"], 38)
		# the launch workshop: held with one absentee, the next session ahead for them
		self.assertEqual((built["Training Event"], built["Training Result"]), (2, 1))
		self.assertIn(
			"35 of 36 attending", next(line for line in lines if line.startswith("launch workshop"))
		)
		health = set(
			frappe.get_all(
				"Mentoring Pairing", {"program": dataset.manifest()["program"]}, pluck="health", distinct=True
			)
		)
		self.assertEqual(health, {"On Track", "Needs Attention", "At Risk", None})  # None: completed
		people = dataset.users()
		self.assertEqual(set(people), {"HR admin (program manager)", "Mentor", "Mentee", "Mentee's manager"})
		self.assertTrue(all(frappe.db.exists("User", u) for u in people.values()))
		# staff and managers log in to the Mentoring workspace, participants to My Mentoring
		for who, landing in (
			("HR admin (program manager)", ("Mentoring", None)),
			("Mentee's manager", ("Mentoring", None)),
			("Mentee", (None, "mentorship_hr")),
			("Mentor", (None, "mentorship_hr")),
		):
			self.assertEqual(
				frappe.db.get_value("User", people[who], ["default_workspace", "default_app"]), landing, who
			)
		password = dataset.new_password()
		dataset.set_password(password)
		self.assertTrue(password.isalnum() and len(password) >= 12)
		self.assertEqual(
			check_password(people["HR admin (program manager)"], password),
			people["HR admin (program manager)"],
		)

		modified = frappe.db.get_value("Mentoring Program", dataset.manifest()["program"], "modified")
		dataset.make(force=True)  # again: nothing changes
		self.assertEqual(footprint(), built)
		self.assertEqual(
			frappe.db.get_value("Mentoring Program", dataset.manifest()["program"], "modified"), modified
		)

		self.assertEqual(dataset.remove(), {})  # nothing else uses the demo's records
		self.assertEqual(set(footprint().values()), {0})
		self.assertFalse(dataset.exists())
		self.assertIsNone(dataset.remove())

	def test_reset_keeps_what_the_sites_own_data_now_uses(self):
		self.addCleanup(dataset.remove)
		dataset.make(force=True)
		head = frappe.db.get_value(
			"Employee", {"company": dataset.COMPANY, "designation": "Head of Department"}
		)
		# a real hire reports to a demo head, as a Specialist (a designation the demo made)
		real = builders.employee(reports_to=head, designation="Specialist")
		frappe.db.commit()
		kept = dataset.remove()
		self.addCleanup(self.delete_kept, real, kept)
		self.assertEqual(kept["Employee"], [head])
		self.assertIn("Specialist", kept["Designation"])
		self.assertEqual(kept["Company"], [dataset.COMPANY])
		self.assertTrue(frappe.db.exists("Employee", head))
		self.assertFalse(frappe.db.exists("Mentoring Program", {"program_name": dataset.PROGRAM}))
		self.assertEqual(frappe.db.count("Employee", {"company": dataset.COMPANY}), 1)

	def delete_kept(self, real, kept):
		frappe.delete_doc("Employee", real, force=True, ignore_permissions=True)
		for doctype in ("Employee", "Designation", "Department", "Company"):
			for name in kept.get(doctype, []):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()
