"""Builders for the integration tests: real Companies, Employees with Users, Programs and Pairings."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from erpnext.setup.doctype.employee.test_employee import make_employee

from hrms.hr.doctype.appraisal_cycle.appraisal_cycle import create_appraisals_for_cycle
from hrms.tests.test_utils import create_company

COMPANY = "_Test Mentoring Company"


def outgoing_email_account():
	"""A default outgoing account so that email is queued; tests never send it."""
	name = "_Test Mentoring Outgoing"
	if frappe.db.exists("Email Account", name):
		frappe.db.set_value("Email Account", name, {"enable_outgoing": 1, "default_outgoing": 1})
	elif not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "mentoring-outgoing@example.com",
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"no_smtp_authentication": 1,
			}
		).insert()
	frappe.local.outgoing_email_account = {}  # Frappe keeps the account found for the request


def parse_email(message: str) -> frappe._dict:
	"""The decoded subject and HTML body of a queued email's message."""
	import email
	from email import policy

	parsed = email.message_from_string(message, policy=policy.default)
	body = "".join(
		part.get_payload(decode=True).decode()
		for part in parsed.walk()
		if part.get_content_type() == "text/html"
	)
	text = " ".join(frappe.utils.strip_html(body).split())
	return frappe._dict(subject=str(parsed["Subject"]), body=body, text=text)


def queued_emails(user: str) -> list[frappe._dict]:
	"""Every email queued to the user, oldest first: subject, body and reference."""
	Queue, Recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
	rows = (
		frappe.qb.from_(Queue)
		.join(Recipient)
		.on(Recipient.parent == Queue.name)
		.select(Queue.message, Queue.reference_name, Queue.creation)
		.where(Recipient.recipient == user)
		.orderby(Queue.creation)
	).run(as_dict=True)
	return [
		frappe._dict(parse_email(r.message), reference=r.reference_name, on=r.creation.date()) for r in rows
	]


def new_user(email: str, roles=("Employee",), first_name: str | None = None, **fields) -> str:
	"""A User made as Frappe's Data Import makes one (frappe.flags.in_import): Frappe's limit on new
	users an hour (throttle_user_limit) counts people signing up, not records an admin loads. The
	site's config is left as it is."""
	if frappe.db.exists("User", email):
		return email
	user = frappe.new_doc("User")  # with the User's defaults, as Data Import starts
	previous = frappe.flags.in_import
	frappe.flags.in_import = True
	try:
		user.update(
			{
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"enabled": 1,
				"user_type": "System User",
				"send_welcome_email": 0,
				"roles": [{"role": role} for role in roles],
				**fields,
			}
		)
		user.insert()
	finally:
		frappe.flags.in_import = previous
	return email


def employee_of_user(email: str, **fields) -> str:
	"""An Active employee of the test company for this user (made as new_user does), or the user's
	existing employee updated with the fields."""
	new_user(email)
	return make_employee(email, company=company(), **fields)


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
	return employee_of_user(email, **fields)


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


def training_program(name: str = "Mentoring Foundations") -> str:
	"""A Frappe HR Training Program, as HR keeps them."""
	return (
		frappe.get_doc(
			{
				"doctype": "Training Program",
				"training_program": unique(name),
				"company": company(),
				"description": "How mentoring works here.",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


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


def participant(program_name: str, employee_name: str, role: str, status: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Mentoring Participant",
			"program": program_name,
			"employee": employee_name,
			"role": role,
			"status": status,
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


def skill_map(employee: str, ratings: dict[str, float], on=None):
	"""An Employee Skill Map as HR keeps it: one evaluation per skill (stars as Frappe HR's fraction)."""
	rows = [
		{"skill": skill, "proficiency": stars / 5, "evaluation_date": on or today()}
		for skill, stars in ratings.items()
	]
	if frappe.db.exists("Employee Skill Map", employee):
		doc = frappe.get_doc("Employee Skill Map", employee)
		for row in rows:
			doc.append("employee_skills", row)
		return doc.save(ignore_permissions=True)
	return frappe.get_doc(
		{"doctype": "Employee Skill Map", "employee": employee, "employee_skills": rows}
	).insert(ignore_permissions=True)


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
	return new_user(f"mentoring-staff-{frappe.generate_hash(length=8)}@example.com", roles, "Staff")


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
		# HRMS's own creation, run here rather than queued as it is for long employee lists
		create_appraisals_for_cycle(cycle)
		# HRMS gives cycle-made appraisals the site's default company; use the employee's, as a
		# single-company site would, so that employees can read their own appraisal.
		frappe.db.set_value("Appraisal", {"appraisal_cycle": cycle.name}, "company", company())
	return cycle


def appraisal_of(employee_name: str, cycle: str):
	return frappe.get_doc("Appraisal", {"employee": employee_name, "appraisal_cycle": cycle})


def run_by_staff(test):
	"""The test's program gets a program manager and a sponsor, and email goes to the queue."""
	outgoing_email_account()
	test.program_manager = user_with_roles("Mentoring Program Manager")
	test.sponsor = employee("sponsor")
	test.program.db_set({"program_manager": test.program_manager, "sponsor": test.sponsor})


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


# HTTP clients
# ------------

import json
from urllib.parse import quote

from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from frappe.utils.password import set_encrypted_password


def _encode(params: dict | None) -> dict | None:
	"""Query parameters as the desk sends them: lists and dicts as JSON."""
	if not params:
		return None
	return {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}


def resource(doctype: str, name: str | None = None) -> str:
	path = f"/api/resource/{quote(doctype)}"
	return f"{path}/{quote(name)}" if name else path


class APIClient:
	"""One user's requests to the site's WSGI app, authenticated with an API key and secret.

	Each request runs in a thread of its own with its own database connection, as a real one
	would: it sees only committed data, and commits (or rolls back) on its own.
	"""

	wsgi = None

	def __init__(self, user: str, token: str):
		self.user, self.token = user, token

	def request(self, method: str, path: str, **kwargs):
		if APIClient.wsgi is None:
			APIClient.wsgi = get_test_client(use_cookies=False)
		kwargs["headers"] = {"Authorization": f"token {self.token}", **kwargs.get("headers", {})}
		return make_request(
			target=getattr(APIClient.wsgi, method), args=(path,), kwargs=kwargs, site=frappe.local.site
		)

	def get(self, path: str, params: dict | None = None):
		return self.request("get", path, query_string=_encode(params))

	def post(self, path: str, data: dict | None = None, form: bool = False):
		"""POST a JSON body, or with form=True form fields (the desk's way; dicts go as JSON)."""
		if form:
			return self.request("post", path, data=_encode(data))
		return self.request("post", path, json=data or {})

	def put(self, path: str, data: dict):
		return self.request("put", path, json=data)

	def delete(self, path: str):
		return self.request("delete", path)


from mentorship_hr.cleanup import delete_mentoring_records, delete_rows


class MentoringAPITestCase(FrappeTestCase):
	"""Attacks over HTTP by real users (API keys, never Administrator) on committed fixtures.

	Build the fixtures in setUpClass as Administrator, add every program to cls.programs and
	anything else to delete to cls.extra_docs, give each acting user an API key with
	give_api_key(), and commit. Everything under the programs is deleted after the class, with
	the Access Logs of the users given keys.
	In the test thread, read stored state only through stored()/snapshot(), which roll back first
	to drop the stale snapshot; never leave writes uncommitted while a request runs.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.programs, cls.extra_docs, cls.tokens = [], [], {}
		# a class cleanup runs even when setUpClass fails half-way
		cls.addClassCleanup(cls.delete_fixtures)

	@classmethod
	def delete_fixtures(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		delete_mentoring_records(cls.programs)
		for doctype, name in reversed(cls.extra_docs):
			delete_rows(doctype, [name])
		# Access Logs of our users' exports and print views (exports log later, via the scheduler)
		if cls.tokens:
			frappe.db.delete("Access Log", {"user": ("in", list(cls.tokens))})
		if "Administrator" in cls.tokens:  # the key given for the run goes with it
			frappe.db.set_value("User", "Administrator", "api_key", None)
			frappe.db.delete(
				"__Auth", {"doctype": "User", "name": "Administrator", "fieldname": "api_secret"}
			)
		frappe.db.commit()

	@classmethod
	def give_api_key(cls, user: str, allow_administrator=False) -> str:
		if user == "Administrator" and not allow_administrator:
			raise ValueError("attacks run as real users, not Administrator")
		key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
		frappe.db.set_value("User", user, "api_key", key)
		set_encrypted_password("User", user, secret, "api_secret")
		cls.tokens[user] = f"{key}:{secret}"
		return user

	@classmethod
	def client(cls, user: str) -> APIClient:
		return APIClient(user, cls.tokens[user])

	@classmethod
	def call(cls, user: str, method: str, **kwargs):
		"""POST /api/method/<dotted.path> with a JSON body."""
		return cls.client(user).post(f"/api/method/{method}", kwargs)

	@classmethod
	def run_doc_method(cls, user, doctype, name, method, args=None, doc=None):
		"""Call a whitelisted controller method as the desk does: on the stored document
		(dt/dn), or on `doc`, a document the client sends (docs)."""
		data = {"method": method, "args": args or {}}
		if doc is None:
			data.update(dt=doctype, dn=name)
		else:
			data["docs"] = doc
		return cls.client(user).post("/api/method/run_doc_method", data, form=True)

	# stored state, read in the test thread

	def stored(self, doctype: str, name: str, field: str = "name"):
		frappe.db.rollback()
		return frappe.db.get_value(doctype, name, field)

	def snapshot(self, doctype: str, name: str, *fields: str) -> dict:
		frappe.db.rollback()
		return frappe.db.get_value(doctype, name, list(fields), as_dict=True)

	def stored_doc(self, doctype: str, name: str) -> dict:
		"""The stored document as plain JSON, as a client would hold it."""
		frappe.db.rollback()
		return json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))

	def assertUnchanged(self, doctype: str, name: str, before: dict):
		"""The fields still hold `before`. If not, put them back (so that one breach does not
		spill into other tests) and fail."""
		after = self.snapshot(doctype, name, *before)
		self.assertIsNotNone(after, f"{doctype} {name} is gone")
		if after != before:
			frappe.db.set_value(doctype, name, before, update_modified=False)
			frappe.db.commit()
		self.assertEqual(dict(after), dict(before), f"stored {doctype} {name} changed")

	# responses

	@staticmethod
	def describe(resp) -> str:
		"""Status, exception and messages of a response, for failure messages."""
		body = resp.get_data(as_text=True)
		try:
			data = json.loads(body)
			messages = [
				json.loads(m).get("message") for m in json.loads(data.get("_server_messages") or "[]")
			]
			exception = data.get("exception") or data.get("exc_type") or ""
		except (ValueError, TypeError, AttributeError):  # not a Frappe JSON answer
			return f"HTTP {resp.status_code}: {body[:400]}"
		return f"HTTP {resp.status_code}: {exception} {messages or ''}".strip()[:600]

	def assertStatus(self, resp, status: int):
		self.assertEqual(resp.status_code, status, self.describe(resp))

	def assertRefused(self, resp, statuses=(403, 417)):
		self.assertIn(resp.status_code, statuses, self.describe(resp))

	def assertForbidden(self, resp):
		self.assertRefused(resp, (403,))

	def assertHidden(self, text: str, resp):
		self.assertNotIn(text, resp.get_data(as_text=True), self.describe(resp))
