"""Two board members acting at the same moment never produce two decisions (real
PostgreSQL, real parallel transactions)."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from governance.positions import services
from governance.positions.models import AuditEntry, PositionState, VoteChoice

pytestmark = pytest.mark.django_db(transaction=True)


def test_20_parallel_attempts_to_vote_on_and_close_the_same_vote_make_exactly_one_decision(
    in_vote, cast
):
    for key in ("vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            if number % 2:
                services.vote_close(
                    actor=cast["chair"], position=type(in_vote).objects.get(pk=in_vote.pk)
                )
                result = "closed"
            else:
                voter = [cast["chair"], cast["m2"], cast["m3"]][number % 3]
                services.vote_cast(
                    user=voter,
                    position=type(in_vote).objects.get(pk=in_vote.pk),
                    choice=VoteChoice.APPROVE,
                )
                result = "voted"
        except (ValidationError, PermissionDenied):
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    in_vote.refresh_from_db()
    decisions = AuditEntry.objects.filter(position=in_vote, action__in=["approved", "rejected"])
    assert len(outcomes) == 20
    assert outcomes.count("closed") == 1
    assert decisions.count() == 1
    assert in_vote.state == PositionState.APPROVED
    # Every vote recorded before the close counted; none came after it.
    close_time = decisions.get().created_at
    assert not AuditEntry.objects.filter(
        position=in_vote, action="voted", created_at__gt=close_time
    ).exists()
