"""A communications officer publishes an urgent bulletin that a director reads, then a
news item that an anonymous visitor finds on the public site and in its feed."""

import re

import feedparser
import pytest
from playwright.sync_api import expect

from communications.bulletins.models import Bulletin
from communications.bulletins.selectors import receipts
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_urgent_bulletin_is_read_and_a_news_item_reaches_the_public(
    page, axe_check, live_server
):
    demo_data_create()
    comms = demo_email("Laura", "Heikkilä")
    director = demo_email("Minna", "Virtanen")

    sign_in_as(page, comms)
    page.goto("/bulletins/new/")
    axe_check(page)
    page.locator("input[name=title]").fill("Kiireellinen: lausuntopyyntö HE 15/2017")
    page.locator("textarea[name=text]").fill("Lausunnot **perjantaihin** mennessä.")
    page.locator("input[name=audience][value='role:director']").check()
    page.locator("input[name=urgent]").check()
    page.locator("button[name=action][value=publish]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kiireellinen: lausuntopyyntö HE 15/2017"
    )
    bulletin = Bulletin.objects.get(title__startswith="Kiireellinen")
    before = receipts(bulletin=bulletin)["departments_read"]
    axe_check(page)

    sign_in_as(page, director)
    expect(page.get_by_role("main")).to_contain_text("Kiireellinen: lausuntopyyntö HE 15/2017")
    page.goto("/bulletins/")
    axe_check(page)
    page.get_by_role("link", name="Kiireellinen: lausuntopyyntö HE 15/2017").click()
    expect(page.locator(".prose")).to_contain_text("perjantaihin")
    axe_check(page)
    assert receipts(bulletin=bulletin)["departments_read"] == before + 1

    # The header's search finds it by an inflected word ("lausuntopyynnön" → "-pyyntö").
    header_search = page.get_by_role("searchbox", name="Hae portaalista")  # she reads Finnish
    header_search.fill("lausuntopyynnön")
    header_search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=lausuntopyynn"))
    result = page.get_by_role("link", name="Kiireellinen: lausuntopyyntö HE 15/2017")
    expect(result).to_be_visible()
    expect(result.locator("mark")).to_have_text("lausuntopyyntö")
    axe_check(page)
    # As you type, htmx swaps in the results for the words so far.
    page.locator("#search-q").fill("perjantai")
    expect(page.locator("#search-results mark")).to_have_text("perjantaihin")
    axe_check(page)
    result = page.get_by_role("link", name="Kiireellinen: lausuntopyyntö HE 15/2017")
    result.click()
    expect(page.locator(".prose")).to_contain_text("perjantaihin")

    sign_in_as(page, comms)
    page.goto(f"/bulletins/{bulletin.pk}/")
    expect(page.get_by_role("main")).to_contain_text(f"{before + 1}")

    page.goto("/public/manage/new/")
    page.locator("input[name=title]").fill("Verkosto kokoontui Kuopiossa")
    page.locator("textarea[name=lead]").fill("Pelastusjohtajat linjasivat maakuntavalmistelua.")
    page.locator("textarea[name=body]").fill("Kokous hyväksyi **yhteisen kannan**.")
    axe_check(page)
    page.locator("main form.form button[type=submit]").click()
    page.locator("form[action$='/submit/'] button").first.click()
    page.locator("form[action$='/publish/'] button").first.click()
    axe_check(page)

    page.context.clear_cookies()
    page.goto("/public/fi/")
    page.get_by_role("link", name="Verkosto kokoontui Kuopiossa").click()
    expect(page.locator(".prose")).to_contain_text("yhteisen kannan")
    axe_check(page)
    feed = feedparser.parse(page.request.get(f"{live_server.url}/public/fi/feed.atom").body())
    assert "Verkosto kokoontui Kuopiossa" in [entry.title for entry in feed.entries]
