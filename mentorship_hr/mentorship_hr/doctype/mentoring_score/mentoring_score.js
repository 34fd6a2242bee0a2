// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Score", {
	refresh(frm) {
		// the server explains the weights: not yet scored, or what was shared out and how
		if (frm.doc.weights_note) {
			frm.set_intro(frappe.utils.escape_html(frm.doc.weights_note), frm.doc.not_yet_scored ? "orange" : "blue");
		}
	},
});
