# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

# import frappe
from frappe.tests.utils import FrappeTestCase


class TestMentoringSettings(FrappeTestCase):
	pass
