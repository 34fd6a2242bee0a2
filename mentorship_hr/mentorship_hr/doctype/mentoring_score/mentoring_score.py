# Copyright (c) 2026, mentorship_hr contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from mentorship_hr.score_display import weights_note


class MentoringScore(Document):
	@property
	def weights_note(self) -> str:
		return weights_note(self)
