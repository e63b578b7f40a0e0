"""A service area's chair updates the year's action plan (goals, a key project's progress,
a new key project), and a board member sees it on the service areas' overview."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.areas.models import ActionPlan, KeyProject, ProjectStatus
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_service_area_chair_updates_the_action_plan(page, axe_check):
    demo_data_create()
    year = timezone.localdate().year
    chair = demo_email("Tiina", "Laaksonen")  # chairs accident prevention
    board_chair = demo_email("Jari", "Honkanen")

    # The chair finds her service area on the overview and opens its plan.
    sign_in_as(page, chair)
    page.goto("/governance/service-areas/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Palvelualueiden suunnitelmat ja edistyminen {year}"
    )
    axe_check(page)
    page.get_by_role("link", name="Onnettomuuksien ehkäisy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Toimintasuunnitelma {year}: Onnettomuuksien ehkäisy"
    )
    axe_check(page)

    # She rewrites the goals in Finnish and Swedish.
    page.get_by_role("link", name="Muokkaa tavoitteita").click()
    page.get_by_label("Tavoitteet (suomeksi)").fill(
        "Riskiperusteinen valvonta on yhdenmukaista.\nKotien paloturvallisuus paranee."
    )
    page.get_by_label("Tavoitteet (ruotsiksi)").fill(
        "Den riskbaserade tillsynen är enhetlig.\nBrandsäkerheten i hemmen förbättras."
    )
    axe_check(page)
    page.get_by_role("button", name="Tallenna tavoitteet").click()
    expect(page.get_by_role("status").first).to_contain_text("tavoitteet on tallennettu")
    expect(page.locator("main")).to_contain_text("Kotien paloturvallisuus paranee.")

    # A key project is late: she says why; the note needs the reason.
    page.get_by_role(
        "link", name="Kirjaa edistyminen – Ikääntyneiden kotien paloturvallisuus"
    ).click()
    page.get_by_label("Myöhässä", exact=True).check()
    axe_check(page)
    page.get_by_role("button", name="Kirjaa edistyminen").click()
    expect(page.locator(".error-summary")).to_contain_text("miksi hanke on riskissä tai myöhässä")
    axe_check(page)
    page.get_by_label("Edistymismerkintä").fill("Kotihoidon koulutukset siirtyivät syksyyn.")
    page.get_by_role("button", name="Kirjaa edistyminen").click()
    project = KeyProject.objects.get(title_fi="Ikääntyneiden kotien paloturvallisuus")
    card = page.locator(f"#project-{project.pk}")
    expect(card).to_contain_text("Myöhässä")
    expect(card).to_contain_text("Kotihoidon koulutukset siirtyivät syksyyn.")
    card.get_by_text(re.compile("^Historia")).click()
    expect(card.locator("details")).to_contain_text("Riskissä → Myöhässä")

    # She adds a new key project with its owner and schedule.
    page.get_by_role("link", name="Lisää kärkihanke").click()
    page.get_by_label("Otsikko (suomeksi)").fill("Palotarkastusten yhteinen tarkistuslista")
    page.get_by_label("Otsikko (ruotsiksi)").fill("Gemensam checklista för brandsyn")
    page.get_by_label("Vastuuhenkilö").select_option(
        label="Aaltonen Markku (Satakunnan pelastuslaitos)"
    )
    page.get_by_label("Alkaa").fill(f"{year}-03-01")
    page.get_by_label("Päättyy").fill(f"{year}-12-31")
    axe_check(page)
    page.get_by_role("button", name="Lisää kärkihanke").click()
    expect(page.locator("main")).to_contain_text("Palotarkastusten yhteinen tarkistuslista")
    axe_check(page)

    plan = ActionPlan.objects.get(body__slug="onnettomuuksien-ehkaisy", year=year)
    assert "Kotien paloturvallisuus paranee." in plan.goals_fi
    assert project.updates.count() >= 2
    project.refresh_from_db()
    assert project.status == ProjectStatus.LATE

    # A board member sees the change on the overview.
    sign_in_as(page, board_chair)
    page.goto("/governance/service-areas/")
    area = page.locator("section", has=page.locator("#area-onnettomuuksien-ehkaisy"))
    expect(area).to_contain_text("Palotarkastusten yhteinen tarkistuslista")
    expect(area).to_contain_text("Kotihoidon koulutukset siirtyivät syksyyn.")
    expect(area).to_contain_text("Kotien paloturvallisuus paranee.")
    axe_check(page)
    # ... and may read, not edit.
    page.get_by_role("link", name="Onnettomuuksien ehkäisy", exact=True).click()
    expect(page.get_by_role("link", name="Muokkaa tavoitteita")).to_have_count(0)
