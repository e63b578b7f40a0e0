"""A board meeting from agenda to approved minutes, and a working group's status update,
by the people who do them, in the browser."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Meeting, MinutesState
from network.demo import demo_data_create, demo_email
from tests.browser.conftest import sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page):
    page.locator("main form.form button[type=submit]").first.click()


def test_from_agenda_to_approved_minutes_and_a_status_update_on_the_overview(page, axe_check):
    demo_data_create()
    secretary = demo_email("Sanna", "Mäkelä")
    member = demo_email("Minna", "Virtanen")
    chair = demo_email("Jari", "Honkanen")
    starts = timezone.localtime() + timedelta(days=2)

    # The secretary schedules a board meeting and builds its agenda.
    sign_in_as(page, secretary)
    page.goto("/governance/bodies/hallitus/")
    axe_check(page)
    page.locator("a[href='/governance/bodies/hallitus/meetings/new/']").click()
    page.locator("input[name=title]").fill("Ylimääräinen hallituksen kokous")
    page.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.locator("input[name=ends_at]").fill(starts.strftime("%Y-%m-%dT11:00"))
    page.locator("input[name=location]").fill("Kuntatalo, Helsinki")
    axe_check(page)
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ylimääräinen hallituksen kokous")
    meeting = Meeting.objects.get(title="Ylimääräinen hallituksen kokous")

    page.locator(f"a[href='/governance/meetings/{meeting.pk}/items/new/']").first.click()
    page.locator("input[name=title]").fill("Rahoitusmallin kannanotto")
    page.locator("textarea[name=proposed_decision]").fill("Hyväksytään lausuntokierrokselle.")
    submit(page)
    expect(page.locator(".agenda")).to_contain_text("Rahoitusmallin kannanotto")
    axe_check(page)
    page.locator(f"form[action='/governance/meetings/{meeting.pk}/publish/'] button").click()
    expect(page.get_by_role("status").first).to_be_visible()

    # A member answers that she attends.
    sign_in_as(page, member)
    page.goto(f"/governance/meetings/{meeting.pk}/")
    axe_check(page)
    page.locator("input[name=response][value=attending]").check()
    page.locator(f"form[action='/governance/meetings/{meeting.pk}/attendance/'] button").click()
    expect(page.locator("#attendance table")).to_contain_text("Minna Virtanen")
    assert meeting.attendances.get().user.email == member

    # The meeting is held. The secretary records who attended, starting from the answers.
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1)
    )
    sign_in_as(page, secretary)
    page.goto(f"/governance/meetings/{meeting.pk}/")
    page.locator(f"a[href='/governance/meetings/{meeting.pk}/attendance/record/']").click()
    member_id = meeting.attendances.get().user_id
    expect(page.locator(f"input[name=seat_{member_id}][value=present]")).to_be_checked()
    for radio in page.locator("input[type=radio][value=present]").all():
        radio.check()
    axe_check(page)
    submit(page)
    expect(page.locator("#attendance .quorum")).to_be_visible()

    # The secretary records the minutes and sends them for comments.
    page.goto(f"/governance/meetings/{meeting.pk}/minutes/")
    axe_check(page)
    page.locator("textarea[name^=discussion_]").fill("Keskusteltiin rahoitusmallista.")
    submit(page)
    page.locator(
        f"form[action='/governance/meetings/{meeting.pk}/minutes/circulate/'] button"
    ).click()
    expect(page.locator("#minutes")).to_be_visible()

    # The chair approves them.
    sign_in_as(page, chair)
    page.goto(f"/governance/meetings/{meeting.pk}/")
    page.locator(
        f"form[action='/governance/meetings/{meeting.pk}/minutes/approve/'] button"
    ).click()
    meeting.refresh_from_db()
    assert meeting.minutes_state == MinutesState.APPROVED
    page.goto(f"/governance/meetings/{meeting.pk}/print/minutes/")
    expect(page.locator("main")).to_contain_text("Hyväksytään lausuntokierrokselle.")
    axe_check(page)

    # A working-group member posts a status update; the board overview shows it.
    sign_in_as(page, member)
    page.goto("/governance/bodies/ict-yhteistyo/status/new/")
    page.locator("input[name=period_start]").fill("2018-03-01")
    page.locator("input[name=period_end]").fill("2018-03-14")
    page.locator("input[name=status][value=off_track]").check()
    page.locator("textarea[name=progress]").fill("Kenttäjärjestelmän hankinta keskeytyi.")
    axe_check(page)
    submit(page)
    expect(page.locator(".timeline")).to_contain_text("Kenttäjärjestelmän hankinta keskeytyi.")

    sign_in_as(page, chair)
    page.goto("/governance/status/")
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile("ICT")))
    expect(row).to_contain_text("■")
    axe_check(page)
