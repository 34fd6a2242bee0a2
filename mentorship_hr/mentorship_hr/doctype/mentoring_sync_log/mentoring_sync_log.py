# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from mentorship_hr.permissions import PolicyDocument


class MentoringSyncLog(PolicyDocument):
	pass
