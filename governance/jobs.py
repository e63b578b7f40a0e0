"""Governance's scheduled jobs (registered with communications at import)."""

from communications.jobs import register_job
from governance import services

REMIND_OVERDUE_GROUPS = "remind_overdue_groups"

register_job(REMIND_OVERDUE_GROUPS, lambda now: services.overdue_groups_remind(now=now))
