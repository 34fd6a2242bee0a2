// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mentoring Program Health"] = {
	filters: [
		...mentorship_hr.report_scope_filters(),
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: "Active\nPaused\nCompleted\nEnded Early",
			default: "Active",
		},
		{
			fieldname: "health",
			label: __("Health"),
			fieldtype: "Select",
			options: "\nOn Track\nNeeds Attention\nAt Risk",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "health" && data && data.health) {
			const color = mentorship_hr.HEALTH_COLOURS[data.health];
			value = `<span class="indicator-pill ${color}">${value}</span>`;
		}
		return value;
	},
};
