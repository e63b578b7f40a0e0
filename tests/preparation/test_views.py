from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import Department
from preparation import services
from preparation.models import IndicatorValue, Readiness, ReadinessStatus, WorkItem, Workstream
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def client_for(person):
    return sign_in(Client(), person)


@pytest.mark.parametrize(
    "name",
    [
        "preparation:home",
        "preparation:timeline",
        "preparation:readiness",
        "preparation:work_items",
        "preparation:indicators",
        "preparation:alerts",
    ],
)
def test_every_member_reads_the_preparation_pages(prep, name):
    assert client_for(prep["member"]).get(reverse(name)).status_code == 200


def test_only_officials_add_reform_events(prep):
    assert client_for(prep["member"]).get(reverse("preparation:event_new")).status_code == 403
    response = client_for(prep["official"]).post(
        reverse("preparation:event_new"),
        {
            "date": "2018-03-31",
            "kind": "deadline",
            "title_fi": "Strategian tarkistus",
            "workstreams": [prep["workstreams"]["organisation"].pk],
        },
    )
    assert response.status_code == 302


def test_a_director_updates_their_own_cell_but_not_anothers(prep, departments):
    own = reverse("preparation:readiness_cell", args=["pirkanmaa", "ict"])
    other = reverse("preparation:readiness_cell", args=["kainuu", "ict"])
    client = client_for(prep["pirkanmaa"])

    assert client.post(own, {"status": ReadinessStatus.READY, "note": "Valmis"}).status_code == 302
    assert client.post(other, {"status": ReadinessStatus.READY}).status_code == 403
    assert Readiness.objects.get().department == departments["pirkanmaa"]


def test_the_matrix_exports_as_csv(prep, departments):
    services.readiness_set(
        actor=prep["kainuu"],
        department=departments["kainuu"],
        workstream=prep["workstreams"]["ict"],
        status=ReadinessStatus.AT_RISK,
    )

    response = client_for(prep["member"]).get(reverse("preparation:readiness") + "?format=csv")

    text = response.content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 22
    assert "Kainuun pelastuslaitos" in text


def test_the_matrix_filters_by_region(prep):
    response = client_for(prep["member"]).get(reverse("preparation:readiness") + "?region=MK01")

    assert response.context["department_count"] == 4  # the four Uusimaa departments


#: The exact number of the readiness matrix, pinned: a query per cell or row fails here.
READINESS_QUERIES = 8


def count(client, url) -> int:
    # Counted from a cold content-type cache, as in a fresh process: the same every time.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_matrix_uses_the_same_queries_for_2_or_22_departments_and_5_or_50_workstreams(prep):
    client = client_for(prep["member"])
    Workstream.objects.exclude(
        code__in=["organisation", "finance", "personnel", "ict", "service_level"]
    ).update(is_active=False)
    Department.objects.exclude(slug__in=["pirkanmaa", "kainuu"]).update(is_active=False)
    small = count(client, reverse("preparation:readiness"))

    Department.objects.update(is_active=True)
    Workstream.objects.update(is_active=True)
    for number in range(40):
        Workstream.objects.create(
            code=f"ws-{number}", name_fi=f"Työlinja {number}", order=500 + number
        )
    for department in Department.objects.all():
        for workstream in Workstream.objects.all()[:20]:
            Readiness.objects.create(
                department=department, workstream=workstream, status=ReadinessStatus.IN_PROGRESS
            )

    assert Workstream.objects.filter(is_active=True).count() == 50
    assert (small, count(client, reverse("preparation:readiness"))) == (READINESS_QUERIES,) * 2


def test_the_national_overview_uses_the_same_queries_for_2_or_22_departments(prep, departments):
    client = client_for(prep["member"])
    url = reverse("preparation:indicator", args=["VALVONTA_TOTEUMA"]) + "?period=2017"

    def fill(slugs):
        for slug in slugs:
            IndicatorValue.objects.get_or_create(
                indicator=prep["indicator"],
                department=departments[slug],
                period="2017",
                defaults={"value": Decimal(99)},
            )

    fill(["pirkanmaa", "kainuu"])
    two = count(client, url)
    fill(list(departments))

    assert count(client, url) == two


def test_starting_work_first_shows_similar_items_and_joining_counts(prep):
    services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Pelastuslaitosten yhteinen kenttäjohtojärjestelmä",
        description="Hankinta.",
        workstream=prep["workstreams"]["ict"],
    )
    client = client_for(prep["kainuu"])
    data = {
        "title": "Kenttäjohtojärjestelmän hankinta pelastuslaitokselle",
        "description": "Uusi.",
        "workstream": prep["workstreams"]["ict"].pk,
    }

    first = client.post(reverse("preparation:work_item_new"), data)
    assert first.status_code == 200  # not created yet: the similar item is offered first
    assert [i.title for i in first.context["similar"]] == [
        "Pelastuslaitosten yhteinen kenttäjohtojärjestelmä"
    ]
    assert WorkItem.objects.count() == 1

    existing = first.context["similar"][0]
    client.post(reverse("preparation:work_item_join", args=[existing.pk]), {"instead_of_new": "1"})
    listing = client.get(reverse("preparation:work_items"))
    row = next(i for i in listing.context["items"] if i.pk == existing.pk)
    assert (row.department_count, row.joins) == (2, 1)


def test_the_similar_suggestions_answer_htmx_while_typing(prep):
    services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Valvontasuunnitelman yhtenäistäminen",
        description="D",
        workstream=prep["workstreams"]["service_level"],
    )

    response = client_for(prep["kainuu"]).get(
        reverse("preparation:work_item_similar"),
        {"title": "valvontasuunnitelma"},
        HTTP_HX_REQUEST="true",
    )

    assert "Valvontasuunnitelman yhtenäistäminen" in response.content.decode()
    assert "<header" not in response.content.decode()


def test_a_bad_value_keeps_what_was_typed(prep, departments):
    response = client_for(prep["pirkanmaa"]).post(
        reverse("preparation:value_new"),
        {
            "indicator": prep["indicator"].pk,
            "department": departments["pirkanmaa"].pk,
            "period": "2017-3",
            "value": "97,5",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["period"]
    assert 'value="97,5"' in response.content.decode()


def test_a_director_cannot_enter_another_departments_value(prep, departments):
    response = client_for(prep["pirkanmaa"]).post(
        reverse("preparation:value_new"),
        {
            "indicator": prep["indicator"].pk,
            "department": departments["kainuu"].pk,
            "period": "2017",
            "value": "97",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["department"]
    assert not IndicatorValue.objects.exists()


def test_the_import_page_reports_row_errors_and_imports_nothing(prep):
    upload = SimpleUploadedFile("arvot.csv", b"kainuu;VALVONTA_TOTEUMA;2017;abc\n", "text/csv")

    response = client_for(prep["official"]).post(
        reverse("preparation:values_import"), {"file": upload}
    )

    assert response.status_code == 200
    assert response.context["result"].errors
    assert not IndicatorValue.objects.exists()


def test_the_department_chart_has_a_text_alternative_and_a_data_table(prep, departments):
    for period, value in [("2015", "99"), ("2016", "101"), ("2017", "80")]:
        services.indicator_value_record(
            actor=prep["official"],
            indicator=prep["indicator"],
            department=departments["kainuu"],
            period=period,
            value=Decimal(value),
        )

    body = (
        client_for(prep["member"])
        .get(reverse("preparation:indicator_department", args=["VALVONTA_TOTEUMA", "kainuu"]))
        .content.decode()
    )

    assert 'role="img"' in body and '<title id="chart-title">' in body
    assert "<table>" in body and "2017" in body


def test_a_director_names_an_official_who_may_then_report_for_the_department(prep, departments):
    helper = prep["member"]
    cell = reverse("preparation:readiness_cell", args=["pirkanmaa", "ict"])
    assert client_for(helper).post(cell, {"status": ReadinessStatus.READY}).status_code == 403

    client_for(prep["pirkanmaa"]).post(reverse("preparation:reporters"), {"user": helper.pk})
    allowed = client_for(helper).post(cell, {"status": ReadinessStatus.READY})
    client_for(prep["pirkanmaa"]).post(reverse("preparation:reporters"), {"remove": helper.pk})
    refused_again = client_for(helper).post(cell, {"status": ReadinessStatus.AT_RISK})

    assert allowed.status_code == 302
    assert refused_again.status_code == 403
    assert client_for(helper).get(reverse("preparation:reporters")).status_code == 403


def test_only_officials_manage_workstreams_and_indicators(prep):
    for name in ("preparation:workstream_new", "preparation:indicator_new"):
        assert client_for(prep["member"]).get(reverse(name)).status_code == 403
    response = client_for(prep["official"]).post(
        reverse("preparation:workstream_new"),
        {"code": "data", "name_fi": "Tiedonhallinta", "order": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Workstream.objects.filter(code="data").exists()


def test_the_strategy_review_counts_what_was_done_for_each_cornerstone_per_quarter(
    prep, departments
):
    from communications.bulletins import services as bulletin_services
    from network.models import NetworkRole
    from tests.factories import make_user

    services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Yhteinen valmistelu",
        description="D",
        workstream=prep["workstreams"]["ict"],
        cornerstones=["joint"],
    )
    comms = make_user(roles=[NetworkRole.COMMUNICATIONS])
    bulletin = bulletin_services.bulletin_save(
        actor=comms, title="T", text="X", audience=[("network", "all")], cornerstones=["joint"]
    )
    bulletin_services.bulletin_publish(actor=comms, bulletin=bulletin)

    response = client_for(prep["member"]).get(reverse("preparation:strategy"))

    joint = next(s for s in response.context["sections"] if s["counts"]["work_items"])
    totals = {str(row["label"]): row["total"] for row in joint["rows"]}
    assert sum(totals.values()) == 2
    # The reform's milestones from the facts count for situational awareness in their own
    # quarters; what was done today is in this quarter.
    from network.strategy import quarter

    assert quarter(timezone.localdate()) in response.context["quarters"]


def test_editing_an_event_keeps_its_cornerstones(prep):
    from preparation.models import ReformEvent

    event = ReformEvent.objects.create(
        date="2018-03-31", kind="deadline", title_fi="Tarkistus", cornerstones=["joint"]
    )

    form = (
        client_for(prep["official"])
        .get(reverse("preparation:event_edit", args=[event.pk]))
        .context["form"]
    )

    assert form.initial["cornerstones"] == ["joint"]


@pytest.mark.parametrize("confirmed", ["", "0", "no", "kyllä"])
def test_a_new_item_with_similar_work_waits_until_the_person_confirms(prep, confirmed):
    services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Pelastuslaitosten yhteinen kenttäjohtojärjestelmä",
        description="Hankinta.",
        workstream=prep["workstreams"]["ict"],
    )
    client = client_for(prep["kainuu"])
    data = {
        "title": "Kenttäjohtojärjestelmän hankinta pelastuslaitokselle",
        "description": "Uusi.",
        "workstream": prep["workstreams"]["ict"].pk,
        "confirmed": confirmed,
    }

    response = client.post(reverse("preparation:work_item_new"), data)

    assert response.status_code == 200
    assert WorkItem.objects.count() == 1
    assert response.context["form"]["title"].value() == data["title"]

    data["confirmed"] = "1"
    created = client.post(reverse("preparation:work_item_new"), data)
    assert created.status_code == 302
    assert WorkItem.objects.count() == 2


def test_joining_with_an_odd_instead_of_new_value_joins_without_counting_it(prep):
    item = services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Yhteinen kenttäjohtojärjestelmä",
        description="Hankinta.",
        workstream=prep["workstreams"]["ict"],
    )
    client = client_for(prep["kainuu"])

    response = client.post(
        reverse("preparation:work_item_join", args=[item.pk]), {"instead_of_new": "maybe"}
    )

    assert response.status_code == 302
    assert item.participations.count() == 2
    assert not item.participations.filter(joined_instead_of_new=True).exists()
