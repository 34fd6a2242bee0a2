// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mentoring KPI"] = {
	filters: [
		...mentorship_hr.report_scope_filters(),
		{ fieldname: "employee", label: __("Employee"), fieldtype: "Link", options: "Employee" },
		{ fieldname: "role", label: __("Role"), fieldtype: "Select", options: "\nMentor\nMentee" },
	],
};
