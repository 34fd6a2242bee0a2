"""Builders for the integration tests: real Companies, Employees with Users, Programs and Pairings."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from erpnext.setup.doctype.employee.test_employee import make_employee

from hrms.tests.test_utils import create_company

COMPANY = "_Test Mentoring Company"


def outgoing_email_account():
	"""A default outgoing account so that email is queued; tests never send it."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "_Test Mentoring Outgoing",
				"email_id": "mentoring-outgoing@example.com",
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"no_smtp_authentication": 1,
			}
		).insert()


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=6)}"


def company() -> str:
	return create_company(COMPANY).name


def department(name: str) -> str:
	abbr = frappe.db.get_value("Company", company(), "abbr")
	docname = f"{name} - {abbr}"
	if not frappe.db.exists("Department", docname):
		frappe.get_doc({"doctype": "Department", "department_name": name, "company": company()}).insert()
	return docname


def employee(prefix: str = "mentoring", **fields) -> str:
	"""An Active employee of the test company, with a User that has the Employee role."""
	email = f"{prefix}-{frappe.generate_hash(length=8)}@example.com"
	fields.setdefault("department", department("Operations"))
	return make_employee(email, company=company(), **fields)


def employee_without_user(prefix: str = "mentee", **fields) -> str:
	"""A cheap Active employee for volume tests; no User, so no login."""
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": f"{prefix}-{frappe.generate_hash(length=6)}",
				"company": company(),
				"gender": "Female",
				"date_of_birth": "1990-05-08",
				"date_of_joining": "2013-01-01",
				"status": "Active",
				"department": department("Operations"),
				**fields,
			}
		)
		.insert()
		.name
	)


def user_of(employee_name: str) -> str:
	return frappe.db.get_value("Employee", employee_name, "user_id")


def program(**fields):
	doc = frappe.get_doc(
		{
			"doctype": "Mentoring Program",
			"program_name": unique("Mentoring"),
			"company": company(),
			"status": "Active",
			"start_date": add_days(today(), -90),
			"end_date": add_days(today(), 275),
			**fields,
		}
	)
	return doc.insert()


def pairing(program_name: str, mentor: str, mentee: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Mentoring Pairing",
			"program": program_name,
			"mentor": mentor,
			"mentee": mentee,
			"status": "Active",
			"start_date": frappe.db.get_value("Mentoring Program", program_name, "start_date"),
			**fields,
		}
	).insert()


def goal(pairing_name: str, **fields):
	return frappe.get_doc(
		{"doctype": "Mentoring Goal", "pairing": pairing_name, "title": unique("Goal"), **fields}
	).insert()


def checkin(pairing_name: str, checkin_date=None, submit=True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Mentoring Check-in",
			"pairing": pairing_name,
			"checkin_date": checkin_date or today(),
			"logged_by_role": "Mentee",
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


class as_user:
	"""Run a block as another user: `with as_user(email): ...`."""

	def __init__(self, user: str):
		self.user = user

	def __enter__(self):
		self.previous = frappe.session.user
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user(self.previous)


def user_with_roles(*roles: str) -> str:
	email = f"mentoring-staff-{frappe.generate_hash(length=8)}@example.com"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": "Staff",
			"send_welcome_email": 0,
			"roles": [{"role": role} for role in roles],
		}
	).insert()
	return email


def kra(title: str) -> str:
	if not frappe.db.exists("KRA", title):
		frappe.get_doc({"doctype": "KRA", "title": title}).insert()
	return title


def appraisal_template(weights: dict[str, float]) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Appraisal Template",
				"template_title": unique("Template"),
				"goals": [{"key_result_area": kra(k), "per_weightage": w} for k, w in weights.items()],
			}
		)
		.insert()
		.name
	)


def appraisal_cycle(employees: list[str], template: str, create_appraisals=True, **fields):
	"""An Appraisal Cycle for the employees, with their appraisals made by HRMS itself."""
	cycle = frappe.get_doc(
		{
			"doctype": "Appraisal Cycle",
			"cycle_name": unique("Cycle"),
			"company": company(),
			"start_date": add_days(today(), -60),
			"end_date": add_days(today(), 30),
			"appraisees": [{"employee": e, "appraisal_template": template} for e in employees],
			**fields,
		}
	).insert()
	if create_appraisals:
		cycle.create_appraisals()
		# HRMS gives cycle-made appraisals the site's default company; use the employee's, as a
		# single-company site would, so that employees can read their own appraisal.
		frappe.db.set_value("Appraisal", {"appraisal_cycle": cycle.name}, "company", company())
	return cycle


def appraisal_of(employee_name: str, cycle: str):
	return frappe.get_doc("Appraisal", {"employee": employee_name, "appraisal_cycle": cycle})


class MentoringTestCase(FrappeTestCase):
	"""One Active pairing in a fresh program for every test, rolled back after it.

	The people are made once per class: the mentee reports to a manager, the mentor sits in
	another department under another manager, and a stranger has nothing to do with either.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.mentee_manager = employee("manager")
		cls.mentor_manager = employee("mentor-manager", department=department("Sales"))
		cls.mentor = employee("mentor", department=department("Sales"), reports_to=cls.mentor_manager)
		cls.mentee = employee("mentee", reports_to=cls.mentee_manager)
		cls.stranger = employee("stranger")
		cls.mentor_user, cls.mentee_user = user_of(cls.mentor), user_of(cls.mentee)

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("mentoring_test")
		self.program = program()
		self.pairing = pairing(self.program.name, self.mentor, self.mentee)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="mentoring_test")
