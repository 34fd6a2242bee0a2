"""Status moves and who may make them."""

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain.transitions import (
	CONFIRMATION,
	COUNTERPART,
	MANAGER,
	MENTEE,
	MENTOR,
	PAIRING,
	PARTICIPANT,
	PROGRAM,
	SELF,
	SYSTEM,
	allowed,
	moves_for,
)

ACTORS = (MANAGER, MENTOR, MENTEE, SELF, COUNTERPART, SYSTEM, "Party")


def test_employees_apply_and_withdraw_but_managers_decide():
	assert allowed(PARTICIPANT, None, "Applied", SELF)
	assert not allowed(PARTICIPANT, None, "Approved", SELF)
	assert not allowed(PARTICIPANT, "Applied", "Approved", SELF)
	assert allowed(PARTICIPANT, "Applied", "Approved", MANAGER)
	assert allowed(PARTICIPANT, "Approved", "Withdrawn", SELF)
	assert not allowed(PARTICIPANT, "Approved", "Matched", SELF)
	assert allowed(PARTICIPANT, "Invited", "Approved", SELF)


def test_only_the_mentor_asked_or_a_manager_answers_a_request():
	assert allowed(PAIRING, "Requested", "Active", MENTOR)
	assert not allowed(PAIRING, "Requested", "Active", MENTEE)
	assert not allowed(PAIRING, "Requested", "Active", "Party")
	assert allowed(PAIRING, "Requested", "Expired", SYSTEM)
	assert not allowed(PAIRING, "Active", "Completed", MENTOR)
	assert allowed(PAIRING, "Active", "Ended Early", MANAGER)


def test_a_dispute_is_resolved_only_by_a_manager():
	assert allowed(CONFIRMATION, "Pending", "Confirmed", COUNTERPART)
	assert allowed(CONFIRMATION, "Pending", "Disputed", COUNTERPART)
	assert not allowed(CONFIRMATION, "Disputed", "Confirmed", COUNTERPART)
	assert allowed(CONFIRMATION, "Disputed", "Confirmed", MANAGER)
	assert moves_for(CONFIRMATION, "Confirmed", MANAGER) == []
	assert moves_for(CONFIRMATION, "Pending", COUNTERPART) == ["Confirmed", "Disputed"]


def test_a_program_runs_forward_and_only_managers_move_it():
	assert moves_for(PROGRAM, "Draft", MANAGER) == ["Active", "Enrolling"]
	assert moves_for(PROGRAM, "Enrolling", MANAGER) == ["Active"]
	assert moves_for(PROGRAM, "Active", MANAGER) == ["Completed"]
	assert moves_for(PROGRAM, "Completed", MANAGER) == []
	assert not allowed(PROGRAM, "Active", "Enrolling", MANAGER)
	assert not allowed(PROGRAM, "Draft", "Enrolling", SELF)


def test_a_pairing_pauses_resumes_and_ends_by_a_manager_only():
	assert moves_for(PAIRING, "Active", MANAGER) == ["Completed", "Ended Early", "Paused"]
	assert moves_for(PAIRING, "Paused", MANAGER) == ["Active", "Completed", "Ended Early"]
	assert moves_for(PAIRING, "Active", MENTOR) == moves_for(PAIRING, "Active", MENTEE) == []
	assert moves_for(PAIRING, "Completed", MANAGER) == []


TABLES = st.sampled_from([PARTICIPANT, PAIRING, CONFIRMATION, PROGRAM])


@given(TABLES, st.data())
def test_moves_for_agrees_with_allowed(table, data):
	before = data.draw(st.sampled_from(list(table)))
	actor = data.draw(st.sampled_from(ACTORS))
	statuses = {s for moves in table.values() for s in moves} | {s for s in table if s}
	for after in statuses - {before}:
		assert allowed(table, before, after, actor) == (after in moves_for(table, before, actor))


@given(TABLES, st.data())
def test_staying_put_is_always_allowed_and_a_party_edit_moves_nothing(table, data):
	before = data.draw(st.sampled_from(list(table)))
	assert allowed(table, before, before, data.draw(st.sampled_from(ACTORS)))
	assert moves_for(table, before, "Party") == []
