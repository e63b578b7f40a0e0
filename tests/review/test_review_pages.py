"""The strategy review's pages: who may do what, what they list, their query counts and
what they do with bad input."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.positions import services as position_services
from governance.review import services
from governance.review.models import ReviewComment, ReviewRound, ReviewState
from network.strategy import (
    UNIFORMITY_EVIDENCE,
)

pytestmark = pytest.mark.django_db


def _detail(review):
    return reverse("review:detail", args=[review.pk])


# --- Who may do what -----------------------------------------------------------------------------


def test_every_member_reads_the_rounds(people, review, as_person):
    client = as_person(people["member"])

    assert client.get(reverse("review:list")).status_code == 200
    response = client.get(_detail(review))
    assert response.status_code == 200
    assert "Strategian tarkistus" in response.content.decode()
    assert response.context["comment_form"] is None
    assert not response.context["can_decide"]


def test_only_a_network_admin_opens_a_round_from_the_page(people, as_person):
    data = {
        "name_fi": "Strategian tarkistus 2018",
        "covers_from": "2017-01-01",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    assert as_person(people["chair"]).get(reverse("review:new")).status_code == 403
    assert as_person(people["director"]).post(reverse("review:new"), data).status_code == 403
    assert not ReviewRound.objects.exists()

    admin = as_person(people["admin"])
    assert admin.get(reverse("review:new")).status_code == 200
    response = admin.post(reverse("review:new"), data)

    review = ReviewRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(review)
    assert review.opened_by == people["admin"]


def test_a_director_comments_from_the_page_and_the_comment_is_shown(people, review, as_person):
    client = as_person(people["director"])
    page = client.get(_detail(review))
    assert page.context["comment_form"] is not None

    response = client.post(
        reverse("review:comment", args=[review.pk]),
        {"department": people["director"].department_id, "text": "Pirkanmaan kommentti."},
    )

    assert response.status_code == 302
    assert "Pirkanmaan kommentti." in client.get(_detail(review)).content.decode()


def test_a_member_who_speaks_for_no_department_cannot_comment(people, review, as_person):
    response = as_person(people["member"]).post(
        reverse("review:comment", args=[review.pk]),
        {"department": people["director"].department_id, "text": "Ei oikeutta."},
    )

    assert response.status_code == 403
    assert not ReviewComment.objects.exists()


def test_a_director_cannot_comment_for_another_department(people, review, as_person, departments):
    response = as_person(people["director"]).post(
        reverse("review:comment", args=[review.pk]),
        {"department": departments["kainuu"].pk, "text": "Kainuun puolesta."},
    )

    assert response.status_code == 400
    assert (
        "Valitse pelastuslaitos, jonka puolesta puhut." in response.content.decode()
        or (response.context["comment_form"].errors["department"])
    )
    assert not ReviewComment.objects.exists()


def test_the_page_takes_no_comment_after_the_decision(people, review, as_person):
    services.review_decide(
        actor=people["chair"], review=review, meeting=people["meeting"], decision_fi="Päätös."
    )
    client = as_person(people["director"])

    assert client.get(_detail(review)).context["comment_form"] is None
    response = client.post(
        reverse("review:comment", args=[review.pk]),
        {"department": people["director"].department_id, "text": "Myöhässä."},
    )

    assert response.status_code == 302
    assert not ReviewComment.objects.exists()


def test_the_chair_records_the_decision_on_the_page_and_it_closes_the_round(
    people, review, as_person
):
    client = as_person(people["chair"])
    assert client.get(_detail(review)).context["can_decide"]
    assert client.get(reverse("review:decision", args=[review.pk])).status_code == 200

    response = client.post(
        reverse("review:decision", args=[review.pk]),
        {"meeting": people["meeting"].pk, "decision_fi": "Strategia päivitetään."},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    page = client.get(_detail(review)).content.decode()
    assert "Strategia päivitetään." in page
    assert people["meeting"].get_absolute_url() in page


@pytest.mark.parametrize("person", ["member", "director", "other_director", "official"])
def test_others_may_not_open_the_decision_page(people, review, as_person, person):
    client = as_person(people[person])

    assert client.get(reverse("review:decision", args=[review.pk])).status_code == 403
    response = client.post(
        reverse("review:decision", args=[review.pk]),
        {"meeting": people["meeting"].pk, "decision_fi": "P"},
    )
    assert response.status_code == 403
    assert ReviewRound.objects.get(pk=review.pk).state == ReviewState.OPEN


def test_an_unknown_round_is_not_found(people, as_person):
    client = as_person(people["chair"])

    assert client.get(reverse("review:detail", args=[999999])).status_code == 404
    assert client.get(reverse("review:decision", args=[999999])).status_code == 404


# --- What the round lists ----------------------------------------------------------------------


def test_items_are_listed_by_quarter_linked_and_a_draft_position_never_shows(
    people, review, as_person
):
    official = people["official"]
    position_services.position_create(
        actor=official,
        title="Luonnos, jota ei näytetä",
        summary="S",
        text="T",
        cornerstones=["influence"],
    )
    shown = position_services.position_create(
        actor=official,
        title="Pelastustoimen rahoitusmalli",
        summary="S",
        text="T",
        cornerstones=["influence"],
    )
    position_services.consultation_open(
        actor=official, position=shown, deadline=timezone.now() + timedelta(days=10)
    )

    # The official sees drafts elsewhere; the review lists only what was done.
    for person in ("official", "member"):
        response = as_person(people[person]).get(_detail(review))
        body = response.content.decode()
        assert "Luonnos, jota ei näytetä" not in body
        assert f'href="{reverse("positions:detail", args=[shown.pk])}"' in body
        influence = next(s for s in response.context["sections"] if s.key == "influence")
        assert influence.total == 1
        assert influence.quarters[0]["quarter"].startswith(str(timezone.localdate().year))


def test_communication_lists_the_published_bulletins_the_person_may_read(people, review, as_person):
    from communications.bulletins import services as bulletin_services
    from network.models import NetworkRole
    from tests.factories import make_user

    comms = make_user(roles=[NetworkRole.COMMUNICATIONS])
    published = bulletin_services.bulletin_save(
        actor=comms, title="Tiedote kaikille", text="X", audience=[("network", "all")]
    )
    bulletin_services.bulletin_publish(actor=comms, bulletin=published)
    bulletin_services.bulletin_save(
        actor=comms, title="Luonnostiedote", text="X", audience=[("network", "all")]
    )

    # The communications officer sees drafts elsewhere; the review lists what was sent.
    for person in (people["member"], comms):
        response = as_person(person).get(_detail(review))

        communication = next(s for s in response.context["sections"] if s.key == "communication")
        titles = [item.title for q in communication.quarters for _label, item in q["items"]]
        assert titles == ["Tiedote kaikille"]


def test_only_the_rounds_period_is_listed(people, as_person, departments):
    from preparation.models import ReformEvent

    ReformEvent.objects.create(
        date=date(2016, 12, 21),
        kind="decision",
        title_fi="Ennen kautta",
        cornerstones=["awareness"],
    )
    ReformEvent.objects.create(
        date=date(2017, 3, 2), kind="law", title_fi="Kauden aikana", cornerstones=["awareness"]
    )
    review = services.review_round_open(
        actor=people["admin"],
        name_fi="Kierros",
        covers_from=date(2017, 1, 1),
        deadline=timezone.localdate() + timedelta(days=5),
    )

    body = as_person(people["member"]).get(_detail(review)).content.decode()

    assert "Kauden aikana" in body
    assert "2017Q1" in body
    assert "Ennen kautta" not in body


# --- Evidence ----------------------------------------------------------------------------------


def test_the_evidence_shows_the_safety_indicators_dips_and_the_readiness_trend(
    people, review, as_person, departments
):
    from preparation import services as preparation_services
    from preparation.models import Indicator, ReadinessStatus, Workstream

    indicator = Indicator.objects.create(
        code="VALVONTA",
        name_fi="Valvontasuunnitelman toteuma",
        unit="%",
        higher_is_better=True,
        target=Decimal(100),
        tolerance=Decimal(5),
    )
    preparation_services.indicator_value_record(
        actor=people["director"],
        indicator=indicator,
        department=departments["pirkanmaa"],
        period=str(timezone.localdate().year),
        value=Decimal(70),
    )
    workstream = Workstream.objects.create(code="ict", name_fi="ICT")
    preparation_services.readiness_set(
        actor=people["director"],
        department=departments["pirkanmaa"],
        workstream=workstream,
        status=ReadinessStatus.READY,
        note="",
    )

    response = as_person(people["member"]).get(_detail(review))

    keys = [block["key"] for block in response.context["evidence"]]
    assert keys == ["readiness", "dips"]
    body = response.content.decode()
    assert "Pirkanmaan pelastuslaitos: Valvontasuunnitelman toteuma" in body


def test_how_uniform_the_departments_are_is_evidence_in_the_round(
    people, review, departments, as_person
):
    from preparation.solutions import services as solutions

    solution = solutions.solution_publish(
        actor=people["admin"],
        title_fi="Valvontasuunnitelman malli",
        description_fi="Yhteinen malli riskiperusteiselle valvontasuunnitelmalle.",
        kind="model",
        version="1.0",
        approved_by=people["body"],
        approved_on=date(2017, 3, 1),
    )
    solutions.adoption_record(
        actor=people["director"],
        department=departments["pirkanmaa"],
        solution=solution,
        status="in_use",
    )

    response = as_person(people["member"]).get(_detail(review))

    keys = [block["key"] for block in response.context["evidence"]]
    assert keys.count(UNIFORMITY_EVIDENCE) == 1
    pairs = len(departments)
    body = response.content.decode()
    assert 'id="evidence-uniformity">Kuinka yhdenmukaisia laitokset ovat</h3>' in body
    assert f"{round(100 / pairs)} % " in body  # one of the 22 pairs is in use


# --- Query counts --------------------------------------------------------------------------------


def _fill(people, review, departments, n: int):
    from preparation.models import ReformEvent

    for i in range(n):
        ReformEvent.objects.create(
            date=timezone.localdate() - timedelta(days=i * 40),
            kind="news",
            title_fi=f"Tapahtuma {i}",
            cornerstones=["awareness", "joint"],
        )
    slugs = ["pirkanmaa", "kainuu"]
    directors = {"pirkanmaa": people["director"], "kainuu": people["other_director"]}
    for i in range(n):
        slug = slugs[i % 2]
        ReviewComment.objects.create(
            round=review, department=departments[slug], author=directors[slug], text=f"K{i}"
        )


ROUND_PAGE_QUERIES = 20


@pytest.mark.parametrize("size", [1, 30])
def test_the_round_page_makes_the_same_queries_however_much_it_lists(
    people, review, departments, as_person, django_assert_num_queries, size
):
    _fill(people, review, departments, size)
    client = as_person(people["director"])

    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        response = client.get(_detail(review))

    assert response.status_code == 200


ROUND_LIST_QUERIES = 5


@pytest.mark.parametrize("size", [1, 15])
def test_the_round_list_makes_the_same_queries_however_many_rounds(
    people, as_person, django_assert_num_queries, size
):
    for i in range(size):
        services.review_round_open(
            actor=people["admin"],
            name_fi=f"Kierros {i}",
            covers_from=date(2017, 1, 1),
            deadline=timezone.localdate() + timedelta(days=i + 1),
        )
    client = as_person(people["member"])

    with django_assert_num_queries(ROUND_LIST_QUERIES):
        assert client.get(reverse("review:list")).status_code == 200


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name_fi", "Strategian\r\ntarkistus", None),
        ("deadline", "0001-01-01", "Anna päivämäärä vuosien 2000 ja 2100 väliltä."),
        ("deadline", "huomenna", None),
        ("covers_from", "2017-13-45", None),
        ("name_fi", "x" * 201, None),
        ("introduction_fi", "a\x00b", "Null characters are not allowed."),
    ],
)
def test_bad_input_when_opening_a_round_is_refused_with_a_message(
    people, as_person, field, value, message
):
    data = {
        "name_fi": "Strategian tarkistus",
        "covers_from": "2017-01-01",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    data[field] = value
    response = as_person(people["admin"]).post(reverse("review:new"), data)

    if field == "name_fi" and "\r" in value:
        # A one-line title folds the line break into a space: nothing typed is lost.
        assert response.status_code == 302
        assert ReviewRound.objects.get().name_fi == "Strategian tarkistus"
        return
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ReviewRound.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "a\x00b"},
        {"text": "x" * 10_001},
        {"text": "   "},
        {"department": "abc"},
        {"department": "\x00"},
    ],
)
def test_bad_input_in_a_comment_is_refused_with_a_message(people, review, as_person, data):
    posted = {"department": people["director"].department_id, "text": "Kommentti", **data}

    response = as_person(people["director"]).post(
        reverse("review:comment", args=[review.pk]), posted
    )

    assert response.status_code == 400
    assert response.context["comment_form"].errors
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"meeting": "abc"},
        {"meeting": "999999"},
        {"meeting": ""},
        {"decision_fi": ""},
        {"decision_fi": "a\x00b"},
        {"decision_sv": "x" * 20_001},
    ],
)
def test_bad_input_in_a_decision_is_refused_with_a_message(people, review, as_person, data):
    posted = {"meeting": people["meeting"].pk, "decision_fi": "Päätös", **data}

    response = as_person(people["chair"]).post(reverse("review:decision", args=[review.pk]), posted)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert ReviewRound.objects.get(pk=review.pk).state == ReviewState.OPEN


def test_a_decided_round_offers_no_second_decision(people, review, as_person):
    services.review_decide(
        actor=people["chair"], review=review, meeting=people["meeting"], decision_fi="Eka."
    )
    client = as_person(people["secretary"])

    assert not client.get(_detail(review)).context["can_decide"]
    response = client.post(
        reverse("review:decision", args=[review.pk]),
        {"meeting": people["meeting"].pk, "decision_fi": "Toka."},
        follow=True,
    )

    assert "Kierroksesta on jo päätetty." in response.content.decode()
    assert ReviewRound.objects.get(pk=review.pk).decision_fi == "Eka."


def test_a_source_that_gives_only_dates_is_still_counted_and_listed(people, review, as_person):
    """The registry's first form (``dates_for``) keeps working for apps written for it."""
    from network import strategy

    strategy.register_strategy_source(
        strategy.StrategySource(
            key="statements",
            label="Lausunnot",
            dates_for=lambda cornerstone: (
                [timezone.localdate()] if cornerstone == "influence" else []
            ),
        )
    )
    try:
        response = as_person(people["member"]).get(_detail(review))
    finally:
        strategy._sources.pop("statements")

    influence = next(s for s in response.context["sections"] if s.key == "influence")
    assert [item.title for q in influence.quarters for _label, item in q["items"]] == ["Lausunnot"]


def test_a_review_round_is_found_in_the_search_by_its_inflected_title(people, review):
    from network.search import parse_query, search

    found = search(user=people["member"], parsed=parse_query("strategian tarkistusta"))

    assert [(entry.kind, entry.object_id) for entry in found] == [("review_round", review.pk)]
