# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from mentorship_hr.permissions import PolicyDocument
from mentorship_hr.score_display import weights_note


class MentoringScore(PolicyDocument):
	@property
	def weights_note(self) -> str:
		return weights_note(self)
