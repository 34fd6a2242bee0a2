"""The fields the app adds to Frappe HR are the app's to set (access_policy.HRMS_FIELDS): an
Appraisal Cycle's Mentoring KRA weightage through Mentoring > Mentoring KRA, an Appraisal
Template's "Mentoring Variant Of" on the variants the app makes, a Training Event's Mentoring
Program on the launch workshop sessions a program holds."""

import frappe
from frappe import _

from mentorship_hr import access_policy
from mentorship_hr.kpi.bulk_writes import differs


def guard_app_fields(doc, method=None):
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	fields = access_policy.HRMS_FIELDS.get(doc.doctype, {})
	changed = [
		fieldname
		for fieldname, rule in fields.items()
		if rule.kind == access_policy.SERVER
		and differs(before.get(fieldname) if before else None, doc.get(fieldname))
	]
	if changed:
		frappe.throw(
			_("{0} ({1}) is set by the mentoring app and cannot be changed here.").format(
				", ".join(_(doc.meta.get_label(f)) for f in changed), _(doc.doctype)
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
