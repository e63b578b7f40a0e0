"""The shared solutions' pages: who sees and does what, the uniformity view, its CSV, bad
input, the dashboard and the search."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import Department, SearchEntry
from preparation.solutions import services
from preparation.solutions.models import Adoption, AdoptionChange, AdoptionStatus, Solution
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def client_for(person):
    return sign_in(Client(), person)


def adoption_url(sol, slug):
    return reverse("preparation:adoption", args=[sol["solution"].pk, slug])


def test_every_member_sees_the_uniformity_view_and_a_solution(sol):
    client = client_for(sol["member"])

    page = client.get(reverse("preparation:uniformity")).content.decode()
    assert "Yhteiset ratkaisut" in page
    assert "Valvontasuunnitelman malli" in page
    solution = client.get(sol["solution"].get_absolute_url()).content.decode()
    assert "Valvontasuunnitelmatyöryhmä" in solution
    assert "Versio 1.2" in solution


def test_the_preparation_nav_links_to_the_uniformity_view(sol):
    page = client_for(sol["member"]).get(reverse("preparation:home")).content.decode()

    assert reverse("preparation:uniformity") in page


def test_a_director_records_their_department_and_the_view_changes(sol, departments):
    client = client_for(sol["kainuu"])
    before = client.get(reverse("preparation:uniformity")).context["adopted"]

    response = client.post(adoption_url(sol, "kainuu"), {"status": AdoptionStatus.IN_USE})

    assert response.status_code == 302
    after = client.get(reverse("preparation:uniformity")).context
    assert (before, after["adopted"]) == (0, 1)
    assert after["adopted_share"] == round(100 / 22)


def test_a_director_cannot_record_for_another_department(sol):
    client = client_for(sol["pirkanmaa"])

    assert client.post(adoption_url(sol, "kainuu"), {"status": "in_use"}).status_code == 403
    page = client.get(adoption_url(sol, "kainuu"))
    assert page.status_code == 200 and page.context["form"] is None
    assert not Adoption.objects.exists()


def test_a_member_of_no_department_role_cannot_record(sol):
    assert (
        client_for(sol["member"]).post(adoption_url(sol, "kainuu"), {"status": "in_use"})
    ).status_code == 403


def test_the_named_reporter_records_through_the_page(sol):
    response = client_for(sol["reporter"]).post(
        adoption_url(sol, "kainuu"), {"status": "planned", "planned_for": "2018-06-30"}
    )

    assert response.status_code == 302
    assert Adoption.objects.get().planned_for == date(2018, 6, 30)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"status": "planned"}, "planned_for", "Anna päivä"),
        ({"status": "in_use_local", "reason": "  "}, "reason", "Kerro"),
        ({"status": "maybe"}, "status", ""),
        ({"status": "planned", "planned_for": "0001-01-01"}, "planned_for", ""),
        ({"status": "planned", "planned_for": "huomenna"}, "planned_for", ""),
        ({"status": "in_use_local", "reason": "a\x00b"}, "reason", ""),
        ({"status": "in_use_local", "reason": "x" * 5001}, "reason", ""),
    ],
)
def test_bad_input_is_told_next_to_its_field(sol, data, field, message):
    response = client_for(sol["kainuu"]).post(adoption_url(sol, "kainuu"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not AdoptionChange.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/preparation/solutions/?region=MK99",
        "/preparation/solutions/?format=xls",
        "/preparation/solutions/?region=%00",
    ],
)
def test_a_bad_filter_answers_400(sol, url):
    assert client_for(sol["member"]).get(url).status_code == 400


def test_unknown_solution_or_department_answers_404(sol):
    client = client_for(sol["kainuu"])

    assert client.get(reverse("preparation:solution", args=[999999])).status_code == 404
    assert client.get(adoption_url(sol, "ei-ole")).status_code == 404
    assert client.get(reverse("preparation:adoption", args=[999999, "kainuu"])).status_code == 404


def test_the_uniformity_view_exports_as_csv_for_finnish_excel(sol, departments):
    services.adoption_record(
        actor=sol["kainuu"],
        department=departments["kainuu"],
        solution=sol["solution"],
        status=AdoptionStatus.LOCAL,
        reason="=HYPERLINK(1)",
    )

    response = client_for(sol["member"]).get(reverse("preparation:uniformity") + "?format=csv")

    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Pelastuslaitos;Maakunta;")
    assert len(lines) == 1 + 22  # one row per department × solution
    kainuu = next(line for line in lines if line.startswith("Kainuun pelastuslaitos"))
    assert "Käytössä paikallisin muutoksin" in kainuu
    assert ";'=HYPERLINK(1);" in kainuu  # never runs as a formula


def test_the_uniformity_view_filters_by_region(sol):
    response = client_for(sol["member"]).get(reverse("preparation:uniformity") + "?region=MK01")

    assert response.context["department_count"] == 4


#: The exact number of queries of the uniformity view, pinned.
UNIFORMITY_QUERIES = 11


def count(client, url) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_uniformity_view_uses_the_same_queries_for_1_or_8_solutions_and_2_or_22_departments(
    sol, departments
):
    client = client_for(sol["member"])
    Department.objects.exclude(slug__in=["pirkanmaa", "kainuu"]).update(is_active=False)
    small = count(client, reverse("preparation:uniformity"))

    Department.objects.update(is_active=True)
    for number in range(7):
        solution = services.solution_publish(
            actor=sol["admin"],
            title_fi=f"Malli {number}",
            description_fi="Kuvaus",
            kind="model",
            version="1.0",
            approved_by=sol["board"],
            approved_on=date(2016, 1, 1),
        )
        for department in Department.objects.all():
            services.adoption_record(
                actor=sol["admin"],
                department=department,
                solution=solution,
                status=AdoptionStatus.IN_USE,
            )
    assert Solution.objects.count() == 8

    assert (small, count(client, reverse("preparation:uniformity"))) == (UNIFORMITY_QUERIES,) * 2


def test_only_the_approving_bodys_secretary_or_admins_publish_through_the_page(sol):
    assert client_for(sol["member"]).get(reverse("preparation:solution_new")).status_code == 403
    assert client_for(sol["kainuu"]).get(reverse("preparation:solution_new")).status_code == 403
    client = client_for(sol["secretary"])
    data = {
        "title_fi": "Palvelutasopäätöksen pohja",
        "title_sv": "Mall för servicenivåbeslut",
        "kind": "template",
        "version": "1.0",
        "approved_by": sol["board"].pk,
        "approved_on": "2016-03-10",
        "description_fi": "Yhtenäinen rakenne palvelutasopäätökselle.",
    }

    # The working group is not the secretary's to approve in.
    refused = client.post(
        reverse("preparation:solution_new"), {**data, "approved_by": sol["group"].pk}
    )
    assert refused.status_code == 200 and "approved_by" in refused.context["form"].errors

    response = client.post(reverse("preparation:solution_new"), data)
    assert response.status_code == 302
    created = Solution.objects.get(title_fi="Palvelutasopäätöksen pohja")
    assert created.title_sv == "Mall för servicenivåbeslut"
    assert created.versions.get().version == "1.0"


def test_a_title_with_a_line_break_is_one_line_and_a_missing_finnish_text_is_told(sol):
    client = client_for(sol["admin"])
    response = client.post(
        reverse("preparation:solution_new"),
        {"title_fi": "", "kind": "model", "version": "1", "approved_by": sol["board"].pk,
         "approved_on": "2016-01-01", "description_fi": ""},
    )  # fmt: skip
    assert {"title_fi", "description_fi"} <= set(response.context["form"].errors)

    edit = client.post(
        reverse("preparation:solution_edit", args=[sol["solution"].pk]),
        {"title_fi": "Malli\r\nuusi", "kind": "model", "description_fi": "Kuvaus"},
    )
    assert edit.status_code == 302
    sol["solution"].refresh_from_db()
    assert sol["solution"].title_fi == "Malli uusi"


def test_a_new_version_through_the_page_keeps_the_old_one(sol):
    client = client_for(sol["secretary"])
    url = reverse("preparation:solution_version_new", args=[sol["solution"].pk])

    assert client_for(sol["group_chair"]).get(url).status_code == 403
    response = client.post(
        url, {"version": "2.1", "approved_by": sol["board"].pk, "approved_on": "2013-11-18"}
    )
    assert response.status_code == 302
    assert sorted(sol["solution"].versions.values_list("version", flat=True)) == ["1.2", "2.1"]
    again = client.post(
        url, {"version": "2.1", "approved_by": sol["board"].pk, "approved_on": "2013-11-18"}
    )
    assert "version" in again.context["form"].errors


def test_a_director_sees_unrecorded_solutions_waiting_until_recorded(sol, departments):
    client = client_for(sol["kainuu"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "Valvontasuunnitelman malli" in page
    assert adoption_url(sol, "kainuu") in page

    services.adoption_record(
        actor=sol["kainuu"],
        department=departments["kainuu"],
        solution=sol["solution"],
        status=AdoptionStatus.NOT_PLANNED,
    )
    assert adoption_url(sol, "kainuu") not in client.get(reverse("dashboard")).content.decode()


def test_a_plain_member_sees_no_adoption_waiting(sol):
    page = client_for(sol["member"]).get(reverse("dashboard")).content.decode()

    assert adoption_url(sol, "kainuu") not in page


def test_solutions_are_found_in_the_search(sol):
    entry = SearchEntry.objects.get(kind="solution", object_id=sol["solution"].pk)
    assert entry.title == "Valvontasuunnitelman malli"

    response = client_for(sol["member"]).get(reverse("search") + "?q=valvontasuunnitelman")
    assert sol["solution"].get_absolute_url() in response.content.decode()


#: The exact number of queries of a solution's page, pinned.
SOLUTION_QUERIES = 10


def test_a_solutions_page_uses_the_same_queries_for_2_or_22_departments(sol, departments):
    client = client_for(sol["member"])
    url = sol["solution"].get_absolute_url()
    Department.objects.exclude(slug__in=["pirkanmaa", "kainuu"]).update(is_active=False)
    small = count(client, url)

    Department.objects.update(is_active=True)
    for department in Department.objects.all():
        services.adoption_record(
            actor=sol["admin"],
            department=department,
            solution=sol["solution"],
            status=AdoptionStatus.LOCAL,
            reason="Paikallinen muutos",
        )

    assert (small, count(client, url)) == (SOLUTION_QUERIES,) * 2


def test_a_swedish_reader_gets_the_swedish_title_or_the_finnish_one_marked_as_such(sol):
    from tests.factories import make_user

    reader = client_for(make_user(language="sv"))

    page = reader.get(sol["solution"].get_absolute_url()).content.decode()
    assert "<h1>Modell för tillsynsplan</h1>" in page

    Solution.objects.filter(pk=sol["solution"].pk).update(title_sv="")
    page = reader.get(sol["solution"].get_absolute_url()).content.decode()
    assert '<span lang="fi">Valvontasuunnitelman malli</span>' in page
    assert "Endast på finska" in page


def test_the_uniformity_view_counts_by_region_and_over_time(sol, departments):
    from datetime import timedelta

    from django.utils import timezone

    from preparation.solutions.selectors import uniformity

    solution = sol["solution"]
    Solution.objects.filter(pk=solution.pk).update(
        published_at=timezone.now() - timedelta(days=400)
    )
    kainuu = departments["kainuu"]
    services.adoption_record(
        actor=sol["kainuu"],
        department=kainuu,
        solution=solution,
        status=AdoptionStatus.IN_USE,
        at=timezone.now() - timedelta(days=200),
    )

    view = uniformity()

    by_region = {row["region"].pk: row for row in view["region_rows"]}
    assert by_region[kainuu.region_id]["counts"] == [1]
    others = [row for pk, row in by_region.items() if pk != kainuu.region_id]
    assert others and all(row["counts"] == [0] for row in others)
    size = by_region[kainuu.region_id]["size"]
    assert by_region[kainuu.region_id]["share"] == round(100 / size)
    trend = view["trend"]
    assert len(trend) >= 4
    assert all(point.pairs == 22 for point in trend)
    before = [p for p in trend if p.day < timezone.localdate() - timedelta(days=200)]
    after = [p for p in trend if p.day >= timezone.localdate() - timedelta(days=100)]
    assert before and all(point.in_use == 0 for point in before)
    assert after and all(point.in_use == 1 for point in after)
    page = client_for(sol["member"]).get(reverse("preparation:uniformity")).content.decode()
    assert trend[-1].period in page  # the chart's data table
