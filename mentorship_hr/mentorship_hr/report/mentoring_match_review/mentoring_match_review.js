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

	// names and reasons are people's text: show them as text
	formatter(value, row, column, data, default_formatter) {
		if (["mentee_name", "mentor_name", "match_reasons"].includes(column.fieldname)) {
			value = frappe.utils.escape_html(value || "");
		}
		return default_formatter(value, row, column, data);
	},

	onload(report) {
		const program = () => report.get_filter_value("program");
		// actions live on the DocTypes: run a method of one stored document
		const run = (dt, dn, method, args, message) => {
			if (!dn) return frappe.msgprint(__("Pick a program first."));
			return frappe
				.call({ method: "run_doc_method", args: { dt, dn, method, args: JSON.stringify(args || {}) }, freeze: true })
				.then((r) => {
					if (message) frappe.msgprint(message(r.message));
					report.refresh();
				});
		};

		report.page.add_inner_button(__("Run Matching"), () =>
			run("Mentoring Program", program(), "run_matching", {}, (r) =>
				__("{0} pairs proposed, {1} mentees waitlisted.", [r.proposed.length, r.waitlisted.length])
			)
		);
		report.page.add_inner_button(__("Swap Mentors"), () =>
			frappe.prompt(
				[
					{ fieldname: "pairing", fieldtype: "Link", options: "Mentoring Pairing", label: __("Pairing"), reqd: 1,
						get_query: () => ({ filters: { program: program(), status: "Proposed" } }) },
					{ fieldname: "other", fieldtype: "Link", options: "Mentoring Pairing", label: __("Swap with"), reqd: 1,
						get_query: () => ({ filters: { program: program(), status: "Proposed" } }) },
				],
				(values) => run("Mentoring Pairing", values.pairing, "swap_mentors", { other: values.other }),
				__("Swap Mentors")
			)
		);
		report.page.add_inner_button(__("Remove Proposal"), () =>
			frappe.prompt(
				{ fieldname: "pairing", fieldtype: "Link", options: "Mentoring Pairing", label: __("Pairing"), reqd: 1,
					get_query: () => ({ filters: { program: program(), status: "Proposed" } }) },
				(values) => run("Mentoring Pairing", values.pairing, "remove_proposal"),
				__("Remove Proposal")
			)
		);
		report.page.set_primary_action(__("Publish Proposals"), () =>
			frappe.confirm(__("Make every proposed pairing Active and notify the pairs and their managers?"), () =>
				run("Mentoring Program", program(), "publish_matches", {}, (r) =>
					__("{0} pairings published.", [r.published.length]) +
					(r.failed.length
						? "<br><br>" + r.failed.map((f) => frappe.utils.escape_html(`${f.pairing}: ${f.reason}`)).join("<br>")
						: "")
				)
			)
		);
	},
};
