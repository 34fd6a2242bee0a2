"""Managers in the loop (README, "Engagement"): the pair's managers acknowledge an Active pairing,
and those who have not after a week are reminded once, in the daily reminders
(mentorship_hr/engagement/reminders.py)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from mentorship_hr.access_policy import MENTEE_MANAGER, MENTOR_MANAGER
from mentorship_hr.permissions import pairing_relations

SIDES = ("mentor", "mentee")
REMIND_AFTER_DAYS = 7


def managed_sides(pairing, user: str) -> list[str]:
	"""The sides of the stored pair whose manager (Employee.reports_to, as it is now) is this user."""
	relations = pairing_relations(pairing.name, user)
	return [
		side
		for side, manager in zip(SIDES, (MENTOR_MANAGER, MENTEE_MANAGER), strict=True)
		if manager in relations
	]


def pending_sides(pairing, user: str) -> list[str]:
	return [s for s in managed_sides(pairing, user) if not pairing.get(f"{s}_manager_ack_on")]


def acknowledge(pairing) -> list[str]:
	"""Record that the session user, as manager of one or both sides, has read the pairing."""
	user = frappe.session.user
	sides = managed_sides(pairing, user)
	if not sides:
		frappe.throw(
			_("Only the managers of the mentor or the mentee acknowledge a pairing."), frappe.PermissionError
		)
	if pairing.status != "Active":
		frappe.throw(_("Only an Active pairing is acknowledged."), title=_("Not Active"))
	values = {}
	for side in sides:
		if not pairing.get(f"{side}_manager_ack_on"):
			values.update({f"{side}_manager_ack_by": user, f"{side}_manager_ack_on": now_datetime()})
	if values:
		pairing.db_set(values)
	return sides
