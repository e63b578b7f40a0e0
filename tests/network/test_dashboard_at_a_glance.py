"""The board's network at a glance, as the panels that load after the dashboard show it:
open consultations with how many departments have answered, votes in progress with how
many seats have voted, readiness by region, the open dip alerts and the working groups at
risk, off track or late; each with the numbers of the data given."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance import services as governance
from governance.models import Body, BodyKind, Role, Status
from governance.positions import services as positions
from governance.positions.models import Stance, VoteChoice
from network.models import Department
from preparation import services as preparation
from preparation.facts import preparation_load_facts
from preparation.models import DipAlert, Indicator, ReadinessStatus, Workstream
from tests.factories import sign_in
from tests.governance.conftest import seat
from tests.positions.conftest import cast  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def panel(person, key: str) -> str:
    client = sign_in(Client(), person)
    response = client.get(reverse("dashboard"), {"panel": key}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def new_position(people, title: str):
    draft = positions.position_create(
        actor=people["official"], title=title, summary="Tiivistelmä.", text="Teksti."
    )
    return positions.consultation_open(
        actor=people["official"],
        position=draft,
        deadline=timezone.now() + timedelta(days=10),
        questions=[],
    )


def test_consultations_show_how_many_departments_have_answered(cast):  # noqa: F811
    answered = new_position(cast, "Rahoitusmalli")
    new_position(cast, "Valvontasuunnitelma")
    for key in ("m1", "m2"):
        positions.consultation_answer(user=cast[key], position=answered, stance=Stance.SUPPORTS)
    voting = new_position(cast, "Ensihoidon yhteistyö")
    positions.vote_open(actor=cast["official"], position=voting, close_consultation_early=True)
    for key in ("chair", "m3"):
        positions.vote_cast(user=cast[key], position=voting, choice=VoteChoice.APPROVE)
    total = Department.objects.filter(is_active=True).count()

    html = panel(cast["chair"], "decisions")

    assert "Avoimet lausuntokierrokset" in html
    assert re.search(rf">Rahoitusmalli</a> – 2 / {total} pelastuslaitosta on vastannut", html)
    assert re.search(rf">Valvontasuunnitelma</a> – 0 / {total} pelastuslaitosta on vastannut", html)
    assert "Käynnissä olevat hallituksen äänestykset" in html
    assert ">Ensihoidon yhteistyö</a> – 5 paikasta 2 on äänestänyt" in html
    assert "Ensihoidon yhteistyö</a> – 0 /" not in html  # no longer in consultation

    # A deputy voting for the seat, and the member then voting for it, count it once.
    positions.vote_cast(
        user=cast["deputy"], position=voting, choice=VoteChoice.REJECT, in_place_of=cast["vice"]
    )
    positions.vote_cast(user=cast["vice"], position=voting, choice=VoteChoice.APPROVE)
    assert ">Ensihoidon yhteistyö</a> – 5 paikasta 3 on äänestänyt" in panel(
        cast["m1"], "decisions"
    )


def test_readiness_by_region_and_open_dip_alerts(cast, departments):  # noqa: F811
    preparation_load_facts()
    workstreams = list(Workstream.objects.filter(is_active=True).order_by("pk"))
    pirkanmaa, kainuu = departments["pirkanmaa"], departments["kainuu"]
    for workstream, status in zip(
        workstreams,
        [ReadinessStatus.READY, ReadinessStatus.READY, ReadinessStatus.AT_RISK],
        strict=False,
    ):
        preparation.readiness_set(
            actor=cast["vice"], department=pirkanmaa, workstream=workstream, status=status
        )
    preparation.readiness_set(
        actor=cast["m2"], department=kainuu, workstream=workstreams[0], status=ReadinessStatus.READY
    )
    indicator = Indicator.objects.get(code="VALVONTA_TOTEUMA")
    for department in (kainuu, pirkanmaa):
        preparation.indicator_value_record(
            actor=cast["official"],
            indicator=indicator,
            department=department,
            period="2017",
            value=Decimal("80"),
        )
    preparation.alert_acknowledge(
        actor=cast["vice"],
        alert=DipAlert.objects.get(value__department=pirkanmaa),
        comment="Selvitetty.",
    )

    html = panel(cast["chair"], "readiness")

    assert "Valmius maakunnittain" in html
    assert pirkanmaa.region_id != kainuu.region_id
    for department, ready, at_risk in ((pirkanmaa, 2, 1), (kainuu, 1, 0)):
        region = department.region
        cells = Department.objects.filter(region=region, is_active=True).count() * len(workstreams)
        share = round(100 * ready / cells)
        assert (
            f'<th scope="row">{region.name}</th><td>{ready}/{cells} ({share} %)</td>'
            f"<td>{at_risk}</td>"
        ) in html, region.name
    assert "1 avoin notkahdushälytys" in html
    assert f"{kainuu.name}: {indicator.name}, 2017" in html
    assert f"{pirkanmaa.name}: {indicator.name}" not in html  # acknowledged


def test_working_groups_at_risk_off_track_or_late(cast):  # noqa: F811
    board = cast["board"]
    start = timezone.localdate() - timedelta(days=60)

    def group(slug: str, name: str):
        body = Body.objects.create(
            kind=BodyKind.WORKING_GROUP, slug=slug, name_fi=name, parent=board, term_start=start
        )
        seat(body, cast["m1"], Role.CHAIR)
        return body

    def update(body, status):
        governance.status_update_post(
            actor=cast["m1"],
            group=body,
            period_start=start,
            period_end=timezone.localdate(),
            status=status,
            progress="Etenee.",
        )

    group("hiljainen", "Hiljainen ryhmä")  # nothing posted in 60 days
    update(group("riski", "Riskiryhmä"), Status.AT_RISK)
    update(group("myohassa", "Aikataulusta jäänyt ryhmä"), Status.OFF_TRACK)
    update(group("hyva", "Hyvin etenevä ryhmä"), Status.ON_TRACK)

    html = panel(cast["chair"], "groups")

    assert re.search(r">Hiljainen ryhmä</a> – <strong>tilannekatsaus myöhässä</strong>", html)
    assert re.search(r">Riskiryhmä</a> – <span[^>]*>▲ Riskissä</span>", html)
    assert re.search(r">Aikataulusta jäänyt ryhmä</a> – <span[^>]*>■ Myöhässä</span>", html)
    assert "Hyvin etenevä ryhmä" not in html
    assert html.count("<li>") == 3
