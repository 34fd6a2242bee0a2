"""Who may see and do what, declared once (README, "Who sees what").

For every DocType the app owns, and for what it writes into Frappe and Frappe HR, this module says
which relations of a user to a record may read it, create it, change each of its fields (and in
which state of the stored record), submit, cancel or delete it, and call each of its methods.

`mentorship_hr/permissions.py` enforces it: row rules, document checks, the field guard on every
save and the editable fields each form is sent. `mentorship_hr/tests/test_access_matrix.py` tries
every DocType, field and method against it over HTTP, as each kind of user, and fails on any field
or method this module does not mention. Pure Python: no Frappe import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentorship_hr.domain import transitions

# Relations of a user to a record. Roles are relations too: a user holds every role they have.
ADMINISTRATOR = "Administrator"  # Frappe's superuser: not bound by this policy, only by Frappe's own rules
SYSTEM_MANAGER = "System Manager"
HR_MANAGER = "HR Manager"
HR_USER = "HR User"
PROGRAM_MANAGER = "Mentoring Program Manager"
EMPLOYEE = "Employee"  # any user with the Employee role
MENTOR = "Mentor"  # of the pairing the record belongs to; of a circle, its lead or co-mentor
MENTEE = "Mentee"  # of a circle, a member
MENTOR_MANAGER = (
	"Mentor's Manager"  # Employee.reports_to of the mentor, as it is now; of a circle, of any of them
)
MENTEE_MANAGER = "Mentee's Manager"
LOGGER = "Logger"  # whoever logged the check-in
COUNTERPART = "Counterpart"  # the side of the pair that did not log the check-in
RESPONDENT = "Respondent"  # whoever answered the survey
SELF = "Self"  # the employee an enrollment or a score is about
SELF_MANAGER = "Their Manager"  # that employee's manager
POOL_MENTEE = "Unpaired Mentee"  # an approved mentee of the program with no mentor yet

STAFF = frozenset({SYSTEM_MANAGER, HR_MANAGER, PROGRAM_MANAGER})  # who runs programs
PAIR = frozenset({MENTOR, MENTEE})
MANAGERS = frozenset({MENTOR_MANAGER, MENTEE_MANAGER})
NOBODY: frozenset = frozenset()
ROLES = (SYSTEM_MANAGER, HR_MANAGER, HR_USER, PROGRAM_MANAGER, EMPLOYEE)

# Field kinds
VALUE = "value"  # typed by people, as the rule says
SERVER = "server"  # set by the app only: a client's change is refused, and a new record starts empty
DERIVED = "derived"  # copied from a link or computed on save: a client's value is replaced


@dataclass(frozen=True)
class When:
	"""A state of the stored record: `fieldname` holds one of `values`."""

	fieldname: str
	values: tuple
	label: str

	def holds(self, state: dict) -> bool:
		return state.get(self.fieldname) in self.values


DRAFT = When("docstatus", (0,), "draft")
NOT_CANCELLED = When("docstatus", (0, 1), "draft or submitted")
UNRATED = When("mentor_rating", (None, 0, 0.0), "not yet rated by the mentor")


def status_in(*statuses: str) -> When:
	return When("status", statuses, " or ".join(statuses))


def confirmation_in(*statuses: str) -> When:
	return When("confirmation_status", statuses, " or ".join(statuses))


@dataclass(frozen=True)
class Field:
	create: frozenset = NOBODY  # who may give it a value on a new record
	update: frozenset = NOBODY  # who may change it on a saved record
	when: When | None = None  # the state the stored record must be in for an update
	kind: str = VALUE
	read: frozenset | None = None  # who reads it, where fewer than the record's readers
	moves: dict | None = None  # a transitions table: the status moves by its rules
	administrator: bool = True  # False where only a relation gives it, whoever asks


def edit(who, when: When | None = None, read=None) -> Field:
	return Field(frozenset(who), frozenset(who), when, read=None if read is None else frozenset(read))


def once(who, administrator=True) -> Field:
	"""Given when the record is made, fixed after."""
	return Field(frozenset(who), NOBODY, administrator=administrator)


def server() -> Field:
	return Field(kind=SERVER)


def derived() -> Field:
	return Field(kind=DERIVED)


def moves(table: dict) -> Field:
	"""A status that moves along a transitions table; who moves it is the table's actor."""
	return Field(STAFF, STAFF, moves=table)


@dataclass(frozen=True)
class Action:
	who: frozenset
	when: When | None = None
	note: str = ""
	alternatives: tuple = ()  # further (who, when) pairs, for actions some may take in other states


def act(who, when: When | None = None, note: str = "", also=()) -> Action:
	"""`also`: further (who, when) pairs, e.g. the mentee deletes a goal until it is rated."""
	return Action(frozenset(who), when, note, tuple((frozenset(w), c) for w, c in also))


@dataclass(frozen=True)
class Policy:
	read: frozenset
	fields: dict[str, Field]
	create: frozenset = NOBODY
	delete: Action = field(default_factory=lambda: Action(NOBODY))
	submit: Action = field(default_factory=lambda: Action(NOBODY))
	cancel: Action = field(default_factory=lambda: Action(NOBODY))
	methods: dict[str, Action] = field(default_factory=dict)
	summary: str = ""  # one line for the README
	administrator_creates: bool = True  # False where only a relation can make one, whoever asks
	refusal: str = ""  # what a user is told who may not make one, where "only ..." would not do

	@property
	def writers(self) -> frozenset:
		"""Everyone who may change at least one field of a saved record."""
		return frozenset().union(*(f.update for f in self.fields.values()))


# Exports (report view's Export, Data Export) are bulk reads for program managers and HR, of the
# rows they may read; everyone else reads record by record.
EXPORTERS = STAFF

READERS_OF_PAIRING = PAIR | MANAGERS | STAFF
PARTY_OR_STAFF = PAIR | STAFF
EVERYONE = frozenset({EMPLOYEE}) | STAFF | {HR_USER}

PROGRAM_SETTINGS = (
	"program_name company start_date end_date program_manager sponsor description checkin_frequency_days "
	"max_mentees_per_mentor exclude_reporting_line exclude_same_department focus_skills kra "
	"mentor_weight_cadence mentor_weight_goal_progress mentor_weight_mentee_feedback mentee_weight_cadence "
	"mentee_weight_goal_progress mentee_weight_ownership mentee_weight_mentor_assessment request_expiry_days "
	"match_weight_skills match_weight_interests match_weight_cross_department match_weight_seniority "
	"require_skill_overlap min_match_score review_skill_disagreements training_program workshop_required "
	"reverse_mentoring reverse_level_gap format circle_size circle_min_fill"
).split()

SETTINGS_FIELDS = (
	"default_kra confirmation_window_days auto_sync_scores mentor_weight_cadence mentor_weight_goal_progress "
	"mentor_weight_mentee_feedback mentee_weight_cadence mentee_weight_goal_progress mentee_weight_ownership "
	"mentee_weight_mentor_assessment send_reminders remind_checkins checkin_reminder_days remind_confirmations "
	"confirmation_reminder_days remind_surveys survey_reminder_days remind_goals goal_reminder_days "
	"remind_missing_goals missing_goals_after_days send_manager_digest send_leader_briefing participant_links"
).split()

SCORE_FIELDS = (
	"employee employee_name role score not_yet_scored first_period_ends weights_note program appraisal_cycle "
	"hrms_goal computed_on window_start window_end pairings circles expected_checkins counted_checkins cadence "
	"cadence_weight cadence_applies goal_progress goal_progress_weight goal_progress_applies mentee_feedback "
	"mentee_feedback_weight mentee_feedback_applies ownership ownership_weight ownership_applies "
	"mentor_assessment mentor_assessment_weight mentor_assessment_applies"
).split()

SYNC_LOG_FIELDS = (
	"status program appraisal_cycle requested_by started_on finished_on created_scores updated_scores "
	"unchanged_scores skipped_count warning_count failed_count chunks chunks_done details"
).split()

PAIRING_SERVER_FIELDS = (
	"health health_reason last_checkin_date next_checkin_due stale_alert_sent match_score match_reasons "
	"source requested_on request_expires_on mentor_manager_ack_by mentor_manager_ack_on "
	"mentee_manager_ack_by mentee_manager_ack_on ack_reminder_sent midpoint_survey_sent"
).split()

PAIRING_PEOPLE = (
	"mentor_name mentor_user mentor_manager mentor_manager_name mentor_department "
	"mentee_name mentee_user mentee_manager mentee_manager_name mentee_department"
).split()

GOAL_TEXT = "title description success_measure target_date skill project aligned_goal progress status".split()
CHECKIN_MEETING = "checkin_date duration_minutes mode agenda summary goal_updates".split()
RATINGS = "overall_rating preparation_rating communication_rating progress_rating good_fit comments".split()
PROFILE = "capacity skills_offered skills_sought target_designation interests bio".split()
OPEN_ENROLLMENT = status_in("Invited", "Applied")

POLICY: dict[str, Policy] = {
	"Mentoring Program": Policy(
		summary="Everyone reads programs; program managers and HR run them.",
		read=EVERYONE,
		create=STAFF,
		delete=act(STAFF),
		fields={
			**{f: edit(STAFF) for f in PROGRAM_SETTINGS},
			"program_name": once(STAFF),  # the record's name: renamed by Frappe, never edited
			"status": moves(transitions.PROGRAM),
			"program_manager_name": derived(),
			"sponsor_name": derived(),
		},
		methods={
			"set_status": act(STAFF, note="along the program's status moves"),
			"sync_scores": act(STAFF),
			"invite_participants": act(STAFF, status_in("Enrolling", "Active")),
			"invite_options": act(STAFF, note="what the Invite dialog offers"),
			"hold_launch_workshop": act(
				STAFF, status_in("Enrolling", "Active"), note="a Frappe HR Training Event for the approved"
			),
			"run_matching": act(STAFF),
			"publish_matches": act(
				STAFF, status_in("Active"), note="pairings go live once the program starts"
			),
			"get_mentor_suggestions": act({POOL_MENTEE}, status_in("Enrolling", "Active")),
			"request_mentor": act({POOL_MENTEE}, status_in("Enrolling", "Active")),
		},
	),
	"Mentoring Settings": Policy(
		summary="Program managers and HR.",
		read=STAFF,
		fields={f: edit(STAFF) for f in SETTINGS_FIELDS},
	),
	"Mentoring Participant": Policy(
		summary="The employee enrolled, and program managers and HR. The employee applies, edits their "
		"profile and withdraws; program managers decide.",
		refusal="You can apply only for yourself; program managers enrol others.",
		read=frozenset({SELF}) | STAFF,
		create=frozenset({SELF}) | STAFF,
		delete=act(STAFF),
		fields={
			"program": once({SELF, *STAFF}),
			"employee": once({SELF, *STAFF}),
			"role": Field(frozenset({SELF}) | STAFF, frozenset({SELF}) | STAFF, OPEN_ENROLLMENT),
			"status": Field(
				frozenset({SELF}) | STAFF, frozenset({SELF}) | STAFF, moves=transitions.PARTICIPANT
			),
			**{f: edit({SELF, *STAFF}) for f in PROFILE},
			"waitlist_reason": server(),
			"employee_name": derived(),
			"user": derived(),
			"department": derived(),
		},
		methods={
			"withdraw": act(
				{SELF, *STAFF}, status_in("Invited", "Applied", "Approved", "Matched", "Waitlisted")
			),
			"respond_to_invitation": act({SELF}, status_in("Invited")),
			"review_application": act(STAFF, status_in("Applied")),
		},
	),
	"Mentoring Pairing": Policy(
		summary="The pair, both their managers, and program managers and HR. The pair edits the "
		"agreement; managers read and acknowledge; program managers run the pairing.",
		read=READERS_OF_PAIRING,
		create=STAFF,
		delete=act(STAFF),
		fields={
			"program": once(STAFF),
			"mentor": Field(STAFF, STAFF, status_in("Proposed")),
			"mentee": Field(STAFF, STAFF, status_in("Proposed")),
			"status": moves(transitions.PAIRING),
			"start_date": edit(STAFF),
			"end_date": edit(STAFF),
			"end_reason": edit(STAFF),
			"agreement": edit(PARTY_OR_STAFF),
			"skill_growth": server(),  # before at the start, after at the end (skills/growth.py)
			"title": derived(),
			**{f: derived() for f in PAIRING_PEOPLE},
			**{f: server() for f in PAIRING_SERVER_FIELDS},
		},
		methods={
			"respond_to_request": act({MENTOR, *STAFF}, status_in("Requested")),
			"set_status": act(STAFF, status_in("Proposed", "Active", "Paused")),
			"swap_mentors": act(STAFF, status_in("Proposed")),
			"remove_proposal": act(STAFF, status_in("Proposed")),
			"acknowledge": act(MANAGERS, status_in("Active")),
			"feedback_ratings": act(PAIR, note="the other side's survey ratings, never their answers"),
			"schedule_checkin": act(PARTY_OR_STAFF, status_in("Active")),
			"settle_skill_rating": act(
				STAFF, status_in("Completed"), note="where mentor and mentee differ by more than a star"
			),
		},
	),
	"Mentoring Circle": Policy(
		summary="Its mentors and members, their managers, and program managers and HR. Program managers "
		"form circles and move members; the circle edits its agreement.",
		read=READERS_OF_PAIRING,
		create=STAFF,
		delete=act(STAFF),
		fields={
			"program": once(STAFF),
			"title": edit(STAFF),
			"status": moves(transitions.CIRCLE),
			"lead_mentor": Field(STAFF, STAFF, status_in("Proposed")),
			"co_mentor": Field(STAFF, STAFF, status_in("Proposed", "Active", "Paused")),
			"topic_skills": edit(STAFF),
			"members": edit(STAFF),
			"start_date": edit(STAFF),
			"end_date": edit(STAFF),
			"end_reason": edit(STAFF),
			"agreement": edit(PARTY_OR_STAFF),
			"lead_mentor_name": derived(),
			"co_mentor_name": derived(),
			"health": server(),
			"health_reason": server(),
		},
		methods={
			"set_status": act(STAFF, status_in("Proposed", "Active", "Paused")),
			"move_member": act(STAFF, status_in("Proposed", "Active", "Paused")),
			"schedule_checkin": act(
				PARTY_OR_STAFF, status_in("Active"), note="one Event shared with them all"
			),
		},
	),
	"Mentoring Circle Member": Policy(
		summary="Rows of a circle: its readers. Program managers place and move members.",
		read=READERS_OF_PAIRING,
		fields={
			"employee": edit(STAFF),
			"employee_name": derived(),
			"department": derived(),
			"match_score": server(),
			"match_reasons": server(),
		},
	),
	"Mentoring Goal": Policy(
		summary="The pair, both their managers, and program managers and HR. The mentee writes the "
		"goal; the mentor writes only the assessment. In a circle, a member's own goal: that member "
		"and their manager, the circle's mentors and theirs; never the other members.",
		refusal="Goals are the mentee's: only the mentee of a pairing or a member of a circle (or a "
		"program manager, in a pairing) sets them.",
		read=READERS_OF_PAIRING,
		create=frozenset({MENTEE}) | STAFF,
		delete=act(STAFF, also=[({MENTEE}, UNRATED)], note="the mentee, until the mentor has rated it"),
		fields={
			"pairing": once({MENTEE, *STAFF}),
			# a member sets their own goals in a circle: nobody sets one for them
			"circle": once({MENTEE}, administrator=False),
			**{f: edit({MENTEE, *STAFF}) for f in GOAL_TEXT},
			"mentor_rating": Field(STAFF, frozenset({MENTOR}) | STAFF),
			"mentor_comment": Field(STAFF, frozenset({MENTOR}) | STAFF),
			**{
				f: derived()
				for f in ("program", "mentee", "mentee_name", "mentor", "mentor_name", "project_name")
			},
		},
	),
	"Mentoring Check-in": Policy(
		summary="The pair, and program managers and HR; never the managers. Private notes: the pair "
		"alone. The other side confirms or disputes.",
		refusal="You can log check-ins only on your own pairings.",
		read=PARTY_OR_STAFF,
		create=PARTY_OR_STAFF,
		submit=act(PARTY_OR_STAFF),
		cancel=act({LOGGER, *STAFF}),
		delete=act({LOGGER, *STAFF}, When("docstatus", (0, 2), "draft or cancelled")),
		fields={
			"pairing": once(PARTY_OR_STAFF),
			"circle": once(PARTY_OR_STAFF),  # of a circle: its mentors and members are the pair
			"attendance": edit(PARTY_OR_STAFF, DRAFT),
			"logged_by_role": once(PARTY_OR_STAFF),  # the pair: their own side, whatever they send
			**{f: edit(PARTY_OR_STAFF, DRAFT) for f in CHECKIN_MEETING},
			"mentee_rating": edit({MENTEE, *STAFF}, NOT_CANCELLED),
			"mentor_rating": edit({MENTOR, *STAFF}, NOT_CANCELLED),
			"private_notes": edit(PAIR, NOT_CANCELLED, read=PAIR),
			"amended_from": once(PARTY_OR_STAFF),
			**{f: server() for f in ("logged_by", "confirmation_status", "confirmed_by", "submitted_on")},
			"dispute_reason": server(),
			**{f: derived() for f in ("title", "program", "mentor", "mentor_user", "mentee", "mentee_user")},
		},
		methods={
			"confirm": act(
				{COUNTERPART},
				confirmation_in("Pending"),
				also=[(STAFF, confirmation_in("Pending", "Disputed"))],
				note="a program manager also resolves a dispute",
			),
			"dispute": act({COUNTERPART, *STAFF}, confirmation_in("Pending")),
		},
	),
	"Mentoring Check-in Goal Update": Policy(
		summary="Rows of a check-in: its readers.",
		read=PARTY_OR_STAFF,
		fields={
			"goal": edit(PARTY_OR_STAFF, DRAFT),
			"progress": edit(PARTY_OR_STAFF, DRAFT),
			"note": edit(PARTY_OR_STAFF, DRAFT),
			"previous_progress": server(),
			"applied": server(),
		},
	),
	"Mentoring Check-in Attendee": Policy(
		summary="Rows of a circle's check-in: who of the circle was there. Its readers.",
		read=PARTY_OR_STAFF,
		fields={
			# the logger ticks who was there; the app keeps one row for each of the circle, no one else
			"employee": edit(PARTY_OR_STAFF, DRAFT),
			"present": edit(PARTY_OR_STAFF, DRAFT),
			"employee_name": derived(),
			"role": derived(),
		},
	),
	"Mentoring Check-in Note": Policy(
		summary="Nobody opens these directly: the pair (of a circle, its mentors and members) reads and "
		"writes them as the check-in's private notes.",
		read=NOBODY,
		fields={"checkin": server(), "notes": server(), "pairing": derived(), "circle": derived()},
	),
	"Mentoring Feedback": Policy(
		summary="The respondent, and program managers and HR. The other side sees the ratings only; "
		"managers and sponsors never see answers. An answer is final once sent.",
		refusal="Only the mentor and the mentee answer their pairing's surveys.",
		read=frozenset({RESPONDENT}) | STAFF,
		create=PAIR,
		administrator_creates=False,  # each side answers for themself; nobody answers for them
		fields={
			"pairing": once(PAIR),
			"survey_type": once(PAIR),
			**{f: once(PAIR) for f in RATINGS},
			"skill_ratings": once(PAIR),
			"respondent": server(),
			"respondent_role": server(),
			"program": derived(),
		},
	),
	"Mentoring Score": Policy(
		summary="The employee, their manager, and program managers and HR. Made by the sync only.",
		read=frozenset({SELF, SELF_MANAGER}) | STAFF,
		delete=act(STAFF),
		fields={
			**{f: server() for f in SCORE_FIELDS},
			"weights_note": derived(),  # worked out from the weights when read
			"employee_name": derived(),
		},
	),
	"Mentoring Skill Growth": Policy(
		summary="Rows of a pairing: its readers. Written by the app: the Skill Map's rating at the "
		"start, the agreed rating at the end.",
		read=READERS_OF_PAIRING,
		fields={f: server() for f in ("skill", "baseline", "agreed", "needs_review", "written_on")},
	),
	"Mentoring Skill Rating": Policy(
		summary="Rows of a survey answer: its readers (never the other side or the managers).",
		read=frozenset({RESPONDENT}) | STAFF,
		fields={"skill": once(PAIR), "proficiency": once(PAIR)},
	),
	"Mentoring Skill Item": Policy(
		summary="Rows of programs (everyone) and of enrollments (as the enrollment).",
		read=EVERYONE,
		fields={"skill": edit({SELF, *STAFF})},
	),
	"Mentoring Sync Log": Policy(
		summary="Program managers and HR. Written by the sync.",
		read=STAFF,
		fields={f: server() for f in SYNC_LOG_FIELDS},
	),
	"Mentoring Reminder Log": Policy(
		summary="Program managers and HR. Written by the daily and weekly jobs.",
		read=STAFF,
		fields={
			f: server()
			for f in ("user", "kind", "sent_on", "reference_doctype", "reference_name", "item_key")
		},
	),
}

# What the app adds to, or relies on in, Frappe and Frappe HR DocTypes.
HRMS_FIELDS: dict[str, dict[str, Field]] = {
	"Appraisal Cycle": {"mentoring_kra_weightage": server()},  # set by set_mentoring_kra
	"Appraisal Template": {"mentoring_base_template": server()},  # set on the variants the app makes
	"Appraisal": {"mentoring_section": derived(), "mentoring_html": derived()},  # layout only
	"Training Event": {"mentoring_program": server()},  # set on the sessions a program holds
}
HRMS_RULES = {
	"Skill": "Mentoring uses Frappe HR's Skill list: every employee reads it and picks from it (the app "
	"grants the Employee role read and select on Skill); HR keeps it, as Frappe HR has it.",
	"Designation": "Every employee reads and picks designations (the role a mentee aims for; the app "
	"grants the Employee role read and select); HR keeps them.",
	"Employee Skill Map": "Frappe HR's own rules: system managers keep each employee's Skill Map; the "
	"app reads an employee's own for their suggestions, matching reads the pools' on the server, and a "
	"completed pairing's agreed ratings are added to the mentee's as new evaluations, and a launch "
	"workshop session to each attendee's trainings.",
	"Training Event": "Frappe HR's own rules (HR keeps Training Events and their Results); a program "
	"manager holds a program's launch workshop session from the program, which the app makes and "
	"submits for them. Only the app sets a session's Mentoring Program.",
	"Goal": "A Goal under a mentoring program's KRA is made, changed and deleted by the score sync only.",
	"Event": "An Event may reference a pairing or a circle only if its author reads it; only events the "
	"pair or a program manager made count as the next check-in. A scheduled check-in is one Event "
	"for each of the pair; when one of them moves, cancels or deletes theirs, the other's follows. A "
	"circle's is one Event shared with each of its mentors and members.",
}
EVENT_COUNTS_FOR = PARTY_OR_STAFF  # whose scheduled events set a pairing's next check-in

MODULE_METHODS: dict[str, Action] = {
	"mentorship_hr.form_rules.editable_fields": act(EVERYONE, note="each user's own form rules"),
	"mentorship_hr.kpi.appraisal_tools.get_appraisal_mentoring": act(
		EVERYONE, note="whoever Frappe HR lets read the appraisal"
	),
	# these change Frappe HR's appraisals, so need HR's write on them too
	"mentorship_hr.kpi.appraisal_tools.apply_suggested_ratings": act({HR_MANAGER, SYSTEM_MANAGER}),
	"mentorship_hr.overrides.appraisal_cycle.set_mentoring_kra": act({HR_MANAGER, SYSTEM_MANAGER}),
	"mentorship_hr.kpi.sync_jobs.sync_cycle_scores": act(STAFF),
	"mentorship_hr.matching.enrollment.approve_applications": act(STAFF),
	"mentorship_hr.skills.skill_map.suggested_skills": act(
		EVERYONE, note="skills from the user's own Skill Map"
	),
	# the participants' portal reads: each user's own mentoring, through the row rules above
	"mentorship_hr.portal.api.home": act(EVERYONE, note="the user's own pairings and what they owe"),
	"mentorship_hr.portal.api.pairing": act(EVERYONE, note="a pairing the user reads; notes for the pair"),
	"mentorship_hr.portal.api.circle": act(
		EVERYONE, note="a circle the user reads; notes for its mentors and members"
	),
	"mentorship_hr.portal.api.programs": act(
		EVERYONE, note="programs open for enrollment, one's own enrollments"
	),
	"mentorship_hr.portal.api.find_a_mentor": act(
		EVERYONE, note="a program's mentors, for an approved mentee of it without a mentor"
	),
}

REPORTS: dict[str, Action] = {
	"Mentoring Program Health": act(EVERYONE, note="rows as the pairings' and circles' row rules"),
	"Mentoring KPI": act(EVERYONE, note="rows as the scores' row rules"),
	"Mentoring Match Review": act(STAFF),
	"Mentoring Program Impact": act(STAFF, note="totals only"),
}
CHARTS = {
	"Mentoring Pairing Health": "Mentoring Pairing",
	"Mentoring Check-ins per Week": "Mentoring Check-in",
}
NUMBER_CARDS = {
	"Active Mentoring Pairings": "Mentoring Pairing",
	"Active Mentoring Circles": "Mentoring Circle",
	"At-Risk Mentoring Pairings": "Mentoring Pairing",
	"Mentoring Check-ins This Month": "Mentoring Check-in",
	"Mean Mentoring Goal Progress": "Mentoring Goal",
}


# Decisions


def holds(when: When | None, state: dict | None) -> bool:
	return when is None or when.holds(state or {})


def may_read(doctype: str, relations, fieldname: str | None = None) -> bool:
	policy = POLICY[doctype]
	relations = frozenset(relations)
	if not policy.read & relations:
		return False
	rule = policy.fields.get(fieldname) if fieldname else None
	return rule is None or rule.read is None or bool(rule.read & relations)


def may_export(doctype: str, relations) -> bool:
	relations = frozenset(relations)
	return may_read(doctype, relations) and bool(EXPORTERS & relations)


def may_create(doctype: str, relations) -> bool:
	return bool(POLICY[doctype].create & frozenset(relations))


def may_set(doctype: str, fieldname: str, relations, state: dict | None, new: bool) -> bool:
	"""May a user with these relations give this field a value: on a new record (`new`), or change
	it on a saved record in `state`? Status moves are decided by may_move."""
	rule = POLICY[doctype].fields[fieldname]
	relations = frozenset(relations)
	if rule.kind != VALUE:
		return False
	if new:
		return bool(rule.create & relations)
	return bool(rule.update & relations) and holds(rule.when, state)


def may_do(action: Action, relations, state: dict | None) -> bool:
	relations = frozenset(relations)
	return any(
		who & relations and holds(when, state)
		for who, when in ((action.who, action.when), *action.alternatives)
	)


def may_method(doctype: str, method: str, relations, state: dict | None) -> bool:
	return may_do(POLICY[doctype].methods[method], relations, state)


def actor_for_moves(relations) -> set[str]:
	"""The actors of the transitions tables that these relations act as."""
	relations = frozenset(relations)
	actors = set()
	if relations & STAFF:
		actors.add(transitions.MANAGER)
	for relation, actor in (
		(SELF, transitions.SELF),
		(MENTOR, transitions.MENTOR),
		(MENTEE, transitions.MENTEE),
	):
		if relation in relations:
			actors.add(actor)
	return actors


def may_move(doctype: str, fieldname: str, relations, before: str | None, after: str) -> bool:
	"""May a user with these relations move the status from `before` (None: a new record)?"""
	rule = POLICY[doctype].fields[fieldname]
	if rule.moves is None:
		raise ValueError(f"{doctype}.{fieldname} is not a status")
	movers = frozenset(relations) & (rule.create if before is None else rule.update)
	return any(transitions.allowed(rule.moves, before, after, a) for a in actor_for_moves(movers))


def writable_fields(doctype: str, relations, state: dict | None, new: bool) -> list[str]:
	"""The fields a user with these relations may edit on the form, in declaration order. Statuses
	are left out: forms move them with their actions."""
	return [
		fieldname
		for fieldname, rule in POLICY[doctype].fields.items()
		if rule.moves is None and may_set(doctype, fieldname, relations, state, new)
	]


def server_fields(doctype: str) -> list[str]:
	return [f for f, rule in POLICY[doctype].fields.items() if rule.kind == SERVER]


def fixed_fields(doctype: str) -> list[str]:
	"""Value fields nobody changes once the record is saved (the links that decide who owns it)."""
	return [
		f
		for f, rule in POLICY[doctype].fields.items()
		if rule.kind == VALUE and rule.moves is None and rule.create and not rule.update
	]


# The README's "Who sees what", written from the policy (tests/test_access_policy.py keeps them equal)

WORDS = {
	MENTOR: "the mentor",
	MENTEE: "the mentee",
	MENTOR_MANAGER: "the mentor's manager",
	MENTEE_MANAGER: "the mentee's manager",
	LOGGER: "whoever logged it",
	COUNTERPART: "the other side",
	RESPONDENT: "the respondent",
	SELF: "the employee",
	SELF_MANAGER: "their manager",
	POOL_MENTEE: "an approved mentee without a mentor",
	EMPLOYEE: "every employee",
	HR_USER: "HR Users",
}


def describe(relations) -> str:
	relations = set(relations)
	if not relations:
		return "nobody"
	parts = []
	if EVERYONE <= relations:
		return "everyone"
	for group, words in ((PAIR, "the pair"), (MANAGERS, "both their managers")):
		if group <= relations:
			parts.append(words)
			relations -= group
	parts += [WORDS[r] for r in sorted(relations - STAFF, key=list(WORDS).index)]
	staff = ["program managers and HR"] if STAFF <= relations else sorted(relations & STAFF)
	if staff and parts:
		return ", ".join(parts + staff)
	parts += staff
	return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _condition(when: When | None) -> str:
	return f" (while {when.label})" if when else ""


def _action(action: Action) -> str:
	options = [(action.who, action.when), *action.alternatives]
	return "; ".join(describe(who) + _condition(when) for who, when in options if who) or "nobody"


def _changes(p: Policy) -> str:
	groups: dict[tuple, list[str]] = {}
	for name, rule in p.fields.items():
		if rule.kind != VALUE:
			continue
		if rule.moves is not None:
			key = ("moves", describe(rule.update))
		elif rule.update:
			key = (describe(rule.update) + _condition(rule.when),)
		else:
			key = (describe(rule.create) + ", when making it; fixed after",)
		groups.setdefault(key, []).append(name)
	lines = []
	every = len(groups) == 1 and all(r.kind == VALUE or r.kind == DERIVED for r in p.fields.values())
	largest = max(groups, key=lambda k: len(groups[k]), default=None)
	if largest and len(groups) > 1 and len(groups[largest]) > 6:
		groups[largest] = groups.pop(largest)  # named last, as "every other field"
	for key, names in groups.items():
		if every:
			fields = "every field"
		elif key == largest and len(names) > 6:
			fields = "every other field"
		else:
			fields = ", ".join(f"`{n}`" for n in names)
		if key[0] == "moves":
			lines.append(f"{fields}: moves along the status rules below ({key[1]})")
		else:
			lines.append(f"{fields}: {key[0]}")
	server = [n for n, rule in p.fields.items() if rule.kind == SERVER]
	if server and len(server) == len(p.fields):
		lines.append("every field: set by the app only")
	elif server:
		lines.append("set by the app only: " + ", ".join(f"`{n}`" for n in server))
	return "<br>".join(lines) or "nobody"


def who_sees_what() -> str:
	"""The README's table of the policy, one row per DocType the app owns."""
	rows = [
		"| Record | Who reads it | Who makes it · deletes it | Who changes what | Actions |",
		"|---|---|---|---|---|",
	]
	for doctype, p in POLICY.items():
		readers = describe(p.read)
		private = [f"`{n}`: {describe(r.read)}" for n, r in p.fields.items() if r.read is not None]
		if private:
			readers += "; " + "; ".join(private) + " only"
		actions = [f"`{m}`: {_action(a)}" for m, a in p.methods.items()]
		for word, action in (("submit", p.submit), ("cancel", p.cancel)):
			if action.who:
				actions.append(f"{word}: {_action(action)}")
		rows.append(
			f"| **{doctype}** — {p.summary} | {readers} | {describe(p.create)} · {_action(p.delete)} "
			f"| {_changes(p)} | {'<br>'.join(actions) or '—'} |"
		)
	return "\n".join(rows)


if __name__ == "__main__":
	print(who_sees_what())
