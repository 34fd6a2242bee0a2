# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from mentorship_hr.kpi.score_display import weights_note
from mentorship_hr.mixins.policy_document import PolicyDocument


class MentoringScore(PolicyDocument):
	@property
	def weights_note(self) -> str:
		return weights_note(self)
