"""A director comments on a strategy review round from the dashboard, and the directors'
meeting's secretary records the meeting's decision, which closes the round."""

import re

import pytest
from playwright.sync_api import expect

from governance.models import Meeting
from governance.review.models import ReviewRound, ReviewState
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_directors_meetings_decision_closes_a_review_round(page, axe_check):
    demo_data_create()
    review = ReviewRound.objects.get(state=ReviewState.OPEN)

    # A director finds the round waiting for her department's comment and comments.
    sign_in_as(page, demo_email("Päivi", "Korhonen"))  # Keski-Uusimaa
    page.goto("/dashboard/")
    waiting = page.get_by_role("link", name=re.compile("Strategian tarkistus: .*kommentti puuttuu"))
    expect(waiting).to_be_visible()
    axe_check(page)
    waiting.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(review.name_fi)
    expect(page.get_by_role("heading", name="Tilannetieto")).to_be_visible()
    expect(page.get_by_role("heading", name="Näyttö", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_label("Pelastuslaitoksesi kommentti").fill(
        "Yhteinen valmistelu on toiminut; vaikuttamisen seurantaa pitää vahvistaa."
    )
    page.get_by_role("button", name="Lähetä kommentti").click()
    expect(page.locator("section[aria-labelledby=comments]")).to_contain_text(
        "Keski-Uudenmaan pelastuslaitos"
    )
    axe_check(page)
    page.goto("/dashboard/")
    expect(page.get_by_role("link", name=re.compile("kommentti puuttuu"))).to_have_count(0)

    # The directors' meeting's secretary records the meeting's decision.
    sign_in_as(page, demo_email("Sanna", "Mäkelä"))
    page.goto(review.get_absolute_url())
    page.get_by_role("link", name="Kirjaa päätös").click()
    axe_check(page)
    held = Meeting.objects.get(title="Pelastusjohtajien kokous (edellinen)")
    page.get_by_label("Johtajakokouksen kokous").select_option(value=str(held.pk))
    page.get_by_label("Päätös suomeksi").fill(
        "Johtajakokous hyväksyi loppuarvioinnin; seuraavan strategian valmistelu alkaa."
    )
    page.get_by_label("Päätös ruotsiksi").fill(
        "Direktörsmötet godkände slututvärderingen; beredningen av nästa strategi inleds."
    )
    page.get_by_role("button", name="Kirjaa päätös").click()

    expect(page.locator("section[aria-labelledby=decision]")).to_contain_text(
        "seuraavan strategian"
    )
    expect(page.get_by_text("Kommentointi on päättynyt.")).to_be_visible()
    expect(page.get_by_role("button", name="Lähetä kommentti")).to_have_count(0)
    axe_check(page)
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    assert review.decided_in.title == "Pelastusjohtajien kokous (edellinen)"
