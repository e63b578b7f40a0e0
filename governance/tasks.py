"""Governance's scheduled work (Celery beat): each task runs one job on its own."""

from celery import shared_task

from communications.jobs import run_job
from governance.jobs import REMIND_OVERDUE_GROUPS


@shared_task(acks_late=True, ignore_result=True)
def remind_overdue_groups() -> None:
    run_job(REMIND_OVERDUE_GROUPS)
