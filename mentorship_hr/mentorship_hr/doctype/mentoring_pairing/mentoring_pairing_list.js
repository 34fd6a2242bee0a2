// A live pairing shows its health, in the colour it has everywhere; any other shows its status.
frappe.listview_settings["Mentoring Pairing"] = {
	add_fields: ["status", "health"],
	get_indicator(doc) {
		if (doc.status === "Active" && doc.health) {
			return [__(doc.health), mentorship_hr.HEALTH_COLOURS[doc.health], `health,=,${doc.health}`];
		}
		const colour = { Proposed: "blue", Requested: "blue", Paused: "orange", Completed: "green" }[doc.status];
		return [__(doc.status), colour || "gray", `status,=,${doc.status}`];
	},
};
