"""Celery tasks: each loads by id or runs one scheduled job; no rules live here.

Failed e-mails are not retried with Celery countdowns: a countdown is an ETA message
that outlives the broker's visibility timeout badly. The rows stay waiting and the
relay job asks for them again, backing off by the number of attempts.
"""

from celery import shared_task

from communications import jobs, outbox


@shared_task(acks_late=True, ignore_result=True)
def deliver_emails(notification_ids: list[int]) -> None:
    outbox.deliver(notification_ids)


@shared_task(acks_late=True, ignore_result=True)
def deliver_outgoing_emails(email_ids: list[int]) -> None:
    outbox.deliver_outgoing(email_ids)


# One task per scheduled job, each with its own beat entry (CELERY_BEAT_SCHEDULE).


@shared_task(acks_late=True, ignore_result=True)
def release_due_reminders() -> None:
    jobs.run_job(jobs.RELEASE_DUE_REMINDERS)


@shared_task(acks_late=True, ignore_result=True)
def publish_due_bulletins() -> None:
    jobs.run_job(jobs.PUBLISH_DUE_BULLETINS)


@shared_task(acks_late=True, ignore_result=True)
def relay_waiting_emails() -> None:
    jobs.run_job(jobs.RELAY_WAITING_EMAILS)


@shared_task(acks_late=True, ignore_result=True)
def send_due_digests() -> None:
    jobs.run_job(jobs.SEND_DUE_DIGESTS)


@shared_task(acks_late=True, ignore_result=True)
def relay() -> None:
    """Every job once, each on its own (what ``manage.py run_relay`` does). Kept so
    that messages queued by the earlier single beat entry still find their task."""
    jobs.run_all()
