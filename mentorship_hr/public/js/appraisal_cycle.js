frappe.ui.form.on("Appraisal Cycle", {
	refresh(frm) {
		if (frm.is_new() || !mentorship_hr.is_program_manager()) return;
		frm.add_custom_button(
			__("Sync Mentoring Scores"),
			() =>
				mentorship_hr.show_sync_summary(
					frappe.call({
						method: "mentorship_hr.kpi_sync.sync_cycle_scores",
						args: { appraisal_cycle: frm.doc.name },
						freeze: true,
						freeze_message: __("Scoring mentoring duties..."),
					})
				),
			__("Mentoring")
		);
		if (frm.doc.kra_evaluation_method === "Manual Rating" && frm.doc.status !== "Completed") {
			frm.add_custom_button(
				__("Fill Suggested Mentoring Ratings"),
				() =>
					frappe
						.call("mentorship_hr.appraisal_tools.apply_suggested_ratings", { appraisal_cycle: frm.doc.name })
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
