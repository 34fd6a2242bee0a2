frappe.listview_settings["Mentoring Participant"] = {
	onload(listview) {
		if (!mentorship_hr.is_program_manager()) return;
		listview.page.add_actions_menu_item(__("Approve"), () => {
			const names = listview.get_checked_items(true);
			frappe
				.call({ method: "mentorship_hr.matching.enrollment.approve_applications", args: { names }, freeze: true })
				.then(({ message: r }) => {
					listview.refresh();
					const skipped = r.not_changed
						.map((n) => `<li>${frappe.utils.escape_html(n.name)}: ${frappe.utils.escape_html(n.reason)}</li>`)
						.join("");
					frappe.msgprint({
						title: __("Applications Approved"),
						indicator: "green",
						message: `<p>${__("{0} approved; each applicant is told what to do next.", [r.approved.length])}</p>${
							skipped ? `<p><b>${__("Not changed")}</b></p><ul>${skipped}</ul>` : ""
						}`,
					});
				});
		});
	},
};
