"""A public item sent for review waits on the dashboard of the communications officers,
and of nobody else, until one of them publishes it."""

import pytest
from django.urls import reverse

from communications.public import services
from network.models import NetworkRole
from tests.factories import make_director, make_user
from tests.support.dashboard import item_waits, waiting_section

pytestmark = pytest.mark.django_db

TITLE = "Verkosto vaatii riskiperusteista rahoitusta"


def test_a_public_item_in_review_waits_for_communications_officers_until_published(
    departments,
):
    official = make_user(first_name="Jukka", last_name="Toimihenkilö", roles=[NetworkRole.OFFICIAL])
    comms = make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])
    comms2 = make_user(first_name="Leena", last_name="Viestijä", roles=[NetworkRole.COMMUNICATIONS])
    director = make_director(departments["kainuu"])
    item = services.public_item_save(
        actor=official,
        kind="news",
        language="fi",
        title=TITLE,
        lead="Pelastuslaitokset esittävät yhteisen kannan.",
        body="Teksti.",
    )
    title = f"Julkinen sivusto: {TITLE} – tarkasta sisältö"
    url = reverse("public:manage") + f"#item-{item.pk}"

    assert not item_waits(waiting_section(comms), title, url)  # a draft is not for review

    services.public_item_submit(actor=official, item=item)

    for person in (comms, comms2):
        section = waiting_section(person)
        assert item_waits(section, title, url)
        assert "lähettäjä: Jukka Toimihenkilö" in section
    for person in (director, official):
        assert not item_waits(waiting_section(person), title, url)

    services.public_item_publish(actor=comms, item=item)

    for person in (comms, comms2):
        assert not item_waits(waiting_section(person), title, url)
