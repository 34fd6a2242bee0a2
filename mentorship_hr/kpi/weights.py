"""The KPI weight fields of Mentoring Program and Mentoring Settings, read as {role: {component:
weight}} (not to be confused with domain/weightage.py, the Mentoring KRA's share of an appraisal)."""

from mentorship_hr.domain.kpi import COMPONENTS


def weight_field(role: str, component: str) -> str:
	return f"{role.lower()}_weight_{component}"


def weights_of(doc) -> dict[str, dict[str, float]]:
	"""{"Mentor": {"cadence": 40, ...}, "Mentee": {...}} from a document or dict."""
	return {
		role: {c: float(doc.get(weight_field(role, c)) or 0) for c in components}
		for role, components in COMPONENTS.items()
	}
