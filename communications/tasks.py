"""Celery tasks: each loads by id and calls the outbox; no rules live here.

Failed e-mails are not retried with Celery countdowns: a countdown is an ETA message
that outlives the broker's visibility timeout badly. The rows stay waiting and the
relay asks for them again, backing off by the number of attempts.
"""

from celery import shared_task

from communications import outbox


@shared_task(acks_late=True, ignore_result=True)
def deliver_emails(notification_ids: list[int]) -> None:
    outbox.deliver(notification_ids)


@shared_task(acks_late=True, ignore_result=True)
def relay() -> None:
    outbox.relay_run()
