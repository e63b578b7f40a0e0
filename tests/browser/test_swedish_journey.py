"""Erik, the Swedish-speaking director of Länsi-Uusimaa, uses the portal in Swedish from
signing in: he reads a shared position in Swedish, answers its consultation for his
department and reads a bulletin to the directors, all found by their Swedish accessible
names, with nothing serious for axe."""

import re

import pytest
from playwright.sync_api import expect

from communications.bulletins import services as bulletins
from governance.positions.models import ConsultationAnswer, Stance
from network.demo import demo_data_create, demo_email
from network.models import User
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSITION_SV = "Räddningsväsendets finansieringsmodell i landskapsreformen"
BULLETIN_SV = "Begäran om utlåtande: räddningsväsendets finansiering"


def test_erik_reads_a_position_answers_and_reads_a_bulletin_in_swedish(page, axe_check):
    demo_data_create()
    comms = User.objects.get(email=demo_email("Laura", "Heikkilä"))
    bulletin = bulletins.bulletin_save(
        actor=comms,
        title="Lausuntopyyntö: pelastustoimen rahoitus",
        text="Vastaukset **perjantaihin** mennessä.",
        title_sv=BULLETIN_SV,
        text_sv="Svaren senast **på fredag**.",
        audience=[("role", "director")],
    )
    bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
    erik = User.objects.get(email=demo_email("Erik", "Lindholm"))
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in_as(page, erik.email)

    # Signed in, the message is already in his language, and the header is one line.
    expect(page.get_by_role("status")).to_contain_text("Du har loggat in som Erik Lindholm")
    assert page.locator(".site-header__inner").bounding_box()["height"] < 70
    axe_check(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Ståndpunkter"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemensamma ståndpunkter")
    page.get_by_role("link", name=POSITION_SV).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(POSITION_SV)
    text = page.locator("#text")
    expect(text).to_contain_text("Räddningsväsendets finansiering i landskapen")
    expect(text).not_to_contain_text("Endast på finska")
    axe_check(page)

    page.get_by_role("radio", name="Stöder med ändringar").check()
    page.get_by_label("Kommentar", exact=True).fill("Skärgården måste beaktas.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_role("status")).to_contain_text("Ditt räddningsverks svar har sparats.")
    expect(page.locator("#consultation")).to_contain_text("Skärgården måste beaktas.")
    answer = ConsultationAnswer.objects.get(department=erik.department)
    assert answer.stance == Stance.SUPPORTS_WITH_CHANGES
    axe_check(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Kommunikation"
    ).click()
    page.get_by_role("link", name=BULLETIN_SV).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BULLETIN_SV)
    expect(page.get_by_role("main")).to_contain_text("Svaren senast på fredag.")
    expect(page.get_by_role("main")).not_to_contain_text("perjantaihin")
    axe_check(page)

    # A position without a Swedish text is shown in Finnish, and says so.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Ståndpunkter"
    ).click()
    page.get_by_role("link", name=re.compile("Ensihoidon palvelutasopäätöksen|Principerna")).click()
    expect(page.locator("#text")).to_contain_text("Endast på finska")
    expect(page.locator("#text div.prose[lang=fi]")).to_be_visible()
    axe_check(page)
