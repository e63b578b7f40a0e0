"""TOTP for tests, computed independently of allauth (RFC 6238: SHA-1, 30 s, 6 digits)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str, at: float | None = None) -> str:
    """The code for ``at`` (default: now).

    allauth accepts only the current 30-second window, so a code computed in the window's
    last seconds could expire before the request reaches it: wait for the next window.
    """
    if at is None:
        at = time.time()
        if 30 - at % 30 < 3:
            time.sleep(30 - at % 30 + 0.05)
            at = time.time()
    counter = int(at // 30)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def enrol_totp(user, secret: str = SECRET) -> list[str]:
    """Give a user an authenticator (as the activation page would) and recovery codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).generate_codes()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def unused_recovery_code(user) -> str:
    """One of the person's recovery codes not used yet (each works once)."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()[0]
