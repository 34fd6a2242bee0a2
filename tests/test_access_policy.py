"""The declared access policy (mentorship_hr/access_policy.py): what it decides, and that the
README says what it says."""

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr import access_policy as p
from mentorship_hr.domain import transitions

README = Path(__file__).parents[1] / "README.md"
MENTOR, MENTEE = frozenset({p.EMPLOYEE, p.MENTOR}), frozenset({p.EMPLOYEE, p.MENTEE})
MANAGER = frozenset({p.EMPLOYEE, p.MENTEE_MANAGER})
HR = frozenset({p.EMPLOYEE, p.HR_MANAGER})
STRANGER = frozenset({p.EMPLOYEE})
DRAFT, SUBMITTED = {"docstatus": 0}, {"docstatus": 1}


def test_the_readme_shows_the_policy():
	text = README.read_text()
	block = re.search(r"<!-- who-sees-what -->\n(.*?)\n<!-- /who-sees-what -->", text, re.S)
	assert block, "README.md has no <!-- who-sees-what --> block"
	assert block.group(1) == p.who_sees_what(), (
		"README.md's table differs from the policy: paste the output of `python -m mentorship_hr.access_policy`"
	)


def test_the_pair_edits_the_agreement_and_managers_only_read():
	assert p.may_set("Mentoring Pairing", "agreement", MENTEE, {"status": "Active"}, new=False)
	assert p.may_read("Mentoring Pairing", MANAGER)
	assert not p.may_set("Mentoring Pairing", "agreement", MANAGER, {"status": "Active"}, new=False)
	assert not p.may_set("Mentoring Pairing", "health", HR, {"status": "Active"}, new=False)


def test_managers_never_read_check_ins_and_only_the_pair_reads_private_notes():
	assert not p.may_read("Mentoring Check-in", MANAGER)
	assert p.may_read("Mentoring Check-in", HR)
	assert not p.may_read("Mentoring Check-in", HR, "private_notes")
	assert p.may_read("Mentoring Check-in", MENTOR, "private_notes")
	assert not p.may_read("Mentoring Check-in Note", HR)


def test_survey_answers_are_the_respondents_and_hrs():
	respondent = MENTEE | {p.RESPONDENT}
	assert p.may_read("Mentoring Feedback", respondent)
	assert p.may_read("Mentoring Feedback", HR)
	assert not p.may_read("Mentoring Feedback", MENTOR)  # the counterpart: ratings only, by a method
	assert not p.may_read("Mentoring Feedback", MANAGER)
	assert p.may_method("Mentoring Pairing", "feedback_ratings", MENTOR, {})
	assert not p.may_method("Mentoring Pairing", "feedback_ratings", MANAGER, {})
	assert not p.POLICY["Mentoring Feedback"].writers  # an answer is final


def test_each_side_rates_the_session_for_itself():
	fields = p.writable_fields("Mentoring Check-in", MENTEE, DRAFT, new=False)
	assert {"mentee_rating", "private_notes", "agenda"} <= set(fields)
	assert not {"mentor_rating", "confirmation_status", "pairing"} & set(fields)
	submitted = p.writable_fields("Mentoring Check-in", MENTOR, SUBMITTED, new=False)
	assert set(submitted) == {"mentor_rating", "private_notes"}


def test_the_mentee_deletes_a_goal_until_the_mentor_rates_it():
	delete = p.POLICY["Mentoring Goal"].delete
	assert p.may_do(delete, MENTEE, {"mentor_rating": None})
	assert not p.may_do(delete, MENTEE, {"mentor_rating": 0.4})
	assert p.may_do(delete, HR, {"mentor_rating": 0.4})
	assert not p.may_do(delete, MENTOR, {"mentor_rating": None})


def test_only_the_other_side_confirms_and_hr_resolves_disputes():
	confirm = p.POLICY["Mentoring Check-in"].methods["confirm"]
	counterpart = MENTOR | {p.COUNTERPART}
	assert p.may_do(confirm, counterpart, {"confirmation_status": "Pending"})
	assert not p.may_do(confirm, counterpart, {"confirmation_status": "Disputed"})
	assert not p.may_do(confirm, MENTEE | {p.LOGGER}, {"confirmation_status": "Pending"})
	assert p.may_do(confirm, HR, {"confirmation_status": "Disputed"})


def test_statuses_move_by_the_transitions_table_and_only_for_its_editors():
	assert p.may_move("Mentoring Participant", "status", STRANGER | {p.SELF}, None, "Applied")
	assert not p.may_move("Mentoring Participant", "status", STRANGER | {p.SELF}, None, "Approved")
	# the mentor accepts a request through respond_to_request, never by editing the status
	assert not p.may_move("Mentoring Pairing", "status", MENTOR, "Requested", "Active")
	assert p.may_move("Mentoring Pairing", "status", HR, "Active", "Paused")


@given(
	doctype=st.sampled_from(sorted(p.POLICY)),
	relations=st.frozensets(st.sampled_from([*p.ROLES, p.MENTOR, p.MENTEE, p.SELF, p.MENTEE_MANAGER])),
)
def test_forms_offer_only_what_the_server_accepts(doctype, relations):
	for new, state in ((True, None), (False, DRAFT), (False, SUBMITTED)):
		for fieldname in p.writable_fields(doctype, relations, state, new):
			assert p.may_set(doctype, fieldname, relations, state, new)


def test_every_status_table_names_statuses_and_actors_the_policy_knows():
	actors = {
		transitions.MANAGER,
		transitions.SELF,
		transitions.MENTOR,
		transitions.MENTEE,
		transitions.SYSTEM,
	}
	for policy in p.POLICY.values():
		for rule in policy.fields.values():
			if rule.moves is None:
				continue
			for moves in rule.moves.values():
				for who in moves.values():
					assert who <= actors


def test_server_and_derived_fields_are_never_offered():
	for doctype, policy in p.POLICY.items():
		for fieldname, rule in policy.fields.items():
			if rule.kind != p.VALUE:
				assert not rule.create and not rule.update, f"{doctype}.{fieldname}"


def test_report_roles_are_the_policys():
	"""Whoever the policy lets run a report has a role Frappe lets open it, and nobody else."""
	reports = Path(__file__).parents[1] / "mentorship_hr" / "mentorship_hr" / "report"
	for path in reports.glob("*/*.json"):
		report = json.loads(path.read_text())
		roles = {r["role"] for r in report["roles"]}
		assert roles == p.REPORTS[report["name"]].who & set(p.ROLES), report["name"]
