// Shared desk helpers for Mentorship HR.
frappe.provide("mentorship_hr");

mentorship_hr.sync_scores = (args) =>
	frappe.call({
		method: "mentorship_hr.api.sync_scores",
		args,
		freeze: true,
		freeze_message: __("Scoring mentoring duties..."),
	}).then(({ message: r }) => {
		const rows = (list) =>
			list.map((s) => `<li>${[s.employee, s.role, s.program, s.appraisal_cycle].filter(Boolean).join(" · ")}: ${s.reason}</li>`).join("");
		frappe.msgprint({
			title: __("Mentoring Scores Synced"),
			indicator: "green",
			message: `<p>${__("{0} created, {1} updated, {2} unchanged.", [r.created, r.updated, r.unchanged])}</p>
				${r.skipped.length ? `<p><b>${__("Skipped")}</b></p><ul>${rows(r.skipped)}</ul>` : ""}
				${r.warnings.length ? `<p><b>${__("Warnings")}</b></p><ul>${rows(r.warnings)}</ul>` : ""}`,
		});
		return r;
	});

mentorship_hr.is_program_manager = () =>
	frappe.user.has_role(["Mentoring Program Manager", "HR Manager", "System Manager"]);

mentorship_hr.list_not_changed = (r) =>
	r.not_changed.length
		? `<p><b>${__("Not changed")}</b></p><ul>${r.not_changed.map((n) => `<li>${n.appraisal}: ${n.reason}</li>`).join("")}</ul>`
		: "";
