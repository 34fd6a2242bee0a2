// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.query_reports["Mentoring Match Review"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Mentoring Program",
			reqd: 1,
			get_query: () => ({ filters: { status: ["in", ["Enrolling", "Active"]] } }),
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: "\nProposed\nRequested",
		},
	],

	onload(report) {
		const program = () => report.get_filter_value("program");
		const call = (method, args, message) =>
			frappe.call({ method: `mentorship_hr.api.${method}`, args, freeze: true }).then((r) => {
				if (message) frappe.msgprint(message(r.message));
				report.refresh();
			});

		report.page.add_inner_button(__("Run Matching"), () =>
			call("run_matching", { program: program() }, (r) =>
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
				(values) => call("swap_mentors", values),
				__("Swap Mentors")
			)
		);
		report.page.add_inner_button(__("Remove Proposal"), () =>
			frappe.prompt(
				{ fieldname: "pairing", fieldtype: "Link", options: "Mentoring Pairing", label: __("Pairing"), reqd: 1,
					get_query: () => ({ filters: { program: program(), status: "Proposed" } }) },
				(values) => call("remove_proposal", values),
				__("Remove Proposal")
			)
		);
		report.page.set_primary_action(__("Publish Proposals"), () =>
			frappe.confirm(__("Make every proposed pairing Active and notify the pairs and their managers?"), () =>
				call("publish_matches", { program: program() }, (r) =>
					__("{0} pairings published.", [r.published.length]) +
					(r.failed.length ? "<br><br>" + r.failed.map((f) => `${f.pairing}: ${f.reason}`).join("<br>") : "")
				)
			)
		);
	},
};
