"""The demo command's data: built once, idempotent, and removed to the last record."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mentorship_hr import demo


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
		self.addCleanup(demo.remove)
		demo.make()
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

		modified = frappe.db.get_value("Mentoring Program", demo.manifest()["program"], "modified")
		demo.make()  # again: nothing changes
		self.assertEqual(footprint(), built)
		self.assertEqual(
			frappe.db.get_value("Mentoring Program", demo.manifest()["program"], "modified"), modified
		)

		self.assertTrue(demo.remove())
		self.assertEqual(set(footprint().values()), {0})
		self.assertFalse(demo.exists())
		self.assertFalse(demo.remove())
