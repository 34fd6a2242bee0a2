"""How a Mentoring Score reads to people: its role's components, their weights once the ones
that do not apply are shared out, and a sentence that says so."""

from frappe import _
from frappe.utils import flt, formatdate

from mentorship_hr.domain import kpi

LABELS = {
	kpi.CADENCE: "Cadence",
	kpi.GOAL_PROGRESS: "Goal Progress",
	kpi.MENTEE_FEEDBACK: "Mentee Feedback",
	kpi.OWNERSHIP: "Ownership",
	kpi.MENTOR_ASSESSMENT: "Mentor Assessment",
}


def components_of(score) -> list[dict]:
	"""The components of the score's role only, with their set and effective weights."""
	names = kpi.COMPONENTS.get(score.get("role"), ())
	applies = {n: bool(score.get(f"{n}_applies")) for n in names}
	effective = kpi.effective_weights({n: flt(score.get(f"{n}_weight")) for n in names}, applies)
	return [
		{
			"name": n,
			"label": _(LABELS[n]),
			"value": flt(score.get(n), 2),
			"weight": flt(score.get(f"{n}_weight"), 2),
			"effective_weight": flt(effective[n], 1) if effective[n] is not None else None,
			"applies": applies[n],
		}
		for n in names
	]


def weights_note(score) -> str:
	"""One or two plain sentences on what counted, for the Score form and the Appraisal section."""
	if score.get("not_yet_scored"):
		return _("Not yet scored: the first check-in period ends on {0}.").format(
			formatdate(score.get("first_period_ends"))
		)
	components = components_of(score)
	skipped = [c for c in components if not c["applies"] and c["weight"]]
	if not skipped:
		return _("Every component applies, at its set weight.")
	counted = [c for c in components if c["applies"]]
	return _(
		"Not applicable yet: {0}. That weight is shared in proportion among the components that apply: {1}."
	).format(
		", ".join(c["label"] for c in skipped),
		", ".join(f"{c['label']} {c['weight']:g}% → {c['effective_weight']:g}%" for c in counted),
	)
