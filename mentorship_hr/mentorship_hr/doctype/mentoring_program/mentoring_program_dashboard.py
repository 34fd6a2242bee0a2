from frappe import _


def get_data():
	return {
		"fieldname": "program",
		"transactions": [
			{"label": _("People"), "items": ["Mentoring Participant", "Mentoring Pairing"]},
			{"label": _("Work"), "items": ["Mentoring Goal", "Mentoring Check-in"]},
			{"label": _("Appraisals"), "items": ["Mentoring Score"]},
		],
	}
