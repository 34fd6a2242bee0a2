frappe.ui.form.on("Appraisal Cycle", {
	refresh(frm) {
		if (frm.is_new() || !mentorship_hr.is_program_manager()) return;
		frm.add_custom_button(
			__("Sync Mentoring Scores"),
			() =>
				mentorship_hr.queue_sync(
					frappe.call({
						method: "mentorship_hr.kpi.sync_jobs.sync_cycle_scores",
						args: { appraisal_cycle: frm.doc.name },
					})
				),
			__("Mentoring")
		);
		if (frm.doc.status !== "Completed" && frm.perm[0]?.write) {
			frm.add_custom_button(__("Mentoring KRA"), () => mentoring_kra_dialog(frm), __("Mentoring"));
		}
		if (frm.doc.kra_evaluation_method === "Manual Rating" && frm.doc.status !== "Completed") {
			frm.add_custom_button(
				__("Fill Suggested Mentoring Ratings"),
				() =>
					frappe
						.call("mentorship_hr.kpi.appraisal_tools.apply_suggested_ratings", { appraisal_cycle: frm.doc.name })
						.then(({ message: r }) =>
							frappe.msgprint({
								title: __("Suggested Ratings Filled"),
								message: `<p>${__("{0} draft appraisals updated.", [r.updated.length])}</p>${mentorship_hr.list_not_changed(r)}`,
							})
						),
				__("Mentoring")
			);
		}
	},
});

function mentoring_kra_dialog(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Mentoring KRA"),
		fields: [
			{
				fieldname: "weightage",
				fieldtype: "Percent",
				label: __("Weightage (%)"),
				default: frm.doc.mentoring_kra_weightage || 20,
				description: __(
					"Only employees with a scored mentoring pairing in this cycle carry the KRA, through a variant of their template with the other KRAs rescaled to keep 100. Everyone else's appraisal stays as it is. A pair in its first check-in period is not scored yet; the daily sync adds the KRA once that period ends. 0 takes the KRA off."
				),
			},
		],
		primary_action_label: __("Apply"),
		primary_action({ weightage }) {
			frappe
				.call({
					method: "mentorship_hr.overrides.appraisal_cycle.set_mentoring_kra",
					args: { appraisal_cycle: frm.doc.name, weightage },
					freeze: true,
				})
				.then(({ message }) => {
					dialog.hide();
					frm.reload_doc();
					mentorship_hr.show_kra_result(message);
				});
		},
	});
	dialog.show();
}
