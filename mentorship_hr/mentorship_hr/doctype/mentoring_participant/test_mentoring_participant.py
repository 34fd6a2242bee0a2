# Copyright (c) 2026, mentorship_hr contributors and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mentorship_hr.tests import builders


def enroll(program, employee, role="Mentee", **fields):
	return frappe.get_doc(
		{"doctype": "Mentoring Participant", "program": program, "employee": employee, "role": role, **fields}
	).insert()


class TestMentoringParticipant(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.program = builders.program(status="Enrolling", max_mentees_per_mentor=3).name
		self.employee = builders.employee()
		self.user = builders.user_of(self.employee)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_employee_applies_and_capacity_defaults_to_program_maximum(self):
		with builders.as_user(self.user):
			mentor = enroll(self.program, self.employee, "Mentor")
		self.assertEqual((mentor.status, mentor.capacity), ("Applied", 3))

	def test_enrolling_twice_in_the_same_role_is_refused(self):
		enroll(self.program, self.employee)
		with self.assertRaises(frappe.DuplicateEntryError):
			enroll(self.program, self.employee)
		self.assertEqual(frappe.db.count("Mentoring Participant", {"program": self.program}), 1)
		enroll(self.program, self.employee, "Mentor")  # the other role is a separate record

	def test_inactive_employee_is_refused(self):
		frappe.db.set_value("Employee", self.employee, "status", "Inactive")
		with self.assertRaisesRegex(frappe.ValidationError, "not an active employee"):
			enroll(self.program, self.employee)

	def test_closed_program_takes_no_applications(self):
		draft = builders.program(status="Draft").name
		with (
			builders.as_user(self.user),
			self.assertRaisesRegex(frappe.ValidationError, "does not take enrollments"),
		):
			enroll(draft, self.employee)
		active = builders.program(status="Active").name
		with (
			builders.as_user(self.user),
			self.assertRaisesRegex(frappe.ValidationError, "does not take enrollments"),
		):
			enroll(active, self.employee)
		enroll(active, self.employee)  # a program manager may still add people to a running program

	def test_mentor_capacity_bounds(self):
		with self.assertRaisesRegex(frappe.ValidationError, "at least 1"):
			enroll(self.program, self.employee, "Mentor", capacity=0)
		with self.assertRaisesRegex(frappe.ValidationError, "cannot exceed the program's maximum of 3"):
			enroll(self.program, self.employee, "Mentor", capacity=4)

	def test_employees_see_only_their_own_participation(self):
		mine = enroll(self.program, self.employee)
		other = enroll(self.program, builders.employee())
		with builders.as_user(self.user):
			self.assertEqual(frappe.get_list("Mentoring Participant", pluck="name"), [mine.name])
			self.assertTrue(frappe.has_permission("Mentoring Participant", "read", mine.name))
			self.assertFalse(frappe.has_permission("Mentoring Participant", "read", other.name))
			self.assertFalse(frappe.has_permission("Mentoring Participant", "delete", mine.name))
		hr = builders.user_with_roles("HR Manager")
		with builders.as_user(hr):
			self.assertEqual(
				set(
					frappe.get_list("Mentoring Participant", filters={"program": self.program}, pluck="name")
				),
				{mine.name, other.name},
			)

	def test_employee_cannot_enroll_someone_else(self):
		with builders.as_user(self.user), self.assertRaises(frappe.PermissionError):
			enroll(self.program, builders.employee())
