# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from mentorship_hr.mixins.policy_document import PolicyDocument


class MentoringSyncLog(PolicyDocument):
	pass
