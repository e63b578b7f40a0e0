"""A position's page and the positions list ask the same, exact number of questions
however large every dimension grows: departments, answers, questions, versions, board
members, votes and positions. A change that adds a query per row fails here."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Role
from governance.positions import services
from governance.positions.models import Position, Stance, VoteChoice
from network.models import Department, Region
from tests.factories import make_director, make_user
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db

#: The exact numbers, pinned (an official viewing; a board member viewing a vote).
DETAIL_IN_CONSULTATION_QUERIES = 16
DETAIL_IN_VOTE_QUERIES = 17
LIST_QUERIES = 7


def queries(client, address) -> int:
    # Counted from a cold content-type cache, as in a fresh process: the same every time.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def detail(position) -> str:
    return reverse("positions:detail", args=[position.pk])


def add_departments(count: int) -> list[Department]:
    region = Region.objects.first()
    start = Department.objects.count()
    return [
        Department.objects.create(slug=f"lisa-{start + n}", name_fi=f"Lisä {n}", region=region)
        for n in range(count)
    ]


def answer_all(position) -> None:
    answered = set(position.answers.values_list("department_id", flat=True))
    for department in Department.objects.exclude(pk__in=answered):
        director = department.people.filter(department_role="director").first()
        director = director or make_director(department)
        services.consultation_answer(
            user=director,
            position=position,
            stance=Stance.OPPOSES,
            comment="Ei.",
            question_answers={q.pk: "Vastaus" for q in position.questions.all()},
        )


def test_a_position_in_consultation_asks_the_same_questions_as_everything_grows(
    draft, cast, as_person
):
    client = as_person(cast["official"])
    position = services.consultation_open(
        actor=cast["official"],
        position=draft,
        deadline=timezone.now() + timedelta(days=10),
        questions=["Yksi?", "Kaksi?"],
    )
    services.consultation_answer(user=cast["m1"], position=position, stance=Stance.SUPPORTS)
    few = queries(client, detail(position))

    add_departments(30)
    answer_all(position)
    for number in range(10):
        services.position_revise(
            actor=cast["official"], position=position, title=f"T{number}", summary="S", text="X"
        )

    assert position.answers.count() == Department.objects.filter(is_active=True).count() > 50
    assert (few, queries(client, detail(position))) == (DETAIL_IN_CONSULTATION_QUERIES,) * 2


def test_a_position_in_the_vote_asks_the_same_questions_as_board_and_votes_grow(
    in_vote, cast, as_person
):
    client = as_person(cast["chair"])
    services.vote_cast(user=cast["vice"], position=in_vote, choice=VoteChoice.APPROVE)
    few = queries(client, detail(in_vote))

    board = cast["board"]
    for _ in range(40):
        member = make_user()
        seat(board, member, Role.MEMBER)
        services.vote_cast(user=member, position=in_vote, choice=VoteChoice.REJECT)
    for key in ("m1", "m2", "m3"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.ABSTAIN)

    assert (few, queries(client, detail(in_vote))) == (DETAIL_IN_VOTE_QUERIES,) * 2


def test_the_positions_list_asks_the_same_questions_as_positions_and_answers_grow(
    in_consultation, cast, as_person
):
    client = as_person(cast["official"])
    few = queries(client, reverse("positions:list"))

    add_departments(10)
    answer_all(in_consultation)
    for number in range(200):
        services.position_create(
            actor=cast["official"],
            title=f"Kanta {number}",
            summary="S",
            text="T",
            cornerstones=["influence"],
        )

    assert Position.objects.count() == 201
    assert (few, queries(client, reverse("positions:list"))) == (LIST_QUERIES,) * 2


def test_the_positions_list_is_read_fifty_at_a_time(cast, as_person):
    for number in range(60):
        services.position_create(
            actor=cast["official"], title=f"Kanta {number:02}", summary="S", text="T"
        )
    client = as_person(cast["official"])

    first = client.get(reverse("positions:list"))
    second = client.get(reverse("positions:list"), {"page": "2", "state": "draft"})
    odd = client.get(reverse("positions:list"), {"page": "x\x01"})

    assert len(first.context["page"]) == 50
    assert "Kanta 59" in first.content.decode() and "Kanta 09" not in first.content.decode()
    assert "Sivu 1 / 2" in first.content.decode()
    assert [p.title for p in second.context["page"]] == [f"Kanta {n:02}" for n in range(9, -1, -1)]
    assert 'href="?page=1&amp;state=draft"' in second.content.decode()  # filters kept
    assert odd.status_code == 200 and odd.context["page"].number == 1
