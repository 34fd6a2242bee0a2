"""Keeping pairs going: the daily and weekly jobs, health, reminders, digests, surveys and the managers' loop."""
