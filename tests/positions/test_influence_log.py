"""The influence log: who records it (one rule), what a finished entry needs, the open
deadlines on the dashboard of the person responsible, and the log's page."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.positions import influence, permissions, services
from governance.positions.models import AuditEntry, InfluenceEntry, InfluenceKind, InfluenceState
from tests.factories import make_network_admin
from tests.positions.conftest import later

pytestmark = pytest.mark.django_db

#: The influence log's page, pinned: the same however many entries there are.
INFLUENCE_LIST_QUERIES = 7


def record(actor, position, responsible, **extra):
    values = {
        "kind": InfluenceKind.STATEMENT,
        "title": "Lausunto sisäministeriölle rahoitusmallista",
        "counterpart": "Sisäministeriö",
        "reference": "SM/2018/42",
        "deadline": timezone.localdate() + timedelta(days=7),
        **extra,
    }
    return influence.influence_record(
        actor=actor, position=position, responsible=responsible, **values
    )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("admin", True),
        ("comms", True),
        ("chair", True),
        ("m1", True),
        ("secretary", True),
        ("deputy", True),  # the personal deputy of a board member
        ("official", False),
        ("outsider", False),
    ],
)
def test_admins_board_members_and_the_communications_officer_record_influence(
    in_consultation, cast, who, allowed
):
    actor = make_network_admin() if who == "admin" else cast[who]

    assert permissions.can_record_influence(actor) is allowed
    if allowed:
        entry = record(actor, in_consultation, cast["official"])
        assert entry.recorded_by == actor
        assert AuditEntry.objects.filter(
            position=in_consultation, action="influence_recorded", detail__influence=entry.pk
        ).exists()
    else:
        with pytest.raises(PermissionDenied):
            record(actor, in_consultation, cast["official"])


def test_the_person_named_responsible_records_the_statement_given(in_consultation, cast):
    entry = record(cast["comms"], in_consultation, cast["official"])
    assert permissions.can_record_influence(cast["official"], entry)
    assert not permissions.can_record_influence(cast["outsider"], entry)

    with pytest.raises(PermissionDenied):
        influence.influence_update(
            actor=cast["outsider"],
            entry=entry,
            position=in_consultation,
            kind=entry.kind,
            title=entry.title,
            counterpart=entry.counterpart,
            responsible=entry.responsible,
            outcome="x",
            state=InfluenceState.DONE,
        )
    influence.influence_update(
        actor=cast["official"],
        entry=entry,
        position=in_consultation,
        kind=entry.kind,
        title=entry.title,
        counterpart=entry.counterpart,
        responsible=entry.responsible,
        happened_on=timezone.localdate(),
        outcome="Lausunto annettiin; ministeriö kiitti yhteisestä kannasta.",
        state=InfluenceState.DONE,
    )

    entry.refresh_from_db()
    assert (entry.state, entry.updated_by) == (InfluenceState.DONE, cast["official"])
    assert AuditEntry.objects.filter(position=in_consultation, action="influence_done").count() == 1


def test_an_entry_is_done_only_with_its_outcome(in_consultation, cast):
    with pytest.raises(ValidationError) as error:
        record(cast["comms"], in_consultation, cast["official"], state=InfluenceState.DONE)

    assert "outcome" in error.value.message_dict
    assert not InfluenceEntry.objects.exists()


def test_an_open_deadline_waits_on_the_dashboard_of_the_person_responsible_until_done(
    in_consultation, cast, as_person
):
    entry = record(cast["comms"], in_consultation, cast["official"])

    def waiting(person):
        response = as_person(person).get(reverse("dashboard"))
        return [item.url for item in response.context["waiting"]]

    assert entry.get_absolute_url() in waiting(cast["official"])
    assert entry.get_absolute_url() not in waiting(cast["comms"])
    assert entry.get_absolute_url() not in waiting(cast["m1"])

    response = as_person(cast["official"]).post(
        entry.get_absolute_url(),
        {
            "position": in_consultation.pk,
            "kind": "statement",
            "title": entry.title,
            "counterpart": entry.counterpart,
            "responsible": cast["official"].pk,
            "happened_on": timezone.localdate().isoformat(),
            "outcome": "Annettu.",
            "state": "done",
        },
    )

    assert response.status_code == 302
    assert entry.get_absolute_url() not in waiting(cast["official"])


def another(cast, title="Toinen kanta"):
    return services.position_create(actor=cast["official"], title=title, summary="S", text="T")


def test_members_see_the_log_of_positions_they_see_and_not_of_others_drafts(
    in_consultation, cast, as_person
):
    shown = record(cast["comms"], in_consultation, cast["comms"], title="Näkyvä lausunto")
    hidden = record(make_network_admin(), another(cast), cast["comms"], title="Luonnoksen lausunto")
    client = as_person(cast["outsider"])

    page = client.get(reverse("positions:influence")).content.decode()
    position_page = client.get(in_consultation.get_absolute_url()).content.decode()

    assert "Näkyvä lausunto" in page and "Näkyvä lausunto" in position_page
    assert "Luonnoksen lausunto" not in page
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 403  # sees it, may not edit


def test_the_log_filters_by_position_kind_and_state(in_consultation, cast, as_person):
    other = another(cast)
    services.consultation_open(actor=cast["official"], position=other, deadline=later())
    record(cast["comms"], in_consultation, cast["comms"], title="Lausunto A")
    record(
        cast["comms"],
        other,
        cast["comms"],
        title="Tapaaminen B",
        kind=InfluenceKind.MEETING,
        outcome="Hyvä keskustelu.",
        state=InfluenceState.DONE,
    )
    client = as_person(cast["m2"])
    address = reverse("positions:influence")

    def titles(query):
        return [e.title for e in client.get(address + query).context["page"]]

    assert titles("") == ["Lausunto A", "Tapaaminen B"]  # open first
    assert titles(f"?position={other.pk}") == ["Tapaaminen B"]
    assert titles("?kind=statement") == ["Lausunto A"]
    assert titles("?state=done") == ["Tapaaminen B"]


@pytest.mark.parametrize(
    "query", ["?position=abc", "?position=99999999", "?kind=x&state=%00", "?page=zz"]
)
def test_odd_filters_are_ignored_or_not_found_never_an_error(cast, as_person, query):
    response = as_person(cast["m2"]).get(reverse("positions:influence") + query)

    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Rivi\r\nrivi"),
        ("counterpart", "a" * 201),
        ("deadline", "0001-01-01"),
        ("outcome", "nul\x00"),
        ("responsible", "abc"),
        ("position", "99999999"),
    ],
)
def test_bad_input_is_a_clear_form_error(in_consultation, cast, as_person, field, value):
    data = {
        "position": in_consultation.pk,
        "kind": "statement",
        "title": "Lausunto",
        "counterpart": "Sisäministeriö",
        "responsible": cast["comms"].pk,
        "state": "open",
        field: value,
    }

    response = as_person(cast["comms"]).post(reverse("positions:influence_new"), data)

    if field == "title":  # a line break in a title is folded into a space
        assert response.status_code == 302
        assert InfluenceEntry.objects.get().title == "Rivi rivi"
        return
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not InfluenceEntry.objects.exists()


def test_the_log_page_asks_the_same_questions_however_many_entries(
    in_consultation, cast, as_person
):
    client = as_person(cast["m2"])
    record(cast["comms"], in_consultation, cast["official"])

    def count():
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("positions:influence")).status_code == 200
        return len(captured)

    few = count()
    for number in range(30):
        record(cast["comms"], in_consultation, cast[("m1", "m2", "m3")[number % 3]])

    assert (few, count()) == (INFLUENCE_LIST_QUERIES,) * 2
