"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

_NOT_SENT = {
    "django.core.mail.backends.console.EmailBackend": "printed to the console",
    "django.core.mail.backends.filebased.EmailBackend": "written to files",
    "django.core.mail.backends.locmem.EmailBackend": "kept in memory",
    "django.core.mail.backends.dummy.EmailBackend": "thrown away",
}


@register(Tags.compatibility, deploy=True)
def email_is_sent(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Without EMAIL_HOST, e-mail would be marked sent while nobody receives it."""
    backend = settings.MAILERS["default"]["BACKEND"]
    if backend not in _NOT_SENT:
        return []
    return [
        Warning(
            f"E-mail is {_NOT_SENT[backend]}, not sent: set EMAIL_HOST (and EMAIL_PORT, "
            "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) for production.",
            id="verkosto.W001",
        )
    ]
