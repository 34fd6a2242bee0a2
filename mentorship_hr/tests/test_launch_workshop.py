"""The launch workshop as a Frappe HR Training Event: held from the program, attendance flowing back
to the pairing, Program Health, the briefing, the reminders and the Skill Map, and pairings going
live only when both sides attended, where the program asks for it."""

import frappe
from frappe.utils import add_days, getdate, today

from mentorship_hr.domain import reminders as reminder_rules
from mentorship_hr.domain import workshop as rules
from mentorship_hr.engagement import digests
from mentorship_hr.engagement.reminders import due_for, gather, load_settings
from mentorship_hr.mentorship_hr.report.mentoring_program_health import mentoring_program_health
from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import as_user


def at(days: int, hour: int = 9) -> str:
	return f"{add_days(today(), days)} {hour:02d}:00:00"


class TestLaunchWorkshop(builders.MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.run_by_staff(self)
		self.program.db_set("training_program", builders.training_program())
		for employee, role in ((self.mentor, "Mentor"), (self.mentee, "Mentee")):
			builders.participant(self.program.name, employee, role, "Matched")
		self.approved = builders.employee("approved")
		builders.participant(self.program.name, self.approved, "Mentee", "Approved")
		self.applicant = builders.employee("applicant")
		builders.participant(self.program.name, self.applicant, "Mentee", "Applied")

	def hold(self, days=-7, **values) -> str:
		with as_user(self.program_manager):
			doc = frappe.get_doc("Mentoring Program", self.program.name)
			found = doc.hold_launch_workshop(
				**{"start_time": at(days), "end_time": at(days, 12), "location": "Room 4", **values}
			)
		return found["training_event"]

	def result(self, event: str, present: list[str]):
		"""A Training Result as HR records one after the session."""
		doc = frappe.get_doc(
			{
				"doctype": "Training Result",
				"training_event": event,
				"employees": [{"employee": e, "hours": 3} for e in present],
			}
		).insert()
		doc.submit()

	def workshop_of_pairing(self) -> dict | None:
		with as_user(self.mentee_user):
			doc = frappe.get_doc("Mentoring Pairing", self.pairing.name)
			doc.run_method("onload")
			return doc.get_onload().get("workshop")

	def test_holding_a_session_invites_every_approved_participant_with_frappe_hrs_invitation(self):
		event = frappe.get_doc("Training Event", self.hold(days=10))
		self.assertEqual(
			(event.docstatus, event.type, event.mentoring_program, event.training_program, event.location),
			(1, "Workshop", self.program.name, self.program.training_program, "Room 4"),
		)
		self.assertEqual(
			sorted((r.employee, r.is_mandatory) for r in event.employees),
			sorted((e, 1) for e in (self.mentor, self.mentee, self.approved)),
		)
		invitations = [
			m for m in builders.queued_emails(self.mentee_user) if "Training Scheduled" in (m.subject or "")
		]
		self.assertEqual(len(invitations), 1)
		self.assertEqual(self.workshop_of_pairing()["mentee"], rules.INVITED)

	def test_attendance_flows_back_to_the_pairing_the_report_the_skill_map_and_the_reminders(self):
		first = self.hold()
		self.result(first, [self.mentor, self.approved])
		sides = self.workshop_of_pairing()
		self.assertEqual((sides["mentor"], sides["mentee"], sides["prepared"]), ("Attended", "Missed", False))
		# the absentee hears of it, with no next session yet
		items = self.missed_items()
		self.assertEqual([(i.user, i.detail) for i in items], [(self.mentee_user, "")])
		# the next session invites only who has not attended yet, and the reminder names it
		second = self.hold(days=6, location="Room 9")
		invited = frappe.get_all("Training Event Employee", {"parent": second}, pluck="employee")
		self.assertEqual(invited, [self.mentee])
		items = self.missed_items()
		self.assertEqual([(i.user, i.detail) for i in items], [(self.mentee_user, second)])
		self.assertEqual(self.workshop_of_pairing()["next"]["location"], "Room 9")
		lines = due_for(self.mentee_user, [frappe._dict(name=self.pairing.name, program=self.program.name)])
		self.assertIn(
			"the next session is on", next(line.text for line in lines if line.kind == "workshop_missed")
		)
		self.assertIn("Room 9", next(line.text for line in lines if line.kind == "workshop_missed"))
		row, summary = self.health_row()
		self.assertEqual((row["workshop"], summary[0]["value"]), ("Waiting for the mentee", 0.0))
		# the Skill Map records the session for each attendee, once
		self.assertEqual(self.trainings(self.mentor), [first])
		self.assertEqual(self.trainings(self.approved), [first])  # made their first Skill Map
		self.assertEqual(self.trainings(self.mentee), [])
		frappe.get_doc("Training Event", first).save()  # saved again: no second row
		self.assertEqual(self.trainings(self.mentor), [first])

		self.result(second, [self.mentee])
		self.assertTrue(self.workshop_of_pairing()["prepared"])
		self.assertEqual(self.missed_items(), [])
		row, summary = self.health_row()
		self.assertEqual((row["workshop"], summary[0]["value"]), ("Both attended", 100.0))
		self.assertEqual(self.trainings(self.mentee), [second])
		facts = digests.pairing_facts(digests._active_pairings({"program": self.program.name}), getdate())
		self.assertTrue(facts[self.pairing.name].prepared)

	def test_a_program_without_a_workshop_shows_nothing_of_one(self):
		self.assertIsNone(self.workshop_of_pairing())
		row, summary = self.health_row()
		self.assertEqual((row["workshop"], summary), ("", []))

	def test_pairings_go_live_only_when_both_attended_where_the_program_asks(self):
		self.program.db_set("workshop_required", 1)
		event = self.hold()
		self.result(event, [self.mentor])
		proposal = builders.pairing(self.program.name, self.mentor, self.approved, status="Proposed")
		with as_user(self.program_manager), self.assertRaises(frappe.ValidationError) as refused:
			frappe.get_doc("Mentoring Pairing", proposal.name).set_status("Active")
		self.assertIn("launch workshop", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", proposal.name, "status"), "Proposed")
		self.result(self.hold(days=-1), [self.approved])  # the next session
		with as_user(self.program_manager):
			frappe.get_doc("Mentoring Pairing", proposal.name).set_status("Active")
		self.assertEqual(frappe.db.get_value("Mentoring Pairing", proposal.name, "status"), "Active")
		# a paused pairing resumes without the rule: it went live long ago
		self.pairing.db_set("status", "Paused")
		with as_user(self.program_manager):
			frappe.get_doc("Mentoring Pairing", self.pairing.name).set_status("Active")

	def test_bad_input_is_refused_with_a_clear_message_and_nothing_made(self):
		before = frappe.db.count("Training Event")
		for values, words in (
			({"end_time": at(-7, 8)}, "must end after it starts"),
			({"location": "  "}, "Say where"),
		):
			with self.assertRaises(frappe.ValidationError) as refused:
				self.hold(**values)
			self.assertIn(words, str(refused.exception))
		empty = builders.program()
		with as_user(self.program_manager), self.assertRaises(frappe.ValidationError) as refused:
			frappe.get_doc("Mentoring Program", empty.name).hold_launch_workshop(at(3), at(3, 11), "Room 1")
		self.assertIn("No approved participant", str(refused.exception))
		self.program.db_set("status", "Draft")
		with self.assertRaises(frappe.ValidationError) as refused:
			self.hold()
		self.assertIn("holds no workshop", str(refused.exception))
		with as_user(self.mentee_user), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Mentoring Program", self.program.name).hold_launch_workshop(
				at(3), at(3, 11), "Room"
			)
		self.assertEqual(frappe.db.count("Training Event"), before)

	def test_only_the_app_sets_a_training_events_mentoring_program(self):
		hr = builders.user_with_roles("HR Manager", "Employee")
		values = {
			"doctype": "Training Event",
			"event_name": builders.unique("Forged session"),
			"mentoring_program": self.program.name,
			"event_status": "Scheduled",
			"type": "Workshop",
			"location": "Room 1",
			"start_time": at(3),
			"end_time": at(3, 11),
			"introduction": "Forged",
		}
		with as_user(hr), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(values).insert()
		with as_user(hr):  # HR's own training events are HR's, as ever
			frappe.get_doc({**values, "mentoring_program": None}).insert()

	def missed_items(self):
		items, _words = gather(self.program.name, getdate(), load_settings())
		return [i for i in items if i.kind == reminder_rules.WORKSHOP_MISSED]

	def health_row(self):
		with as_user(self.program_manager):
			_columns, rows, _message, _chart, summary = mentoring_program_health.execute(
				{"program": self.program.name}
			)
		return next(r for r in rows if r["pairing"] == self.pairing.name), summary

	def trainings(self, employee: str) -> list[str]:
		return frappe.get_all(
			"Employee Training",
			{"parenttype": "Employee Skill Map", "parent": employee},
			pluck="training",
			order_by="idx",
		)
