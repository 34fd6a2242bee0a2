frappe.ui.form.on("Appraisal Cycle", {
	refresh(frm) {
		if (frm.is_new() || !mentorship_hr.is_program_manager()) return;
		frm.add_custom_button(
			__("Sync Mentoring Scores"),
			() => mentorship_hr.sync_scores({ appraisal_cycle: frm.doc.name }),
			__("Mentoring")
		);
		if (frm.doc.kra_evaluation_method === "Manual Rating" && frm.doc.status !== "Completed") {
			frm.add_custom_button(
				__("Fill Suggested Mentoring Ratings"),
				() =>
					frappe
						.call("mentorship_hr.api.apply_suggested_ratings", { appraisal_cycle: frm.doc.name })
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
