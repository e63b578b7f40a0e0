"""A board vote waits on the dashboard page for each seat that has not voted: for the
member in the seat and, while the member has not voted, for their personal deputy; it
leaves for both once the seat has voted, and never shows to anyone without a seat."""

import pytest
from django.utils import formats, timezone

from governance.positions import services
from governance.positions.models import VoteChoice
from tests.factories import make_director
from tests.positions.conftest import approve
from tests.support.dashboard import item_waits, waiting_section

pytestmark = pytest.mark.django_db

TITLE = "Pelastustoimen rahoitusmalli maakuntauudistuksessa"


def vote_waits_for(person, position) -> bool:
    return item_waits(
        waiting_section(person),
        f"Hallituksen äänestys: {TITLE}",
        position.get_absolute_url() + "#vote",
    )


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


def test_when_the_deputy_votes_for_the_seat_it_leaves_the_deputy_and_the_principal(in_vote, cast):
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


def test_an_approved_position_waits_for_the_communications_officer_not_a_director(
    in_vote, cast, departments
):
    approve(in_vote, cast)
    in_vote.refresh_from_db()
    title = f"Hyväksytty: {TITLE} – julkaise kanta"
    url = in_vote.get_absolute_url() + "#publish-heading"
    other_director = make_director(departments["oulu-koillismaa"])

    section = waiting_section(cast["comms"])
    assert item_waits(section, title, url)
    decided = formats.date_format(timezone.localtime(in_vote.decided_at))
    assert f"hyväksytty {decided}" in section
    for person in (other_director, cast["chair"], cast["official"], cast["m2"]):
        assert not item_waits(waiting_section(person), title, url)

    services.position_publish(actor=cast["comms"], position=in_vote, publication="public")

    assert not item_waits(waiting_section(cast["comms"]), title, url)


def test_a_deputy_with_a_seat_of_their_own_is_asked_until_both_seats_have_voted(in_vote, cast):
    from governance.models import Membership, Role

    Membership.objects.create(
        body=cast["board"],
        user=cast["deputy"],
        role=Role.MEMBER,
        start_date=timezone.localdate() - timezone.timedelta(days=3),
    )
    services.vote_cast(user=cast["deputy"], position=in_vote, choice=VoteChoice.APPROVE)
    assert vote_waits_for(cast["deputy"], in_vote)  # the principal's seat still waits

    services.vote_cast(user=cast["vice"], position=in_vote, choice=VoteChoice.APPROVE)
    assert not vote_waits_for(cast["deputy"], in_vote)
