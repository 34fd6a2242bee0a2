frappe.ui.form.on("Appraisal Template", {
	refresh(frm) {
		if (!frm.doc.mentoring_base_template) return;
		frm.set_intro(
			__(
				"The mentoring variant of {0}, for employees with a scored mentoring pairing. The mentoring app keeps it in step with {0}: edit {0} instead.",
				[frappe.utils.escape_html(frm.doc.mentoring_base_template)]
			),
			"blue"
		);
	},
});
