"""The Mentor and Mentee KPI weights a Mentoring Program or Mentoring Settings carries."""

import frappe
from frappe import _

from mentorship_hr.domain.kpi import COMPONENTS, validate_weights
from mentorship_hr.kpi.weights import weight_field, weights_of


class KPIWeights:
	def validate_kpi_weights(self):
		for role, weights in weights_of(self).items():
			if not validate_weights(weights, role):
				frappe.throw(
					_("The {0} KPI weights must not be negative and must add up to more than zero.").format(
						_(role)
					),
					title=_("Invalid KPI Weights"),
				)

	def fill_missing_kpi_weights(self):
		"""Take each weight left empty from Mentoring Settings."""
		settings = frappe.get_cached_doc("Mentoring Settings")
		for role, components in COMPONENTS.items():
			for component in components:
				field = weight_field(role, component)
				if self.get(field) is None:
					self.set(field, settings.get(field))
