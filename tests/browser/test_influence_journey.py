"""An official records, on her dashboard's reminder, that the network's statement on a
position was given; the guiding view and the key messages read as one document."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.positions.models import InfluenceEntry, InfluenceState
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_official_records_a_statement_given_on_a_position(page, axe_check):
    demo_data_create()
    entry = InfluenceEntry.objects.get(title__startswith="Lausunto sisäministeriölle")
    sign_in_as(page, demo_email("Sanna", "Mäkelä"))

    # The statement's deadline waits on the dashboard of the official responsible for it.
    page.goto("/dashboard/")
    waiting = page.get_by_role("link", name=re.compile(f"Annettu lausunto: {entry.title}"))
    expect(waiting).to_be_visible()
    waiting.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(entry.title)
    axe_check(page)

    page.get_by_label("Annettu tai pidetty").fill(timezone.localdate().isoformat())
    page.get_by_label("Tulos").fill(
        "Lausunto annettiin määräajassa. Ministeriö otti riskiperusteisen mallin huomioon."
    )
    page.get_by_label("Valmis").check()
    page.locator("main").get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vaikuttamisloki")
    row = page.get_by_role("row", name=re.compile(entry.title))
    expect(row).to_contain_text("Valmis")
    axe_check(page)
    entry.refresh_from_db()
    assert entry.state == InfluenceState.DONE

    page.goto(entry.position.get_absolute_url())
    expect(page.locator("#influence")).to_contain_text("Ministeriö otti riskiperusteisen")
    axe_check(page)
    page.goto("/dashboard/")
    expect(waiting).to_have_count(0)  # done: it has left the list

    page.goto("/positions/guiding-view/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ohjaava näkemys tulevaisuuden pelastuslaitoksista"
    )
    page.get_by_label("Näytä muutokset alkaen").fill("2017-01-01")
    page.locator("main").get_by_role("button", name="Näytä").click()
    expect(page.get_by_text(re.compile("Uusi 1.1.2017 jälkeen")).first).to_be_visible()
    axe_check(page)

    page.goto("/positions/key-messages/")
    page.get_by_label("Hae viesteistä").fill("tilannekuva")
    page.locator("main").get_by_role("button", name="Hae").click()
    expect(page.locator("main blockquote")).to_have_count(1)
    axe_check(page)
