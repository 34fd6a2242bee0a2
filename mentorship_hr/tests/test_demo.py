"""The demo command's data: built once, idempotent, and removed to the last record."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import check_password

from mentorship_hr import demo, testing


def footprint() -> dict:
	"""Everything the demo can leave behind, counted."""
	company = {"company": demo.COMPANY}
	programs = frappe.get_all("Mentoring Program", company, pluck="name") or [""]
	return {
		"Company": frappe.db.count("Company", {"name": demo.COMPANY}),
		"Employee": frappe.db.count("Employee", company),
		"User": frappe.db.count("User", {"name": ("like", f"%@{demo.DOMAIN}")}),
		"Project": frappe.db.count("Project", company),
		"Mentoring Pairing": frappe.db.count("Mentoring Pairing", {"program": ("in", programs)}),
		"Mentoring Check-in": frappe.db.count("Mentoring Check-in", {"program": ("in", programs)}),
		"Mentoring Goal": frappe.db.count("Mentoring Goal", {"program": ("in", programs)}),
		"Mentoring Score": frappe.db.count("Mentoring Score", {"program": ("in", programs)}),
		"Appraisal": frappe.db.count("Appraisal", company),
		"Appraisal Cycle": frappe.db.count("Appraisal Cycle", company),
		"Notification Log": frappe.db.count("Notification Log", {"for_user": ("like", f"%@{demo.DOMAIN}")}),
	}


class TestDemo(FrappeTestCase):
	"""Builds the real demo, committed, as the bench command does; removes it afterwards."""

	def test_make_twice_then_reset(self):
		self.assertFalse(demo.exists(), "a demo is already on this site")
		testing.employee()  # the site's own people
		with self.assertRaisesRegex(demo.DemoRefused, "--force"):
			demo.make()
		self.assertFalse(demo.exists())
		frappe.db.rollback()
		self.addCleanup(demo.remove)
		# a run stopped half-way, before its manifest: the next one starts clean
		testing.new_user(f"ceo@{demo.DOMAIN}")
		frappe.db.commit()
		self.assertFalse(demo.exists())
		lines = []
		demo.make(report=lines.append, force=True)
		self.assertEqual([line.split(":")[0] for line in lines][-6:], [label for label, _ in demo.STEPS])
		self.assertIn("people: 62 employees, each with a user", lines)
		built = footprint()
		self.assertEqual((built["Company"], built["Employee"], built["User"]), (1, 62, 62))
		self.assertEqual(built["Mentoring Pairing"], 20)
		self.assertGreater(built["Mentoring Check-in"], 50)
		self.assertEqual(built["Mentoring Score"], 32)  # the 12 matched mentors and 20 mentees
		health = set(
			frappe.get_all(
				"Mentoring Pairing", {"program": demo.manifest()["program"]}, pluck="health", distinct=True
			)
		)
		self.assertEqual(health, {"On Track", "Needs Attention", "At Risk", None})  # None: completed
		people = demo.users()
		self.assertEqual(set(people), {"HR admin (program manager)", "Mentor", "Mentee", "Mentee's manager"})
		self.assertTrue(all(frappe.db.exists("User", u) for u in people.values()))
		self.assertEqual(frappe.db.get_value("User", people["Mentee"], "default_workspace"), "Mentoring")
		password = demo.new_password()
		demo.set_password(password)
		self.assertTrue(password.isalnum() and len(password) >= 12)
		self.assertEqual(
			check_password(people["HR admin (program manager)"], password),
			people["HR admin (program manager)"],
		)

		modified = frappe.db.get_value("Mentoring Program", demo.manifest()["program"], "modified")
		demo.make(force=True)  # again: nothing changes
		self.assertEqual(footprint(), built)
		self.assertEqual(
			frappe.db.get_value("Mentoring Program", demo.manifest()["program"], "modified"), modified
		)

		self.assertEqual(demo.remove(), {})  # nothing else uses the demo's records
		self.assertEqual(set(footprint().values()), {0})
		self.assertFalse(demo.exists())
		self.assertIsNone(demo.remove())

	def test_reset_keeps_what_the_sites_own_data_now_uses(self):
		self.addCleanup(demo.remove)
		demo.make(force=True)
		head = frappe.db.get_value("Employee", {"company": demo.COMPANY, "designation": "Head of Department"})
		# a real hire reports to a demo head, as a Specialist (a designation the demo made)
		real = testing.employee(reports_to=head, designation="Specialist")
		frappe.db.commit()
		kept = demo.remove()
		self.addCleanup(self.delete_kept, real, kept)
		self.assertEqual(kept["Employee"], [head])
		self.assertIn("Specialist", kept["Designation"])
		self.assertEqual(kept["Company"], [demo.COMPANY])
		self.assertTrue(frappe.db.exists("Employee", head))
		self.assertFalse(frappe.db.exists("Mentoring Program", {"program_name": demo.PROGRAM}))
		self.assertEqual(frappe.db.count("Employee", {"company": demo.COMPANY}), 1)

	def delete_kept(self, real, kept):
		frappe.delete_doc("Employee", real, force=True, ignore_permissions=True)
		for doctype in ("Employee", "Designation", "Department", "Company"):
			for name in kept.get(doctype, []):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()
