// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Check-in", {
	setup(frm) {
		frm.set_query("goal", "goal_updates", () => ({
			filters: { pairing: frm.doc.pairing, status: ["!=", "Dropped"] },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1 || frm.doc.confirmation_status === "Confirmed") return;

		const counterpart = frm.doc.logged_by_role === "Mentor" ? frm.doc.mentee_user : frm.doc.mentor_user;
		const is_manager = frappe.user.has_role(["Mentoring Program Manager", "HR Manager", "System Manager"]);
		if (frappe.session.user !== counterpart && !is_manager) return;
		if (frm.doc.confirmation_status === "Disputed" && !is_manager) return;

		frm.add_custom_button(__("Confirm"), () =>
			frm.call("confirm").then(() => frm.reload_doc())
		);
		if (frm.doc.confirmation_status === "Pending") {
			frm.add_custom_button(__("Dispute"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					({ reason }) => frm.call("dispute", { reason }).then(() => frm.reload_doc()),
					__("Dispute Check-in"),
					__("Dispute")
				)
			);
		}
	},
});
