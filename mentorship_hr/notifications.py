"""Tell people what happened: an in-app notification plus an email from a Jinja template,
queued in Frappe's email queue (never sent inline)."""

import frappe
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import now_datetime

from mentorship_hr import bulk_email
from mentorship_hr.bulk_insert import insert_many
from mentorship_hr.participant_links import links_for


def email_account_exists() -> bool:
	"""Whether the site has a default outgoing email account. Without one, only the bell
	notifies; Mentoring Settings and the program say so once, to program managers."""
	if frappe.are_emails_muted():  # Frappe would offer a dummy account that cannot build an email
		return False
	return bool(EmailAccount.find_outgoing())


def notify(users, subject: str, doc, template: str, opens=None, **args):
	"""Notify the users about a document, in the desk and by email. The bell opens `opens` (a
	document) where that is what the user acts on, else `doc`: in My Mentoring for the pair, where
	the settings say so (participant_links), else in the desk."""
	users = sorted({u for u in users if u and u not in ("Administrator", "Guest")})
	if not users:
		return
	target = opens or doc
	links = links_for(users, target)
	sender = frappe.session.user
	# what someone did comes from them; what the app asks of the one who acted comes from the app
	for recipients, from_user in (
		([u for u in users if u != sender], sender),
		([u for u in users if u == sender], app_sender(doc)),
	):
		for link, group in _by_link(recipients, links).items():
			enqueue_create_notification(
				group,
				{
					"type": "Alert",
					"document_type": target.doctype,
					"document_name": target.name,
					"subject": subject,
					"from_user": from_user,
					"link": link,
				},
			)
	if not email_account_exists():
		return  # the in-app notification stands; Frappe would otherwise warn above every action
	users = [u for u in users if preferences([u])[u].email]
	desk = frappe.utils.get_url_to_form(target.doctype, target.name)
	for link, group in _by_link(users, links).items():
		frappe.sendmail(
			recipients=group,
			subject=subject,
			template=template,
			args={"doc": doc, "link": link or desk, **args},
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			now=False,
		)


def _by_link(users: list[str], links: dict[str, str]) -> dict[str | None, list[str]]:
	grouped = {}
	for user in users:
		grouped.setdefault(links.get(user), []).append(user)
	return grouped


def app_sender(doc) -> str:
	"""Who a notice the app sends on its own is from: the program's manager, else the system."""
	program = doc.get("program") if doc.doctype != "Mentoring Program" else doc.name
	manager = program and frappe.db.get_value("Mentoring Program", program, "program_manager")
	return manager or "Administrator"


def people_users(employees) -> dict[str, frappe._dict]:
	"""Each employee's user and their manager's user (Employee.reports_to), from the Employee records
	now, in two queries: {employee: {user, manager_user}}."""
	people = frappe.get_all(
		"Employee",
		filters={"name": ("in", [e for e in employees if e] or [""])},
		fields=["name", "user_id", "reports_to"],
	)
	user_of = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", list({e.reports_to for e in people if e.reports_to}) or [""])},
			fields=["name", "user_id"],
			as_list=True,
		)
	)
	return {
		e.name: frappe._dict(user=e.user_id, manager_user=user_of.get(e.reports_to) if e.reports_to else None)
		for e in people
	}


def manager_users(employees) -> list[str]:
	"""The users of the employees' managers."""
	return [p.manager_user for p in people_users(employees).values() if p.manager_user]


def program_manager_users(program: str) -> list[str]:
	"""Who runs the program: its Program Manager, or else every enabled Mentoring Program Manager."""
	manager = frappe.db.get_value("Mentoring Program", program, "program_manager")
	if manager:
		return [manager]
	holders = frappe.get_all(
		"Has Role", filters={"role": "Mentoring Program Manager", "parenttype": "User"}, pluck="parent"
	)
	return frappe.get_all("User", filters={"name": ("in", holders or [""]), "enabled": 1}, pluck="name")


def pair_and_manager_users(pairing) -> list[str]:
	"""The users of the mentor, the mentee and both their managers, from the Employee records now."""
	return [u for p in people_users([pairing.mentor, pairing.mentee]).values() for u in p.values() if u]


def preferences(users) -> dict[str, frappe._dict]:
	"""Each user's Notification Settings: `bell` (notifications on) and `email` (email notifications
	on). Users without settings get both, as in Frappe."""
	users = list(users)
	stored = {
		row.name: row
		for row in frappe.get_all(
			"Notification Settings",
			filters={"name": ("in", users or [""])},
			fields=["name", "enabled", "enable_email_notifications"],
		)
	}
	result = {}
	for user in users:
		row = stored.get(user)
		result[user] = frappe._dict(
			bell=not row or bool(row.enabled), email=not row or bool(row.enable_email_notifications)
		)
	return result


def ring_bells(rows: list[dict]):
	"""Many bell notifications at once: rows of user, subject, document_type and document_name (and
	the link the bell opens, where it is not the document in the desk).

	What inserting Notification Logs one by one does (Alert logs never email), in a few queries.
	"""
	if not rows:
		return
	now = now_datetime()
	values = [
		(
			frappe.generate_hash(length=10),
			now,
			now,
			"Administrator",
			"Administrator",
			row["subject"],
			row["user"],
			"Alert",
			row["document_type"],
			row["document_name"],
			row.get("link"),
			"Administrator",
			0,
		)
		for row in rows
	]
	insert_many(
		"Notification Log",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"subject",
			"for_user",
			"type",
			"document_type",
			"document_name",
			"link",
			"from_user",
			"read",
		],
		values,
	)
	users = sorted({row["user"] for row in rows})
	frappe.db.set_value("Notification Settings", {"name": ("in", users)}, "seen", 0, update_modified=False)
	# each user's bell refreshes once the bells are committed; publish_realtime(after_commit=True)
	# would look for each one in a list of all those before it, quadratic in the users
	frappe.db.after_commit.add(lambda: _tell_bells(users))


def _tell_bells(users: list[str]):
	for user in users:
		frappe.publish_realtime("notification", user=user)


EMAIL_CHUNK = 1000  # a job builds these in about five seconds; fewer jobs, fewer cold starts


def queue_emails(messages: list[dict]):
	"""Many personal emails (each: recipients, subject, template, args). Building an email costs a
	few milliseconds (bulk_email), so they are built in background jobs on the long queue, a chunk
	each."""
	if not messages or not email_account_exists():
		return
	for start in range(0, len(messages), EMAIL_CHUNK):
		frappe.enqueue(
			"mentorship_hr.notifications.send_emails",
			queue="long",
			messages=messages[start : start + EMAIL_CHUNK],
			now=frappe.flags.in_test,
			enqueue_after_commit=True,  # nothing goes out for work that is rolled back
		)


def send_emails(messages: list[dict]):
	bulk_email.queue(messages)
