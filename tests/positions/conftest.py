from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import Body, BodyKind, Role
from governance.positions import services
from network.models import DepartmentRole, NetworkRole
from tests.factories import make_director, make_user
from tests.governance.conftest import seat


@pytest.fixture
def cast(departments):
    """The people of a position's life: an official, a communications officer, the board
    (chair, vice-chair, three members, a deputy, a secretary) and some directors."""
    people = {
        "official": make_user(
            first_name="Sanna", last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL]
        ),
        "comms": make_user(
            first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS]
        ),
        "chair": make_director(
            departments["helsinki"], first_name="Jari", last_name="Puheenjohtaja"
        ),
        "vice": make_director(departments["pirkanmaa"], first_name="Minna", last_name="Varapj"),
        "m1": make_director(departments["lappi"], first_name="Arto", last_name="Jäsen1"),
        "m2": make_director(departments["kainuu"], first_name="Ville", last_name="Jäsen2"),
        "m3": make_director(departments["satakunta"], first_name="Markku", last_name="Jäsen3"),
        "deputy": make_user(
            first_name="Janne",
            last_name="Varajäsen",
            department=departments["pirkanmaa"],
            department_role=DepartmentRole.DEPUTY,
        ),
        "secretary": make_user(first_name="Sihteeri", last_name="Hallitus"),
        "outsider": make_user(first_name="Ulla", last_name="Ulkopuolinen"),
    }
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    seat(board, people["chair"], Role.CHAIR)
    # The deputy is the vice-chair's personal deputy (both of Pirkanmaa).
    seat(board, people["vice"], Role.VICE_CHAIR, personal_deputy=people["deputy"])
    for key in ("m1", "m2", "m3"):
        seat(board, people[key])
    seat(board, people["secretary"], Role.SECRETARY)
    people["board"] = board
    return people


@pytest.fixture
def as_person():
    """A fresh signed-in browser for each person."""
    from django.test import Client

    from tests.factories import sign_in

    def login(person):
        return sign_in(Client(), person)

    return login


def later(days: int = 10):
    return timezone.now() + timedelta(days=days)


@pytest.fixture
def draft(cast):
    return services.position_create(
        actor=cast["official"],
        title="Pelastustoimen rahoitusmalli maakuntauudistuksessa",
        summary="Verkosto esittää rahoituksen laskennallisen mallin.",
        text="## Esitys\n\nRahoitus perustuu riskiin ja väestöön.\n\nSiirtymäaika on kolme vuotta.",
        cornerstones=["influence"],
        workstreams=["finance"],
    )


@pytest.fixture
def in_consultation(draft, cast):
    return services.consultation_open(
        actor=cast["official"],
        position=draft,
        deadline=later(),
        questions=["Onko siirtymäaika riittävä?"],
    )


@pytest.fixture
def in_vote(in_consultation, cast):
    return services.vote_open(
        actor=cast["official"], position=in_consultation, close_consultation_early=True
    )


def approve(position, cast):
    """The board approves the position in its vote (chair, vice-chair and one member)."""
    from governance.positions.models import VoteChoice

    if position.state == "consultation":
        services.vote_open(actor=cast["official"], position=position, close_consultation_early=True)
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=position, choice=VoteChoice.APPROVE)
    return services.vote_close(actor=cast["chair"], position=position)


@pytest.fixture
def published(in_vote, cast):
    """Approved by the board and published on the public site."""
    approve(in_vote, cast)
    return services.position_publish(actor=cast["comms"], position=in_vote, publication="public")
