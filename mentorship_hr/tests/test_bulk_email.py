"""Many emails queued at once (bulk_email.py): the same Email Queue records frappe.sendmail makes,
the same styled message, whoever unsubscribed left out, and a fixed number of queries."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mentorship_hr import bulk_email
from mentorship_hr.tests import builders

QUEUE_FIELDS = ["status", "sender", "priority", "add_unsubscribe_link", "email_account", "retry", "docstatus"]


def plain_text(message: str) -> str:
	import email
	from email import policy

	parsed = email.message_from_string(message, policy=policy.default)
	return "".join(
		part.get_payload(decode=True).decode()
		for part in parsed.walk()
		if part.get_content_type() == "text/plain"
	)


def message(recipient: str, n: int = 3) -> dict:
	lines = [
		frappe._dict(
			text=f"Check-in due on 12-05-2026: pairing {i}", link="https://x.test/app/p", portal_link=None
		)
		for i in range(n)
	]
	return {
		"recipients": [recipient],
		"subject": "Mentoring: 3 things need you today",
		"template": "mentoring_reminders",
		"args": {"lines": lines, "date": "12-05-2026"},
	}


class TestBulkEmail(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("bulk_email")
		builders.outgoing_email_account()

	def tearDown(self):
		frappe.db.rollback(save_point="bulk_email")

	def queued(self, recipient: str) -> list[frappe._dict]:
		Queue, Recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
		return (
			frappe.qb.from_(Queue)
			.join(Recipient)
			.on(Recipient.parent == Queue.name)
			.select(
				Recipient.status.as_("recipient_status"), Queue.message, *(Queue[f] for f in QUEUE_FIELDS)
			)
			.where(Recipient.recipient == recipient)
		).run(as_dict=True)

	def test_the_same_email_frappe_sendmail_queues(self):
		frappe.sendmail(**message("by-frappe@example.com"), now=False)
		bulk_email.queue([message("by-app@example.com")])
		(frappe_made,), (app_made,) = self.queued("by-frappe@example.com"), self.queued("by-app@example.com")
		same = {f: frappe_made[f] for f in [*QUEUE_FIELDS, "recipient_status"]}
		self.assertEqual({f: app_made[f] for f in same}, same)
		frappe_html = builders.parse_email(frappe_made.message).body
		app_html = builders.parse_email(app_made.message).body
		self.assertEqual(app_html, frappe_html)
		self.assertIn('style="', app_html)  # styled inline, as Frappe styles it
		self.assertIn("pairing 2", app_html)
		# the plain-text part, from the reminder's own text template
		self.assertIn(
			"- Check-in due on 12-05-2026: pairing 2: https://x.test/app/p", plain_text(app_made.message)
		)

	def test_whoever_unsubscribed_from_everything_gets_nothing(self):
		frappe.get_doc(
			{"doctype": "Email Unsubscribe", "email": "gone@example.com", "global_unsubscribe": 1}
		).insert(ignore_permissions=True)
		bulk_email.queue([message("gone@example.com"), message("stays@example.com")])
		self.assertEqual(
			(len(self.queued("gone@example.com")), len(self.queued("stays@example.com"))), (0, 1)
		)

	def test_a_fixed_number_of_queries_however_many_emails(self):
		bulk_email.queue([message("warm@example.com")])  # the account and templates, found once
		with self.assertQueryCount(12):
			bulk_email.queue([message(f"many-{i}@example.com") for i in range(40)])
		self.assertEqual(len(self.queued("many-39@example.com")), 1)
