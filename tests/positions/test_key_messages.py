"""The key-messages library: short approved wording drawn from positions in force, kept by
the communications officer, read and searched by every member."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.positions import key_messages, permissions, services
from governance.positions.models import KeyMessage
from network.search import parse_query, search
from tests.factories import make_network_admin

pytestmark = pytest.mark.django_db

#: The library's page, pinned: the same however many messages there are.
KEY_MESSAGES_QUERIES = 7


def create(actor, position, **extra):
    values = {
        "text_fi": "Valvonta kohdennetaan riskin perusteella.",
        "text_sv": "Tillsynen riktas enligt risk.",
        "approved_on": timezone.localdate(),
        **extra,
    }
    return key_messages.key_message_create(actor=actor, position=position, **values)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("comms", True), ("admin", True), ("official", False), ("chair", False), ("m1", False)],
)
def test_the_communications_officer_and_admins_keep_the_key_messages(published, cast, who, allowed):
    actor = make_network_admin() if who == "admin" else cast[who]

    assert permissions.can_manage_key_messages(actor) is allowed
    if allowed:
        assert create(actor, published).created_by == actor
    else:
        with pytest.raises(PermissionDenied):
            create(actor, published)


def test_a_key_message_rests_on_a_position_in_force_in_both_languages(in_consultation, cast):
    with pytest.raises(ValidationError):
        create(cast["comms"], in_consultation)


def test_the_wording_needs_finnish_and_swedish_and_a_date_after_the_decision(published, cast):
    with pytest.raises(ValidationError):
        create(cast["comms"], published, text_sv=" ")
    with pytest.raises(ValidationError):
        create(cast["comms"], published, approved_on=timezone.localdate() - timedelta(days=3))
    with pytest.raises(ValidationError):
        create(cast["comms"], published, approved_on=timezone.localdate() + timedelta(days=1))


def test_members_read_and_search_the_library_and_withdrawn_ones_leave_it(
    published, cast, as_person
):
    message = create(cast["comms"], published, text_fi="Yksi tilannekuva, ei 22 erillistä.")
    client = as_person(cast["outsider"])

    page = client.get(reverse("positions:key_messages")).content.decode()
    found = client.get(reverse("positions:key_messages") + "?q=tilannekuva").context["page"]
    assert "Yksi tilannekuva, ei 22 erillistä." in page
    assert "Tillsynen riktas enligt risk." in page
    assert list(found) == [message]
    assert "key_message" in [
        e.kind for e in search(user=cast["outsider"], parsed=parse_query("erillistä"))
    ]

    services.position_retract(actor=cast["chair"], position=published, reason="Peruttu.")

    assert list(client.get(reverse("positions:key_messages")).context["page"]) == []
    assert list(client.get(reverse("positions:key_messages") + "?all=1").context["page"]) == [
        message
    ]


def test_members_who_do_not_keep_the_library_cannot_open_its_forms(published, cast, as_person):
    message = create(cast["comms"], published)
    client = as_person(cast["official"])

    assert client.get(reverse("positions:key_message_new")).status_code == 403
    assert client.get(reverse("positions:key_message_edit", args=[message.pk])).status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text_fi", "a" * 601),
        ("text_sv", "nul\x00"),
        ("approved_on", "0001-01-01"),
        ("position", "x"),
    ],
)
def test_bad_input_is_a_clear_form_error(published, cast, as_person, field, value):
    data = {
        "position": published.pk,
        "text_fi": "Viesti.",
        "text_sv": "Budskap.",
        "approved_on": timezone.localdate().isoformat(),
        field: value,
    }

    response = as_person(cast["comms"]).post(reverse("positions:key_message_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not KeyMessage.objects.exists()


def test_the_library_asks_the_same_questions_however_many_messages(published, cast, as_person):
    client = as_person(cast["m2"])
    create(cast["comms"], published)

    def count():
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("positions:key_messages")).status_code == 200
        return len(captured)

    few = count()
    for number in range(30):
        create(cast["comms"], published, text_fi=f"Viesti {number}.")

    assert (few, count()) == (KEY_MESSAGES_QUERIES,) * 2
