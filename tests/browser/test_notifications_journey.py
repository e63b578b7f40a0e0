import re

import pytest
from playwright.sync_api import expect

from communications import services
from communications.kinds import Delivery
from communications.selectors import preferences_for, unread_count
from network.demo import demo_data_create
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_director_reads_notifications_and_chooses_what_is_e_mailed(page, axe_check):
    director = demo_data_create()["director"]
    services.notify(
        recipients=[director],
        kind="reminder",
        params={"title": "Lausuntokierros sulkeutuu 12.3."},
        url="/directory/",
    )
    services.notify(
        recipients=[director], kind="followed_changed", params={"title": "ICT-yhteistyö"}
    )

    sign_in_as(page, director.email)  # she sits on the board: with her second factor
    unread = unread_count(user=director)  # the demo data told her of other things too
    expect(page.locator("#unread-badge")).to_have_text(re.compile(rf"^\s*{unread}\b"))

    page.locator(".notifications-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ilmoitukset")
    expect(page.get_by_role("main")).to_contain_text("Muistutus: Lausuntokierros sulkeutuu 12.3.")
    axe_check(page)

    page.get_by_role("button", name=re.compile("Muistutus: Lausuntokierros")).click()
    expect(page).to_have_url(re.compile(r"/directory/$"))
    expect(page.locator("#unread-badge")).to_have_text(re.compile(rf"^\s*{unread - 1}\b"))

    page.goto("/notifications/preferences/")
    axe_check(page)
    page.get_by_role("group", name="Muistutukset määräajoista").get_by_label(
        "Päivittäiseen koosteeseen"
    ).check()
    page.get_by_label("Päivittäinen kooste lähetetään klo").select_option("16")
    page.get_by_role("button", name="Tallenna valinnat").click()

    expect(page.get_by_role("status")).to_be_visible()
    chosen = {kind.key: delivery for kind, delivery in preferences_for(user=director)}
    assert chosen["reminder"] == Delivery.DIGEST
