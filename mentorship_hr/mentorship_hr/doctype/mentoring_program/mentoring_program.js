// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Program", {
	refresh(frm) {
		if (frm.is_new() || !["Active", "Completed"].includes(frm.doc.status)) return;
		if (mentorship_hr.is_program_manager()) {
			frm.add_custom_button(__("Sync Scores to Appraisals"), () =>
				mentorship_hr.sync_scores({ program: frm.doc.name })
			);
		}
	},
});
