# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from mentorship_hr.mixins.policy_document import ChildOfStoredParent


class MentoringSkillItem(ChildOfStoredParent, Document):
	pass
