import frappe


def execute():
	"""Fill the name fields added next to Employee, Project and User links on existing records."""
	for doctype, field, link, target, source in (
		("Mentoring Pairing", "mentor_manager_name", "mentor_manager", "Employee", "employee_name"),
		("Mentoring Pairing", "mentee_manager_name", "mentee_manager", "Employee", "employee_name"),
		("Mentoring Goal", "mentor_name", "mentor", "Employee", "employee_name"),
		("Mentoring Goal", "project_name", "project", "Project", "project_name"),
		("Mentoring Program", "program_manager_name", "program_manager", "User", "full_name"),
	):
		frappe.db.sql(
			f"""update `tab{doctype}` d join `tab{target}` t on t.name = d.`{link}`
			set d.`{field}` = t.`{source}`"""
		)
