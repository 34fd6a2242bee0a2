// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

// frappe.ui.form.on("Mentoring Score", {
// 	refresh(frm) {

// 	},
// });
