// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Circle", {
	setup(frm) {
		frm.set_query("program", () => ({
			filters: { status: ["in", ["Enrolling", "Active"]], format: ["!=", "One-to-one"] },
		}));
	},

	refresh(frm) {
		mentorship_hr.apply_form_rules(frm);
		mentorship_hr.add_status_actions(frm, __("circle"), __("Its mentors, members and their managers are told when it starts."));
		if (frm.doc.status === "Active" && frm.doc.health) {
			frm.dashboard.add_indicator(
				`${__("Health")}: ${__(frm.doc.health)}`,
				mentorship_hr.HEALTH_COLOURS[frm.doc.health]
			);
		}
		if ((frm.doc.__onload || {}).can_log) {
			frm.add_custom_button(__("Schedule Check-in"), () =>
				mentorship_hr.schedule_checkin(frm, __("Check-in scheduled: it is in the calendar of everyone in the circle. {0}"))
			);
			frm.add_custom_button(
				__("Log Check-in"),
				() => frappe.new_doc("Mentoring Check-in", { circle: frm.doc.name }),
				__("Create")
			);
		}
		if ((frm.doc.__onload || {}).can_set_goal) {
			frm.add_custom_button(
				__("My Goal"),
				() => frappe.new_doc("Mentoring Goal", { circle: frm.doc.name }),
				__("Create")
			);
		}
		if (!frm.is_new() && mentorship_hr.is_program_manager() && (frm.doc.members || []).length
			&& ["Proposed", "Active", "Paused"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Move Member"), () => move_member(frm));
		}
	},
});

// A member moves to another open circle of the program; both circles keep every rule.
function move_member(frm) {
	frappe.prompt(
		[
			{
				fieldname: "employee",
				fieldtype: "Select",
				label: __("Member"),
				options: frm.doc.members.map((row) => ({ value: row.employee, label: row.employee_name || row.employee })),
				reqd: 1,
			},
			{
				fieldname: "to_circle",
				fieldtype: "Link",
				options: "Mentoring Circle",
				label: __("To Circle"),
				reqd: 1,
				get_query: () => ({
					filters: {
						program: frm.doc.program,
						name: ["!=", frm.doc.name],
						status: ["in", ["Proposed", "Active", "Paused"]],
					},
				}),
			},
		],
		(values) =>
			frm.call("move_member", values).then(({ message: circle }) => {
				frm.reload_doc();
				frappe.show_alert({ message: __("Moved to {0}", [circle]), indicator: "green" });
			}),
		__("Move Member"),
		__("Move")
	);
}
