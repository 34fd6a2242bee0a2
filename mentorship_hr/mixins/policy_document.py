"""The access policy on a controller: every save of an app DocType goes through the field guard,
its form is sent the fields the user may edit, and a refusal is said in plain words
(mentorship_hr/permissions.py)."""

import frappe
from frappe import _
from frappe.model.document import Document

from mentorship_hr.permissions import editable_fields, guard_fields, refusal, sanitize_text


class PolicyDocument(Document):
	"""A DocType of the app: every save goes through the field guard, and the form is sent the
	fields the user may edit."""

	def raise_no_permission_to(self, perm_type):
		"""A refusal in plain words, instead of Frappe's permission trace."""
		frappe.clear_last_message()  # "Not allowed via controller permission check"
		frappe.flags.error_message = None
		frappe.throw(refusal(self, perm_type), frappe.PermissionError, title=_("Not Permitted"))

	def onload(self):
		self.set_onload("editable", self.editable_fields())

	def editable_fields(self) -> list[str] | None:
		return editable_fields(self)

	def before_validate(self):
		guard_fields(self)
		sanitize_text(self)

	def before_update_after_submit(self):
		guard_fields(self)
		sanitize_text(self)

	def before_cancel(self):
		guard_fields(self)


class ChildOfStoredParent:
	"""A child row loaded on its own (e.g. `frappe.client.get` by name) is checked against its
	stored parent's row-level rules. Frappe checks such a row against the parent DocType's role
	permissions only, since a row loaded alone has no `parent_doc`."""

	def load_from_db(self):
		super().load_from_db()
		if self.parent and self.parenttype and not self.parent_doc:
			self.parent_doc = frappe.get_doc(self.parenttype, self.parent)
