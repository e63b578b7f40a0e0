"""Working through due rows one at a time, so that one bad row never stops the others.

Scheduled work (reminders, scheduled bulletins) is a table of rows with a due time.
Each row is claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` in its own transaction, so
two runs at the same moment never handle the same row, and handled in a savepoint
inside it: a row whose handling fails (the object it is about was deleted, a value in
it cannot even be read) is rolled back, logged and skipped for the rest of the run, and
stays due, to be tried again at the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet

logger = logging.getLogger(__name__)


def handle_due_rows(rows: QuerySet, handle: Callable[[int], object], *, what: str) -> int:
    """Claim each row of ``rows`` (ordered, filtered to the due ones) and call
    ``handle(pk)`` with it locked. Returns how many rows were handled; failing ones are
    logged with their traceback and skipped."""
    handled = 0
    skipped: list[int] = []
    while True:
        with transaction.atomic():
            # Only the key is read here: a row whose other values cannot be loaded is
            # still claimed, and fails (and is skipped) inside its own savepoint.
            pk = (
                rows.select_for_update(skip_locked=True)
                .exclude(pk__in=skipped)
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                return handled
            try:
                with transaction.atomic():
                    handle(pk)
            except Exception:
                logger.exception("%s %s failed and was skipped; it is tried again later.", what, pk)
                skipped.append(pk)
            else:
                handled += 1
