from frappe.model.document import Document


class MentoringSkillGrowth(Document):
	pass
