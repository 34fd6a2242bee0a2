// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Check-in", {
	setup(frm) {
		frm.set_query("goal", "goal_updates", () => ({
			filters: { pairing: frm.doc.pairing, status: ["!=", "Dropped"] },
		}));
	},

	pairing: (frm) => frm.is_new() && mentorship_hr.apply_form_rules(frm),

	circle: (frm) => {
		list_the_circle(frm);
		if (frm.is_new()) mentorship_hr.apply_form_rules(frm);
	},

	refresh(frm) {
		mentorship_hr.apply_form_rules(frm);
		if (frm.is_new() && frm.doc.circle && !(frm.doc.attendance || []).length) list_the_circle(frm);
		// the server says who may read the notes and how this user may answer (see onload)
		const onload = frm.doc.__onload || {};
		const party = frm.is_new() || Boolean(onload.is_party);
		// the notes live in a record of their own, so the field is virtual, which the desk would
		// show read-only: the pair writes it (the server keeps what only they send)
		frm.set_df_property("private_notes", "is_virtual", party ? 0 : 1);
		frm.toggle_display("private_notes", party);
		if (frm.doc.circle) {
			frm.set_df_property("private_section", "description", __("Visible only to the circle's mentors and members."));
			frm.set_df_property("private_notes", "description", __("Only the circle's mentors and members can read these notes."));
		}
		if (frm.doc.docstatus === 1 && !onload.can_cancel) frm.page.clear_secondary_action(); // only the logger
		const moves = onload.confirmation_moves || [];
		if (frm.doc.docstatus !== 1 || !moves.length) return;

		if (moves.includes("Confirmed")) {
			frm.add_custom_button(__("Confirm"), () => frm.call("confirm").then(() => frm.reload_doc()));
		}
		if (moves.includes("Disputed")) {
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

// A circle's check-in lists everyone of the circle, to tick who came (the server keeps only them).
function list_the_circle(frm) {
	if (!frm.is_new() || !frm.doc.circle) return;
	frappe.db.get_doc("Mentoring Circle", frm.doc.circle).then((circle) => {
		frm.clear_table("attendance");
		[
			[circle.lead_mentor, circle.lead_mentor_name],
			[circle.co_mentor, circle.co_mentor_name],
		]
			.filter(([employee]) => employee)
			.forEach(([employee, employee_name]) =>
				frm.add_child("attendance", { employee, employee_name, role: "Mentor" })
			);
		(circle.members || []).forEach((row) =>
			frm.add_child("attendance", { employee: row.employee, employee_name: row.employee_name, role: "Member" })
		);
		frm.refresh_field("attendance");
	});
}
