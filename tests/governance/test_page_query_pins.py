"""The governance pages without a pin of their own ask the same, exactly pinned number of
questions with a little or a lot of data: the bodies, the working groups' status overview
and the calendar."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Role,
    Status,
    StatusUpdate,
)
from tests.factories import make_user
from tests.governance.conftest import seat, soon

pytestmark = pytest.mark.django_db

#: Each page's exact number of queries, pinned: a change that adds a query per row fails.
BODIES_QUERIES = 7
STATUS_OVERVIEW_QUERIES = 7
CALENDAR_QUERIES = 10


@pytest.fixture
def pinned(django_assert_num_queries):
    """Counts from a cold content-type cache, as in a fresh process: the same every time."""

    def pinned(number):
        ContentType.objects.clear_cache()
        return django_assert_num_queries(number)

    return pinned


def working_groups(board, people, count):
    groups = []
    for n in range(count):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP,
            slug=f"ryhma-{n}",
            name_fi=f"Ryhmä {n}",
            parent=board,
            term_start=timezone.localdate() - timedelta(days=60),
        )
        seat(group, people["member"], Role.CHAIR if n % 2 else Role.MEMBER)
        seat(group, make_user())
        groups.append(group)
    return groups


@pytest.mark.parametrize("size", [1, 30])
def test_the_bodies_page_asks_the_same_questions_with_1_or_30_of_each_kind_of_body(
    board, people, as_person, pinned, size
):
    for n in range(size):
        area = Body.objects.create(
            kind=BodyKind.SERVICE_AREA, slug=f"alue-{n}", name_fi=f"Palvelualue {n}"
        )
        seat(area, people["member"])
        seat(area, make_user(), end_date=timezone.localdate() - timedelta(days=1))
    working_groups(board, people, size)
    client = as_person(people["member"])

    with pinned(BODIES_QUERIES):
        assert client.get(reverse("governance:bodies")).status_code == 200


@pytest.mark.parametrize("size", [1, 30])
def test_the_status_overview_asks_the_same_questions_with_1_or_30_groups_and_updates(
    board, people, as_person, pinned, size
):
    for group in working_groups(board, people, size):
        for weeks in range(3):
            StatusUpdate.objects.create(
                working_group=group,
                author=people["member"] if weeks % 2 else make_user(),
                status=Status.ON_TRACK,
                period_start=timezone.localdate() - timedelta(days=7 * (weeks + 1)),
                period_end=timezone.localdate() - timedelta(days=7 * weeks),
                progress="Etenee.",
            )
    client = as_person(people["member"])

    with pinned(STATUS_OVERVIEW_QUERIES):
        response = client.get(reverse("governance:status_overview"))

    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [1, 30])
def test_the_calendar_asks_the_same_questions_with_1_or_30_meetings_in_as_many_bodies(
    board, people, as_person, pinned, size
):
    for n, group in enumerate(working_groups(board, people, size)):
        starts, ends = soon(2 + n)
        meeting = Meeting.objects.create(
            body=group,
            title=f"Kokous {n}",
            starts_at=starts,
            ends_at=ends,
            location="Teams",
            state=MeetingState.CANCELLED if n % 5 == 4 else MeetingState.PUBLISHED,
        )
        AgendaItem.objects.create(meeting=meeting, position=1, title="Avaus")
    client = as_person(people["member"])

    with pinned(CALENDAR_QUERIES):
        response = client.get(reverse("governance:calendar"))

    assert len(response.context["meetings"]) == size
