// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Settings", {
	refresh(frm) {
		mentorship_hr.warn_no_email_account(frm);
	},
});
