frappe.ui.form.on("Appraisal Template", {
	refresh(frm) {
		if (frm.is_new() || !mentorship_hr.is_program_manager()) return;
		frm.add_custom_button(__("Add Mentoring KRA"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Add Mentoring KRA"),
				fields: [
					{
						fieldname: "weightage",
						fieldtype: "Percent",
						label: __("Weightage (%)"),
						reqd: 1,
						default: 20,
						description: __("The other KRAs are rescaled in proportion so the total stays 100."),
					},
					{
						fieldname: "apply_to_draft_appraisals",
						fieldtype: "Check",
						label: __("Also update Draft appraisals that use this template"),
						default: 1,
					},
				],
				primary_action_label: __("Add"),
				primary_action(values) {
					frappe
						.call("mentorship_hr.appraisal_tools.add_mentoring_kra", { appraisal_template: frm.doc.name, ...values })
						.then(({ message: r }) => {
							dialog.hide();
							frm.reload_doc();
							frappe.msgprint({
								title: __("Mentoring KRA Added"),
								indicator: "green",
								message: `<p>${__("{0} draft appraisals updated.", [r.updated.length])}</p>${mentorship_hr.list_not_changed(r)}`,
							});
						});
				},
			});
			dialog.show();
		});
	},
});
