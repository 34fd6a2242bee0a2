frappe.listview_settings["Mentoring Circle"] = {
	add_fields: ["status", "health"],
	get_indicator(doc) {
		if (doc.status === "Active" && doc.health) {
			return [__(doc.health), mentorship_hr.HEALTH_COLOURS[doc.health], `health,=,${doc.health}`];
		}
		const colours = { Proposed: "blue", Active: "green", Paused: "orange", Completed: "gray", "Ended Early": "red" };
		return [__(doc.status), colours[doc.status], `status,=,${doc.status}`];
	},
};
