"""A file e-mail backend that can stall before (or just after) handing over its Nth message.

A fault test waits for the stall (a marker file appears) and then kills the worker:
a kill in the middle of a batch, at a known point, every time.
"""

import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

_sent_in_this_process = 0


class EmailBackend(FileEmailBackend):
    def __init__(self, *args, stall_at: int = 0, stall_after: int = 0, **kwargs):
        self.stall_at = stall_at
        self.stall_after = stall_after
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        global _sent_in_this_process
        for message in email_messages:
            _sent_in_this_process += 1
            if self.stall_at and _sent_in_this_process == self.stall_at:
                (Path(self.file_path) / "STALLED").touch()
                time.sleep(3600)
            super().send_messages([message])
            if self.stall_after and _sent_in_this_process == self.stall_after:
                (Path(self.file_path) / "STALLED").touch()
                time.sleep(3600)
        return len(email_messages)
