"""Service areas at work: who keeps the yearly action plan, how key projects move and keep
their history, the year-end report to the board, and the board's overview of them all."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communications.models import Notification
from governance import permissions
from governance.areas import selectors, services
from governance.areas.models import ActionPlan, KeyProject, ProjectStatus
from governance.facts import bodies_load_facts
from governance.kinds import AREA_REPORT_SUBMITTED
from governance.models import Body, BodyKind, Role, Status, StatusUpdate
from network.facts import network_facts
from tests.factories import make_network_admin, make_user
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def area(people):
    body = Body.objects.create(
        kind=BodyKind.SERVICE_AREA,
        slug="ensihoito",
        name_fi="Ensihoito",
        name_sv="Prehospital akutsjukvård",
    )
    seat(body, people["chair"], Role.CHAIR)
    seat(body, people["secretary"], Role.SECRETARY)
    seat(body, people["member"], Role.MEMBER)
    return body


@pytest.fixture
def area_group(area, people):
    """A working group the service area has set up: member2 chairs it, deputy sits in it."""
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="ensivaste",
        name_fi="Ensivastetyöryhmä",
        parent=area,
        term_start=date(YEAR, 1, 1),
    )
    seat(group, people["member2"], Role.CHAIR)
    seat(group, people["deputy"], Role.MEMBER)
    return group


def add_project(area, actor, title="Ensivasteen laatumittarit", **extra):
    return services.key_project_add(
        actor=actor,
        body=area,
        year=YEAR,
        title_fi=title,
        title_sv=extra.pop("title_sv", "Kvalitetsmätare för första insatsen"),
        owner=extra.pop("owner", actor),
        starts_on=extra.pop("starts_on", date(YEAR, 1, 1)),
        ends_on=extra.pop("ends_on", date(YEAR, 12, 31)),
    )


# --- Who keeps the action plan ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_chair_and_the_secretary_keep_the_action_plan(area, people, who):
    plan = services.action_plan_save(
        actor=people[who],
        body=area,
        year=YEAR,
        goals_fi="Ensivaste yhtenäiseksi.",
        goals_sv="Enhetlig.",
    )
    project = add_project(area, people[who])

    assert plan.goals_fi == "Ensivaste yhtenäiseksi."
    assert project.plan == plan
    assert project.status == ProjectStatus.NOT_STARTED


def test_a_network_admin_may_keep_any_service_areas_plan(area):
    admin = make_network_admin()
    assert services.action_plan_save(actor=admin, body=area, year=YEAR, goals_fi="Tavoite")


@pytest.mark.parametrize("who", ["member", "member2", "deputy", "outsider"])
def test_members_of_the_area_or_its_working_groups_may_not_edit_the_plan(
    area, area_group, people, who
):
    """The area's own member, the chair of its working group, a working-group member and
    an outsider are all refused, for the goals, a new key project and its progress."""
    project = add_project(area, people["chair"])
    person = people[who]

    assert not permissions.can_edit_action_plan(person, area)
    with pytest.raises(PermissionDenied):
        services.action_plan_save(actor=person, body=area, year=YEAR, goals_fi="x")
    with pytest.raises(PermissionDenied):
        add_project(area, person)
    with pytest.raises(PermissionDenied):
        services.key_project_set_status(
            actor=person, project=project, status=ProjectStatus.ON_TRACK, note="x"
        )


def test_only_service_areas_have_action_plans(board, people):
    """The board's chair manages the board, but the board has no action plan of this kind."""
    assert permissions.can_manage_body(people["chair"], board)
    with pytest.raises(PermissionDenied):
        services.action_plan_save(actor=people["chair"], body=board, year=YEAR, goals_fi="x")


def test_a_seat_that_has_ended_no_longer_edits_the_plan(area, people):
    area.memberships.filter(user=people["secretary"]).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        services.action_plan_save(actor=people["secretary"], body=area, year=YEAR, goals_fi="x")


# --- Key projects: schedule, status and history ------------------------------------------


def test_a_key_projects_schedule_must_be_in_order_and_include_the_plans_year(area, people):
    with pytest.raises(ValidationError) as error:
        add_project(area, people["chair"], starts_on=date(YEAR, 6, 1), ends_on=date(YEAR, 5, 1))
    assert "ends_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        add_project(
            area, people["chair"], starts_on=date(YEAR + 1, 1, 1), ends_on=date(YEAR + 1, 6, 1)
        )
    assert "starts_on" in error.value.error_dict
    assert not KeyProject.objects.exists()


def test_the_owner_must_have_an_account_in_use(area, people):
    gone = make_user(is_active=False)
    with pytest.raises(ValidationError):
        add_project(area, people["chair"], owner=gone)


def test_every_status_change_and_note_is_kept_in_the_projects_history(area, people):
    project = add_project(area, people["chair"])

    services.key_project_set_status(
        actor=people["secretary"], project=project, status=ProjectStatus.ON_TRACK, note="Alkoi."
    )
    services.key_project_set_status(
        actor=people["chair"],
        project=project,
        status=ProjectStatus.ON_TRACK,
        note="Mittarit valittu.",
    )
    services.key_project_set_status(
        actor=people["chair"],
        project=project,
        status=ProjectStatus.LATE,
        note="Tietojen keruu myöhässä.",
    )

    project.refresh_from_db()
    assert project.status == ProjectStatus.LATE
    assert project.progress == "Tietojen keruu myöhässä."
    history = list(
        project.updates.order_by("created_at", "id").values_list("previous_status", "status")
    )
    assert history == [
        ("", "not_started"),
        ("not_started", "on_track"),
        ("on_track", "on_track"),
        ("on_track", "late"),
    ]
    assert project.updates.filter(actor=people["secretary"]).count() == 1


@pytest.mark.parametrize("status", [ProjectStatus.AT_RISK, ProjectStatus.LATE])
def test_at_risk_and_late_say_why(area, people, status):
    project = add_project(area, people["chair"])
    with pytest.raises(ValidationError) as error:
        services.key_project_set_status(actor=people["chair"], project=project, status=status)
    assert "note" in error.value.error_dict
    project.refresh_from_db()
    assert project.status == ProjectStatus.NOT_STARTED
    assert project.updates.count() == 1


def test_a_started_project_does_not_go_back_to_not_started(area, people):
    project = add_project(area, people["chair"])
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.ON_TRACK
    )
    with pytest.raises(ValidationError) as error:
        services.key_project_set_status(
            actor=people["chair"], project=project, status=ProjectStatus.NOT_STARTED, note="x"
        )
    assert "status" in error.value.error_dict


def test_the_same_status_again_needs_a_note_and_a_done_project_reopens_only_with_one(area, people):
    project = add_project(area, people["chair"])
    with pytest.raises(ValidationError):
        services.key_project_set_status(
            actor=people["chair"], project=project, status=ProjectStatus.NOT_STARTED
        )
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.DONE, note="Valmis."
    )
    with pytest.raises(ValidationError):
        services.key_project_set_status(
            actor=people["chair"], project=project, status=ProjectStatus.ON_TRACK
        )
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.ON_TRACK, note="Jatkoa."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ON_TRACK


def test_an_unknown_status_is_refused(area, people):
    project = add_project(area, people["chair"])
    with pytest.raises(ValidationError):
        services.key_project_set_status(actor=people["chair"], project=project, status="great")


# --- The year-end report to the board -----------------------------------------------------


def post_update(group, author, start, end, status, progress):
    return StatusUpdate.objects.create(
        working_group=group,
        author=author,
        period_start=start,
        period_end=end,
        status=status,
        progress=progress,
    )


def test_the_report_is_built_from_the_years_group_updates_and_project_progress(
    area, area_group, people
):
    project = add_project(area, people["chair"])
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.AT_RISK, note="Viivästyy."
    )
    post_update(
        area_group,
        people["member2"],
        date(YEAR, 2, 1),
        date(YEAR, 3, 1),
        Status.ON_TRACK,
        "Tämän vuoden työ",
    )
    post_update(
        area_group,
        people["member2"],
        date(YEAR - 1, 2, 1),
        date(YEAR - 1, 3, 1),
        Status.ON_TRACK,
        "Viime vuoden työ",
    )
    other_area = Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="muu", name_fi="Muu")
    other_group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP, slug="muu-ryhma", name_fi="Muu ryhmä", parent=other_area
    )
    post_update(
        other_group,
        people["member2"],
        date(YEAR, 2, 1),
        date(YEAR, 3, 1),
        Status.AT_RISK,
        "Toisen alueen työ",
    )

    content = selectors.area_report_content(body=area, year=YEAR)

    assert [p["title_fi"] for p in content["projects"]] == ["Ensivasteen laatumittarit"]
    assert content["projects"][0]["status"] == ProjectStatus.AT_RISK
    assert [n["note"] for n in content["projects"][0]["notes"]] == ["Viivästyy."]
    assert [g["name_fi"] for g in content["groups"]] == ["Ensivastetyöryhmä"]
    assert [u["progress"] for u in content["groups"][0]["updates"]] == ["Tämän vuoden työ"]


def test_the_chair_submits_the_report_and_it_keeps_what_it_said_then(
    area, area_group, board, people
):
    project = add_project(area, people["chair"])
    services.area_report_save(
        actor=people["chair"],
        body=area,
        year=YEAR,
        summary_fi="Hyvä vuosi.",
        summary_sv="Ett bra år.",
    )
    report = services.area_report_submit(actor=people["chair"], body=area, year=YEAR)

    assert report.is_submitted
    assert report.content["projects"][0]["status"] == ProjectStatus.NOT_STARTED
    # A later change shows on the plan, not in the submitted report.
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.DONE, note="Valmis."
    )
    report.refresh_from_db()
    assert report.content["projects"][0]["status"] == ProjectStatus.NOT_STARTED
    with pytest.raises(ValidationError):
        services.area_report_save(actor=people["chair"], body=area, year=YEAR, summary_fi="Muutos")
    # The board's members are told (the chair, who submitted it, sits on it too).
    told = set(
        Notification.objects.filter(kind=AREA_REPORT_SUBMITTED).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {people["secretary"].pk, people["member"].pk, people["member2"].pk}


@pytest.mark.parametrize("who", ["secretary", "member", "member2"])
def test_only_the_chair_writes_and_submits_the_report(area, area_group, people, who):
    with pytest.raises(PermissionDenied):
        services.area_report_save(actor=people[who], body=area, year=YEAR, summary_fi="x")
    with pytest.raises(PermissionDenied):
        services.area_report_submit(actor=people[who], body=area, year=YEAR)


def test_a_report_needs_a_finnish_summary_and_a_year_that_has_begun(area, people):
    with pytest.raises(ValidationError) as error:
        services.area_report_submit(actor=people["chair"], body=area, year=YEAR)
    assert "summary_fi" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.area_report_save(actor=people["chair"], body=area, year=YEAR + 1, summary_fi="x")


# --- Pages -------------------------------------------------------------------------------


def plan_url(area, name="governance:action_plan", year=YEAR):
    return reverse(name, kwargs={"slug": area.slug, "year": year})


@pytest.mark.parametrize(
    ("who", "expected"),
    [("chair", 200), ("secretary", 200), ("member", 403), ("member2", 403), ("outsider", 403)],
)
def test_editing_pages_are_for_the_chair_and_secretary(
    area, area_group, people, as_person, who, expected
):
    project = add_project(area, people["chair"])
    client = as_person(people[who])
    for url in [
        plan_url(area, "governance:action_plan_edit"),
        plan_url(area, "governance:key_project_new"),
        reverse("governance:key_project_edit", args=[project.pk]),
        reverse("governance:key_project_status", args=[project.pk]),
    ]:
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("who", ["chair", "member2", "outsider"])
def test_every_member_reads_the_plan_and_the_report(area, area_group, people, as_person, who):
    add_project(area, people["chair"])
    client = as_person(people[who])

    page = client.get(plan_url(area))
    report = client.get(plan_url(area, "governance:area_report"))

    assert page.status_code == 200
    assert "Ensivasteen laatumittarit" in page.text
    assert ("Muokkaa tavoitteita" in page.text) == (who == "chair")
    assert report.status_code == 200
    assert "Ei vielä lähetetty" in report.text


def test_the_chair_updates_the_plan_through_the_pages(area, people, as_person):
    client = as_person(people["chair"])

    response = client.post(
        plan_url(area, "governance:action_plan_edit"),
        {
            "goals_fi": "Ensivaste yhtenäiseksi.",
            "goals_sv": "Enhetlig första insats.",
            "goals_en": "",
        },
    )
    assert response.status_code == 302
    response = client.post(
        plan_url(area, "governance:key_project_new"),
        {
            "title_fi": "Laatumittarit",
            "title_sv": "Kvalitetsmätare",
            "title_en": "",
            "owner": people["member"].pk,
            "starts_on": f"{YEAR}-02-01",
            "ends_on": f"{YEAR}-11-30",
        },
    )
    assert response.status_code == 302
    project = KeyProject.objects.get()
    response = client.post(
        reverse("governance:key_project_status", args=[project.pk]),
        {"status": "at_risk", "note": ""},
    )
    assert response.status_code == 200
    assert "Kerro merkinnässä, miksi hanke on riskissä tai myöhässä." in response.text

    page = client.get(plan_url(area))
    assert "Ensivaste yhtenäiseksi." in page.text
    assert "Laatumittarit" in page.text
    assert "Ei aloitettu" in page.text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title_fi": "Rivi\r\nvaihto"}, None),  # folded into one line
        ({"title_fi": "Nul\x00lia"}, "title_fi"),
        ({"starts_on": "0001-01-01"}, "starts_on"),
        ({"starts_on": "ei päivä"}, "starts_on"),
        ({"ends_on": f"{YEAR}-01-01", "starts_on": f"{YEAR}-06-01"}, "ends_on"),
        ({"owner": "abc"}, "owner"),
        ({"title_fi": "x" * 201}, "title_fi"),
    ],
)
def test_bad_input_to_a_key_project_is_told_not_a_crash(area, people, as_person, data, field):
    client = as_person(people["chair"])
    form = {
        "title_fi": "Hanke",
        "owner": people["chair"].pk,
        "starts_on": f"{YEAR}-01-01",
        "ends_on": f"{YEAR}-12-31",
        **data,
    }
    response = client.post(plan_url(area, "governance:key_project_new"), form)
    if field is None:
        assert response.status_code == 302
        assert KeyProject.objects.get().title_fi == "Rivi vaihto"
    else:
        assert response.status_code == 200
        assert field in response.context["form"].errors


def test_bad_input_to_the_goals_and_the_report_is_told(area, people, as_person):
    client = as_person(people["chair"])
    response = client.post(
        plan_url(area, "governance:action_plan_edit"), {"goals_fi": "x" * 20_001}
    )
    assert response.status_code == 200
    assert "goals_fi" in response.context["form"].errors
    response = client.post(plan_url(area, "governance:action_plan_edit"), {"goals_fi": "a\x00b"})
    assert "goals_fi" in response.context["form"].errors
    response = client.post(plan_url(area, "governance:area_report"), {"summary_fi": "a\x00b"})
    assert response.status_code == 200
    assert "summary_fi" in response.context["form"].errors
    assert not ActionPlan.objects.exists()


def test_years_outside_the_range_and_bodies_that_are_not_service_areas_are_not_found(
    area, board, people, as_person
):
    client = as_person(people["chair"])
    assert client.get(plan_url(area, year=1999)).status_code == 404
    assert client.get(plan_url(area, year=2101)).status_code == 404
    assert client.get(plan_url(board)).status_code == 404
    assert client.get(reverse("governance:key_project_status", args=[999999])).status_code == 404
    overview = reverse("governance:service_areas")
    assert client.get(overview, {"year": "abc"}).status_code == 200
    assert client.get(overview, {"year": "0001"}).status_code == 200
    # A NUL byte in the address is refused by the portal's middleware, before the view.
    assert client.get(overview, {"year": "2\x0026"}).status_code == 400


def test_the_report_page_submits_and_then_only_shows(area, people, as_person, board):
    client = as_person(people["chair"])
    url = plan_url(area, "governance:area_report")
    client.post(url, {"summary_fi": "Vuosi meni hyvin.", "summary_sv": ""})
    response = client.post(plan_url(area, "governance:area_report_submit"), follow=True)
    assert "Raportti on lähetetty hallitukselle." in response.text
    assert "Vuosi meni hyvin." in response.text
    assert client.post(url, {"summary_fi": "Muutos"}).status_code == 403
    member = as_person(people["member"])
    assert member.post(plan_url(area, "governance:area_report_submit")).status_code == 403


# --- The board's overview -------------------------------------------------------------------


def count_queries(client, url) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def fill(area, people, projects: int, groups: int):
    chair = area.memberships.get(role=Role.CHAIR).user
    for number in range(projects):
        add_project(area, chair, title=f"Hanke {area.slug} {number}", owner=make_user())
    for number in range(groups):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP,
            slug=f"{area.slug}-ryhma-{Body.objects.count()}",
            name_fi=f"Ryhmä {number}",
            parent=area,
        )
        post_update(
            group, people["member"], date(YEAR, 1, 1), date(YEAR, 2, 1), Status.ON_TRACK, "ok"
        )


#: Pinned: a change that adds a query per service area, key project or group fails here.
OVERVIEW_QUERIES = 11


def test_the_overview_page_costs_the_same_queries_for_few_and_many(area, people, as_person):
    client = as_person(people["outsider"])
    url = reverse("governance:service_areas")
    fill(area, people, projects=1, groups=1)
    small = count_queries(client, url)

    for slug in ("a", "b", "c", "d"):
        other = Body.objects.create(kind=BodyKind.SERVICE_AREA, slug=slug, name_fi=slug.upper())
        seat(other, make_user(), Role.CHAIR)
        fill(other, people, projects=4, groups=3)
    fill(area, people, projects=5, groups=4)
    large = count_queries(client, url)

    assert small == large == OVERVIEW_QUERIES


def test_the_overview_shows_every_area_with_its_projects_groups_and_report(
    area, area_group, people, as_person, board
):
    project = add_project(area, people["chair"])
    services.key_project_set_status(
        actor=people["chair"], project=project, status=ProjectStatus.LATE, note="Myöhässä syystä."
    )
    services.area_report_save(actor=people["chair"], body=area, year=YEAR, summary_fi="Yhteenveto")
    services.area_report_submit(actor=people["chair"], body=area, year=YEAR)
    Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="varautuminen", name_fi="Varautuminen")

    page = as_person(people["outsider"]).get(reverse("governance:service_areas")).text

    assert "Ensihoito" in page and "Varautuminen" in page
    assert "Ensivasteen laatumittarit" in page and "Myöhässä syystä." in page
    assert "Ensivastetyöryhmä" in page
    assert "lähetetty" in page
    assert f"Vuoden {YEAR} toimintasuunnitelmaa ei ole vielä." in page


# --- The data: the mandate counts the service areas that exist -------------------------


def test_the_mandates_count_the_service_areas_that_are_loaded():
    bodies = bodies_load_facts()
    areas = network_facts()["service_areas"]
    count = Body.objects.filter(kind=BodyKind.SERVICE_AREA).count()

    assert count == len(areas) == 5
    for slug in ("hallitus", areas[0]["slug"]):
        body = bodies[slug]
        assert f"{count} palvelualuetta:" in body.mandate
        assert f"{count} serviceområden:" in body.mandate_sv
        assert f"{count} service areas:" in body.mandate_en
        for text in (body.mandate, body.mandate_sv, body.mandate_en):
            assert not any(four in text for four in ("4 service", "neljä", "fyra"))


def test_a_plans_goals_and_key_projects_are_found_in_the_search(area, people, as_person):
    services.action_plan_save(
        actor=people["chair"], body=area, year=YEAR, goals_fi="Ensivasteyksiköt yhtenäisiksi."
    )
    project = add_project(area, people["chair"], title="Hoitoprotokollat")
    services.key_project_set_status(
        actor=people["chair"],
        project=project,
        status=ProjectStatus.ON_TRACK,
        note="Defibrillaattorit hankittu.",
    )
    client = as_person(people["outsider"])

    for typed in ("ensivasteyksikkö", "hoitoprotokolla", "defibrillaattori"):
        page = client.get(reverse("search"), {"q": typed}).text
        assert f"Toimintasuunnitelma {YEAR}: Ensihoito" in page, typed
