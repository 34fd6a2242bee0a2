from frappe.model.document import Document


class MentoringSkillRating(Document):
	pass
