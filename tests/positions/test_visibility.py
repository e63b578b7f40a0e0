"""Who sees which position is defined once (``visible_positions``); the list, the detail
page and ``can_view`` all follow it."""

import pytest
from django.urls import reverse

from governance.models import Body, BodyKind, Role
from governance.positions import permissions, services
from governance.positions.selectors import positions_list, visible_positions
from tests.factories import make_user
from tests.governance.conftest import seat
from tests.positions.conftest import later

pytestmark = pytest.mark.django_db


@pytest.fixture
def positions(cast):
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP, slug="ict", name_fi="ICT", parent=cast["board"]
    )
    cast["group_chair"] = make_user(first_name="Ryhmän", last_name="Puheenjohtaja")
    seat(group, cast["group_chair"], Role.CHAIR)
    drafter = make_user(first_name="Laatija", last_name="Luonnos")
    seat(group, drafter)
    cast["drafter"] = drafter

    def create(title, **extra):
        return services.position_create(
            actor=drafter, title=title, summary="Tiivistelmä.", text="Teksti.", **extra
        )

    draft = create("Luonnos", prepared_by=group)
    withdrawn_draft = create("Peruttu luonnos")
    services.position_withdraw(actor=drafter, position=withdrawn_draft, reason="Ei tarvita")
    open_one = create("Lausunnolla")
    services.consultation_open(actor=cast["official"], position=open_one, deadline=later())
    return {"draft": draft, "withdrawn_draft": withdrawn_draft, "open": open_one}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("drafter", {"draft", "withdrawn_draft", "open"}),
        ("official", {"draft", "withdrawn_draft", "open"}),
        ("group_chair", {"draft", "open"}),  # chairs the group that prepares the draft
        ("m1", {"open"}),
        ("outsider", {"open"}),
    ],
)
def test_every_reader_of_positions_follows_one_rule(positions, cast, who, sees, client):
    from tests.factories import sign_in

    user = cast[who]
    visible = set(visible_positions(user=user))
    listed = set(positions_list(user=user))

    assert {k for k, p in positions.items() if p in visible} == sees
    assert {k for k, p in positions.items() if p in listed} == sees
    for key, position in positions.items():
        assert permissions.can_view(user, position) is (key in sees), key
    sign_in(client, user)
    for key, position in positions.items():
        status = client.get(reverse("positions:detail", args=[position.pk])).status_code
        assert status == (200 if key in sees else 404), key


def test_nobody_signed_out_sees_a_position(positions):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_positions(user=AnonymousUser()).exists()
