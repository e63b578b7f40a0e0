"""A director records that the department has adopted a shared solution and sees the
uniformity view change."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from network.demo import demo_data_create, demo_email
from network.models import User
from preparation.solutions import services
from preparation.solutions.models import Adoption, Solution
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_director_records_adoption_and_the_uniformity_view_changes(page, axe_check):
    demo_data_create()
    admin = User.objects.get(email=demo_email("Anna", "Lindqvist"))
    board = Solution.objects.order_by("pk").first().approved_by
    services.solution_publish(
        actor=admin,
        title_fi="Öljyvahinkotorjunnan yhteinen toimintamalli",
        title_sv="Gemensam verksamhetsmodell för oljeskadebekämpning",
        description_fi="Yhteinen toimintamalli öljyvahinkojen torjuntaan.",
        kind="practice",
        version="1.0",
        approved_by=board,
        approved_on=date(2017, 5, 1),
    )
    sign_in_as(page, demo_email("Ville", "Heikkinen"))  # Kainuu's director

    page.goto("/preparation/solutions/")
    axe_check(page)
    headline = page.locator("#headline").inner_text()
    kainuu = page.locator("#department-kainuu")
    expect(kainuu).to_contain_text("ei kirjattu")

    # The dashboard says what waits on him, and takes him to the record.
    page.goto("/dashboard/")
    page.get_by_role(
        "link",
        name="Kirjaa, onko Kainuun pelastuslaitos ottanut käyttöön: "
        "Öljyvahinkotorjunnan yhteinen toimintamalli",
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kainuun pelastuslaitos: Öljyvahinkotorjunnan yhteinen toimintamalli"
    )
    axe_check(page)
    page.get_by_label("Käytössä paikallisin muutoksin").check()
    page.get_by_role("button", name="Kirjaa käyttöönotto").click()
    expect(page.get_by_role("main")).to_contain_text("Kerro, mitä paikallisesti muutettiin")
    axe_check(page)
    page.get_by_label("Paikalliset muutokset ja niiden syy").fill(
        "Kainuussa ei ole merialuetta: sisävesiosuus korostettu."
    )
    page.get_by_role("button", name="Kirjaa käyttöönotto").click()

    expect(page).to_have_url(re.compile(r"/preparation/solutions/#department-kainuu$"))
    expect(page.get_by_role("main")).to_contain_text("Käyttöönotto kirjattiin.")
    expect(page.locator("#headline")).not_to_have_text(headline)
    expect(page.locator("#department-kainuu")).to_contain_text("Käytössä paikallisin muutoksin")
    axe_check(page)
    adoption = Adoption.objects.get(
        department__slug="kainuu", solution__title_fi__startswith="Öljyvahinko"
    )
    assert adoption.status == "in_use_local"
