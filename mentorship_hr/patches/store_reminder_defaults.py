from mentorship_hr.install import store_settings_defaults


def execute():
	store_settings_defaults()
