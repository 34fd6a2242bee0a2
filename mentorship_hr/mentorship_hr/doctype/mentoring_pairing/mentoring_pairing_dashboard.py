from frappe import _


def get_data():
	return {
		"fieldname": "pairing",
		"transactions": [
			{"label": _("Work"), "items": ["Mentoring Goal", "Mentoring Check-in", "Mentoring Feedback"]}
		],
	}
