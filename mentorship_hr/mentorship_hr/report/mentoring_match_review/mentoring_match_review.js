// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mentoring Match Review"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Mentoring Program",
			get_query: () => ({ filters: { status: ["in", ["Enrolling", "Active"]] } }),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: "\nProposed\nRequested",
		},
	],

	// rows are picked with their checkbox; Swap and Remove act on the picked proposals
	get_datatable_options: (options) => Object.assign(options, { checkboxColumn: true, inlineFilters: true }),

	// names and reasons are people's text: show them as text, and all of "Why" on hover
	formatter(value, row, column, data, default_formatter) {
		if (["mentee_name", "mentor_name", "match_reasons"].includes(column.fieldname)) {
			const text = frappe.utils.escape_html(value || "");
			return column.fieldname === "match_reasons" ? `<span title="${text}">${text}</span>` : text;
		}
		return default_formatter(value, row, column, data);
	},

	onload(report) {
		const program = () => report.get_filter_value("program");
		// actions live on the DocTypes: run a method of one stored document
		const run = (dt, dn, method, args, message) =>
			frappe
				.call({ method: "run_doc_method", args: { dt, dn, method, args: JSON.stringify(args || {}) }, freeze: true })
				.then((r) => {
					if (message) frappe.msgprint(message(r.message));
					report.refresh();
				});
		const picked = () =>
			report.datatable.rowmanager
				.getCheckedRows()
				.map((i) => report.data[i])
				.filter((row) => row && row.pairing && row.status === "Proposed");
		const needs_program = (action) => () =>
			program() ? action() : frappe.msgprint(__("Pick a program first."));

		report.page.add_inner_button(
			__("Run Matching"),
			needs_program(() =>
				frappe.confirm(
					__("Match the approved mentees who have no mentor yet? Proposals and live pairings stay as they are."),
					() =>
						run("Mentoring Program", program(), "run_matching", {}, matching_summary)
				)
			)
		);
		report.page.add_inner_button(
			__("Swap Mentors"),
			needs_program(() => {
				const rows = picked();
				if (rows.length !== 2) return frappe.msgprint(__("Tick two proposals to swap their mentors."));
				frappe.confirm(
					__("Give {0} the mentor of {1}, and the other way round?", [
						frappe.utils.escape_html(rows[0].mentee_name),
						frappe.utils.escape_html(rows[1].mentee_name),
					]),
					() => run("Mentoring Pairing", rows[0].pairing, "swap_mentors", { other: rows[1].pairing })
				);
			})
		);
		report.page.add_inner_button(
			__("Remove Proposal"),
			needs_program(() => {
				const rows = picked();
				if (!rows.length) return frappe.msgprint(__("Tick the proposals to remove."));
				frappe.confirm(__("Remove {0} proposals? Their mentees go back to the pool.", [rows.length]), () =>
					Promise.all(rows.map((row) => run("Mentoring Pairing", row.pairing, "remove_proposal")))
				);
			})
		);
		report.page.set_primary_action(
			__("Publish Proposals"),
			needs_program(() =>
				frappe.db.get_value("Mentoring Program", program(), "status").then(({ message }) => {
					if (message.status !== "Active") {
						return frappe.msgprint(
							__("Pairings go live once the program starts. Start the program, then publish the proposals.")
						);
					}
					frappe.confirm(__("Make every proposed pairing Active and notify the pairs and their managers?"), () =>
						run("Mentoring Program", program(), "publish_matches", {}, publish_summary)
					);
				})
			)
		);
	},
};

// What matching did: pairs proposed, and (in a Circles or Both program) mentees placed in circles.
function matching_summary(r) {
	const lines = [];
	if (r.proposed) lines.push(__("{0} pairs proposed, {1} mentees waitlisted.", [r.proposed.length, r.waitlisted.length]));
	if (r.circles) {
		const placed = Object.values(r.circles.placed).reduce((n, rows) => n + rows.length, 0);
		lines.push(__("{0} mentees placed in {1} circles, {2} left.", [placed, Object.keys(r.circles.placed).length, r.circles.left.length]));
		if (r.circles.short.length) {
			lines.push(__("Short of their minimum of members: {0}", [r.circles.short.map(frappe.utils.escape_html).join(", ")]));
		}
	}
	return lines.join("<br>");
}

function publish_summary(r) {
	const failed = (r.failed || []).map((f) => `${f.pairing}: ${f.reason}`);
	const lines = [];
	if (r.published) lines.push(__("{0} pairings published.", [r.published.length]));
	if (r.circles) {
		lines.push(__("{0} circles started.", [r.circles.published.length]));
		failed.push(...r.circles.failed.map((f) => `${f.circle}: ${f.reason}`));
	}
	return lines.join("<br>") + (failed.length ? "<br><br>" + failed.map(frappe.utils.escape_html).join("<br>") : "");
}
