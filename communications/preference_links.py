"""Signed one-click links to change one kind of e-mail for one person.

The link names the person and the kind and is signed with the portal's secret key, so
it works without signing in and cannot be altered to change anyone else's settings.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "verkosto.communications.email-preference"


def preference_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def preference_url(*, user_id: int, kind: str) -> str:
    path = reverse(
        "notifications:email_preference",
        kwargs={"token": preference_token(user_id=user_id, kind=kind)},
    )
    return settings.SITE_URL + path


def read_preference_token(token: str) -> tuple[int, str]:
    """The person and kind a token names; raises ``signing.BadSignature`` if tampered."""
    data = signing.loads(token, salt=SALT)
    return int(data["u"]), str(data["k"])
