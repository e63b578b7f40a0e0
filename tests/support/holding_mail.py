"""An in-memory e-mail backend (Django's locmem) whose first message waits for the test.

A race test holds the first delivery in the middle of sending, with its row claimed and
its transaction open, until a competing delivery has finished: whether the competitor
sent the same message again then depends only on the row lock, never on timing.
"""

import threading

from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend

_lock = threading.Lock()
_release: threading.Event | None = None
_held = False


def hold_first_message(release: threading.Event | None) -> None:
    """The next message sent waits until ``release`` is set (``None``: nothing waits)."""
    global _release, _held
    with _lock:
        _release, _held = release, False


class EmailBackend(LocmemEmailBackend):
    def send_messages(self, email_messages):
        global _held
        with _lock:
            release = _release if not _held else None
            _held = True
        if release is not None:
            release.wait(timeout=30)
        return super().send_messages(email_messages)
