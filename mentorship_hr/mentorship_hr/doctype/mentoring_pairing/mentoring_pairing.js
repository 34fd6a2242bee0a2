// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Pairing", {
	setup(frm) {
		frm.set_query("program", () => ({ filters: { status: ["in", ["Enrolling", "Active"]] } }));
	},

	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Active") return;

		frm.add_custom_button(
			__("Log Check-in"),
			() => frappe.new_doc("Mentoring Check-in", { pairing: frm.doc.name }),
			__("Create")
		);
		if (frappe.session.user === frm.doc.mentee_user || frm.perm[0].create) {
			frm.add_custom_button(
				__("Goal"),
				() => frappe.new_doc("Mentoring Goal", { pairing: frm.doc.name }),
				__("Create")
			);
		}
	},
});
