"""KPI weight fields shared by Mentoring Program and Mentoring Settings."""

import frappe
from frappe import _

from mentorship_hr.domain.kpi import COMPONENTS, MENTEE, MENTOR, validate_weights


def weight_field(role: str, component: str) -> str:
	return f"{role.lower()}_weight_{component}"


def weights_of(doc) -> dict[str, dict[str, float]]:
	"""{"Mentor": {"cadence": 40, ...}, "Mentee": {...}} from a document or dict."""
	return {
		role: {c: float(doc.get(weight_field(role, c)) or 0) for c in components}
		for role, components in COMPONENTS.items()
	}


def validate_weight_fields(doc):
	for role, weights in weights_of(doc).items():
		if not validate_weights(weights, role):
			frappe.throw(
				_("The {0} KPI weights must not be negative and must add up to more than zero.").format(
					_(role)
				),
				title=_("Invalid KPI Weights"),
			)


def fill_missing_weights(doc):
	"""Take each weight left empty on a new program from Mentoring Settings."""
	settings = frappe.get_cached_doc("Mentoring Settings")
	for role in (MENTOR, MENTEE):
		for component in COMPONENTS[role]:
			field = weight_field(role, component)
			if doc.get(field) is None:
				doc.set(field, settings.get(field))
