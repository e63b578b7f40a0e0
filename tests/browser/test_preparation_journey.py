"""A director updates readiness, is offered similar work to join, enters a value that
dips, and a board member sees the alert."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.demo import demo_data_create, demo_email
from preparation.models import DipAlert, Indicator, Readiness
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_readiness_shared_work_and_a_dip_alert(page, axe_check):
    demo_data_create()
    director = demo_email("Ville", "Heikkinen")  # Kainuu

    sign_in_as(page, director)
    page.goto("/preparation/readiness/")
    axe_check(page)
    page.locator("a[href='/preparation/readiness/kainuu/contracts/']").click()
    page.locator("input[name=status][value=at_risk]").check()
    page.locator("textarea[name=note]").fill("Sopimusten siirto kesken.")
    axe_check(page)
    page.locator("main form.form button[type=submit]").click()
    assert (
        Readiness.objects.get(department__slug="kainuu", workstream__code="contracts").status
        == "at_risk"
    )

    page.goto("/preparation/work/new/")
    page.locator("input[name=title]").fill("Kenttäjohtojärjestelmän hankinta")
    page.locator("textarea[name=description]").fill("Hankinta Kainuun pelastuslaitokselle.")
    page.locator("select[name=workstream]").select_option(label="ICT ja tieto")
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator("#similar")).to_contain_text("kenttäjohtojärjestelmän hankinta")
    axe_check(page)

    page.goto("/preparation/indicators/values/new/")
    indicator = Indicator.objects.get(code="VALVONTA_TOTEUMA")
    page.locator("select[name=indicator]").select_option(value=str(indicator.pk))
    page.locator("input[name=period]").fill(f"{timezone.localdate().year + 1}")
    page.locator("input[name=value]").fill("70")
    axe_check(page)
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator(".chart")).to_be_visible()
    axe_check(page)
    assert DipAlert.objects.filter(value__department__slug="kainuu", value__value=70).exists()

    sign_in_as(page, demo_email("Jari", "Honkanen"))  # the board's chair
    page.goto("/preparation/alerts/")
    expect(page.locator("main")).to_contain_text("Kainuun pelastuslaitos")
    axe_check(page)
