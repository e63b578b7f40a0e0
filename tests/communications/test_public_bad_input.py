"""The public site's publishing pages answer bad input with a 4xx or a form error, never
a 500, and public text changes only through review."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.public import services
from communications.public.models import PublicItem, PublicState
from network.models import NetworkRole
from tests.factories import make_user, sign_in

ITEM = {
    "kind": "news",
    "language": "fi",
    "title": "Verkosto vaatii riskiperusteista rahoitusta",
    "lead": "Pelastuslaitokset esittävät yhteisen kannan.",
    "body": "Teksti.",
}


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


@pytest.fixture
def official(db):
    return make_user(first_name="Jukka", last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL])


def published(official, comms, **fields) -> PublicItem:
    item = services.public_item_save(actor=official, **{**ITEM, **fields})
    services.public_item_submit(actor=official, item=item)
    return services.public_item_publish(actor=comms, item=item)


# --- ?translation_of= ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "999999", "1.5", "-1"])
def test_a_language_version_of_an_item_that_is_not_there_answers_404(official, value):
    response = sign_in(Client(), official).get(reverse("public:new"), {"translation_of": value})

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_nul_byte_as_the_original_answers_4xx_even_without_the_general_defence(
    official, settings
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("RefuseNulMiddleware")]

    response = sign_in(Client(), official).get(reverse("public:new"), {"translation_of": "\x00"})

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_language_version_of_an_existing_item_joins_it(official, comms):
    original = published(official, comms)
    client = sign_in(Client(), official)
    address = reverse("public:new") + f"?translation_of={original.pk}"

    page = client.get(address)
    saved = client.post(address, {**ITEM, "language": "sv", "title": "Nätverket kräver"})

    assert page.status_code == 200
    assert page.context["original"] == original
    assert saved.status_code == 302
    assert PublicItem.objects.get(language="sv").translation_of == original.translation_of


@pytest.mark.django_db
def test_a_new_item_without_an_original_is_its_own(official):
    assert sign_in(Client(), official).get(reverse("public:new")).status_code == 200


# --- Titles and publishing times --------------------------------------------------------------


@pytest.mark.django_db
def test_a_title_typed_with_a_line_break_is_saved_on_one_line_and_the_service_refuses_one(
    official,
):
    response = sign_in(Client(), official).post(
        reverse("public:new"), {**ITEM, "title": "Verkosto\r\nvaatii"}
    )

    assert response.status_code == 302
    assert PublicItem.objects.get().title == "Verkosto vaatii"
    with pytest.raises(ValidationError) as refused:
        services.public_item_save(actor=official, **{**ITEM, "title": "Kaksi\nriviä"})
    assert "title" in refused.value.message_dict


@pytest.mark.django_db
def test_an_item_cannot_be_scheduled_for_the_year_2101(official, comms):
    item = services.public_item_save(actor=official, **ITEM)
    services.public_item_submit(actor=official, item=item)

    response = sign_in(Client(), comms).post(
        reverse("public:publish", args=[item.pk]), {"publish_at": "2101-01-01T10:00"}
    )
    with pytest.raises(ValidationError):
        services.public_item_publish(
            actor=comms, item=item, publish_at=timezone.now().replace(year=2101)
        )

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.state == PublicState.IN_REVIEW


# --- The withdrawn page shows only reviewed text ---------------------------------------------


@pytest.mark.django_db
def test_the_withdrawn_page_keeps_the_published_title_when_the_item_is_edited(
    official, comms, client
):
    item = published(official, comms)
    services.public_item_unpublish(actor=comms, item=item)

    services.public_item_save(
        actor=official, item=item, **{**ITEM, "title": "Luonnos, jota kukaan ei ole tarkastanut"}
    )
    withdrawn = client.get(item.get_absolute_url())
    services.public_item_submit(actor=official, item=item)
    in_review = client.get(item.get_absolute_url())

    for response in (withdrawn, in_review):
        assert response.status_code == 410
        assert ITEM["title"] in response.content.decode()
        assert "Luonnos" not in response.content.decode()


@pytest.mark.django_db
def test_republishing_after_review_shows_the_new_title(official, comms, client):
    item = published(official, comms)
    services.public_item_unpublish(actor=comms, item=item)
    services.public_item_save(actor=official, item=item, **{**ITEM, "title": "Uusi otsikko"})
    services.public_item_submit(actor=official, item=item)

    services.public_item_publish(actor=comms, item=item)
    services.public_item_unpublish(actor=comms, item=item)

    assert "Uusi otsikko" in client.get(item.get_absolute_url()).content.decode()


# --- Two identical submissions at the same moment ----------------------------------------------


def _waiting_for_a_lock(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass",
            [table],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_identical_new_items_at_the_same_moment_give_one_item_and_one_form_error(official):
    clients = [sign_in(Client(), official), sign_in(Client(), official)]
    barrier = threading.Barrier(2)
    responses = []

    def submit(client) -> None:
        try:
            barrier.wait(timeout=30)
            responses.append(client.post(reverse("public:new"), ITEM))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(c,)) for c in clients]
    # Writes wait behind this lock while reads go on: both submissions find the address
    # free before either is written, which is the moment the race happens in real life.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE communications_publicitem IN SHARE MODE")
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while _waiting_for_a_lock("communications_publicitem") < 2:
            assert time.monotonic() < deadline, "the two submissions never met"
            time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(r.status_code for r in responses) == [200, 302]
    (refused,) = [r for r in responses if r.status_code == 200]
    assert refused.context["form"].non_field_errors()
    assert 'value="Verkosto vaatii riskiperusteista rahoitusta"' in refused.content.decode()
    assert PublicItem.objects.count() == 1
