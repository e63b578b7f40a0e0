"""A board vote waits on the dashboard page for each seat that has not voted: for the
member in the seat and, while the member has not voted, for their personal deputy; it
leaves for both once the seat has voted, and never shows to anyone without a seat."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from governance.positions import services
from governance.positions.models import VoteChoice
from network.models import User
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

TITLE = "Pelastustoimen rahoitusmalli maakuntauudistuksessa"


def waiting_section(person) -> str:
    """The "Waiting for you" part of the dashboard page as the person sees it."""
    person = User.objects.get(pk=person.pk)  # fresh, no cached seats
    response = sign_in(Client(), person).get(reverse("dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    match = re.search(r'<section aria-labelledby="waiting-heading">.*?</section>', page, re.S)
    assert match, "the dashboard has no waiting section"
    return match.group(0)


def vote_waits_for(person, position) -> bool:
    section = waiting_section(person)
    shown = f"Hallituksen äänestys: {TITLE}" in section
    linked = f'href="{position.get_absolute_url()}#vote"' in section
    assert shown == linked, "the item and its link go together"
    return shown


def test_a_vote_waits_for_every_seat_and_for_no_one_without_a_seat(in_vote, cast):
    for key in ("chair", "vice", "m1", "m2", "m3", "deputy"):
        assert vote_waits_for(cast[key], in_vote), key
    for key in ("secretary", "official", "comms", "outsider"):
        assert not vote_waits_for(cast[key], in_vote), key
    assert "Odottaa toimiasi (1)" in waiting_section(cast["m2"])


def test_the_vote_leaves_the_member_who_voted_and_stays_for_the_others(in_vote, cast):
    services.vote_cast(user=cast["m1"], position=in_vote, choice=VoteChoice.APPROVE)

    assert not vote_waits_for(cast["m1"], in_vote)
    assert vote_waits_for(cast["m2"], in_vote)
    assert vote_waits_for(cast["deputy"], in_vote)  # the principal (vice) has not voted


def test_the_deputy_sees_the_principals_seat_only_until_the_principal_votes(in_vote, cast):
    assert vote_waits_for(cast["deputy"], in_vote)

    services.vote_cast(user=cast["vice"], position=in_vote, choice=VoteChoice.REJECT)

    assert not vote_waits_for(cast["deputy"], in_vote)
    assert not vote_waits_for(cast["vice"], in_vote)
    assert vote_waits_for(cast["chair"], in_vote)


def test_when_the_deputy_votes_for_the_seat_it_leaves_the_deputy_and_the_principal(
    in_vote, cast
):
    services.vote_cast(
        user=cast["deputy"],
        position=in_vote,
        choice=VoteChoice.APPROVE,
        in_place_of=cast["vice"],
    )

    assert not vote_waits_for(cast["deputy"], in_vote)
    assert not vote_waits_for(cast["vice"], in_vote)
    assert vote_waits_for(cast["m3"], in_vote)


def test_a_closed_vote_waits_for_nobody(in_vote, cast):
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    services.vote_close(actor=cast["chair"], position=in_vote)

    for key in ("m2", "m3", "deputy"):
        assert not vote_waits_for(cast[key], in_vote), key
