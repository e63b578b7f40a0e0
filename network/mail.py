"""Every e-mail of the portal leaves through the outbox, never from a web request.

``network`` sits below the app that owns the outbox (``communications``), so that app
registers the sender in its ``AppConfig.ready()``; invitations and allauth's messages
(password resets) call ``send_later`` and never talk to the mail server themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMessage

type Sender = Callable[[EmailMessage], object]
_sender: Sender | None = None


def register_mail_sender(sender: Sender) -> Sender:
    global _sender
    _sender = sender
    return sender


def send_later(message: EmailMessage) -> None:
    """Queue the message in the caller's transaction; the workers send it after commit."""
    if _sender is None:
        raise RuntimeError("No outbox is registered: the communications app is not installed.")
    _sender(message)
