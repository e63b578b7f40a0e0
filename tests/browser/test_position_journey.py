"""A shared position's whole life in the browser: draft, consultation with several
departments answering, the board's vote, publication and the public page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.positions.models import Position, PositionState
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_position_from_draft_through_consultation_and_vote_to_the_public_page(page, axe_check):
    demo_data_create()
    official = demo_email("Sanna", "Mäkelä")

    sign_in_as(page, official)
    page.goto("/positions/new/")
    axe_check(page)
    page.locator("input[name=title]").fill("Yhteinen kanta pelastustoimen ICT-palveluista")
    page.locator("textarea[name=summary]").fill(
        "Pelastuslaitokset hankkivat kenttäjärjestelmän yhdessä."
    )
    page.locator("textarea[name=text]").fill("## Esitys\n\nHankinta tehdään **yhdessä**.")
    page.locator("input[name=cornerstones][value=joint]").check()
    page.locator("input[name=workstreams][value=ict]").check()
    page.locator("main form.form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Yhteinen kanta pelastustoimen ICT-palveluista"
    )
    position = Position.objects.get(title="Yhteinen kanta pelastustoimen ICT-palveluista")

    page.locator(f"a[href='/positions/{position.pk}/consultation/open/']").click()
    deadline = timezone.localtime() + timedelta(days=7)
    page.locator("input[name=deadline]").fill(deadline.strftime("%Y-%m-%dT16:00"))
    page.locator("textarea[name=questions]").fill("Sopiiko aikataulu?")
    axe_check(page)
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator("#consultation")).to_contain_text("0 / 22")
    axe_check(page)

    for first, last, stance in [
        ("Minna", "Virtanen", "supports"),
        ("Kari", "Lehtonen", "supports_with_changes"),
        ("Ville", "Heikkinen", "opposes"),
    ]:
        sign_in_as(page, demo_email(first, last))
        # The dashboard says what waits for her department, and leads to it.
        page.goto("/dashboard/")
        waiting = page.get_by_role("link", name=re.compile(f"Lausuntokierros: {position.title}"))
        expect(waiting).to_be_visible()
        waiting.click()
        page.locator(f"input[name=stance][value={stance}]").check()
        page.locator("textarea[name=comment]").fill(f"Kommentti: {last}")
        page.locator(f"form[action='/positions/{position.pk}/consultation/answer/'] button").click()
        expect(page.locator("#consultation")).to_contain_text(f"Kommentti: {last}")
        page.goto("/dashboard/")
        expect(waiting).to_have_count(0)  # answered: it has left the list
    axe_check(page)
    page.goto(f"/positions/{position.pk}/")
    expect(page.locator("#consultation")).to_contain_text("3 / 22")

    sign_in_as(page, official)
    page.goto(f"/positions/{position.pk}/")
    page.locator(f"form[action='/positions/{position.pk}/vote/open/'] button").click()
    # The consultation is still open: closing it early needs a confirmation that says so.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("19")
    axe_check(page)
    page.locator(f"main form[action='/positions/{position.pk}/vote/open/'] button").click()
    expect(page.locator("#vote")).to_be_visible()

    for first, last in [
        ("Jari", "Honkanen"),
        ("Minna", "Virtanen"),
        ("Tiina", "Laaksonen"),
        ("Anne", "Miettinen"),
    ]:
        sign_in_as(page, demo_email(first, last))
        page.goto(f"/positions/{position.pk}/")
        page.locator("input[name=choice][value=approve]").check()
        page.locator(f"form[action='/positions/{position.pk}/vote/'] button").click()
        expect(page.locator("#vote")).to_contain_text(f"{first} {last}")
    axe_check(page)

    sign_in_as(page, demo_email("Jari", "Honkanen"))
    page.goto(f"/positions/{position.pk}/")
    page.locator(f"form[action='/positions/{position.pk}/vote/close/'] button").click()
    position.refresh_from_db()
    assert position.state == PositionState.APPROVED

    sign_in_as(page, demo_email("Laura", "Heikkilä"))
    page.goto(f"/positions/{position.pk}/")
    axe_check(page)
    page.locator("input[name=publication][value=public]").check()
    page.locator(f"form[action='/positions/{position.pk}/publish/'] button").click()
    position.refresh_from_db()
    assert position.state == PositionState.PUBLISHED

    page.context.clear_cookies()
    page.goto(f"/public/positions/{position.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Yhteinen kanta pelastustoimen ICT-palveluista"
    )
    expect(page.locator("main")).to_contain_text("Hankinta tehdään yhdessä.")
    axe_check(page)
