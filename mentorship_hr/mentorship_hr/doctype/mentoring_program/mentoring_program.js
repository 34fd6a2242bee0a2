// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Program", {
	refresh(frm) {
		if (frm.is_new()) return;
		const open = ["Enrolling", "Active"].includes(frm.doc.status);

		if (mentorship_hr.is_program_manager()) {
			if (open) {
				frm.add_custom_button(__("Invite Participants"), () => invite(frm), __("Enrollment"));
				frm.add_custom_button(
					__("Match Review"),
					() => frappe.set_route("query-report", "Mentoring Match Review", { program: frm.doc.name }),
					__("Enrollment")
				);
				frm.add_custom_button(__("Hold Launch Workshop"), () => hold_workshop(frm), __("Enrollment"));
			}
			// the server says whether a sync can work, and why not (MentoringProgram.why_no_sync)
			const blocked = (frm.doc.__onload || {}).sync_blocked;
			frm.add_custom_button(__("Sync Scores to Appraisals"), () =>
				blocked
					? frappe.msgprint({ title: __("Nothing to Sync Yet"), message: frappe.utils.escape_html(blocked) })
					: mentorship_hr.queue_sync(frm.call({ method: "sync_scores", doc: frm.doc }))
			);
			add_status_actions(frm);
			mentorship_hr.warn_no_email_account(frm);
		}
		// the server says what this user can do here (MentoringProgram.what_i_can_do)
		const me = (frm.doc.__onload || {}).me || {};
		if (me.can_apply) {
			frm.add_custom_button(__("Apply"), () =>
				frappe.new_doc("Mentoring Participant", { program: frm.doc.name, employee: me.employee })
			);
		}
		if (me.can_find_mentor) {
			frm.add_custom_button(__("Find a Mentor"), () => find_a_mentor(frm));
		}
	},
});

const PROGRAM_ACTIONS = {
	Enrolling: {
		label: __("Open Enrollment"),
		next: __("Employees can apply, and you can invite them. Next: approve applications, then run matching or let mentees find a mentor."),
	},
	Active: {
		label: __("Start"),
		next: __("Check-ins and goals begin and mentoring scores sync to appraisals. Then publish the proposals in Match Review: the pairings go live."),
	},
	Completed: {
		label: __("Complete"),
		next: __("Every Active or Paused pairing is completed and its pair and managers are told. No new check-ins after this."),
	},
};

function add_status_actions(frm) {
	((frm.doc.__onload || {}).status_moves || []).forEach((status) => {
		const action = PROGRAM_ACTIONS[status];
		if (!action) return;
		frm.add_custom_button(
			action.label,
			() =>
				frappe.confirm(`<p>${action.next}</p><p>${__("Continue?")}</p>`, () =>
					frm.call("set_status", { status }).then(({ message }) => {
						frm.reload_doc();
						if (message.completed_pairings.length) {
							frappe.show_alert({ message: __("{0} pairings completed.", [message.completed_pairings.length]), indicator: "green" });
						}
					})
				),
			__("Status")
		);
	});
}

// The choices come from the program's own employees (MentoringProgram.invite_options), so the
// dialog works for every role that may invite, whatever it may read of Department or Designation.
function invite(frm) {
	frm.call("invite_options").then(({ message: options }) => {
		const choice = (fieldname, label) => ({
			fieldname,
			label,
			fieldtype: "Select",
			options: ["", ...(options[fieldname] || [])].join("\n"),
		});
		frappe.prompt(
			[
				{ fieldname: "role", fieldtype: "Select", label: __("Invite as"), options: "Mentee\nMentor", reqd: 1 },
				choice("department", __("Department")),
				choice("designation", __("Designation")),
				choice("branch", __("Branch")),
				choice("grade", __("Grade")),
			],
			(values) =>
				frm
					.call("invite_participants", values)
					.then(({ message: r }) =>
						frappe.msgprint(__("{0} invited; {1} were already enrolled.", [r.invited, r.already_enrolled]))
					),
			__("Invite Participants"),
			__("Invite")
		);
	});
}

// A session of the launch workshop: a Frappe HR Training Event inviting every approved participant
// who has not attended yet (MentoringProgram.hold_launch_workshop).
function hold_workshop(frm) {
	frappe.prompt(
		[
			{ fieldname: "start_time", fieldtype: "Datetime", label: __("Starts"), reqd: 1 },
			{ fieldname: "end_time", fieldtype: "Datetime", label: __("Ends"), reqd: 1 },
			{ fieldname: "location", fieldtype: "Data", label: __("Where"), reqd: 1 },
			{ fieldname: "introduction", fieldtype: "Small Text", label: __("Introduction") },
		],
		(values) =>
			frm.call("hold_launch_workshop", values).then(({ message: r }) => {
				frm.reload_doc();
				frappe.msgprint(
					__("{0} invited to {1}. Frappe HR sends them the invitation; mark attendance on the Training Event or its Training Result.", [
						r.invited,
						`<a href="/app/training-event/${encodeURIComponent(r.training_event)}">${frappe.utils.escape_html(r.training_event)}</a>`,
					])
				);
			}),
		__("Hold Launch Workshop"),
		__("Invite")
	);
}

function find_a_mentor(frm) {
	frm.call("get_mentor_suggestions").then(({ message }) => {
		const dialog = new frappe.ui.Dialog({ title: __("Your Best Matches"), fields: [{ fieldtype: "HTML", fieldname: "list" }] });
		const rows = (message || [])
			.map(
				(s) => `<div class="border-bottom py-2"><b>${frappe.utils.escape_html(s.mentor_name)}</b> · ${s.score} / 100
				<button class="btn btn-xs btn-primary pull-right" data-mentor="${frappe.utils.escape_html(s.mentor)}">${__("Ask")}</button>
				<div class="text-muted small">${s.reasons.map(frappe.utils.escape_html).join("; ")}</div></div>`
			)
			.join("");
		dialog.fields_dict.list.$wrapper.html(rows || `<p class="text-muted">${__("No mentor has a free place right now.")}</p>`);
		dialog.fields_dict.list.$wrapper.on("click", "button[data-mentor]", (e) =>
			frm
				.call("request_mentor", { mentor: $(e.currentTarget).data("mentor") })
				.then(({ message: pairing }) => {
					dialog.hide();
					frappe.show_alert({ message: __("Request sent. The mentor has a few days to answer."), indicator: "green" });
					frappe.set_route("Form", "Mentoring Pairing", pairing);
				})
		);
		dialog.show();
	});
}
