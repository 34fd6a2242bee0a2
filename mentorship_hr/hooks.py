app_name = "mentorship_hr"
app_title = "Mentorship HR"
app_publisher = "mentorship_hr contributors"
app_description = "Mentoring programs for Frappe HR, scored as KPIs in appraisals"
app_email = "dev@mentorship-hr.invalid"
app_license = "MIT"
required_apps = ["frappe/erpnext", "frappe/hrms"]

app_include_js = ["mentorship.bundle.js"]

# My Mentoring, the participants' portal (frontend/, built by `bench build --app mentorship_hr`)
website_route_rules = [{"from_route": "/mentoring/<path:app_path>", "to_route": "mentoring"}]
add_to_apps_screen = [
	{
		"name": "mentorship_hr",
		"logo": "/assets/mentorship_hr/images/mentoring.svg",
		"title": "My Mentoring",
		"route": "/mentoring",
		"has_permission": "mentorship_hr.portal.apps_screen.show_in_apps",
	}
]
extend_bootinfo = "mentorship_hr.permissions.boot_info"

# Installation
# ------------

before_install = "mentorship_hr.install.before_install"
after_install = "mentorship_hr.install.after_install"
after_migrate = "mentorship_hr.install.create_fields"
before_uninstall = "mentorship_hr.install.before_uninstall"

# Permissions
# -----------

permission_query_conditions = {
	"Mentoring Pairing": "mentorship_hr.permissions.pairing_query",
	"Mentoring Goal": "mentorship_hr.permissions.goal_query",
	"Mentoring Check-in": "mentorship_hr.permissions.checkin_query",
	"Mentoring Participant": "mentorship_hr.permissions.participant_query",
	"Mentoring Score": "mentorship_hr.permissions.score_query",
	"Mentoring Check-in Note": "mentorship_hr.permissions.note_query",
	"Mentoring Check-in Goal Update": "mentorship_hr.permissions.goal_update_query",
	"Mentoring Skill Item": "mentorship_hr.permissions.skill_item_query",
	"Mentoring Feedback": "mentorship_hr.permissions.feedback_query",
	"Mentoring Skill Growth": "mentorship_hr.permissions.skill_growth_query",
	"Mentoring Skill Rating": "mentorship_hr.permissions.skill_rating_query",
	"Mentoring Circle": "mentorship_hr.permissions.circle_query",
	"Mentoring Circle Member": "mentorship_hr.permissions.circle_member_query",
	"Mentoring Check-in Attendee": "mentorship_hr.permissions.attendee_query",
}

# Frappe's count endpoint reads without row rules; the app's DocTypes are counted by them
override_whitelisted_methods = {
	"frappe.client.get_count": "mentorship_hr.overrides.client.get_count",
	# the API paths earlier versions documented, kept for scripts that call them
	"mentorship_hr.appraisal_tools.get_appraisal_mentoring": (
		"mentorship_hr.kpi.appraisal_tools.get_appraisal_mentoring"
	),
	"mentorship_hr.appraisal_tools.apply_suggested_ratings": (
		"mentorship_hr.kpi.appraisal_tools.apply_suggested_ratings"
	),
	"mentorship_hr.mentoring_kra.set_mentoring_kra": "mentorship_hr.overrides.appraisal_cycle.set_mentoring_kra",
	"mentorship_hr.sync_jobs.sync_cycle_scores": "mentorship_hr.kpi.sync_jobs.sync_cycle_scores",
	"mentorship_hr.enrollment.approve_applications": "mentorship_hr.matching.enrollment.approve_applications",
}

# every app DocType: one decision, from mentorship_hr/access_policy.py
has_permission = {
	doctype: "mentorship_hr.permissions.has_permission"
	for doctype in (
		"Mentoring Program",
		"Mentoring Settings",
		"Mentoring Participant",
		"Mentoring Pairing",
		"Mentoring Circle",
		"Mentoring Goal",
		"Mentoring Check-in",
		"Mentoring Check-in Note",
		"Mentoring Feedback",
		"Mentoring Score",
		"Mentoring Sync Log",
		"Mentoring Reminder Log",
	)
}

# Frappe HR and Frappe DocTypes the app writes to (access_policy.HRMS_FIELDS, HRMS_RULES).
doc_events = {
	"Goal": {
		"validate": "mentorship_hr.overrides.goal.validate",
		"on_trash": "mentorship_hr.overrides.goal.on_trash",
	},
	"Event": {
		"validate": "mentorship_hr.overrides.event.validate",
		"on_update": "mentorship_hr.overrides.event.on_update",
		"on_trash": "mentorship_hr.overrides.event.on_trash",
	},
	"Appraisal Cycle": {"validate": "mentorship_hr.overrides.app_fields.guard_app_fields"},
	"Appraisal Template": {"validate": "mentorship_hr.overrides.app_fields.guard_app_fields"},
	"Training Event": {
		"validate": "mentorship_hr.overrides.app_fields.guard_app_fields",
		"on_submit": "mentorship_hr.engagement.workshop.record_trainings",
		"on_update_after_submit": "mentorship_hr.engagement.workshop.record_trainings",
	},
	"Training Result": {"on_submit": "mentorship_hr.engagement.workshop.record_trainings"},
}

# Frappe HR forms
# ---------------

doctype_js = {
	"Appraisal": "public/js/appraisal.js",
	"Appraisal Cycle": "public/js/appraisal_cycle.js",
	"Appraisal Template": "public/js/appraisal_template.js",
	"Event": "public/js/event.js",
}

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily_long": [
		"mentorship_hr.engagement.jobs.daily",
		"mentorship_hr.kpi.sync_jobs.daily_sync",
		"mentorship_hr.matching.self_select.daily_expiry",
	],
	"weekly_long": ["mentorship_hr.engagement.jobs.weekly"],
}

# Testing
# -------

# Completes the setup wizard on a fresh site, as HRMS's own tests need.
before_tests = "hrms.tests.test_utils.before_tests"
