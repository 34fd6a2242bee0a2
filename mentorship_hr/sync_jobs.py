"""The score sync job's path before it moved to kpi/sync_jobs.py: jobs queued by an earlier version
name it, and still run after an upgrade."""

from mentorship_hr.kpi.sync_jobs import daily_sync, run_sync

__all__ = ["daily_sync", "run_sync"]
