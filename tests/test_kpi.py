from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorship_hr.domain import kpi
from mentorship_hr.domain.kpi import MENTEE, MENTOR, CheckIn, Goal, Pairing

TODAY = date(2027, 6, 30)
WINDOW = (date(2027, 1, 1), date(2027, 3, 1))  # 60 days


def checkin(day, status="Confirmed", role=MENTEE, agenda=False, mentee_rating=None, mentor_rating=None, **kw):
	d = WINDOW[0] + timedelta(days=day)
	return CheckIn(
		checkin_date=d,
		logged_on=kw.get("logged_on", d),
		confirmation_status=status,
		submitted=kw.get("submitted", True),
		logged_by_role=role,
		has_agenda=agenda,
		mentee_rating=mentee_rating,
		mentor_rating=mentor_rating,
	)


def pairing(checkins=(), goals=(), **kw):
	return Pairing("P1", "MENTOR", "MENTEE", WINDOW[0], None, tuple(checkins), tuple(goals), **kw)


def score(p, role, weights=None, frequency=14, today=TODAY, window=WINDOW):
	return kpi.score_pairing(p, role, window, frequency, weights or kpi.DEFAULT_WEIGHTS[role], today)


def components(result):
	return {c.name: c.value for c in result.components}


class TestWindow:
	def test_intersection_of_cycle_program_and_pairing_capped_at_today(self):
		window = kpi.scoring_window(
			(date(2027, 1, 1), date(2027, 12, 31)),  # cycle
			(date(2027, 2, 1), date(2027, 11, 30)),  # program
			(date(2027, 3, 15), None),  # pairing, still active
			today=date(2027, 5, 10),
		)
		assert window == (date(2027, 3, 15), date(2027, 5, 10))

	def test_disjoint_ranges_have_no_window(self):
		window = kpi.scoring_window(
			(date(2027, 1, 1), date(2027, 3, 31)), (date(2027, 6, 1), None), today=date(2027, 12, 1)
		)
		assert window is None

	def test_window_not_started_yet(self):
		assert kpi.scoring_window((date(2027, 1, 1), None), today=date(2026, 12, 1)) is None


class TestCounting:
	def test_confirmed_counts_pending_counts_after_window_disputed_never(self):
		inside = WINDOW[0] + timedelta(days=10)
		today = inside + timedelta(days=7)
		confirmed = CheckIn(inside, inside, "Confirmed")
		pending_old = CheckIn(inside, inside, "Pending")
		pending_new = CheckIn(inside, inside + timedelta(days=1), "Pending")
		disputed = CheckIn(inside, inside - timedelta(days=30), "Disputed")
		draft = CheckIn(inside, inside, "Confirmed", submitted=False)
		assert kpi.is_counted(confirmed, WINDOW, today, 7)
		assert kpi.is_counted(pending_old, WINDOW, today, 7)  # 7 days passed
		assert not kpi.is_counted(pending_new, WINDOW, today, 7)  # only 6 days
		assert not kpi.is_counted(disputed, WINDOW, today, 7)
		assert not kpi.is_counted(draft, WINDOW, today, 7)

	def test_checkin_outside_window_does_not_count(self):
		outside = CheckIn(WINDOW[1] + timedelta(days=1), WINDOW[1], "Confirmed")
		assert not kpi.is_counted(outside, WINDOW, TODAY, 7)


class TestWorkedExamples:
	def test_mentor_example(self):
		# 60 days / 14 -> 4 expected; 3 counted (1 disputed ignored) -> cadence 0.75
		checkins = [
			checkin(5, mentee_rating=0.8),
			checkin(20, mentee_rating=0.6),
			checkin(35, status="Pending", mentee_rating=1.0),  # pending long past the window
			checkin(50, status="Disputed", mentee_rating=0.0),
		]
		goals = [Goal(50), Goal(100), Goal(0, status="Dropped")]
		result = score(pairing(checkins, goals, mentee_survey_ratings=(0.6,)), MENTOR)
		assert result.expected_checkins == 4
		assert result.counted_checkins == 3
		got = components(result)
		assert got["cadence"] == pytest.approx(0.75)
		assert got["goal_progress"] == pytest.approx(0.75)  # (50 + 100) / 2, dropped ignored
		assert got["mentee_feedback"] == pytest.approx((0.8 + 0.6 + 1.0 + 0.6) / 4)
		# 0.4*0.75 + 0.3*0.75 + 0.3*0.75 = 0.75
		assert result.raw == pytest.approx(0.75)
		assert kpi.role_score("MENTOR", MENTOR, [result]).score == 75.0

	def test_mentee_example(self):
		checkins = [
			checkin(5, role=MENTEE, mentor_rating=0.8),
			checkin(20, role=MENTOR, agenda=True),
			checkin(35, role=MENTOR, agenda=False, mentor_rating=0.4),
			checkin(50, role=MENTOR),
		]
		goals = [Goal(40, mentor_rating=0.6), Goal(80)]
		result = score(pairing(checkins, goals), MENTEE)
		got = components(result)
		assert got["cadence"] == 1.0  # 4 of 4
		assert got["goal_progress"] == pytest.approx(0.6)
		assert got["ownership"] == pytest.approx(0.5)  # 2 of 4 mentee-logged or with agenda
		assert got["mentor_assessment"] == pytest.approx((0.6 + 0.8 + 0.4) / 3)
		expected = 0.30 * 1.0 + 0.40 * 0.6 + 0.15 * 0.5 + 0.15 * 0.6
		assert result.raw == pytest.approx(expected)
		assert kpi.role_score("MENTEE", MENTEE, [result]).score == 70.5

	def test_no_goals_scores_zero_goal_progress(self):
		result = score(pairing([checkin(3)]), MENTOR)
		assert components(result)["goal_progress"] == 0.0

	def test_not_applicable_components_are_dropped_and_weights_renormalised(self):
		# 10-day window with a 14-day frequency: cadence not applicable; no ratings at all
		window = (WINDOW[0], WINDOW[0] + timedelta(days=9))
		result = score(pairing([], [Goal(30)]), MENTOR, window=window)
		got = components(result)
		assert got["cadence"] is None and got["mentee_feedback"] is None
		assert result.raw == pytest.approx(0.3)  # only goal progress remains, at full weight

	def test_role_score_weighted_by_active_days(self):
		long_pairing = score(pairing([], [Goal(100)]), MENTOR, window=(WINDOW[0], WINDOW[0] + timedelta(59)))
		short = Pairing("P2", "MENTOR", "M2", WINDOW[0], goals=(Goal(0),))
		short_pairing = score(short, MENTOR, window=(WINDOW[0], WINDOW[0] + timedelta(19)))
		# long: cadence 0 (0 of 4) * 40 + goals 1.0 * 30, feedback n/a -> 30/70
		# short: cadence 0 (0 of 1) + goals 0 -> 0
		result = kpi.role_score("MENTOR", MENTOR, [long_pairing, short_pairing])
		assert result.raw == pytest.approx((30 / 70 * 60 + 0 * 20) / 80)
		assert result.score == 32.1

	def test_pairing_younger_than_one_period_is_not_yet_scored(self):
		# 13 days with a 14-day frequency: no full period yet, so no score rather than 0
		young = score(pairing([], []), MENTOR, window=(WINDOW[0], WINDOW[0] + timedelta(12)))
		result = kpi.role_score("MENTOR", MENTOR, [young])
		assert not result.scored
		assert result.first_period_ends == WINDOW[0] + timedelta(13)
		assert all(not c.applies for c in result.components)

	def test_first_full_period_makes_the_pairing_scored(self):
		day_14 = score(pairing([], []), MENTOR, window=(WINDOW[0], WINDOW[0] + timedelta(13)))
		assert day_14.expected_checkins == 1 and day_14.scored
		assert kpi.role_score("MENTOR", MENTOR, [day_14]).score == 0.0  # one period, no check-in

	def test_young_pairing_does_not_dilute_a_scored_one(self):
		old = score(pairing([checkin(3)], [Goal(50)]), MENTOR)
		young_pairing = Pairing("P2", "MENTOR", "M2", WINDOW[1] - timedelta(5))
		young = score(young_pairing, MENTOR, window=(WINDOW[1] - timedelta(5), WINDOW[1]))
		alone = kpi.role_score("MENTOR", MENTOR, [old])
		both = kpi.role_score("MENTOR", MENTOR, [old, young])
		assert both.scored and both.score == alone.score
		assert [p.pairing for p in both.pairings] == ["P1"]

	def test_one_rating_alone_is_not_applicable(self):
		# a manager reads their report's score: a component must never be one person's answer
		one = score(pairing([checkin(3, mentee_rating=0.2)], [Goal(50)]), MENTOR)
		assert components(one)["mentee_feedback"] is None
		two = score(
			pairing([checkin(3, mentee_rating=0.2)], [Goal(50)], mentee_survey_ratings=(0.6,)), MENTOR
		)
		assert components(two)["mentee_feedback"] == pytest.approx(0.4)

	def test_a_rated_goal_keeps_its_rating_when_dropped(self):
		rated_low = [Goal(10, mentor_rating=0.2), Goal(90, mentor_rating=1.0)]
		dropped = [Goal(10, status="Dropped", mentor_rating=0.2), Goal(90, mentor_rating=1.0)]
		before = components(score(pairing([], rated_low), MENTEE))
		after = components(score(pairing([], dropped), MENTEE))
		assert before["mentor_assessment"] == after["mentor_assessment"] == pytest.approx(0.6)
		assert after["goal_progress"] == pytest.approx(0.9)  # progress counts goals still pursued

	def test_rounding_is_half_up(self):
		assert kpi.round_score(0.72450) == 72.5
		assert kpi.round_score(0.72449) == 72.4

	def test_suggested_rating_is_score_over_20_half_up(self):
		assert kpi.suggested_rating(34.3) == 1.72
		assert kpi.suggested_rating(100) == 5.0
		assert kpi.suggested_rating(0) == 0.0

	def test_weights_validation(self):
		assert kpi.validate_weights({"cadence": 1}, MENTOR)
		assert not kpi.validate_weights({"cadence": 0, "goal_progress": 0, "mentee_feedback": 0}, MENTOR)
		assert not kpi.validate_weights({"cadence": 50, "goal_progress": -10}, MENTOR)


ratings = st.one_of(st.none(), st.floats(0, 1))
checkins_st = st.lists(
	st.builds(
		checkin,
		day=st.integers(0, 59),
		status=st.sampled_from(["Confirmed", "Pending", "Disputed"]),
		role=st.sampled_from([MENTOR, MENTEE]),
		agenda=st.booleans(),
		mentee_rating=ratings,
		mentor_rating=ratings,
	),
	max_size=12,
)
goals_st = st.lists(
	st.builds(
		Goal,
		progress=st.floats(0, 100),
		status=st.sampled_from(["Not Started", "In Progress", "Achieved", "Dropped"]),
		mentor_rating=ratings,
	),
	max_size=5,
)
weights_st = st.fixed_dictionaries(
	{name: st.floats(0.5, 100) for name in kpi.DEFAULT_WEIGHTS[MENTEE]}
	| {"mentee_feedback": st.floats(0.5, 100)}
)
roles = st.sampled_from([MENTOR, MENTEE])
frequencies = st.integers(1, 90)


@settings(max_examples=300)
@given(checkins_st, goals_st, roles, weights_st, frequencies)
def test_score_stays_in_0_100(checkins, goals, role, weights, frequency):
	result = score(pairing(checkins, goals), role, weights, frequency)
	final = kpi.role_score("E", role, [result])
	assert 0 <= final.score <= 100


@settings(max_examples=300)
@given(checkins_st, goals_st, roles, weights_st, frequencies, st.integers(0, 59))
def test_another_counted_checkin_never_lowers_the_score(checkins, goals, role, weights, frequency, day):
	# the new check-in is mentee-logged and unrated, so only cadence can move
	before = score(pairing(checkins, goals), role, weights, frequency).raw
	after = score(pairing([*checkins, checkin(day, role=MENTEE)], goals), role, weights, frequency).raw
	assert after >= before - 1e-12


@settings(max_examples=300)
@given(checkins_st, goals_st, roles, weights_st, frequencies, st.floats(0.01, 1000))
def test_scaling_weights_keeps_the_score(checkins, goals, role, weights, frequency, factor):
	plain = score(pairing(checkins, goals), role, weights, frequency).raw
	scaled = score(pairing(checkins, goals), role, {k: v * factor for k, v in weights.items()}, frequency)
	assert scaled.raw == pytest.approx(plain, abs=1e-9)


@settings(max_examples=300)
@given(checkins_st, goals_st, roles, weights_st, frequencies)
def test_not_applicable_component_equals_renormalised_remainder(checkins, goals, role, weights, frequency):
	result = score(pairing(checkins, goals), role, weights, frequency)
	applied = [c for c in result.components if c.applies]
	by_hand = sum(c.value * c.weight for c in applied) / sum(c.weight for c in applied)
	assert result.raw == pytest.approx(by_hand)
	# zeroing the weight of a not-applicable component changes nothing
	zeroed = {**weights, **{c.name: 0 for c in result.components if not c.applies}}
	assert score(pairing(checkins, goals), role, zeroed, frequency).raw == pytest.approx(result.raw)


@settings(max_examples=200)
@given(checkins_st, goals_st, roles, weights_st, st.integers(2, 30), st.integers(0, 29))
def test_a_pairing_in_its_first_period_never_moves_the_score(checkins, goals, role, weights, frequency, age):
	old = score(pairing(checkins, goals), role, weights, frequency)
	start = WINDOW[1] - timedelta(days=min(age, frequency - 2))  # shorter than one period
	young = score(Pairing("P2", "MENTOR", "M2", start), role, weights, frequency, window=(start, WINDOW[1]))
	assert not young.scored
	with_young = kpi.role_score("E", role, [old, young])
	alone = kpi.role_score("E", role, [old])
	assert with_young.scored == alone.scored and with_young.score == alone.score


def test_effective_weights_share_out_what_does_not_apply():
	weights = {"cadence": 40, "goal_progress": 30, "mentee_feedback": 30}
	got = kpi.effective_weights(weights, {"cadence": True, "goal_progress": True, "mentee_feedback": False})
	assert got == {
		"cadence": pytest.approx(400 / 7),
		"goal_progress": pytest.approx(300 / 7),
		"mentee_feedback": None,
	}
	assert kpi.effective_weights(weights, dict.fromkeys(weights, True)) == {
		k: float(v) for k, v in weights.items()
	}


@settings(max_examples=200)
@given(weights_st, st.dictionaries(st.sampled_from(list(kpi.DEFAULT_WEIGHTS[MENTEE])), st.booleans()))
def test_effective_weights_sum_to_100_when_anything_applies(weights, applies):
	got = kpi.effective_weights(weights, applies)
	shares = [v for v in got.values() if v is not None]
	assert sum(shares) == pytest.approx(100) if shares else not shares


# Circles (docs/design.md §3): the same components, read from a group's sessions and attendance


def circle(checkins=(), attended=(), logged_by=None, **kw):
	return kpi.Circle(
		"C1",
		("LEAD", "CO"),
		("M1", "M2", "M3"),
		WINDOW[0],
		None,
		tuple(checkins),
		tuple(frozenset(a) for a in attended),
		tuple(logged_by or ["M1"] * len(checkins)),
		**kw,
	)


def circle_score(c, employee, role, weights=None, frequency=14):
	return kpi.score_circle(c, employee, role, WINDOW, frequency, weights or kpi.DEFAULT_WEIGHTS[role], TODAY)


class TestCircles:
	def test_a_member_is_scored_on_the_sessions_they_attended_a_mentor_on_those_held(self):
		# 60 days at 14: 4 sessions expected; 3 held, M2 at one of them
		sessions = [checkin(d, mentee_rating=0.8, mentor_rating=0.6) for d in (5, 20, 35)]
		c = circle(sessions, [{"LEAD", "M1", "M2"}, {"CO", "M1"}, {"LEAD", "M1"}], ["M1", "M1", "LEAD"])
		lead = components(circle_score(c, "LEAD", MENTOR))
		assert lead["cadence"] == 0.75  # 3 of 4 held
		assert lead["goal_progress"] == 0.0  # no member has set a goal: a duty left undone
		assert lead["mentee_feedback"] == pytest.approx(0.8)  # pooled over the sessions held
		m2 = components(circle_score(c, "M2", MENTEE))
		assert m2["cadence"] == 0.25  # attended 1 of 4
		assert m2["ownership"] == 0.0  # logged none, no agenda
		assert m2["mentor_assessment"] is None  # one session's rating alone is never shown
		m1 = components(circle_score(c, "M1", MENTEE))
		assert (m1["cadence"], m1["ownership"]) == (0.75, pytest.approx(2 / 3))
		assert m1["mentor_assessment"] == pytest.approx(0.6)

	def test_members_own_goals_make_their_progress_and_the_mentors_is_the_mean_over_members(self):
		goals = (
			("M1", Goal(50, mentor_rating=0.9)),
			("M1", Goal(100, "Achieved")),
			("M2", Goal(20, "Dropped", mentor_rating=0.2)),  # dropped: no progress, its rating stays
			("M2", Goal(40)),
		)
		sessions = [checkin(d, mentor_rating=0.5) for d in (5, 20)]
		c = circle(sessions, [{"LEAD", "M1", "M2"}] * 2, goals=goals)
		m1, m2, m3 = (components(circle_score(c, m, MENTEE)) for m in ("M1", "M2", "M3"))
		assert (m1["goal_progress"], m2["goal_progress"], m3["goal_progress"]) == (0.75, 0.4, 0.0)
		# the mentors' ratings of the member's sessions and of their own goals, pooled
		assert m1["mentor_assessment"] == pytest.approx((0.5 + 0.5 + 0.9) / 3)
		assert m2["mentor_assessment"] == pytest.approx((0.5 + 0.5 + 0.2) / 3)
		# a member with no goals counts as 0 in the mentors' mean: helping set them is the duty
		lead = components(circle_score(c, "LEAD", MENTOR))
		assert lead["goal_progress"] == pytest.approx((0.75 + 0.4 + 0.0) / 3)

	def test_a_participant_in_a_pairing_and_a_circle_gets_one_score_by_active_days(self):
		p = kpi.Pairing("P1", "LEAD", "X", WINDOW[0], None, tuple(checkin(d) for d in (1, 15, 29, 43)))
		c = circle([checkin(d) for d in (1, 15)], [{"LEAD", "M1"}] * 2)
		weights = {MENTOR: kpi.DEFAULT_WEIGHTS[MENTOR], MENTEE: kpi.DEFAULT_WEIGHTS[MENTEE]}
		scores = kpi.score_cycle([p], WINDOW, WINDOW, 14, weights, TODAY, circles=[c])
		lead = [s for s in scores if s.employee == "LEAD" and s.role == MENTOR]
		assert len(lead) == 1 and [x.pairing for x in lead[0].pairings] == ["C1", "P1"]
		# both were active the whole window: the plain mean of the two
		assert lead[0].raw == pytest.approx((lead[0].pairings[0].raw + lead[0].pairings[1].raw) / 2)
		assert {s.employee for s in scores if s.role == MENTEE} == {"X", "M1", "M2", "M3"}


circle_st = st.builds(
	lambda sessions, attendance, loggers, surveys, goals: circle(
		sessions,
		attendance[: len(sessions)] + [set()] * (len(sessions) - len(attendance)),
		(loggers * len(sessions))[: len(sessions)] if loggers else None,
		member_survey_ratings=tuple(surveys),
		goals=tuple(goals),
	),
	checkins_st,
	st.lists(st.sets(st.sampled_from(["LEAD", "CO", "M1", "M2", "M3"])), max_size=12),
	st.lists(st.sampled_from(["LEAD", "M1", "M2", None]), max_size=3),
	st.lists(st.floats(0, 1), max_size=3),
	st.lists(
		st.tuples(st.sampled_from(["M1", "M2", "M3"]), goals_st.map(lambda g: g[0] if g else Goal(0))),
		max_size=6,
	),
)
people = st.sampled_from([("LEAD", MENTOR), ("CO", MENTOR), ("M1", MENTEE), ("M2", MENTEE), ("M3", MENTEE)])


@settings(max_examples=300)
@given(circle_st, people, weights_st, frequencies)
def test_circle_scores_stay_in_0_100_and_renormalise_what_does_not_apply(c, person, weights, frequency):
	employee, role = person
	result = circle_score(c, employee, role, weights, frequency)
	final = kpi.role_score(employee, role, [result])
	assert 0 <= final.score <= 100
	applied = [x for x in result.components if x.applies]
	if applied:
		by_hand = sum(x.value * x.weight for x in applied) / sum(x.weight for x in applied)
		assert result.raw == pytest.approx(by_hand)
	# goal progress always applies: a member's own goals, a mentor's the mean of the members'
	progress = components(result)["goal_progress"]
	if role == MENTOR:
		members = [components(circle_score(c, m, MENTEE, weights, frequency)) for m in c.members]
		assert progress == pytest.approx(sum(m["goal_progress"] for m in members) / len(members))
	assert 0 <= progress <= 1


@settings(max_examples=200)
@given(circle_st, weights_st, frequencies)
def test_a_members_cadence_never_exceeds_the_sessions_held(c, weights, frequency):
	held = components(circle_score(c, "LEAD", MENTOR, weights, frequency))["cadence"]
	for member in ("M1", "M2", "M3"):
		attended = components(circle_score(c, member, MENTEE, weights, frequency))["cadence"]
		assert (attended is None) == (held is None)
		assert attended is None or attended <= held
