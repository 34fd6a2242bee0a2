// The Mentoring section of the Appraisal form: pairings, check-ins, goals and score breakdown.
frappe.ui.form.on("Appraisal", {
	refresh(frm) {
		frm.$wrapper.find(".mentoring-section").remove();
		if (frm.is_new()) return;
		frappe
			.call("mentorship_hr.appraisal_tools.get_appraisal_mentoring", { appraisal: frm.doc.name })
			.then(({ message }) => {
				if (!message || !(message.scores.length || message.pairings.length)) return;
				const section = $(`<div class="form-section card-section mentoring-section">
					<div class="section-head">${__("Mentoring")}</div>
					<div class="section-body"><div class="form-column col-sm-12">${render_mentoring(message)}</div></div></div>`);
				frm.fields_dict.appraisal_kra.$wrapper.closest(".form-section").after(section);
				if (message.manual_rating && frm.doc.docstatus === 0 && message.scores.length) {
					frm.add_custom_button(__("Fill Suggested Mentoring Score"), () => fill_suggestion(frm, message));
				}
			});
	},
});

function render_mentoring({ scores, pairings, goals, manual_rating }) {
	const pct = (v) => `${flt(v, 1)}%`;
	const score_cards = scores
		.map((s) => {
			const head = `<h5>${__(s.role)} · ${frappe.utils.escape_html(s.program)}</h5>`;
			if (s.not_yet_scored) {
				return `<div class="col-sm-6">${head}<p><b>${__("Not yet scored")}</b></p>
					<p class="text-muted">${s.weights_note}</p></div>`;
			}
			const parts = s.components
				.map((c) => `<tr class="${c.applies ? "" : "text-muted"}"><td>${frappe.utils.escape_html(c.label)}</td>
					<td class="text-right">${c.applies ? pct(c.value) : __("not applicable")}</td>
					<td class="text-right">${flt(c.weight, 1)}</td>
					<td class="text-right">${c.applies ? `${flt(c.effective_weight, 1)}%` : "–"}</td></tr>`)
				.join("");
			return `<div class="col-sm-6">${head}
				<p><b>${__("Score")}: ${flt(s.score, 1)} / 100</b>
				${manual_rating ? ` · ${__("Suggested rating")}: ${s.suggested_rating} / 5` : ""}<br>
				${__("Check-ins counted")}: ${s.counted_checkins} / ${s.expected_checkins} ${__("expected")}
				<span class="text-muted">(${frappe.datetime.str_to_user(s.window_start)} – ${frappe.datetime.str_to_user(s.window_end)})</span></p>
				<table class="table table-sm"><thead><tr><th>${__("Component")}</th><th class="text-right">${__("Value")}</th>
				<th class="text-right">${__("Set Weight")}</th><th class="text-right">${__("Counts For")}</th></tr></thead><tbody>${parts}</tbody></table>
				<p class="text-muted small">${s.weights_note}</p></div>`;
		})
		.join("");
	const pairing_rows = pairings
		.map((p) => {
			const pair_goals = goals.filter((g) => g.pairing === p.name);
			const goal_list = pair_goals
				.map((g) => `${frappe.utils.escape_html(g.title)} (${pct(g.progress)}, ${__(g.status)})`)
				.join("<br>");
			return `<tr><td><a href="/app/mentoring-pairing/${encodeURIComponent(p.name)}">${frappe.utils.escape_html(p.mentor_name)} → ${frappe.utils.escape_html(p.mentee_name)}</a></td>
				<td>${__(p.role)}</td><td>${__(p.status)}${p.health ? ` · ${__(p.health)}` : ""}</td><td>${goal_list || `<span class="text-muted">${__("No goals yet")}</span>`}</td></tr>`;
		})
		.join("");
	return `<div class="row">${score_cards || `<div class="col-sm-12 text-muted">${__("No mentoring score synced yet.")}</div>`}</div>
		<table class="table table-sm"><thead><tr><th>${__("Pairing")}</th><th>${__("Role")}</th><th>${__("Status")}</th><th>${__("Goals")}</th></tr></thead>
		<tbody>${pairing_rows}</tbody></table>`;
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
