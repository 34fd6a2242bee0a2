"""The daily and weekly engagement jobs (README, "Engagement"), in order: health first, so that
the reminders read today's next check-in. A step that fails is logged and the others go on."""

import frappe
from frappe import _

from mentorship_hr.engagement import digests, health_service, reminders

DAILY = (health_service.refresh, health_service.refresh_circles, reminders.send_daily_reminders)
WEEKLY = (digests.send_manager_digests, digests.send_leader_briefings)


def run(steps, today=None, commit=False):
	for step in steps:
		try:
			step(today=today)
		except Exception:
			if not commit:
				raise
			frappe.db.rollback()
			frappe.log_error(title=_("Mentoring job {0} failed").format(step.__name__))
		if commit:
			frappe.db.commit()


def daily():
	run(DAILY, commit=True)


def weekly():
	run(WEEKLY, commit=True)
