import re

import pytest
from playwright.sync_api import expect

from network.demo import DEMO_PASSWORD, demo_data_create
from tests.network.mfa_helpers import SECRET, enrol_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_director_signs_in_switches_to_swedish_and_back_and_signs_out(page, axe_check):
    director = demo_data_create()["director"]
    enrol_totp(director)  # she sits on the board: her authenticator app is set up

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pelastuslaitosten kumppanuusverkosto"
    )
    axe_check(page)

    page.get_by_role("link", name="Kirjaudu sisään").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    axe_check(page)

    page.get_by_label("Sähköposti").fill(director.email)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Kirjaudu sisään").click()

    # The password alone does not sign her in: the code from her authenticator app.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    axe_check(page)
    page.locator("input[name=code]").fill(totp_code(SECRET))
    page.get_by_role("main").get_by_role("button", name="Kirjaudu sisään").click()

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minna")
    expect(page.get_by_role("main")).to_contain_text("Pirkanmaan pelastuslaitos")
    axe_check(page)

    page.get_by_role("button", name=re.compile("på svenska")).click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_contain_text("Katalog")
    expect(page.get_by_role("main")).to_contain_text("Birkalands räddningsverk")
    axe_check(page)

    page.get_by_role("link", name="Katalog").click()
    expect(page.get_by_role("table")).to_contain_text("Lapplands räddningsverk")
    axe_check(page)

    page.get_by_role("button", name=re.compile("suomeksi")).click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("table")).to_contain_text("Lapin pelastuslaitos")

    page.get_by_role("link", name="Hae henkilöä").click()
    page.get_by_label("Hae nimellä, tehtävänimikkeellä tai pelastuslaitoksella").fill("rovanp")
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Arto Rovanperä")
    axe_check(page)

    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("banner")).to_contain_text("Kirjaudu sisään")
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
