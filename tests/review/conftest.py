from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from governance.models import Body, BodyKind, Meeting, MeetingState, Role
from governance.review import services
from network.models import DepartmentRole, NetworkRole
from tests.factories import make_director, make_user, sign_in
from tests.governance.conftest import seat


def held_meeting(body: Body, *, days_ago: int = 7, **extra) -> Meeting:
    starts = timezone.now() - timedelta(days=days_ago)
    extra.setdefault("state", MeetingState.PUBLISHED)
    return Meeting.objects.create(
        body=body,
        title=extra.pop("title", "Pelastusjohtajien kokous"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        **extra,
    )


@pytest.fixture
def people(departments, network_admin):
    """The directors' meeting (its chair, secretary and a member), two directors, a deputy,
    a reporter the Pirkanmaa director named, an official and a plain member."""
    from preparation.models import DepartmentReporter

    body = Body.objects.create(
        kind=BodyKind.DIRECTORS_MEETING, slug="johtajakokous", name_fi="Pelastusjohtajien kokous"
    )
    cast = {
        "admin": network_admin,
        "body": body,
        "chair": make_director(departments["helsinki"], first_name="Jari", last_name="Pj"),
        "secretary": make_user(first_name="Sanna", last_name="Sihteeri"),
        "director": make_director(departments["pirkanmaa"], first_name="Minna", last_name="V"),
        "other_director": make_director(departments["kainuu"], first_name="Ville", last_name="H"),
        "deputy": make_user(
            first_name="Janne",
            last_name="Mäkinen",
            department=departments["pirkanmaa"],
            department_role=DepartmentRole.DEPUTY,
        ),
        "reporter": make_user(first_name="Riikka", last_name="Raportoija"),
        "official": make_user(
            first_name="Olli", last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL]
        ),
        "member": make_user(first_name="Matti", last_name="Jäsen"),
    }
    seat(body, cast["chair"], Role.CHAIR)
    seat(body, cast["secretary"], Role.SECRETARY)
    seat(body, cast["other_director"], Role.MEMBER)
    DepartmentReporter.objects.create(
        department=departments["pirkanmaa"], user=cast["reporter"], named_by=cast["director"]
    )
    cast["meeting"] = held_meeting(body)
    return cast


@pytest.fixture
def review(people):
    return services.review_round_open(
        actor=people["admin"],
        name_fi="Strategian tarkistus",
        name_sv="Översyn av strategin",
        covers_from=date(2017, 1, 1),
        deadline=timezone.localdate() + timedelta(days=14),
    )


@pytest.fixture
def as_person():
    def login(person):
        return sign_in(Client(), person)

    return login
