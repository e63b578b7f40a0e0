"""Celery tasks: each loads by id and calls the outbox; no rules live here."""

from celery import shared_task

from communications import outbox


@shared_task(bind=True, acks_late=True, max_retries=4, ignore_result=True)
def deliver_emails(self, notification_ids: list[int]) -> None:
    retry_ids = outbox.deliver(notification_ids)
    if retry_ids and not self.request.is_eager:
        # Back off: 30 s, 1 min, 2 min, 4 min. The rows stay waiting meanwhile, so the
        # relay picks them up even if these retries are lost.
        raise self.retry(args=[retry_ids], countdown=30 * 2**self.request.retries)


@shared_task(acks_late=True, ignore_result=True)
def relay() -> None:
    outbox.relay_run()
