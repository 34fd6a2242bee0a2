"""Who may move a participant, a pairing, a circle or a check-in confirmation from one status to the next.

Each table maps the status before (None for a new record) to the statuses after, and each of
those to the actors allowed to make that move. Pure: no Frappe import.
"""

MANAGER = "Manager"  # a program manager or HR
MENTOR = "Mentor"
MENTEE = "Mentee"
SELF = "Self"  # the enrolled employee
COUNTERPART = "Counterpart"  # the side of the pair that did not log the check-in
SYSTEM = "System"  # scheduled jobs and matching

PARTICIPANT = {
	None: {"Applied": {SELF, MANAGER}, "Invited": {MANAGER}, "Approved": {MANAGER}},
	"Invited": {"Approved": {SELF}, "Withdrawn": {SELF, MANAGER}},
	"Applied": {"Approved": {MANAGER}, "Declined": {MANAGER}, "Withdrawn": {SELF, MANAGER}},
	"Approved": {"Matched": {MANAGER, SYSTEM}, "Waitlisted": {MANAGER, SYSTEM}, "Withdrawn": {SELF, MANAGER}},
	"Matched": {"Approved": {MANAGER, SYSTEM}, "Waitlisted": {MANAGER, SYSTEM}, "Withdrawn": {SELF, MANAGER}},
	"Waitlisted": {"Approved": {MANAGER, SYSTEM}, "Matched": {MANAGER, SYSTEM}, "Withdrawn": {SELF, MANAGER}},
	"Declined": {"Approved": {MANAGER}},
	"Withdrawn": {"Applied": {SELF}, "Approved": {MANAGER}},
}

PAIRING = {
	None: {"Proposed": {MANAGER, SYSTEM}, "Active": {MANAGER}, "Requested": {MENTEE}},
	"Proposed": {"Active": {MANAGER}},
	# accepted before the program starts, a request waits as a proposal, published with the others
	"Requested": {
		"Active": {MENTOR, MANAGER},
		"Proposed": {MENTOR, MANAGER},
		"Declined": {MENTOR, MANAGER},
		"Expired": {SYSTEM},
	},
	"Active": {"Paused": {MANAGER}, "Completed": {MANAGER}, "Ended Early": {MANAGER}},
	"Paused": {"Active": {MANAGER}, "Completed": {MANAGER}, "Ended Early": {MANAGER}},
}

# a circle lives as a pairing does, without requests
CIRCLE = {
	None: {"Proposed": {MANAGER, SYSTEM}, "Active": {MANAGER}},
	"Proposed": {"Active": {MANAGER}},
	"Active": {"Paused": {MANAGER}, "Completed": {MANAGER}, "Ended Early": {MANAGER}},
	"Paused": {"Active": {MANAGER}, "Completed": {MANAGER}, "Ended Early": {MANAGER}},
}

PROGRAM = {
	None: {"Draft": {MANAGER}, "Enrolling": {MANAGER}, "Active": {MANAGER}},
	"Draft": {"Enrolling": {MANAGER}, "Active": {MANAGER}},
	"Enrolling": {"Active": {MANAGER}},
	"Active": {"Completed": {MANAGER}},
}

CONFIRMATION = {
	"Pending": {"Confirmed": {COUNTERPART, MANAGER}, "Disputed": {COUNTERPART, MANAGER}},
	"Disputed": {"Confirmed": {MANAGER}},
}


def allowed(table: dict, before: str | None, after: str, actor: str) -> bool:
	"""True if the actor may move a record from `before` to `after` (staying put is always allowed)."""
	if before == after:
		return True
	return actor in table.get(before, {}).get(after, ())


def moves_for(table: dict, before: str | None, actor: str) -> list[str]:
	"""The statuses the actor may move a record to from `before`."""
	return sorted(after for after, actors in table.get(before, {}).items() if actor in actors)
