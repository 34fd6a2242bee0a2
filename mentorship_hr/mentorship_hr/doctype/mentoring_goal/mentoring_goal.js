// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Goal", {
	setup(frm) {
		frm.set_query("pairing", () => ({ filters: { status: "Active" } }));
		frm.set_query("circle", () => ({ filters: { status: "Active" } }));
	},
	refresh: (frm) => mentorship_hr.apply_form_rules(frm),
	pairing: (frm) => frm.is_new() && mentorship_hr.apply_form_rules(frm),
	circle: (frm) => frm.is_new() && mentorship_hr.apply_form_rules(frm),
});
