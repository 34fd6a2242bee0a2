"""The participants' portal at /mentoring: the page the frontend's build writes (mentoring.html),
with what it needs to start. Guests are sent to log in first."""

import frappe
from frappe.translate import get_all_translations

from mentorship_hr.permissions import is_program_manager

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/mentoring"
		raise frappe.Redirect
	csrf_token = frappe.sessions.get_csrf_token()
	frappe.db.commit()  # the new CSRF token must be stored before the page is served
	lang = frappe.local.lang or "en"
	context.csrf_token = csrf_token
	context.site_name = frappe.local.site
	context.lang = lang
	context.boot = frappe.as_json(
		{
			"user": frappe.session.user,
			"staff": is_program_manager(),
			"lang": lang,
			"translations": get_all_translations(lang) if lang != "en" else {},
		},
		indent=None,
	)
	return context
