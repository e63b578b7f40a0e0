"""The Celery application.

Workers and beat read the broker from ``REDIS_URL``. Without it the portal runs every
task in-process (eager), so the development server needs no Redis and no worker.
"""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

app = Celery("verkosto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("verkosto.tasks")


def log_task_mode() -> None:
    """Say once at start-up how tasks will run, so nobody wonders where a worker is."""
    if app.conf.task_always_eager:
        logger.info("REDIS_URL is not set: Celery tasks run in-process (eager mode).")
    else:
        logger.info("Celery tasks go to the broker at %s.", _redacted(app.conf.broker_url))


def _redacted(url: str) -> str:
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
