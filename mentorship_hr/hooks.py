app_name = "mentorship_hr"
app_title = "Mentorship HR"
app_publisher = "mentorship_hr contributors"
app_description = "Mentoring programs for Frappe HR, scored as KPIs in appraisals"
app_email = "dev@mentorship-hr.invalid"
app_license = "MIT"
required_apps = ["frappe/erpnext", "frappe/hrms"]

app_include_js = ["mentorship.bundle.js"]
extend_bootinfo = "mentorship_hr.permissions.boot_info"

# Installation
# ------------

before_install = "mentorship_hr.install.before_install"
after_install = "mentorship_hr.install.after_install"
after_migrate = "mentorship_hr.mentoring_kra.create_fields"
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
}

has_permission = {
	"Mentoring Pairing": "mentorship_hr.permissions.pairing_permission",
	"Mentoring Goal": "mentorship_hr.permissions.goal_permission",
	"Mentoring Check-in": "mentorship_hr.permissions.checkin_permission",
	"Mentoring Participant": "mentorship_hr.permissions.participant_permission",
	"Mentoring Score": "mentorship_hr.permissions.score_permission",
	"Mentoring Check-in Note": "mentorship_hr.permissions.note_permission",
	"Mentoring Feedback": "mentorship_hr.permissions.feedback_permission",
}

# The HRMS Goal that carries a mentoring score changes only through the sync.
doc_events = {
	"Goal": {
		"validate": "mentorship_hr.kpi_sync.guard_score_goal",
		"on_trash": "mentorship_hr.kpi_sync.guard_score_goal",
	},
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
		"mentorship_hr.engagement.daily",
		"mentorship_hr.sync_jobs.daily_sync",
		"mentorship_hr.self_select.daily_expiry",
	],
	"weekly_long": ["mentorship_hr.engagement.weekly"],
}

# Testing
# -------

# Completes the setup wizard on a fresh site, as HRMS's own tests need.
before_tests = "hrms.tests.test_utils.before_tests"
