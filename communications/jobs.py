"""The network's scheduled jobs, each run on its own.

Celery beat starts each job as its own task, one beat entry per job
(``CELERY_BEAT_SCHEDULE``); ``manage.py run_relay`` runs them all in turn. A job that
fails is logged and answered with ``None``: it never stops another job. Inside a job,
the service that owns the rows handles each one (a reminder, a bulletin, a person's
digest, a working group) in its own transaction, and logs and skips one that fails.

Communications' own jobs are registered here; other apps register theirs in their
``AppConfig.ready()`` (governance reminds overdue working groups), so communications
knows nothing of them. Scheduled public items need no job: they appear on the public
site when their publishing time has come.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from communications import outbox
from communications.bulletins.services import bulletins_publish_due
from communications.services import reminders_release_due

logger = logging.getLogger(__name__)

#: A job is called with the time it runs for and answers how many things it did.
Job = Callable[[datetime], int]

RELEASE_DUE_REMINDERS = "release_due_reminders"
PUBLISH_DUE_BULLETINS = "publish_due_bulletins"
RELAY_WAITING_EMAILS = "relay_waiting_emails"
SEND_DUE_DIGESTS = "send_due_digests"

_jobs: dict[str, Job] = {}


def register_job(name: str, job: Job) -> None:
    _jobs[name] = job


def unregister_job(name: str) -> None:
    """For tests that register a job of their own."""
    _jobs.pop(name, None)


def job_names() -> list[str]:
    return list(_jobs)


def run_job(name: str, *, now: datetime | None = None) -> int | None:
    """Run one job. Returns what it did, or ``None`` if it failed (and was logged)."""
    try:
        return _jobs[name](now or timezone.now())
    except Exception:
        logger.exception("The scheduled job %s failed; the other jobs go on.", name)
        return None


def run_all(*, now: datetime | None = None) -> dict[str, int | None]:
    """Run every job once, each on its own, in the order they were registered."""
    now = now or timezone.now()
    return {name: run_job(name, now=now) for name in list(_jobs)}


register_job(RELEASE_DUE_REMINDERS, lambda now: reminders_release_due(now=now))
register_job(PUBLISH_DUE_BULLETINS, lambda now: bulletins_publish_due(now=now))
register_job(RELAY_WAITING_EMAILS, lambda now: outbox.waiting_emails_relay(now=now))
register_job(SEND_DUE_DIGESTS, lambda now: outbox.digests_send_due(now=now))
