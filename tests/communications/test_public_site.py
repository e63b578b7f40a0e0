from datetime import timedelta

import feedparser
import html5lib
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communications.bulletins import services as bulletin_services
from communications.public import services
from communications.public.models import PublicItem, PublicState
from network.models import NetworkRole
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


@pytest.fixture
def official(db):
    return make_user(first_name="Jukka", last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL])


def publish_item(
    author, publisher, language="fi", title="Verkosto vaatii riskiperusteista rahoitusta", **extra
):
    item = services.public_item_save(
        actor=author,
        kind="news",
        language=language,
        title=title,
        lead="Pelastuslaitokset esittävät yhteisen kannan.",
        body="## Taustaa\n\nTeksti.",
        **extra,
    )
    services.public_item_submit(actor=author, item=item)
    return services.public_item_publish(actor=publisher, item=item)


def assert_valid_html(content: bytes) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


def test_an_item_is_drafted_reviewed_and_published_by_a_communications_officer(
    official, comms, client
):
    item = services.public_item_save(
        actor=official,
        kind="press",
        language="fi",
        title="Tiedote",
        lead="Lyhyesti.",
        body="Teksti.",
    )
    assert client.get(item.get_absolute_url()).status_code == 404  # a draft is not public

    with pytest.raises(ValidationError):
        services.public_item_publish(actor=comms, item=item)  # not reviewed yet
    services.public_item_submit(actor=official, item=item)
    with pytest.raises(PermissionDenied):
        services.public_item_publish(actor=official, item=item)
    services.public_item_publish(actor=comms, item=item)

    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert item.reviewed_by == comms


def test_a_scheduled_item_appears_only_when_its_time_comes(official, comms, client):
    item = services.public_item_save(
        actor=official, kind="news", language="fi", title="Ajastettu", lead="L", body="B"
    )
    services.public_item_submit(actor=official, item=item)

    services.public_item_publish(
        actor=comms, item=item, publish_at=timezone.now() + timedelta(days=1)
    )

    assert client.get(item.get_absolute_url()).status_code == 404
    home = client.get(reverse("public:home", args=["fi"]))
    assert item.get_absolute_url() not in [entry.url for entry in home.context["entries"]]
    PublicItem.objects.filter(pk=item.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(item.get_absolute_url()).status_code == 200


def test_an_unpublished_item_says_it_was_withdrawn(official, comms, client):
    item = publish_item(official, comms)

    services.public_item_unpublish(actor=comms, item=item)
    response = client.get(item.get_absolute_url())

    assert response.status_code == 410
    assert "Verkosto vaatii riskiperusteista rahoitusta" in response.content.decode()
    assert item.state == PublicState.UNPUBLISHED


def test_language_versions_are_linked_to_each_other(official, comms, client):
    finnish = publish_item(official, comms, language="fi")
    swedish = publish_item(
        official,
        comms,
        language="sv",
        title="Nätverket kräver riskbaserad finansiering",
        translation_of=finnish,
    )

    fi_page = client.get(finnish.get_absolute_url()).content.decode()
    sv_page = client.get(swedish.get_absolute_url()).content.decode()

    assert f'hreflang="sv" href="{swedish.get_absolute_url()}"' in fi_page
    assert f'hreflang="fi" href="{finnish.get_absolute_url()}"' in sv_page
    assert '<html lang="sv">' in sv_page
    with pytest.raises(ValidationError):
        publish_item(official, comms, language="sv", title="Toinen", translation_of=finnish)


def test_public_pages_carry_sharing_metadata_and_are_valid_html(official, comms, client):
    item = publish_item(official, comms)

    for address in [
        reverse("public:home", args=["fi"]),
        item.get_absolute_url(),
        reverse("landing"),
    ]:
        response = client.get(address)
        assert_valid_html(response.content)
    page = client.get(item.get_absolute_url()).content.decode()
    assert (
        '<meta property="og:title" content="Verkosto vaatii riskiperusteista rahoitusta">' in page
    )
    assert (
        '<meta property="og:description" content="Pelastuslaitokset esittävät yhteisen kannan.">'
        in page
    )
    assert 'type="application/atom+xml"' in page


def test_the_atom_feed_parses_back_with_the_right_entries_and_language(official, comms, client):
    publish_item(official, comms, language="fi", title="Suomeksi")
    publish_item(official, comms, language="sv", title="På svenska")

    fi = feedparser.parse(client.get(reverse("public:feed", args=["fi"])).content)
    sv = feedparser.parse(client.get(reverse("public:feed", args=["sv"])).content)

    assert not fi.bozo
    assert fi.version == "atom10"
    assert [e.title for e in fi.entries] == ["Suomeksi"]
    assert [e.title for e in sv.entries] == ["På svenska"]
    assert fi.feed.language == "fi"
    assert sv.feed.language == "sv"


def test_nothing_internal_ever_appears_on_a_public_page_or_feed(official, comms, client):
    bulletin = bulletin_services.bulletin_save(
        actor=comms,
        title="Sisäinen tiedote",
        text="Vain verkostolle.",
        audience=[("network", "all")],
    )
    bulletin_services.bulletin_publish(actor=comms, bulletin=bulletin)
    draft = services.public_item_save(
        actor=official, kind="news", language="fi", title="Keskeneräinen", lead="L", body="B"
    )

    pages = [
        client.get(reverse("public:home", args=["fi"])).content.decode(),
        client.get(reverse("public:feed", args=["fi"])).content.decode(),
    ]

    for content in pages:
        assert "Sisäinen tiedote" not in content
        assert draft.title not in content


def test_only_communications_officers_and_officials_reach_the_publishing_pages(official, comms):
    member = make_user()

    assert sign_in(Client(), member).get(reverse("public:manage")).status_code == 403
    assert sign_in(Client(), official).get(reverse("public:manage")).status_code == 200
    item = services.public_item_save(
        actor=official, kind="news", language="fi", title="T", lead="L", body="B"
    )
    services.public_item_submit(actor=official, item=item)
    refused = sign_in(Client(), official).post(reverse("public:publish", args=[item.pk]))
    assert refused.status_code == 403
    sign_in(Client(), comms).post(reverse("public:publish", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == PublicState.PUBLISHED


def test_the_public_news_list_uses_the_same_queries_with_5_or_500_items(official, comms, client):
    def make(count, start):
        PublicItem.objects.bulk_create(
            [
                PublicItem(
                    language="fi",
                    slug=f"uutinen-{n}",
                    title=f"Uutinen {n}",
                    lead="L",
                    body="B",
                    state=PublicState.PUBLISHED,
                    published_at=timezone.now(),
                    author=official,
                )
                for n in range(start, start + count)
            ]
        )

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("public:home", args=["fi"]))
        return len(captured)

    make(5, 0)
    few = count_queries()
    make(495, 5)

    assert count_queries() == few


def test_an_invalid_publishing_time_publishes_nothing(official, comms):
    item = services.public_item_save(
        actor=official, kind="news", language="fi", title="T", lead="L", body="B"
    )
    services.public_item_submit(actor=official, item=item)

    sign_in(Client(), comms).post(
        reverse("public:publish", args=[item.pk]), {"publish_at": "huomenna"}
    )

    item.refresh_from_db()
    assert item.state == PublicState.IN_REVIEW
