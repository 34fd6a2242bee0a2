"""My Mentoring on Frappe's apps screen: shown to employees (who may apply) and to program managers,
and the app a participant lands on after logging in, unless they chose another."""

import frappe

from mentorship_hr.permissions import employees_of, is_program_manager

APP = "mentorship_hr"


def show_in_apps() -> bool:
	return bool(employees_of(frappe.session.user)) or is_program_manager()


def land_participant(user: str | None):
	"""Make My Mentoring the user's app after login, if they have not chosen one (Frappe's apps
	screen lets them change it)."""
	if user and frappe.db.exists("User", user) and not frappe.db.get_value("User", user, "default_app"):
		frappe.db.set_value("User", user, "default_app", APP, update_modified=False)
