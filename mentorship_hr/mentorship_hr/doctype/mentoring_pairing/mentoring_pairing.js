// Copyright (c) 2026, mentorship_hr contributors and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mentoring Pairing", {
	setup(frm) {
		frm.set_query("program", () => ({ filters: { status: ["in", ["Enrolling", "Active"]] } }));
	},

	refresh(frm) {
		mentorship_hr.apply_form_rules(frm);
		mentorship_hr.add_status_actions(frm, __("pairing"), __("The pair and their managers are told when it ends."));
		add_skill_settling(frm);
		show_connections(frm);
		show_next_checkin(frm);
		show_workshop(frm);
		if (frm.doc.status === "Active" && frm.doc.health) {
			frm.dashboard.add_indicator(
				`${__("Health")}: ${__(frm.doc.health)}`,
				mentorship_hr.HEALTH_COLOURS[frm.doc.health]
			);
		}
		if ((frm.doc.__onload || {}).fit_check_failed) {
			mentorship_hr.set_headline(
				frm,
				"fit-check",
				__("A fit check said this is not a good fit. Ending the pairing early returns the mentee to the pool."),
				"red"
			);
		}
		if (frm.doc.status === "Requested" && (frm.doc.mentor_user === frappe.session.user || mentorship_hr.is_program_manager())) {
			const answer = (accept) =>
				frm.call("respond_to_request", { accept }).then(() => frm.reload_doc());
			frm.add_custom_button(__("Accept Mentee"), () => answer(1));
			frm.add_custom_button(__("Decline"), () => answer(0));
		}
		if (frm.is_new() || frm.doc.status !== "Active") return;
		if ((frm.doc.__onload || {}).can_acknowledge) {
			frm.add_custom_button(__("Acknowledge"), () =>
				frm.call("acknowledge").then(() => {
					frm.reload_doc();
					frappe.show_alert({ message: __("Thank you: the pair knows you support their mentoring."), indicator: "green" });
				})
			);
		}
		if ((frm.doc.__onload || {}).can_schedule) {
			frm.add_custom_button(__("Schedule Check-in"), () =>
				mentorship_hr.schedule_checkin(frm, __("Check-in scheduled: it is in both of your calendars. {0}"))
			);
		}
		if ([frm.doc.mentor_user, frm.doc.mentee_user].includes(frappe.session.user)) {
			frm.add_custom_button(
				__("Survey"),
				() => frappe.new_doc("Mentoring Feedback", { pairing: frm.doc.name }),
				__("Create")
			);
			show_counterpart_ratings(frm);
		}

		// the pair logs check-ins (and program managers): the same rule as scheduling them
		if ((frm.doc.__onload || {}).can_schedule) {
			frm.add_custom_button(
				__("Log Check-in"),
				() => frappe.new_doc("Mentoring Check-in", { pairing: frm.doc.name }),
				__("Create")
			);
		}
		if (frappe.session.user === frm.doc.mentee_user || frm.perm[0].create) {
			frm.add_custom_button(
				__("Goal"),
				() => frappe.new_doc("Mentoring Goal", { pairing: frm.doc.name }),
				__("Create")
			);
		}
	},
});

// Skills whose final ratings differ by more than a star wait for a program manager (skills/growth.py).
function add_skill_settling(frm) {
	const waiting = (frm.doc.skill_growth || []).filter((r) => r.needs_review && !r.written_on);
	if (frm.doc.status !== "Completed" || !waiting.length || !mentorship_hr.is_program_manager()) return;
	mentorship_hr.set_headline(
		frm,
		"skills",
		__("The mentor and the mentee rated {0} far apart: set the rating for the Skill Map.", [
			waiting.map((r) => __(r.skill)).join(", "),
		]),
		"orange"
	);
	frm.add_custom_button(__("Set Skill Rating"), () =>
		frappe.prompt(
			[
				{ fieldname: "skill", fieldtype: "Select", label: __("Skill"), options: waiting.map((r) => r.skill), reqd: 1 },
				// whole stars, as the Skill Map's evaluations are read (a Rating field offers halves)
				{
					fieldname: "stars",
					fieldtype: "Select",
					label: __("Proficiency now"),
					options: [0, 1, 2, 3, 4, 5].map((n) => ({ label: n === 1 ? __("1 star") : __("{0} stars", [n]), value: String(n) })),
					reqd: 1,
				},
			],
			({ skill, stars }) =>
				frm.call("settle_skill_rating", { skill, stars: Number(stars) }).then(() => frm.reload_doc()),
			__("Set Skill Rating"),
			__("Write to Skill Map")
		)
	);
}


// The other side's survey ratings (never their comments), from the server.
function show_counterpart_ratings(frm) {
	frm.call("feedback_ratings").then(({ message: rows }) => {
		if (!rows || !rows.length) return;
		const stars = (v) => (v ? `${flt(v * 5, 1)}/5` : "–");
		const text = rows
			.map((r) => `${__(r.survey_type)}: ${__("overall")} ${stars(r.overall_rating)}`)
			.join(" · ");
		mentorship_hr.set_headline(
			frm,
			"survey-ratings",
			`${__("The {0}'s survey ratings", [__(rows[0].respondent_role).toLowerCase()])}: ${frappe.utils.escape_html(text)}`
		);
	});
}

// The records below the pairing: only those this user reads, with "+" only where they may add
// one (MentoringPairing.connections). A manager sees the goals, never the check-ins or surveys.
function show_connections(frm) {
	const connections = (frm.doc.__onload || {}).connections || {};
	frm.can_make_methods = Object.fromEntries(Object.entries(connections).map(([doctype, c]) => [doctype, () => c.create]));
	Object.entries(connections).forEach(([doctype, c]) =>
		frm.dashboard.links_area.body.find(`.document-link[data-doctype="${doctype}"]`).toggle(c.read)
	);
}

// Whether each side attended the program's launch workshop (engagement/workshop.py).
function show_workshop(frm) {
	const sides = (frm.doc.__onload || {}).workshop;
	if (!sides) return;
	const words = { Attended: __("attended"), Missed: __("missed it"), Invited: __("invited") };
	const side = (label, status) => `${label} ${words[status] || __("not invited")}`;
	frm.dashboard.add_indicator(
		`${__("Launch workshop")}: ${side(__("mentor"), sides.mentor)} · ${side(__("mentee"), sides.mentee)}`,
		sides.prepared ? "green" : "orange"
	);
}

// The next scheduled check-in, with its event, where the pair (and program managers) find it.
function show_next_checkin(frm) {
	const event = (frm.doc.__onload || {}).next_event;
	if (!event) return;
	mentorship_hr.set_headline(
		frm,
		"next-checkin",
		`${__("Next check-in: {0}", [frappe.datetime.str_to_user(event.starts_on)])}
		<a href="/app/event/${encodeURIComponent(event.name)}">${__("Open the event")}</a>`,
		"blue"
	);
}
