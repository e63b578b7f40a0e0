"""Governance's scheduled work (Celery beat): load by nothing, call a service."""

from celery import shared_task

from governance import services


@shared_task(acks_late=True, ignore_result=True)
def remind_overdue_groups() -> None:
    services.overdue_groups_remind()
