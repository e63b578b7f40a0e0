"""The board decides only with a quorum: more than half of its voting seats. On a board
with an even number of seats, exactly half is not enough."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from governance.models import Membership
from governance.positions import selectors, services
from governance.positions.models import AuditEntry, PositionState, VoteChoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_seat_vote(in_vote, cast):
    """The vote of a board of four voting seats (chair, vice-chair, two members): the
    third member's seat ended yesterday."""
    Membership.objects.filter(body=cast["board"], user=cast["m3"]).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    assert selectors.vote_tally(in_vote).seats == 4
    return in_vote


def vote(position, person, choice=VoteChoice.APPROVE):
    return services.vote_cast(user=person, position=position, choice=choice)


def test_two_votes_of_four_seats_are_no_quorum_and_the_vote_stays_open(four_seat_vote, cast):
    vote(four_seat_vote, cast["chair"])
    vote(four_seat_vote, cast["vice"])

    with translation.override("en"), pytest.raises(ValidationError, match="2 of 4"):
        services.vote_close(actor=cast["chair"], position=four_seat_vote)

    four_seat_vote.refresh_from_db()
    assert four_seat_vote.state == PositionState.BOARD_VOTE
    assert not AuditEntry.objects.filter(
        position=four_seat_vote, action__in=["approved", "rejected"]
    ).exists()


def test_three_votes_of_four_seats_are_a_quorum_and_decide(four_seat_vote, cast):
    vote(four_seat_vote, cast["chair"])
    vote(four_seat_vote, cast["vice"])
    vote(four_seat_vote, cast["m1"], VoteChoice.REJECT)

    services.vote_close(actor=cast["chair"], position=four_seat_vote)

    four_seat_vote.refresh_from_db()
    assert four_seat_vote.state == PositionState.APPROVED


def test_two_abstentions_of_four_seats_are_still_no_quorum(four_seat_vote, cast):
    vote(four_seat_vote, cast["chair"], VoteChoice.ABSTAIN)
    vote(four_seat_vote, cast["m1"], VoteChoice.ABSTAIN)

    with pytest.raises(ValidationError):
        services.vote_close(actor=cast["chair"], position=four_seat_vote)
