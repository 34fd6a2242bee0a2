"""What the app hooks into Frappe and Frappe HR DocTypes (hooks.py, doc_events), as the access
policy says (mentorship_hr/access_policy.py: HRMS_FIELDS and HRMS_RULES)."""
