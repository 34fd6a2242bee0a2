from frappe import _


def get_data():
	return {
		"fieldname": "program",
		"non_standard_fieldnames": {"Training Event": "mentoring_program"},
		"transactions": [
			{"label": _("People"), "items": ["Mentoring Participant", "Mentoring Pairing"]},
			{"label": _("Work"), "items": ["Mentoring Goal", "Mentoring Check-in"]},
			{"label": _("Appraisals"), "items": ["Mentoring Score"]},
			{"label": _("Launch Workshop"), "items": ["Training Event"]},
		],
	}
