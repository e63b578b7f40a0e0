"""The preparation's part of "Waiting for you": readiness not kept current waits for the
department's director, deputy and named reporters, and nobody else."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from preparation import services
from preparation.models import Readiness, ReadinessStatus, Workstream
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


def readiness_waiting(person) -> list[str]:
    response = sign_in(Client(), person).get(reverse("dashboard"))
    return [i.url for i in response.context["waiting"] if "/preparation/readiness/" in i.url]


def test_stale_readiness_waits_for_those_who_report_for_the_department(prep, departments):
    director = prep["pirkanmaa"]
    reporter = make_user(last_name="Raportoija")
    services.reporter_name(actor=director, department=departments["pirkanmaa"], user=reporter)
    colleague = make_user(last_name="Kollega", department=departments["pirkanmaa"])

    assert readiness_waiting(director) == ["/preparation/readiness/#department-pirkanmaa"]
    assert readiness_waiting(reporter) == ["/preparation/readiness/#department-pirkanmaa"]
    assert readiness_waiting(colleague) == []
    assert readiness_waiting(prep["kainuu"]) == ["/preparation/readiness/#department-kainuu"]

    for workstream in Workstream.objects.filter(is_active=True):
        services.readiness_set(
            actor=director,
            department=departments["pirkanmaa"],
            workstream=workstream,
            status=ReadinessStatus.IN_PROGRESS,
        )
    assert readiness_waiting(director) == []

    # A quarter later, one workstream has gone stale again.
    Readiness.objects.filter(pk=Readiness.objects.first().pk).update(
        updated_at=timezone.now() - timedelta(days=91)
    )
    response = sign_in(Client(), director).get(reverse("dashboard"))
    (item,) = [i for i in response.context["waiting"] if "/preparation/readiness/" in i.url]
    assert "1" in item.title


def adoptions_waiting(person) -> list[str]:
    response = sign_in(Client(), person).get(reverse("dashboard"))
    return [i.url for i in response.context["waiting"] if "/preparation/solutions/" in i.url]


def test_a_missing_adoption_waits_for_the_departments_reporters_until_it_is_recorded(
    sol, departments
):
    from preparation.solutions.models import AdoptionStatus
    from preparation.solutions.services import adoption_record

    url = reverse("preparation:adoption", args=[sol["solution"].pk, "kainuu"])
    assert adoptions_waiting(sol["kainuu"]) == [url]
    assert adoptions_waiting(sol["reporter"]) == [url]
    assert adoptions_waiting(make_user(last_name="Kollega", department=departments["kainuu"])) == []

    adoption_record(
        actor=sol["kainuu"],
        department=departments["kainuu"],
        solution=sol["solution"],
        status=AdoptionStatus.IN_USE,
    )

    assert adoptions_waiting(sol["kainuu"]) == []
    assert adoptions_waiting(sol["reporter"]) == []
    assert adoptions_waiting(sol["pirkanmaa"]) == [
        reverse("preparation:adoption", args=[sol["solution"].pk, "pirkanmaa"])
    ]


def test_a_dip_alert_waits_for_its_departments_reporters_until_acknowledged(prep, departments):
    from decimal import Decimal

    from preparation.models import DipAlert
    from tests.support.dashboard import item_waits, waiting_section

    director = prep["kainuu"]
    reporter = make_user(last_name="Raportoija")
    services.reporter_name(actor=director, department=departments["kainuu"], user=reporter)
    value = services.indicator_value_record(
        actor=prep["official"],
        indicator=prep["indicator"],
        department=departments["kainuu"],
        period="2017",
        value=Decimal("80"),
    )
    alert = DipAlert.objects.get(value=value)
    title = f"Notkahdushälytys: {prep['indicator'].name}, 2017"
    url = alert.get_absolute_url()
    colleague = make_user(last_name="Kollega", department=departments["kainuu"])

    assert item_waits(waiting_section(director), title, url)
    assert item_waits(waiting_section(reporter), title, url)
    for person in (prep["pirkanmaa"], colleague, prep["official"], prep["member"]):
        assert not item_waits(waiting_section(person), title, url)

    services.alert_acknowledge(actor=reporter, alert=alert, comment="Selvitetään syy.")

    assert not item_waits(waiting_section(director), title, url)
    assert not item_waits(waiting_section(reporter), title, url)
