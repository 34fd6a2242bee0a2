// Only the pair (and program managers) log check-ins: nobody else is offered a new one.
frappe.listview_settings["Mentoring Check-in"] = {
	onload(listview) {
		if (frappe.boot.mentoring_logs_checkins) return;
		listview.can_create = false;
		listview.page.clear_primary_action();
		listview.refresh();
	},
};
