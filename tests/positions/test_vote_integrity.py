"""Votes that can be trusted: a personal deputy acts for their own principal only, and a
consultation is closed early only when someone confirms it, on the record."""

import contextlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.positions import selectors, services
from governance.positions.models import AuditEntry, PositionState, Stance, Vote, VoteChoice

pytestmark = pytest.mark.django_db


def test_opening_the_vote_while_the_consultation_is_open_needs_a_confirmation(
    in_consultation, cast
):
    services.consultation_answer(user=cast["m1"], position=in_consultation, stance=Stance.SUPPORTS)

    with pytest.raises(ValidationError, match="21"):
        services.vote_open(actor=cast["official"], position=in_consultation)
    in_consultation.refresh_from_db()
    assert in_consultation.state == PositionState.CONSULTATION

    services.vote_open(
        actor=cast["official"], position=in_consultation, close_consultation_early=True
    )

    entry = AuditEntry.objects.get(position=in_consultation, action="consultation_closed_early")
    assert entry.actor == cast["official"]
    assert (entry.detail["answered"], entry.detail["not_answered"]) == (1, 21)
    assert entry.detail["deadline"] == in_consultation.consultation_deadline.isoformat()


def test_after_the_deadline_the_vote_opens_without_a_confirmation(in_consultation, cast):
    type(in_consultation).objects.filter(pk=in_consultation.pk).update(
        consultation_deadline=timezone.now() - timezone.timedelta(minutes=1)
    )
    in_consultation.refresh_from_db()

    services.vote_open(actor=cast["official"], position=in_consultation)

    assert not AuditEntry.objects.filter(
        position=in_consultation, action="consultation_closed_early"
    ).exists()


def test_the_page_asks_to_confirm_an_early_close_and_says_who_has_not_answered(
    in_consultation, cast, as_person
):
    client = as_person(cast["official"])
    url = reverse("positions:vote_open", args=[in_consultation.pk])

    asked = client.post(url)
    in_consultation.refresh_from_db()
    assert asked.status_code == 200
    assert in_consultation.state == PositionState.CONSULTATION
    assert "22" in asked.context["warning"]

    client.post(url, {"confirm": "on"})
    in_consultation.refresh_from_db()
    assert in_consultation.state == PositionState.BOARD_VOTE


def test_the_vote_form_offers_a_deputy_exactly_their_principal(in_vote, cast, as_person):
    page = as_person(cast["deputy"]).get(reverse("positions:detail", args=[in_vote.pk]))

    field = page.context["vote_form"].fields["in_place_of"]
    assert list(field.queryset) == [cast["vice"]]
    assert field.required  # a deputy has no seat of their own to vote for


def test_a_member_sees_no_seat_picker(in_vote, cast, as_person):
    page = as_person(cast["m1"]).get(reverse("positions:detail", args=[in_vote.pk]))

    assert "in_place_of" not in page.context["vote_form"].fields


def test_a_deputy_posting_another_members_seat_is_refused_and_the_member_still_votes(
    in_vote, cast, as_person
):
    url = reverse("positions:vote", args=[in_vote.pk])

    as_person(cast["deputy"]).post(url, {"choice": "approve", "in_place_of": cast["chair"].pk})
    as_person(cast["chair"]).post(url, {"choice": "reject"})

    vote = Vote.objects.get(position=in_vote)
    assert (vote.member, vote.cast_by, vote.choice) == (cast["chair"], cast["chair"], "reject")


def test_one_deputy_cannot_fill_the_quorum(in_vote, cast):
    """The break the review found: one deputy voting for six seats. Now they reach one."""
    for seat in ("chair", "vice", "m1", "m2", "m3"):
        with contextlib.suppress(PermissionDenied):
            services.vote_cast(
                user=cast["deputy"],
                position=in_vote,
                choice=VoteChoice.APPROVE,
                in_place_of=cast[seat],
            )

    assert selectors.vote_tally(in_vote).cast == 1
