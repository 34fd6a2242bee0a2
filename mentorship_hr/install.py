import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import add_permission, update_permission_property

PROGRAM_MANAGER = "Mentoring Program Manager"
DEFAULT_KRA = "Mentoring"

# The soft skills the program's source articles name.
SEED_SKILLS = (
	"Communication",
	"Confidence",
	"Decisiveness",
	"Negotiation",
	"Delegation",
	"Empathy",
	"Humour",
	"Embracing Change",
)


# The fields the app adds to Frappe HR (access_policy.HRMS_FIELDS), removed again on uninstall.
CUSTOM_FIELDS = {
	"Appraisal Cycle": [
		{
			"fieldname": "mentoring_kra_weightage",
			"fieldtype": "Percent",
			"label": "Mentoring KRA Weightage",
			"insert_after": "kra_evaluation_method",
			"read_only": 1,
			"description": "Set with Mentoring > Mentoring KRA. Only mentoring participants' appraisals carry it.",
		}
	],
	"Appraisal Template": [
		{
			"fieldname": "mentoring_base_template",
			"fieldtype": "Link",
			"options": "Appraisal Template",
			"label": "Mentoring Variant Of",
			"insert_after": "template_title",
			"read_only": 1,
		}
	],
	# The Appraisal form's Mentoring section, filled by public/js/appraisal.js; after both KRA
	# tables (HRMS shows one or the other) and before the total.
	"Appraisal": [
		{
			"fieldname": "mentoring_section",
			"fieldtype": "Section Break",
			"label": "Mentoring",
			"insert_after": "remarks",
		},
		{
			"fieldname": "mentoring_html",
			"fieldtype": "HTML",
			"label": "Mentoring",
			"insert_after": "mentoring_section",
		},
	],
	# the sessions of a program's launch workshop (engagement/workshop.py)
	"Training Event": [
		{
			"fieldname": "mentoring_program",
			"fieldtype": "Link",
			"options": "Mentoring Program",
			"label": "Mentoring Program",
			"insert_after": "training_program",
			"read_only": 1,
			"search_index": 1,
		}
	],
}


def create_fields():
	create_custom_fields(CUSTOM_FIELDS, update=True)


def delete_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
		frappe.clear_cache(doctype=doctype)


def before_install():
	# Mentoring Settings links its default KRA, so the KRA must exist before the DocTypes sync.
	create_program_manager_role()
	create_kra(DEFAULT_KRA)


def after_install():
	grant_skill_access()
	create_seed_skills()
	create_fields()
	store_settings_defaults()


def before_uninstall():
	revoke_skill_access()
	delete_fields()
	delete_kra_if_unused(DEFAULT_KRA)
	if frappe.db.exists("Role", PROGRAM_MANAGER):
		frappe.delete_doc("Role", PROGRAM_MANAGER, ignore_permissions=True, force=True)


def create_program_manager_role():
	if not frappe.db.exists("Role", PROGRAM_MANAGER):
		frappe.get_doc({"doctype": "Role", "role_name": PROGRAM_MANAGER, "desk_access": 1}).insert(
			ignore_permissions=True
		)


def create_kra(title: str):
	if title and not frappe.db.exists("KRA", title):
		frappe.get_doc(
			{
				"doctype": "KRA",
				"title": title,
				"description": _("Mentoring duties, scored from mentoring programs."),
			}
		).insert(ignore_permissions=True)


def store_settings_defaults():
	"""A Single's defaults live only in its meta until it is saved: save them, so that the daily
	jobs and the program form read them."""
	stored = frappe.db.get_singles_dict("Mentoring Settings")
	if not stored:
		frappe.get_single("Mentoring Settings").save(ignore_permissions=True)
		return
	# settings added since the site last saved them
	for df in frappe.get_meta("Mentoring Settings").fields:
		if df.default is not None and df.fieldname not in stored:
			frappe.db.set_single_value("Mentoring Settings", df.fieldname, df.default)


def create_seed_skills():
	"""Frappe HR's Skill records for the soft skills the articles name, where missing. Uninstalling
	leaves them: Skill Maps and designations may use them."""
	for skill in SEED_SKILLS:
		if not frappe.db.exists("Skill", skill):
			frappe.get_doc({"doctype": "Skill", "skill_name": skill}).insert(ignore_permissions=True)


# Frappe HR lets only HR read these; mentors and mentees pick their skills and the role they aim for
# from them (access_policy.HRMS_RULES).
PICKED_LISTS = ("Skill", "Designation")
PICKERS = ("Employee", PROGRAM_MANAGER)


def grant_skill_access():
	"""Read and select on the lists for the pickers, as an admin would add them in Role Permissions."""
	for doctype in PICKED_LISTS:
		for role in PICKERS:
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role)
			update_permission_property(doctype, role, 0, "select", 1)
		frappe.clear_cache(doctype=doctype)


def revoke_skill_access():
	for doctype in PICKED_LISTS:
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", PICKERS)})
		frappe.clear_cache(doctype=doctype)


def delete_kra_if_unused(title: str):
	"""Remove the KRA the app created, unless HRMS records still use it."""
	if not frappe.db.exists("KRA", title):
		return
	used = (
		frappe.db.exists("Appraisal Template Goal", {"key_result_area": title})
		or frappe.db.exists("Appraisal KRA", {"kra": title})
		or frappe.db.exists("Appraisal Goal", {"kra": title})
		or frappe.db.exists("Goal", {"kra": title})
	)
	if not used:
		frappe.delete_doc("KRA", title, ignore_permissions=True, force=True)
