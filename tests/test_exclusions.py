from mentorship_hr.domain.exclusions import in_reporting_line, managers_up

# ceo <- vp <- lead <- dev ; other reports to ceo
REPORTS_TO = {"dev": "lead", "lead": "vp", "vp": "ceo", "ceo": None, "other": "ceo"}


def test_managers_up_two_levels():
	assert managers_up("dev", REPORTS_TO) == ["lead", "vp"]
	assert managers_up("ceo", REPORTS_TO) == []


def test_reporting_line_either_direction_up_to_two_levels():
	assert in_reporting_line("dev", "lead", REPORTS_TO)
	assert in_reporting_line("lead", "dev", REPORTS_TO)
	assert in_reporting_line("vp", "dev", REPORTS_TO)  # skip-level
	assert not in_reporting_line("ceo", "dev", REPORTS_TO)  # three levels up
	assert not in_reporting_line("other", "dev", REPORTS_TO)  # peers of a kind, different chains


def test_cycles_in_reporting_data_do_not_loop():
	assert managers_up("a", {"a": "b", "b": "a"}, levels=5) == ["b"]
