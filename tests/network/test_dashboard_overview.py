"""The board and the officials see the network at a glance, in panels that load after the
page; everyone else does not; and the dashboard asks the same number of questions whatever
the amount of data."""

import pytest
from django.contrib.contenttypes.models import ContentType
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
#: The dashboard's exact number of queries for each kind of person, pinned.
DASHBOARD_QUERIES = {"board member": 19, "director": 17, "communications": 15}


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


def enlarge(body, member, director, comms, departments):
    """Every dimension the dashboard reads, for each of the three people: bodies, meetings
    and directors; positions in consultation, in vote and approved; notifications;
    bulletins; dip alerts (the director reports for five more departments); assignments
    to the member's groups; invitations not accepted."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from communications.bulletins import services as bulletins
    from communications.services import notify
    from governance import services as governance
    from governance.models import Meeting, MeetingState
    from governance.positions import services as positions
    from governance.positions.kinds import VOTE_NEEDED
    from governance.positions.models import Position, PositionState
    from network import services as network_services
    from preparation import services as preparation
    from preparation.models import Indicator
    from tests.factories import make_network_admin

    now = timezone.now()
    secretary = make_user(last_name="Sihteeri")
    seat(body, secretary, Role.SECRETARY)
    groups = []
    for n in range(30):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP, slug=f"ryhma-{n}", name_fi=f"Ryhmä {n}", parent=body
        )
        groups.append(group)
        seat(group, member, Role.CHAIR if n % 2 else Role.MEMBER)
        seat(group, director, Role.MEMBER)
        seat(group, make_user(), Role.MEMBER)
        Meeting.objects.create(
            body=group,
            title=f"Kokous {n}",
            starts_at=now + timedelta(days=1 + n % 5),
            ends_at=now + timedelta(days=1 + n % 5, hours=1),
            location="Teams",
            state=MeetingState.PUBLISHED if n % 3 else MeetingState.DRAFT,
        )
    for n, group in enumerate(groups[:12]):
        governance.assignment_give(
            actor=secretary,
            body=body,
            working_group=group,
            title=f"Tehtävä {n}",
            description="Selvittäkää.",
            deadline=timezone.localdate() + timedelta(days=5 + n),
        )
    taken = {member.department.slug, director.department.slug}
    reported = [slug for slug in sorted(departments) if slug not in taken][:5]
    directors = {slug: make_director(departments[slug]) for slug in reported}
    official = make_user(last_name="Virkamies", roles=[NetworkRole.OFFICIAL])
    for n in range(18):
        position = positions.position_create(
            actor=official, title=f"Kanta {n}", summary="Tiivistelmä.", text="Teksti."
        )
        position = positions.consultation_open(
            actor=official,
            position=position,
            deadline=now + timedelta(days=10 + n),
            questions=["Kysymys?"],
        )
        if n % 3 == 1:
            positions.vote_open(actor=official, position=position, close_consultation_early=True)
        elif n % 3 == 2:
            Position.objects.filter(pk=position.pk).update(
                state=PositionState.APPROVED,
                decided_at=now,
                decided_version=position.current_version,
            )
    for n in range(25):
        notify(recipients=[member, director, comms], kind=VOTE_NEEDED, params={"title": f"Ä{n}"})
    for n in range(12):
        bulletin = bulletins.bulletin_save(
            actor=comms,
            title=f"Tiedote {n}",
            text="Asia.",
            audience=[("role", "director"), ("role", "communications")],
            urgent=bool(n % 2),
        )
        bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
    for slug in reported:
        preparation.reporter_name(
            actor=directors[slug], department=departments[slug], user=director
        )
    indicator = Indicator.objects.get(code="VALVONTA_TOTEUMA")
    for slug in (*reported, director.department.slug, member.department.slug):
        for period in ("2015", "2016", "2017"):
            preparation.indicator_value_record(
                actor=official,
                indicator=indicator,
                department=departments[slug],
                period=period,
                value=Decimal("80"),
            )
    admin = make_network_admin()
    for n in range(6):
        network_services.person_invite(
            invited_by=admin,
            email=f"kutsuttu{n}@pelastuslaitos.example",
            first_name="Kutsuttu",
            last_name=f"Henkilö{n}",
            department=departments["kainuu"],
        )


@pytest.mark.parametrize("role", sorted(DASHBOARD_QUERIES))
def test_the_dashboard_queries_do_not_grow_with_any_dimension(board, departments, role):
    from django.contrib.contenttypes.models import ContentType

    from preparation.facts import preparation_load_facts

    preparation_load_facts()
    body, member = board
    director = make_director(departments["pirkanmaa"], last_name="Johtaja")
    comms = make_user(last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])
    person = {"board member": member, "director": director, "communications": comms}[role]
    # One of each kind of seat from the start (a working group the board member and the
    # director chair), so that what grows below is the data, not the kinds of work.
    first = Body.objects.create(
        kind=BodyKind.WORKING_GROUP, slug="ryhma-alku", name_fi="Alkuryhmä", parent=body
    )
    seat(first, member, Role.CHAIR)
    seat(first, director, Role.CHAIR)
    client = sign_in(Client(), person)
    ContentType.objects.clear_cache()
    few = dashboard_queries(client)

    enlarge(body, member, director, comms, departments)
    ContentType.objects.clear_cache()
    many = dashboard_queries(client)

    assert (few, many) == (DASHBOARD_QUERIES[role], DASHBOARD_QUERIES[role])
    page = client.get(reverse("dashboard")).content.decode()
    for text in LARGE_SHOWS[role]:
        assert text in page, text  # the enlarged data is on the page


#: What the enlarged data puts on each person's page (the pin counts a full page).
LARGE_SHOWS = {
    "board member": [
        "Hallituksen äänestys: Kanta 1",
        "Notkahdushälytys: ",
        "Lausuntokierros: Kanta 0 – pelastuslaitoksesi vastaus puuttuu",
        "Toimeksianto työryhmälle Ryhmä 0: Tehtävä 0",
        "Kiireellinen tiedote: Tiedote 1",
        "osallistutko?",
    ],
    "director": [
        "Lausuntokierros: Kanta 0 – pelastuslaitoksesi vastaus puuttuu",
        "Notkahdushälytys: ",
        "Toimeksianto työryhmälle Ryhmä 0: Tehtävä 0",
        "Kiireellinen tiedote: Tiedote 1",
        "osallistutko?",
    ],
    "communications": [
        "Hyväksytty: Kanta 2 – julkaise kanta",
        "Kiireellinen tiedote: Tiedote 1",
    ],
}


#: A panel that loads after the page asks only its own questions, not the dashboard's.
LAZY_PANEL_QUERIES = {"decisions": 9, "groups": 6, "readiness": 11}


@pytest.mark.parametrize("key", sorted(OVERVIEW))
def test_a_panel_loaded_after_the_page_asks_only_its_own_questions(board, key):
    _body, member = board
    client = sign_in(Client(), member)
    ContentType.objects.clear_cache()

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"), {"panel": key}, headers={"HX-Request": "1"})

    assert response.status_code == 200
    assert len(captured) == LAZY_PANEL_QUERIES[key]
