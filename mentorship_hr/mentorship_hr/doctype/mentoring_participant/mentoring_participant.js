// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Participant", {
	setup(frm) {
		frm.set_query("program", () => ({ filters: { status: "Enrolling" } }));
	},

	refresh(frm) {
		mentorship_hr.apply_form_rules(frm);
		if (frm.is_new()) return;
		const answer = (method, args) =>
			frm.call(method, args).then(() => frm.reload_doc());

		if (frm.doc.status === "Invited" && frm.doc.user === frappe.session.user) {
			frm.add_custom_button(__("Accept Invitation"), () => answer("respond_to_invitation", { accept: 1 }));
			frm.add_custom_button(__("Decline"), () => answer("respond_to_invitation", { accept: 0 }));
		}
		if ((frm.doc.__onload || {}).can_withdraw) {
			frm.add_custom_button(__("Withdraw"), () =>
				frappe.confirm(__("Leave this mentoring program?"), () => answer("withdraw"))
			);
		}
		if (frm.doc.status === "Applied" && mentorship_hr.is_program_manager()) {
			frm.add_custom_button(__("Approve"), () => answer("review_application", { approve: 1 }));
			frm.add_custom_button(__("Decline"), () => answer("review_application", { approve: 0 }));
		}
	},
});
