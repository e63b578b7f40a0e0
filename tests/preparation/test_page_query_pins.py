"""The preparation pages without a pin of their own ask the same, exactly pinned number of
questions with a little or a lot of data: the reform timeline, the work items, the
indicators and the dip alerts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.models import Department
from preparation.models import (
    DipAlert,
    EventKind,
    Indicator,
    IndicatorValue,
    ReformEvent,
    WorkItem,
    WorkItemParticipant,
    Workstream,
)
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db

#: Each page's exact number of queries, pinned: a change that adds a query per row fails.
TIMELINE_QUERIES = 9
WORK_ITEMS_QUERIES = 5
INDICATORS_QUERIES = 5
ALERTS_QUERIES = 5


@pytest.fixture
def pinned(django_assert_num_queries):
    """Counts from a cold content-type cache, as in a fresh process: the same every time."""

    def pinned(number):
        ContentType.objects.clear_cache()
        return django_assert_num_queries(number)

    return pinned


def more_workstreams(size):
    for n in range(size):
        Workstream.objects.create(code=f"ws-{n}", name_fi=f"Työlinja {n}", order=500 + n)


@pytest.mark.parametrize("size", [2, 40])
def test_the_timeline_asks_the_same_questions_with_2_or_40_events_and_workstreams(
    prep, pinned, size
):
    more_workstreams(size)
    workstreams = list(Workstream.objects.all())
    today = timezone.localdate()
    for n in range(size):
        event = ReformEvent.objects.create(
            date=today + timedelta(days=(n - size // 2) * 10),
            kind=EventKind.choices[n % len(EventKind.choices)][0],
            title_fi=f"Tapahtuma {n}",
            impact="Vaikuttaa.",
            is_network_deadline=bool(n % 2),
            created_by=make_user(),
        )
        event.workstreams.set(workstreams[n % len(workstreams) :][:3])
    client = sign_in(Client(), prep["member"])

    with pinned(TIMELINE_QUERIES):
        response = client.get(reverse("preparation:timeline"))

    shown = [*response.context["upcoming"], *response.context["past"]]
    assert len([e for e in shown if e.title_fi.startswith("Tapahtuma")]) == size


@pytest.mark.parametrize("size", [2, 40])
def test_the_work_items_ask_the_same_questions_with_2_or_40_items_and_their_departments(
    prep, pinned, size
):
    more_workstreams(size)
    workstreams = list(Workstream.objects.all())
    departments = list(Department.objects.all())
    for n in range(size):
        item = WorkItem.objects.create(
            title=f"Työ {n}",
            description="Tehdään yhdessä.",
            workstream=workstreams[n % len(workstreams)],
            lead_department=departments[n % len(departments)],
            created_by=make_user(),
        )
        for k, department in enumerate(departments[: 2 + n % 5]):
            WorkItemParticipant.objects.create(
                work_item=item,
                department=department,
                joined_instead_of_new=bool(k % 2),
                joined_by=make_user(department=department),
            )
    client = sign_in(Client(), prep["member"])

    with pinned(WORK_ITEMS_QUERIES):
        response = client.get(reverse("preparation:work_items"))

    assert len(response.context["items"]) == size


@pytest.mark.parametrize("size", [2, 40])
def test_the_indicators_ask_the_same_questions_with_2_or_40_more_indicators(prep, pinned, size):
    for n in range(size):
        Indicator.objects.create(
            code=f"MITTARI_{n}",
            name_fi=f"Mittari {n}",
            unit="%",
            target=Decimal(90) if n % 2 else None,
            higher_is_better=bool(n % 3),
        )
    client = sign_in(Client(), prep["member"])

    with pinned(INDICATORS_QUERIES):
        assert client.get(reverse("preparation:indicators")).status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_the_dip_alerts_ask_the_same_questions_with_2_or_40_alerts(prep, pinned, size):
    indicators = list(Indicator.objects.all())
    departments = list(Department.objects.all())
    for n in range(size):
        value = IndicatorValue.objects.create(
            indicator=indicators[n % len(indicators)],
            department=departments[n % len(departments)],
            period=f"{2000 + n}",
            value=Decimal(50),
            entered_by=make_user(),
        )
        acknowledged = n % 2
        DipAlert.objects.create(
            value=value,
            reasons=["target"],
            baseline=Decimal(80),
            acknowledged_by=make_user() if acknowledged else None,
            acknowledged_at=timezone.now() if acknowledged else None,
            comment="Selvitetty." if acknowledged else "",
        )
    client = sign_in(Client(), prep["member"])

    with pinned(ALERTS_QUERIES):
        response = client.get(reverse("preparation:alerts"))

    assert len(response.context["alerts"]) == size
