// Shared desk helpers for Mentorship HR.
frappe.provide("mentorship_hr");

const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));

// Show a sync summary, as kept on its Mentoring Sync Log.
mentorship_hr.show_sync_summary = (r, log) => {
	const rows = (list) =>
		list.map((s) => `<li>${esc([s.employee_name || s.employee, s.role, s.program, s.appraisal_cycle, s.appraisal].filter(Boolean).join(" · "))}: ${esc(s.reason)}</li>`).join("");
	frappe.msgprint({
		title: __("Mentoring Scores Synced"),
		indicator: r.failed.length ? "orange" : "green",
		message: `<p>${__("{0} created, {1} updated, {2} unchanged.", [r.created, r.updated, r.unchanged])}</p>
			${r.kra_added.length ? `<p>${__("{0} appraisals gained the Mentoring KRA.", [r.kra_added.length])}</p>` : ""}
			${r.skipped.length ? `<p><b>${__("Skipped")}</b></p><ul>${rows(r.skipped)}</ul>` : ""}
			${r.warnings.length ? `<p><b>${__("Warnings")}</b></p><ul>${rows(r.warnings)}</ul>` : ""}
			${r.failed.length ? `<p><b>${__("Failed")}</b></p><ul>${rows(r.failed)}</ul>` : ""}
			${log ? `<p><a href="/app/mentoring-sync-log/${encodeURIComponent(log)}">${__("Open the sync log")}</a></p>` : ""}`,
	});
};

// Queue a sync (`call` is a frappe.call or frm.call promise); progress and the result follow.
mentorship_hr.queue_sync = (call) =>
	call.then(({ message: r }) => {
		if (r.queued) {
			frappe.show_alert({ message: __("Mentoring score sync queued. Its progress shows here."), indicator: "blue" });
		} else {
			frappe.msgprint(__("A sync of these scores is already queued or running: {0}", [
				`<a href="/app/mentoring-sync-log/${encodeURIComponent(r.log || "")}">${__("its log")}</a>`,
			]));
		}
	});

$(document).on("app_ready", () => {
	frappe.realtime.on("mentoring_sync_progress", ({ percent }) =>
		frappe.show_progress(__("Syncing mentoring scores"), percent, 100, __("Scores are written in chunks."))
	);
	frappe.realtime.on("mentoring_sync_done", ({ log, summary, failed }) => {
		frappe.hide_progress();
		if (failed) {
			frappe.msgprint({ title: __("Mentoring Score Sync Failed"), indicator: "red", message: __("See the Error Log.") });
		} else {
			mentorship_hr.show_sync_summary(summary, log);
		}
	});
});

const list = (title, items) =>
	items.length ? `<p><b>${title}</b></p><ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : "";

// What set_mentoring_kra changed, and why some appraisals did not change.
mentorship_hr.show_kra_result = (r) =>
	frappe.msgprint({
		title: __("Mentoring KRA"),
		indicator: "green",
		message: `<p>${
			r.weightage
				? __("Participants carry the {0} KRA at {1}%. {2} appraisals gained it, {3} got their template back.", [
						esc(r.kra),
						r.weightage,
						r.updated.length,
						r.restored.length,
				  ])
				: __("The {0} KRA is off for this cycle. {1} appraisals got their template back.", [esc(r.kra), r.restored.length])
		}</p>
		${list(__("Not yet scored, so no Mentoring KRA yet"), r.waiting.map((w) => `${esc(w.employee_name || w.employee)}: ${esc(w.reason)}`))}
		${list(__("Not changed"), r.not_changed.map((n) => `${esc(n.employee_name)} (${esc(n.appraisal)}): ${esc(n.reason)}`))}
		${list(__("Warnings"), r.warnings.map(esc))}`,
	});

mentorship_hr.list_not_changed = (r) =>
	r.not_changed.length
		? `<p><b>${__("Not changed")}</b></p><ul>${r.not_changed.map((n) => `<li>${esc(n.appraisal)}: ${esc(n.reason)}</li>`).join("")}</ul>`
		: "";

// One colour per health wherever it shows: lists, reports, forms (and the workspace donut, whose
// colours follow the Program Health report's fixed order).
mentorship_hr.HEALTH_COLOURS = { "On Track": "green", "Needs Attention": "orange", "At Risk": "red" };

// Decided on the server (permissions.is_program_manager), sent once with the boot info.
mentorship_hr.is_program_manager = () => Boolean(frappe.boot.mentoring_program_manager);

// Leave editable only what the server lets this user change (see form_rules.py).
mentorship_hr.apply_form_rules = (frm) => {
	const apply = (editable) => {
		frm.meta.fields.forEach((df) => {
			if (frappe.model.no_value_type.includes(df.fieldtype)) return;
			const original = frappe.meta.get_docfield(frm.doctype, df.fieldname).read_only;
			const locked = Array.isArray(editable) && !editable.includes(df.fieldname);
			frm.set_df_property(df.fieldname, "read_only", locked ? 1 : original);
		});
	};
	if (!frm.is_new()) {
		const editable = (frm.doc.__onload || {}).editable;
		if (Array.isArray(editable) && !editable.length) frm.disable_save(); // nothing to change here
		return apply(editable);
	}
	frappe
		.call("mentorship_hr.form_rules.editable_fields", {
			doctype: frm.doctype,
			pairing: frm.doc.pairing,
			circle: frm.doc.circle,
		})
		.then(({ message }) => apply(message));
};

// Frappe appends every headline it is given: one per key, so a refresh that runs twice, or an
// answer that arrives after the next refresh, does not show the same line twice.
mentorship_hr.set_headline = (frm, key, html, color) => {
	frm.layout.message.find(`[data-mentoring-headline="${key}"]`).remove();
	frm.dashboard.set_headline(`<div data-mentoring-headline="${key}">${html}</div>`, color);
};

// Said once, where an admin looks, rather than above every action's result.
mentorship_hr.warn_no_email_account = (frm) => {
	if (!(frm.doc.__onload || {}).no_email_account) return;
	mentorship_hr.set_headline(
		frm,
		"email-account",
		`${__("No default outgoing email account: mentoring messages reach people only as desk notifications.")}
		<a href="/app/email-account">${__("Set up an Email Account")}</a>`,
		"orange"
	);
};

// The filters that scope the Mentoring KPI and Program Health reports: company, program, cycle.
mentorship_hr.report_scope_filters = () => [
	{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company" },
	{ fieldname: "program", label: __("Program"), fieldtype: "Link", options: "Mentoring Program" },
	{
		fieldname: "appraisal_cycle",
		label: __("Appraisal Cycle"),
		fieldtype: "Link",
		options: "Appraisal Cycle",
	},
];

const STATUS_ACTIONS = {
	Active: (from) => (from === "Proposed" ? __("Activate") : __("Resume")),
	Paused: () => __("Pause"),
	Completed: () => __("Complete"),
	"Ended Early": () => __("End Early"),
};

// The status moves the server offers a program manager (the controller's onload), for a pairing or a circle.
mentorship_hr.add_status_actions = (frm, noun, told) => {
	((frm.doc.__onload || {}).status_moves || []).forEach((status) => {
		const label = STATUS_ACTIONS[status](frm.doc.status);
		const move = (args) => frm.call("set_status", { status, ...args }).then(() => frm.reload_doc());
		frm.add_custom_button(
			label,
			() =>
				status === "Ended Early"
					? frappe.prompt(
							{ fieldname: "reason", fieldtype: "Small Text", label: __("Why is it ending early?"), reqd: 1 },
							({ reason }) => move({ reason }),
							__("End Early"),
							__("End Early")
					  )
					: frappe.confirm(`${__("{0} this {1}?", [label, noun])} ${told}`, () => move({})),
			__("Status")
		);
	});
};

// A check-in as a Frappe Event: for a pairing, one in each of the pair's calendars; for a circle, one
// shared with all of it. `told` is what the alert says, with {0} for the link to the event.
mentorship_hr.schedule_checkin = (frm, told) => {
	frappe.prompt(
		[
			{ fieldname: "starts_on", fieldtype: "Datetime", label: __("When"), reqd: 1 },
			{ fieldname: "duration_minutes", fieldtype: "Int", label: __("Minutes"), default: 60, reqd: 1 },
			{ fieldname: "agenda", fieldtype: "Small Text", label: __("Agenda") },
		],
		(values) =>
			frm.call("schedule_checkin", values).then(({ message: event }) => {
				frm.reload_doc();
				frappe.show_alert({
					message: __(told, [`<a href="/app/event/${encodeURIComponent(event)}">${__("Open the event")}</a>`]),
					indicator: "green",
				});
			}),
		__("Schedule Check-in"),
		__("Schedule")
	);
};
