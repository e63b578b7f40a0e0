"""The bulletins page asks the same number of questions whatever the number of bodies,
members and bulletins: who may address which body is found in one query."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communications.bulletins import services
from communications.bulletins.permissions import addressable, can_write
from governance.models import Body, BodyKind, Role
from network.models import NetworkRole
from tests.factories import make_director, make_user, sign_in
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db

#: The exact number, pinned: a change that adds a query per body or bulletin fails here.
BULLETIN_PAGE_QUERIES = 7


def add_bodies(count: int, chair) -> list[Body]:
    bodies = []
    for n in range(count):
        body = Body.objects.create(
            kind=BodyKind.SERVICE_AREA, slug=f"alue-{Body.objects.count()}", name_fi=f"Alue {n}"
        )
        seat(body, make_user(), Role.MEMBER)
        if n % 3 == 0:
            seat(body, chair, Role.CHAIR)
        bodies.append(body)
    return bodies


def page_queries(client) -> int:
    # Counted from a cold content-type cache, as in a fresh process: the same every time.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("bulletins:list")).status_code == 200
    return len(captured)


def test_the_bulletin_page_queries_do_not_grow_with_bodies_members_or_bulletins(departments):
    chair = make_director(departments["kainuu"])
    add_bodies(3, chair)
    client = sign_in(Client(), chair)
    few = page_queries(client)

    add_bodies(100, chair)
    for department in list(departments.values())[:10]:
        make_director(department)
    comms = make_user(roles=[NetworkRole.COMMUNICATIONS])
    for number in range(40):
        bulletin = services.bulletin_save(
            actor=comms,
            title=f"Tiedote {number}",
            text="Asia.",
            audience=[("role", "director"), ("body", str(Body.objects.first().pk))],
            attachments=[SimpleUploadedFile(f"liite{number}.pdf", b"%PDF-1.4 x")],
        )
        if number % 2:
            services.bulletin_publish(actor=comms, bulletin=bulletin)
    many = page_queries(client)

    assert few == many == BULLETIN_PAGE_QUERIES


def test_a_chair_addresses_exactly_the_open_bodies_they_run(departments):
    chair = make_director(departments["kainuu"])
    bodies = add_bodies(6, chair)
    Body.objects.filter(pk=bodies[3].pk).update(closed_at="2026-01-01T00:00Z")
    reader = make_user()

    addressed = {key for kind, key, _label in addressable(chair) if kind == "body"}

    assert addressed == {str(bodies[0].pk)}
    assert can_write(chair)
    assert not can_write(reader)
