"""Delete this app's records without their controllers: what tests, benchmarks and the demo made."""

import frappe

MODULE = "Mentorship HR"
# The records every mentoring record hangs from; clean-up follows links to these.
ROOTS = ("Mentoring Program", "Mentoring Pairing", "Mentoring Check-in")


def delete_rows(doctype: str, names) -> None:
	"""Delete documents with their child rows, Versions and Comments, skipping controllers."""
	names = list(names)
	if not names:
		return
	for df in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(df.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", names)})


def delete_mentoring_records(programs: list[str]) -> None:
	"""Delete the programs and every record of this app that links to them, to their pairings or
	to their check-ins (whatever DocType holds it)."""
	if not programs:
		return
	roots = {"Mentoring Program": set(programs)}
	roots["Mentoring Pairing"] = set(
		frappe.get_all("Mentoring Pairing", {"program": ("in", programs)}, pluck="name")
	)
	# a pairing's check-ins, and a circle's (which carry the program)
	roots["Mentoring Check-in"] = set(
		frappe.get_all(
			"Mentoring Check-in", {"pairing": ("in", [*roots["Mentoring Pairing"], ""])}, pluck="name"
		)
	) | set(frappe.get_all("Mentoring Check-in", {"program": ("in", programs)}, pluck="name"))
	doomed = {doctype: set(names) for doctype, names in roots.items()}
	for doctype in frappe.get_all(
		"DocType", {"module": MODULE, "istable": 0, "issingle": 0, "is_virtual": 0}, pluck="name"
	):
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype == "Link" and df.options in ROOTS and roots[df.options]:
				doomed.setdefault(doctype, set()).update(
					frappe.get_all(doctype, {df.fieldname: ("in", list(roots[df.options]))}, pluck="name")
				)
	# the launch workshop's sessions in Frappe HR, their results and the Skill Maps' mentions of them
	sessions = frappe.get_all("Training Event", {"mentoring_program": ("in", programs)}, pluck="name")
	if sessions:
		doomed["Training Result"] = set(
			frappe.get_all("Training Result", {"training_event": ("in", sessions)}, pluck="name")
		)
		doomed["Training Event"] = set(sessions)
		frappe.db.delete("Employee Training", {"training": ("in", sessions)})
	for doctype, names in doomed.items():
		delete_rows(doctype, names)
