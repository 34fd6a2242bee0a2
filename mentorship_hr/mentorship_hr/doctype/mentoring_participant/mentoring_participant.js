// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Participant", {
	setup(frm) {
		frm.set_query("program", () => ({ filters: { status: "Enrolling" } }));
	},

	refresh(frm) {
		mentorship_hr.apply_form_rules(frm);
		if (frm.is_new()) return suggest_skills(frm);
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

	role: suggest_skills,
	target_designation: suggest_skills,
});

// Someone applying for themself starts from their Skill Map: a mentor's strengths, a mentee's gaps.
// Shown, never forced: a table the applicant filled is left alone.
function suggest_skills(frm) {
	if (!frm.is_new() || !frm.doc.role || (frm.doc.user && frm.doc.user !== frappe.session.user)) return;
	const table = frm.doc.role === "Mentor" ? "skills_offered" : "skills_sought";
	frm.suggested = frm.suggested || {};
	if ((frm.doc[table] || []).length && !frm.suggested[table]) return;
	frappe
		.xcall("mentorship_hr.skills.skill_map.suggested_skills", {
			role: frm.doc.role,
			target_designation: frm.doc.target_designation || null,
		})
		.then(({ skills, why }) => {
			if (!skills.length) return;
			frm.clear_table(table);
			skills.forEach((skill) => frm.add_child(table, { skill }));
			frm.refresh_field(table);
			frm.suggested[table] = true;
			frm.set_intro(__("Suggested from your Skill Map ({0}); change them as you like.", [why]), "blue");
		});
}
