"""Every input of the positions pages goes through a form: the edit page offers only what
it saves, and odd list or comparison parameters never reach a 500."""

import pytest
from django.urls import reverse

from governance.models import Body, BodyKind
from governance.positions import services
from governance.positions.models import Position

pytestmark = pytest.mark.django_db


def test_the_edit_page_does_not_offer_the_preparing_body_it_would_not_save(draft, cast, as_person):
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP, slug="rahoitus", name_fi="Rahoitus", parent=cast["board"]
    )
    client = as_person(cast["official"])
    url = reverse("positions:edit", args=[draft.pk])

    page = client.get(url)
    assert "prepared_by" not in page.context["form"].fields

    version = draft.current_version
    response = client.post(
        url,
        {
            "title": version.title,
            "summary": version.summary,
            "text": version.text + "\n\nLisäys.",
            "prepared_by": group.pk,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.prepared_by is None
    assert draft.current_version.number == 2


@pytest.mark.parametrize(
    "query",
    [
        {"state": "nonsense"},
        {"cornerstone": "x" * 500},
        {"workstream": "nonsense"},
        {"waiting": "<script>"},
    ],
)
def test_an_unknown_list_filter_is_ignored(draft, cast, as_person, query):
    response = as_person(cast["official"]).get(reverse("positions:list"), query)

    assert response.status_code == 200
    assert [p.pk for p in response.context["positions"]] == [draft.pk]


def test_a_known_list_filter_applies(draft, cast, as_person):
    response = as_person(cast["official"]).get(reverse("positions:list"), {"state": "approved"})

    assert list(response.context["positions"]) == []


@pytest.mark.parametrize("query", [{"a": "abc"}, {"b": "-1"}, {"a": "99"}, {"a": "1.5"}])
def test_a_comparison_of_versions_that_do_not_exist_is_not_found(draft, cast, as_person, query):
    services.position_revise(
        actor=cast["official"], position=draft, title="Uusi", summary="S", text="T"
    )
    response = as_person(cast["official"]).get(reverse("positions:compare", args=[draft.pk]), query)

    assert response.status_code == 404


def test_the_new_draft_page_cancels_back_to_the_list(cast, as_person):
    response = as_person(cast["official"]).get(reverse("positions:new"))

    assert response.context["cancel_url"] == reverse("positions:list")
    assert Position.objects.count() == 0
