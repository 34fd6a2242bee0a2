// An Event that schedules a mentoring check-in offers to log it.
frappe.ui.form.on("Event", {
	refresh(frm) {
		const row = (frm.doc.event_participants || []).find((p) => p.reference_doctype === "Mentoring Pairing");
		if (!row || frm.is_new()) return;
		frm.add_custom_button(__("Log Mentoring Check-in"), () =>
			frappe.new_doc("Mentoring Check-in", {
				pairing: row.reference_docname,
				checkin_date: frappe.datetime.str_to_obj(frm.doc.starts_on) > new Date() ? frappe.datetime.get_today() : frm.doc.starts_on.slice(0, 10),
			})
		);
	},
});
