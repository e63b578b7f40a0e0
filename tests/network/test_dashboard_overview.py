"""The board and the officials see the network at a glance, in panels that load after the
page; everyone else does not; and the dashboard asks the same number of questions whatever
the amount of data."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Body, BodyKind, Role
from network.models import NetworkRole
from tests.factories import make_director, make_user, sign_in
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db

OVERVIEW = {"decisions", "readiness", "groups"}
#: The dashboard's exact number of queries for a board member, pinned.
DASHBOARD_QUERIES = 20


@pytest.fixture
def board(departments):
    body = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    member = make_director(departments["lappi"], last_name="Hallitusjäsen")
    seat(body, member, Role.MEMBER)
    return body, member


def lazy_keys(client) -> set[str]:
    return {p.key for p in client.get(reverse("dashboard")).context["panels"] if p.lazy}


def test_the_board_and_officials_see_the_network_at_a_glance(board, departments):
    _body, member = board
    official = make_user(last_name="Virkamies", roles=[NetworkRole.OFFICIAL])
    director = make_director(departments["kainuu"])

    assert lazy_keys(sign_in(Client(), member)) == OVERVIEW
    assert lazy_keys(sign_in(Client(), official)) == OVERVIEW
    assert lazy_keys(sign_in(Client(), director)) == set()


@pytest.mark.parametrize("key", sorted(OVERVIEW))
def test_each_overview_panel_loads_after_the_page_and_without_javascript(board, key):
    _body, member = board
    client = sign_in(Client(), member)

    partial = client.get(reverse("dashboard"), {"panel": key}, headers={"HX-Request": "true"})
    whole = client.get(reverse("dashboard"), {"panel": key})

    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert f'id="panel-section-{key}"' in partial.content.decode()
    (loaded,) = [p for p in whole.context["panels"] if p.key == key]
    assert not loaded.lazy


def test_a_panel_the_person_may_not_see_is_not_found(departments):
    client = sign_in(Client(), make_director(departments["kainuu"]))

    response = client.get(reverse("dashboard"), {"panel": "decisions"}, headers={"HX-Request": "1"})
    bad = client.get(reverse("dashboard"), {"panel": "no such panel\x00"})

    assert response.status_code == 404
    assert bad.status_code in (200, 400)


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(captured)


def test_the_dashboard_queries_do_not_grow_with_any_dimension(board, departments):
    from datetime import timedelta

    from django.utils import timezone

    from governance.models import Meeting, MeetingState

    body, member = board
    client = sign_in(Client(), member)
    few = dashboard_queries(client)

    now = timezone.now()
    for n in range(30):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP, slug=f"ryhma-{n}", name_fi=f"Ryhmä {n}", parent=body
        )
        seat(group, member, Role.CHAIR if n % 2 else Role.MEMBER)
        seat(group, make_user(), Role.MEMBER)
        Meeting.objects.create(
            body=group,
            title=f"Kokous {n}",
            starts_at=now + timedelta(days=1 + n % 5),
            ends_at=now + timedelta(days=1 + n % 5, hours=1),
            location="Teams",
            state=MeetingState.PUBLISHED if n % 3 else MeetingState.DRAFT,
        )
    for slug in ("kainuu", "pirkanmaa", "satakunta", "helsinki", "oulu-koillismaa"):
        make_director(departments[slug])
    many = dashboard_queries(client)

    assert (few, many) == (DASHBOARD_QUERIES, DASHBOARD_QUERIES)
