"""Many personal emails into Frappe's Email Queue, fast (README, "Scale").

Frappe styles every email by inlining its email stylesheet with premailer, and premailer turns the
stylesheet's parsed rules back into text for every message: most of the ~20 ms an email costs.
The rules are the same for every message, so here they are turned into text once per worker. The
rest is Frappe's own: its frame (templates/emails/standard.html with the outgoing account's
header and footer), the unsubscribe link, the Email Queue record and its sending.
"""

import os
import uuid

from jinja2 import TemplateNotFound
from premailer import Premailer

import frappe
from frappe.email.doctype.email_queue.email_queue import QueueBuilder
from frappe.email.email_body import get_brand_logo, get_email, get_footer, get_header
from frappe.utils import get_url, scrub_urls
from frappe.utils.jinja import get_jenv

from mentorship_hr.bulk_insert import insert_many

_RULES: dict = {}  # stylesheet text and its index on the page: (rules, media rules left over)
_LEFTOVER_TEXT: dict = {}  # id of a cached list of media rules: that list as text
_ONCE: dict = {}  # what does not change while a worker runs: stylesheet paths, templates


class _Inliner(Premailer):
	"""Premailer with the stylesheet's rules read once per process."""

	def _parse_style_rules(self, css_body, ruleset_index):
		key = (css_body, ruleset_index, self.strip_important)
		if key not in _RULES:
			_RULES[key] = super()._parse_style_rules(css_body, ruleset_index)
		return _RULES[key]

	def _css_rules_to_string(self, rules):
		if id(rules) not in _LEFTOVER_TEXT:
			_LEFTOVER_TEXT[id(rules)] = super()._css_rules_to_string(rules)
		return _LEFTOVER_TEXT[id(rules)]


def _stylesheets() -> list[str]:
	"""The email stylesheets of the hooks, as frappe.email.email_body.inline_style_in_html finds them
	(once per process: the assets change only with a build, which restarts the workers)."""
	if "stylesheets" not in _ONCE:
		from frappe.utils.jinja_globals import bundled_asset

		paths = [bundled_asset(path).lstrip("/") for path in frappe.get_hooks("email_css")]
		_ONCE["stylesheets"] = [path for path in paths if os.path.exists(os.path.abspath(path))]
	return _ONCE["stylesheets"]


def _template(path: str):
	"""A Jinja template of the apps, loaded once per process (Frappe's loader looks for it on disk
	for every message), or None when no app has it."""
	if path not in _ONCE:
		try:
			_ONCE[path] = get_jenv().get_template(path)
		except TemplateNotFound:
			_ONCE[path] = None
	return _ONCE[path]


def _from_template(name: str, args: dict) -> tuple[str, str | None]:
	"""As frappe.utils.jinja.get_email_from_template: the message and its plain text, if any."""
	html = _template(f"templates/emails/{name}.html")
	if html is None:
		raise TemplateNotFound(name)
	text = _template(f"templates/emails/{name}.txt")
	return html.render(args), text.render(args) if text else None


class _Builder(QueueBuilder):
	"""Frappe's QueueBuilder, styling the message with the rules read once, and finding the outgoing
	account once for all the messages it is given."""

	account = None

	def get_outgoing_email_account(self):
		return self.account or super().get_outgoing_email_account()

	def prepare_email_content(self):
		# as QueueBuilder.prepare_email_content, with a content that is HTML already: Frappe's
		# get_email runs an empty content through markdown and the sanitizer (about 1 ms), though
		# the formatted message is what it sends
		mail = get_email(
			recipients=self.final_recipients(),
			sender=self.sender,
			subject=self.subject,
			formatted=self.email_html_content(),
			content="<div></div>",
			text_content=self.email_text_content(),
			attachments=self._attachments,
			reply_to=self.reply_to,
			cc=self.final_cc(),
			bcc=self.bcc,
			email_account=self.get_outgoing_email_account(),
			expose_recipients=self.expose_recipients,
			inline_images=self.inline_images,
			header=self.header,
		)
		mail.set_message_id(self.message_id, self.is_notification)
		if self.read_receipt:
			mail.msg_root["Disposition-Notification-To"] = self.sender
		if self.in_reply_to:
			mail.set_in_reply_to(self.in_reply_to)
		# Python draws each part's boundary at random and compiles a regular expression to check it
		# against the text (about 0.3 ms an email); a random UUID cannot be in it
		for part in mail.msg_root.walk():
			if part.is_multipart():
				part.set_boundary(f"==============={uuid.uuid4().hex}==")
		return mail

	def email_html_content(self):
		# as frappe.email.email_body.get_formatted_html
		account = self.get_outgoing_email_account()
		html = _template("templates/emails/standard.html").render(
			{
				"brand_logo": get_brand_logo(account) if self.with_container or self.header else None,
				"with_container": self.with_container,
				"site_url": get_url(),
				"header": get_header(self.header),
				"content": self._message,
				"footer": get_footer(account, None),
				"title": self.subject,
				"print_html": None,
				"subject": self.subject,
			}
		)
		html = scrub_urls(html)
		unsubscribe = self.unsubscribe_message()
		if unsubscribe:
			html = html.replace("<!--unsubscribe link here-->", unsubscribe.html)
		return _Inliner(
			html=html,
			external_styles=_stylesheets(),
			strip_important=False,
			allow_loading_external_files=True,
		).transform()


def queue(messages: list[dict]) -> None:
	"""Queue each message (recipients, subject, template, args) as frappe.sendmail would: the same
	Email Queue records, written in two inserts for all of them."""
	globally = _globally_unsubscribed({r for m in messages for r in m["recipients"]})
	account, queued = None, []
	for message in messages:
		html, text = _from_template(message["template"], message.get("args") or {})
		builder = _Builder(
			recipients=message["recipients"],
			subject=message["subject"],
			message=html,
			text_content=text,
			reference_doctype=message.get("reference_doctype"),
			reference_name=message.get("reference_name"),
		)
		builder.account = account
		if not builder.reference_doctype:  # only whoever unsubscribed from everything is left out
			builder._unsubscribed_user_emails = [r for r in message["recipients"] if r in globally]
		data = builder.as_dict()
		account = _remembered(builder.get_outgoing_email_account())
		if data and data["recipients"]:
			queued.append(data)
	_insert(queued)


def _globally_unsubscribed(emails: set[str]) -> set[str]:
	return set(
		frappe.get_all(
			"Email Unsubscribe",
			filters={"email": ("in", list(emails) or [""]), "global_unsubscribe": 1},
			pluck="email",
		)
	)


def _remembered(account):
	"""The outgoing account, answering whether it is stored from the first answer (Frappe asks the
	database for every message)."""
	if account is not None and not getattr(account, "_exists_known", False):
		exists = account.is_exists_in_db()
		account.is_exists_in_db = lambda: exists
		account._exists_known = True
	return account


def _insert(queued: list[dict]) -> None:
	"""The Email Queue records and their recipients, as EmailQueue.new makes them, in bulk."""
	if not queued:
		return
	columns = [c for c in frappe.get_meta("Email Queue").get_valid_columns() if c in queued[0]]
	stamp, user = frappe.utils.now(), frappe.session.user
	head = ["name", "creation", "modified", "owner", "modified_by", "status", "retry"]
	names = [frappe.generate_hash(length=10) for _ in queued]
	insert_many(
		"Email Queue",
		head + columns,
		[
			(name, stamp, stamp, user, user, "Not Sent", 0, *(data[c] for c in columns))
			for name, data in zip(names, queued, strict=True)
		],
		chunk_size=50,  # a message is tens of kB: a statement stays well under max_allowed_packet
	)
	insert_many(
		"Email Queue Recipient",
		"name creation modified owner modified_by parent parenttype parentfield idx recipient status".split(),
		[
			(*_child_head(stamp, user, name, n), recipient.strip(), "Not Sent")
			for name, data in zip(names, queued, strict=True)
			for n, recipient in enumerate(data["recipients"], 1)
		],
	)


def _child_head(stamp, user, parent: str, idx: int) -> tuple:
	name = frappe.generate_hash(length=10)
	return (name, stamp, stamp, user, user, parent, "Email Queue", "recipients", idx)
