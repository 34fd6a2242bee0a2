# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

# import frappe
from mentorship_hr.mixins.policy_document import PolicyDocument


class MentoringSkill(PolicyDocument):
	pass
