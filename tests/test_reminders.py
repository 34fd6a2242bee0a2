"""Daily reminders: what is due for whom, at every boundary, and properties for any dates."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mentorship_hr.domain import reminders as r

TODAY = date(2027, 3, 10)
SETTINGS = r.Settings()


def day(n: int) -> date:
	return TODAY + timedelta(days=n)


def pairing(**fields) -> r.Pairing:
	values = dict(name="P1", mentor_user="mentor@x", mentee_user="mentee@x", start=day(-5), goals=1)
	return r.Pairing(**{**values, **fields})


def kinds(items) -> list[tuple[str, str]]:
	return [(i.user, i.kind) for i in items]


def test_check_in_due_within_the_lead_time_reminds_both():
	assert kinds(r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(2))])) == [
		("mentee@x", r.CHECKIN_DUE),
		("mentor@x", r.CHECKIN_DUE),
	]
	assert r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(3))]) == []


def test_check_in_due_today_is_due_not_overdue():
	items = r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=TODAY)])
	assert {i.kind for i in items} == {r.CHECKIN_DUE}
	items = r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(-1))])
	assert {i.kind for i in items} == {r.CHECKIN_OVERDUE}


def test_the_key_names_the_due_date_so_a_new_date_is_a_new_item():
	first = r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(1))])[0]
	later = r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(2))])[0]
	assert first.key == "checkin_due:P1::2027-03-11"
	assert first.key != later.key


def test_confirmation_reminder_waits_and_stops_when_the_window_closes():
	pending = [r.PendingCheckin("C1", "P1", "mentor@x", day(-1))]
	assert r.due_items(TODAY, SETTINGS, pending=pending) == []
	for waited in (2, 6):
		pending = [r.PendingCheckin("C1", "P1", "mentor@x", day(-waited))]
		assert kinds(r.due_items(TODAY, SETTINGS, pending=pending)) == [("mentor@x", r.CONFIRM)]
	pending = [r.PendingCheckin("C1", "P1", "mentor@x", day(-7))]
	assert r.due_items(TODAY, SETTINGS, pending=pending) == []


def test_a_circle_reminds_everyone_in_it_of_its_check_in_and_whoever_came_to_confirm():
	circle = r.Circle("CIR1", ("lead@x", "m1@x", "m2@x"), next_checkin_due=day(-1))
	items = r.due_items(TODAY, SETTINGS, circles=[circle])
	assert kinds(items) == [(u, r.CHECKIN_OVERDUE) for u in ("lead@x", "m1@x", "m2@x")]
	assert {(i.doctype, i.name) for i in items} == {("Mentoring Circle", "CIR1")}
	assert r.due_items(TODAY, SETTINGS, circles=[replace(circle, next_checkin_due=day(5))]) == []
	# a check-in of the circle: each attendee other than the logger may confirm it
	pending = [r.PendingCheckin("K1", "CIR1", u, day(-3)) for u in ("lead@x", "m2@x")]
	assert kinds(r.due_items(TODAY, SETTINGS, pending=pending)) == [
		("lead@x", r.CONFIRM),
		("m2@x", r.CONFIRM),
	]


def test_a_circle_without_check_ins_for_long_is_told_to_its_program_managers_once_a_spell():
	circle = r.Circle("CIR1", ("lead@x", "m1@x"), stale_since=day(-45), program_managers=("pm@x",))
	items = [i for i in r.due_items(TODAY, SETTINGS, circles=[circle]) if i.kind == r.STALE]
	assert [(i.user, i.doctype, i.name, i.on) for i in items] == [
		("pm@x", "Mentoring Circle", "CIR1", day(-45))
	]
	# a new spell (after a check-in) is a new item; a circle that is not stale tells nobody
	again = r.due_items(TODAY, SETTINGS, circles=[replace(circle, stale_since=day(-2))])
	assert [i.key for i in again if i.kind == r.STALE] != [i.key for i in items]
	assert not [
		i
		for i in r.due_items(TODAY, SETTINGS, circles=[replace(circle, stale_since=None)])
		if i.kind == r.STALE
	]


def test_goal_target_dates_near_and_past():
	def goal_kinds(target):
		goals = [r.Goal("G1", "P1", target, ("mentee@x",))]
		return [i.kind for i in r.due_items(TODAY, SETTINGS, goals=goals)]

	assert goal_kinds(day(8)) == []
	assert goal_kinds(day(7)) == [r.GOAL_DUE]
	assert goal_kinds(TODAY) == [r.GOAL_DUE]
	assert goal_kinds(day(-1)) == [r.GOAL_OVERDUE]
	assert goal_kinds(None) == []


def test_no_goals_reminder_from_the_fourteenth_day():
	assert r.due_items(TODAY, SETTINGS, [pairing(goals=0, start=day(-13))]) == []
	items = r.due_items(TODAY, SETTINGS, [pairing(goals=0, start=day(-14))])
	assert kinds(items) == [("mentee@x", r.NO_GOALS), ("mentor@x", r.NO_GOALS)]
	assert r.due_items(TODAY, SETTINGS, [pairing(goals=2, start=day(-40))]) == []


def test_survey_reminder_only_for_who_has_not_answered_and_only_for_a_while():
	survey = r.Survey("P1", "Fit Check", day(-3), ("mentor@x", "mentee@x"), frozenset({"mentee@x"}))
	items = r.due_items(TODAY, SETTINGS, surveys=[survey])
	assert [(i.user, i.kind, i.detail) for i in items] == [("mentor@x", r.SURVEY, "Fit Check")]
	assert r.due_items(TODAY, SETTINGS, surveys=[replace(survey, asked_on=day(-2))]) == []
	assert r.due_items(TODAY, SETTINGS, surveys=[replace(survey, asked_on=day(-31))]) == []


def test_switched_off_kinds_are_left_out():
	settings = replace(SETTINGS, kinds=frozenset({r.NO_GOALS}))
	items = r.due_items(TODAY, settings, [pairing(goals=0, start=day(-20), next_checkin_due=day(-1))])
	assert {i.kind for i in items} == {r.NO_GOALS}


def test_items_are_grouped_per_person_most_urgent_first():
	items = r.due_items(
		TODAY,
		SETTINGS,
		[pairing(goals=0, start=day(-20), next_checkin_due=day(-1))],
		goals=[r.Goal("G1", "P1", day(1), ("mentee@x",))],
	)
	grouped = r.by_user(items)
	assert [i.kind for i in grouped["mentee@x"]] == [r.CHECKIN_OVERDUE, r.GOAL_DUE, r.NO_GOALS]
	assert [i.kind for i in grouped["mentor@x"]] == [r.CHECKIN_OVERDUE, r.NO_GOALS]


def test_week_start_is_monday():
	assert r.week_start(date(2027, 3, 10)) == date(2027, 3, 8)
	assert r.week_start(date(2027, 3, 8)) == date(2027, 3, 8)


offsets = st.integers(min_value=-60, max_value=60)


@given(due=offsets, start=st.integers(min_value=-90, max_value=0), goals=st.integers(0, 3))
def test_only_the_pair_is_reminded_and_each_item_once(due, start, goals):
	items = r.due_items(TODAY, SETTINGS, [pairing(next_checkin_due=day(due), start=day(start), goals=goals)])
	assert {i.user for i in items} <= {"mentor@x", "mentee@x"}
	assert len({(i.user, i.key) for i in items}) == len(items)
	checkin = [i for i in items if i.kind in (r.CHECKIN_DUE, r.CHECKIN_OVERDUE)]
	assert bool(checkin) == (due <= SETTINGS.checkin_lead_days)


@given(waited=st.integers(min_value=-5, max_value=40))
def test_a_confirmation_is_asked_only_inside_the_window(waited):
	pending = [r.PendingCheckin("C1", "P1", "mentor@x", day(-waited))]
	items = r.due_items(TODAY, SETTINGS, pending=pending)
	inside = SETTINGS.confirmation_after_days <= waited < SETTINGS.confirmation_window_days
	assert len(items) == int(inside)


def test_the_mid_point_survey_is_asked_for_from_the_midpoint_on_even_with_reminders_off():
	settings = replace(SETTINGS, kinds=frozenset())
	assert r.due_items(TODAY, settings, [pairing(midpoint=day(1))]) == []
	items = r.due_items(TODAY, settings, [pairing(midpoint=TODAY)])
	assert [(i.user, i.kind, i.detail) for i in items] == [
		("mentee@x", r.MIDPOINT_SURVEY, "Mid-point"),
		("mentor@x", r.MIDPOINT_SURVEY, "Mid-point"),
	]


def test_managers_who_have_not_acknowledged_are_reminded_a_week_after_the_start():
	managers = ("boss@x",)
	assert r.due_items(TODAY, SETTINGS, [pairing(start=day(-6), unacknowledged=managers)]) == []
	items = r.due_items(TODAY, SETTINGS, [pairing(start=day(-7), unacknowledged=managers)])
	assert kinds(items) == [("boss@x", r.ACKNOWLEDGE)]
	assert items[0].key == "acknowledge:P1::"
	both = r.due_items(TODAY, SETTINGS, [pairing(start=day(-7), unacknowledged=("boss@x", "boss@x"))])
	assert kinds(both) == [("boss@x", r.ACKNOWLEDGE)]  # the manager of both sides, reminded once


def test_a_stale_pairing_alerts_the_program_managers_once_per_spell():
	stale = pairing(stale_since=day(-21), program_managers=("pm@x",))
	items = r.due_items(TODAY, replace(SETTINGS, kinds=frozenset()), [stale])
	assert [(i.user, i.kind, i.key) for i in items] == [("pm@x", r.STALE, "stale:P1::2027-02-17")]
	assert r.due_items(TODAY, SETTINGS, [pairing(program_managers=("pm@x",))]) == []
