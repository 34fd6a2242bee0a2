from frappe.model.document import Document

from mentorship_hr.mixins.policy_document import ChildOfStoredParent


class MentoringCheckinAttendee(ChildOfStoredParent, Document):
	pass
