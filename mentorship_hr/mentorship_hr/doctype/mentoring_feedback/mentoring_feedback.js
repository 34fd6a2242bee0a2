// The mid-point and final surveys rate the mentee's skills that the pairing follows (skills/growth.py).

frappe.ui.form.on("Mentoring Feedback", {
	pairing: add_skill_rows,
	survey_type: add_skill_rows,
});

function add_skill_rows(frm) {
	if (!frm.is_new() || !frm.doc.pairing || !["Mid-point", "Final"].includes(frm.doc.survey_type)) return;
	if ((frm.doc.skill_ratings || []).length) return;
	frappe.db.get_doc("Mentoring Pairing", frm.doc.pairing).then((pairing) => {
		(pairing.skill_growth || []).forEach((row) => frm.add_child("skill_ratings", { skill: row.skill }));
		frm.refresh_field("skill_ratings");
	});
}
