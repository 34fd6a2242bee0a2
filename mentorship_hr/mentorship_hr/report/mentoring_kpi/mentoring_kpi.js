// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mentoring KPI"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company" },
		{ fieldname: "program", label: __("Program"), fieldtype: "Link", options: "Mentoring Program" },
		{
			fieldname: "appraisal_cycle",
			label: __("Appraisal Cycle"),
			fieldtype: "Link",
			options: "Appraisal Cycle",
		},
		{ fieldname: "employee", label: __("Employee"), fieldtype: "Link", options: "Employee" },
		{ fieldname: "role", label: __("Role"), fieldtype: "Select", options: "\nMentor\nMentee" },
	],
};
