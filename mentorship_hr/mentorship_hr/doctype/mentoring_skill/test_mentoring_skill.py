# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mentorship_hr.install import SEED_SKILLS


class TestMentoringSkill(FrappeTestCase):
	def test_install_seeds_the_soft_skills(self):
		for skill in SEED_SKILLS:
			self.assertEqual(frappe.db.get_value("Mentoring Skill", skill, "category"), "Soft Skill")

	def test_skill_names_are_unique(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc({"doctype": "Mentoring Skill", "skill_name": "Negotiation"}).insert()
