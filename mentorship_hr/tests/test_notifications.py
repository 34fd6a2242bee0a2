"""Each step of the flow tells the next person, in the bell and by queued email, with nothing private."""

import frappe

from mentorship_hr.tests import builders
from mentorship_hr.tests.builders import MentoringTestCase, as_user


def notified(user: str, document_name: str) -> bool:
	return bool(frappe.db.exists("Notification Log", {"for_user": user, "document_name": document_name}))


def emails_about(document_name: str) -> list[tuple[str, str]]:
	"""(recipients, decoded body) of each queued email about a document."""
	result = []
	for queue in frappe.get_all(
		"Email Queue", filters={"reference_name": document_name}, fields=["name", "message"]
	):
		recipients = ",".join(
			frappe.get_all("Email Queue Recipient", filters={"parent": queue.name}, pluck="recipient")
		)
		result.append((recipients, builders.parse_email(queue.message).body))
	return result


class TestEachStepTellsTheNextPerson(MentoringTestCase):
	def setUp(self):
		super().setUp()
		builders.outgoing_email_account()
		self.program_manager = builders.user_with_roles("Mentoring Program Manager")
		self.program.db_set("program_manager", self.program_manager)

	def test_an_application_tells_the_program_manager(self):
		self.program.db_set("status", "Enrolling")
		applicant = builders.employee("applicant")
		with as_user(builders.user_of(applicant)):
			participant = frappe.get_doc(
				{
					"doctype": "Mentoring Participant",
					"program": self.program.name,
					"employee": applicant,
					"role": "Mentee",
				}
			).insert()
		self.assertTrue(notified(self.program_manager, participant.name))
		self.assertEqual([r for r, _body in emails_about(participant.name)], [self.program_manager])

	def test_an_answered_invitation_tells_the_program_manager(self):
		invitee = builders.employee("invitee")
		participant = frappe.get_doc(
			{
				"doctype": "Mentoring Participant",
				"program": self.program.name,
				"employee": invitee,
				"role": "Mentor",
				"status": "Invited",
			}
		).insert()
		with as_user(builders.user_of(invitee)):
			participant.respond_to_invitation(accept=0)
		self.assertTrue(notified(self.program_manager, participant.name))
		self.assertIn("declined", emails_about(participant.name)[0][1])

	def test_a_submitted_check_in_asks_the_counterpart_without_the_notes(self):
		with as_user(self.mentee_user):
			checkin = builders.checkin(self.pairing.name, private_notes="PRIVATE-worried about my manager")
		self.assertTrue(notified(self.mentor_user, checkin.name))
		self.assertFalse(notified(self.mentee_user, checkin.name))
		[(recipients, body)] = emails_about(checkin.name)
		self.assertEqual(recipients, self.mentor_user)
		self.assertIn("confirm", body)
		self.assertNotIn("PRIVATE", body)
		self.assertFalse(frappe.db.exists("Notification Log", {"subject": ("like", "%PRIVATE%")}))

	def test_a_dispute_tells_the_program_manager_with_the_reason_as_text(self):
		with as_user(self.mentee_user):
			checkin = builders.checkin(self.pairing.name, private_notes="PRIVATE-notes")
		with as_user(self.mentor_user):
			checkin.dispute("We met for <b>five</b> minutes")
		self.assertTrue(notified(self.program_manager, checkin.name))
		body = next(
			body for recipients, body in emails_about(checkin.name) if recipients == self.program_manager
		)
		self.assertIn("We met for &lt;b&gt;five&lt;/b&gt; minutes", body)
		self.assertNotIn("PRIVATE", body)

	def test_an_ended_pairing_tells_the_pair_and_both_managers(self):
		self.pairing.update({"status": "Ended Early", "end_reason": "Not a fit"}).save()
		told = {
			self.mentor_user,
			self.mentee_user,
			*map(builders.user_of, (self.mentor_manager, self.mentee_manager)),
		}
		for user in told:
			self.assertTrue(notified(user, self.pairing.name), user)
		self.assertFalse(notified(builders.user_of(self.stranger), self.pairing.name))
		# one email to the pair (its link opens My Mentoring), one to the managers (the desk)
		emails = [e for e in emails_about(self.pairing.name) if "is Ended Early" in e[1]]
		self.assertEqual({r for recipients, _ in emails for r in recipients.split(",")}, told)
		self.assertEqual(len(emails), 2)
		for _, body in emails:
			self.assertIn("matched with another mentor", body)
