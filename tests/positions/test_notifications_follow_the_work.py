"""Notifications follow the work: what a person has done leaves their inbox's unread, one
event tells a person once, and the inbox filters by kind and unread."""

import pytest
from django.urls import reverse

from communications.models import Notification
from governance.positions import services
from governance.positions.models import Position, PositionState, Stance, VoteChoice

pytestmark = pytest.mark.django_db


def unread(person, kind: str, position) -> int:
    return Notification.objects.filter(
        recipient=person, kind=kind, about_id=str(position.pk), read_at__isnull=True
    ).count()


def test_voting_marks_the_vote_request_read_for_the_voter_only(in_vote, cast):
    assert unread(cast["m1"], "vote_needed", in_vote) == 1

    services.vote_cast(user=cast["m1"], position=in_vote, choice=VoteChoice.APPROVE)

    assert unread(cast["m1"], "vote_needed", in_vote) == 0
    assert unread(cast["m2"], "vote_needed", in_vote) == 1


def test_an_answer_marks_the_consultation_read_for_the_departments_director_and_deputy(
    in_consultation, cast
):
    # The vice-chair and the deputy are both of Pirkanmaa.
    assert unread(cast["deputy"], "consultation_opened", in_consultation) == 1

    services.consultation_answer(
        user=cast["vice"], position=in_consultation, stance=Stance.SUPPORTS
    )

    assert unread(cast["vice"], "consultation_opened", in_consultation) == 0
    assert unread(cast["deputy"], "consultation_opened", in_consultation) == 0
    assert unread(cast["m1"], "consultation_opened", in_consultation) == 1


def test_publishing_on_both_tracks_tells_each_person_once(in_vote, cast):
    Position.objects.filter(pk=in_vote.pk).update(state=PositionState.APPROVED)
    in_vote.refresh_from_db()

    for track in ("internal", "public"):
        services.position_publish(actor=cast["comms"], position=in_vote, publication=track)

    counts = Notification.objects.filter(kind="position_published", about_id=str(in_vote.pk))
    assert counts.filter(recipient=cast["m1"]).count() == 1
    assert counts.values("recipient").distinct().count() == counts.count()


def test_the_inbox_filters_by_kind_and_unread(in_vote, cast, as_person):
    services.vote_cast(user=cast["m1"], position=in_vote, choice=VoteChoice.APPROVE)
    client = as_person(cast["m1"])
    inbox = reverse("notifications:inbox")

    everything = client.get(inbox).context["page"].object_list
    votes = client.get(inbox, {"kind": "vote_needed"}).context["page"].object_list
    fresh = client.get(inbox, {"unread": "on"}).context["page"].object_list
    bad = client.get(inbox, {"kind": "no-such-kind\x00", "unread": "x"})

    assert {n.kind for n in everything} >= {"vote_needed", "consultation_opened"}
    assert {n.kind for n in votes} == {"vote_needed"}
    assert all(n.read_at is None for n in fresh)
    assert "vote_needed" not in {n.kind for n in fresh}
    assert bad.status_code in (200, 400)
