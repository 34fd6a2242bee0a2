// The Appraisal form's Mentoring section: templates/appraisal_mentoring.html rendered into the
// mentoring_html field, as HRMS renders its feedback section; hidden when there is nothing to show.
frappe.ui.form.on("Appraisal", {
	refresh(frm) {
		const field = frm.get_field("mentoring_html");
		if (!field) return;
		if (field.$wrapper.data("appraisal") !== frm.doc.name) {
			field.$wrapper.empty().data("appraisal", null);
			frm.toggle_display("mentoring_html", false);
		}
		if (frm.is_new()) return;
		const name = frm.doc.name;
		Promise.all([
			frappe.call("mentorship_hr.kpi.appraisal_tools.get_appraisal_mentoring", { appraisal: name }),
			frappe.require("appraisal_mentoring.bundle.js"),
		]).then(([{ message: data }]) => {
			if (frm.doc.name !== name) return;
			const shown = !!data && (data.scores.length > 0 || data.pairings.length > 0);
			const html = shown ? frappe.render_template("appraisal_mentoring", data) : "";
			field.$wrapper.html(html).data("appraisal", name);
			frm.toggle_display("mentoring_html", shown);
			if (shown) show_summary(frm, data);
			if (shown && data.manual_rating && frm.doc.docstatus === 0 && data.scores.length) {
				frm.add_custom_button(__("Fill Suggested Mentoring Score"), () => fill_suggestion(frm, data));
			}
		});
	},
});

// One line above every tab: each mentoring score, or when and why it is not scored yet; the
// details stay in the Mentoring section (on the KRAs tab), one click away.
function show_summary(frm, { scores }) {
	if (!scores.length) return;
	const esc = frappe.utils.escape_html;
	const line = scores
		.map((s) =>
			s.not_yet_scored
				? `${__(s.role)} · ${esc(s.program)}: ${esc(s.weights_note)}`
				: `${__(s.role)} · ${esc(s.program)}: ${__("{0} / 100", [flt(s.score, 1)])}`
		)
		.join("; ");
	mentorship_hr.set_headline(
		frm,
		"appraisal-summary",
		`${__("Mentoring")}: ${line} <a class="mentoring-details" href="#">${__("Details")}</a>`,
		scores.some((s) => s.not_yet_scored) ? "orange" : "blue"
	);
	frm.layout.message.find(".mentoring-details").on("click", (e) => {
		e.preventDefault();
		frm.scroll_to_field("mentoring_html", false);
	});
}

function fill_suggestion(frm, { suggested_by_kra }) {
	let filled = 0;
	(frm.doc.goals || []).forEach((row) => {
		if (!(row.kra in suggested_by_kra)) return;
		frappe.model.set_value(row.doctype, row.name, "score", suggested_by_kra[row.kra]);
		filled++;
	});
	frappe.show_alert(
		filled
			? { message: __("Mentoring score filled in. Save to keep it."), indicator: "green" }
			: { message: __("This appraisal has no Mentoring KRA row."), indicator: "orange" }
	);
}
