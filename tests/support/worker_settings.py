"""Settings for worker processes started by fault tests: the portal's own settings, with
e-mail written to files the test can read (and, on request, stuck at the Nth e-mail)."""

import os

from network.settings import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "tests.support.stalling_mail.EmailBackend",
        "OPTIONS": {
            "file_path": os.environ["EMAIL_FILE_PATH"],
            "stall_at": int(os.environ.get("EMAIL_STALL_AT", "0")),
            "stall_after": int(os.environ.get("EMAIL_STALL_AFTER", "0")),
        },
    }
}
