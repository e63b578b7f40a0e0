"""Comments and decisions at the same moment: exactly one decision, and no comment lands
after the decision that closed the round (real PostgreSQL, parallel transactions)."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from governance.review import services
from governance.review.models import ReviewComment, ReviewRound, ReviewState

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_comments_and_decisions_make_one_decision_and_no_late_comment(
    people, review, departments
):
    barrier = threading.Barrier(12)
    outcomes: list[str] = []
    lock = threading.Lock()
    commenters = [
        (people["director"], departments["pirkanmaa"]),
        (people["other_director"], departments["kainuu"]),
    ]

    def attempt(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            fresh = ReviewRound.objects.get(pk=review.pk)
            if number % 3 == 0:
                deciders = [people["chair"], people["secretary"]]
                services.review_decide(
                    actor=deciders[number % 2],
                    review=fresh,
                    meeting=people["meeting"],
                    decision_fi=f"Päätös {number}",
                )
                result = "decided"
            else:
                if number % 3 == 1:
                    # Some read the round before the decision and write after it.
                    time.sleep(0.5)
                user, department = commenters[number % 2]
                services.review_comment_add(
                    user=user, review=fresh, department=department, text=f"Kommentti {number}"
                )
                result = "commented"
        except (ValidationError, PermissionDenied):
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    review.refresh_from_db()
    assert len(outcomes) == 12
    assert outcomes.count("decided") == 1
    assert review.state == ReviewState.DECIDED
    comments = ReviewComment.objects.filter(round=review)
    assert comments.count() == outcomes.count("commented")
    assert not comments.filter(created_at__gt=review.decided_at).exists()
