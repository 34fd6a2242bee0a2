"""The mentoring KPI: the score sync and its jobs, bulk writes into HRMS, the Mentoring KRA, weights and how a score is shown."""
