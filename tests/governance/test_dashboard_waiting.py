""" "Waiting for you" on the dashboard: each piece of work appears for exactly the people it
waits for, and leaves when it is done."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import AttendanceResponse
from network.models import NetworkRole
from tests.factories import make_network_admin, make_user, sign_in
from tests.governance.conftest import hold, record_presence

pytestmark = pytest.mark.django_db


def waiting_urls(person) -> list[str]:
    response = sign_in(Client(), person).get(reverse("dashboard"))
    assert response.status_code == 200
    return [item.url for item in response.context["waiting"]]


def waits_for(person, url: str) -> bool:
    return any(u.startswith(url) for u in waiting_urls(person))


def test_a_draft_agenda_waits_for_the_chair_and_the_secretary_until_published(meeting, people):
    url = meeting.get_absolute_url()
    assert waits_for(people["secretary"], url)
    assert waits_for(people["chair"], url)
    assert not waits_for(people["member"], url)

    services.meeting_publish(actor=people["secretary"], meeting=meeting)

    assert not any(u == url for u in waiting_urls(people["secretary"]))


def test_after_the_meeting_the_secretary_is_asked_for_attendance_and_minutes(held, people):
    url = held.get_absolute_url() + "#attendance"
    assert url in waiting_urls(people["secretary"])
    assert url not in waiting_urls(people["member"])

    services.minutes_record(
        actor=people["secretary"], item=held.items.first(), discussion="x", decision="y"
    )
    record_presence(held, people["secretary"], absent=[people["member2"]])
    services.minutes_circulate(actor=people["secretary"], meeting=held)

    assert url not in waiting_urls(people["secretary"])


def test_circulated_minutes_wait_for_the_chair_and_for_those_who_attended(held, people):
    services.minutes_record(
        actor=people["secretary"], item=held.items.first(), discussion="x", decision="y"
    )
    record_presence(held, people["secretary"], absent=[people["member2"]])
    services.minutes_circulate(actor=people["secretary"], meeting=held)
    url = held.get_absolute_url() + "#minutes"

    assert url in waiting_urls(people["chair"])  # to approve (and to comment on)
    assert url in waiting_urls(people["member"])  # attended: to comment on
    assert url not in waiting_urls(people["member2"])  # absent
    assert url not in waiting_urls(people["outsider"])

    services.minutes_comment(user=people["member"], meeting=held, text="Kohta 2 tarkemmin.")
    assert url not in waiting_urls(people["member"])
    services.minutes_approve(actor=people["chair"], meeting=held)
    assert url not in waiting_urls(people["chair"])


def test_the_rsvp_question_waits_for_members_until_they_answer(published, people):
    url = published.get_absolute_url() + "#attendance"
    assert url in waiting_urls(people["member2"])
    assert url not in waiting_urls(people["outsider"])

    services.attendance_answer(
        user=people["member2"], meeting=published, response=AttendanceResponse.ATTENDING
    )
    assert url not in waiting_urls(people["member2"])


def test_an_assignment_waits_for_the_working_groups_members(board, working_group, people):
    services.assignment_give(
        actor=people["secretary"],
        body=board,
        working_group=working_group,
        title="ICT-tiekartta",
        description="Laatikaa tiekartta.",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    url = working_group.get_absolute_url()

    assert any(u.startswith(url + "#assignment-") for u in waiting_urls(people["member2"]))
    assert not any(u.startswith(url + "#assignment-") for u in waiting_urls(people["outsider"]))


def test_an_approved_position_waits_for_the_communications_officer_until_published(people):
    from governance.positions import services as positions
    from governance.positions.models import Position, PositionState

    comms = make_user(last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])
    drafter = make_user(last_name="Laatija", roles=[NetworkRole.OFFICIAL])
    position = positions.position_create(
        actor=drafter, title="Rahoitusmalli", summary="Tiivistelmä.", text="Teksti."
    )
    Position.objects.filter(pk=position.pk).update(
        state=PositionState.APPROVED,
        decided_at=timezone.now(),
        decided_version=position.current_version,
    )
    url = position.get_absolute_url() + "#publish-heading"

    assert url in waiting_urls(comms)
    assert url not in waiting_urls(drafter)

    positions.position_publish(actor=comms, position=position, publication="internal")
    assert url not in waiting_urls(comms)


def test_an_unaccepted_invitation_waits_for_network_admins(departments):
    from network import services as network_services
    from tests.network.mfa_helpers import enrol_totp

    admin = make_network_admin()
    enrol_totp(admin)
    invited = network_services.person_invite(
        invited_by=admin,
        email="uusi@pelastuslaitos.example",
        first_name="Uusi",
        last_name="Henkilö",
        department=departments["lappi"],
    ).invitation.user
    director = make_user(last_name="Johtaja", department=departments["kainuu"])

    from tests.network.mfa_helpers import SECRET

    urls = [
        item.url
        for item in sign_in(Client(), admin, totp_secret=SECRET)
        .get(reverse("dashboard"))
        .context["waiting"]
    ]
    assert invited.get_absolute_url() in urls
    assert invited.get_absolute_url() not in waiting_urls(director)


def test_the_meeting_waiting_items_do_not_ask_a_started_meeting(published, people):
    hold(published)

    assert published.get_absolute_url() + "#attendance" not in waiting_urls(people["member2"])


def test_answering_or_commenting_marks_the_meetings_notification_read(held, people):
    from communications.models import Notification

    def unread(person, kind):
        return Notification.objects.filter(
            recipient=person, kind=kind, about_id=str(held.pk), read_at__isnull=True
        ).count()

    assert unread(people["member2"], "agenda_published") == 1
    Meeting = type(held)
    Meeting.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=2)
    )
    held.refresh_from_db()
    services.attendance_answer(
        user=people["member2"], meeting=held, response=AttendanceResponse.ATTENDING
    )
    assert unread(people["member2"], "agenda_published") == 0
    assert unread(people["member"], "agenda_published") == 1

    hold(held)
    services.minutes_record(
        actor=people["secretary"], item=held.items.first(), discussion="x", decision="y"
    )
    record_presence(held, people["secretary"])
    services.minutes_circulate(actor=people["secretary"], meeting=held)
    assert unread(people["member"], "minutes_circulated") == 1
    services.minutes_comment(user=people["member"], meeting=held, text="Hyvä.")
    assert unread(people["member"], "minutes_circulated") == 0
    assert unread(people["member2"], "minutes_circulated") == 1


def test_an_overdue_status_update_waits_for_the_groups_members_until_one_is_posted(
    working_group, people
):
    from governance.models import Status
    from tests.support.dashboard import item_waits, waiting_section

    title = "Työryhmä ICT-yhteistyö: tilannekatsaus myöhässä"
    url = working_group.get_absolute_url()
    # The group began 60 days ago and has posted nothing: 30 days is the limit.
    for key in ("member", "member2"):
        section = waiting_section(people[key])
        assert item_waits(section, title, url), key
        assert "ei vielä tilannekatsauksia" in section
    for key in ("chair", "secretary", "deputy", "outsider"):
        assert not item_waits(waiting_section(people[key]), title, url), key

    services.status_update_post(
        actor=people["member2"],
        group=working_group,
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate(),
        status=Status.ON_TRACK,
        progress="Tiekartta etenee.",
    )

    for key in ("member", "member2"):
        assert not item_waits(waiting_section(people[key]), title, url), key


def test_only_the_chair_is_asked_to_approve_circulated_minutes(held, people):
    from governance.selectors import meeting_work_for

    services.minutes_record(
        actor=people["secretary"], item=held.items.first(), discussion="x", decision="y"
    )
    record_presence(held, people["secretary"], absent=[people["member2"]])
    services.minutes_circulate(actor=people["secretary"], meeting=held)

    assert meeting_work_for(user=people["chair"]).to_approve == [held]
    assert meeting_work_for(user=people["secretary"]).to_approve == []
    assert meeting_work_for(user=people["member"]).to_approve == []


def test_this_weeks_meetings_are_listed_answered_or_not_and_later_ones_only_asked(
    published, board, people
):
    from governance.selectors import meetings_ahead

    later = services.meeting_schedule(
        actor=people["secretary"],
        body=board,
        title="Syyskokous",
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=2),
        location="Teams",
    )
    services.agenda_item_add(actor=people["secretary"], meeting=later, title="Avaus")
    later = services.meeting_publish(actor=people["secretary"], meeting=later)
    services.attendance_answer(
        user=people["member"], meeting=published, response=AttendanceResponse.ATTENDING
    )

    ahead = meetings_ahead(user=people["member"])
    assert ahead.upcoming == [published]
    assert ahead.to_answer == [later]
    assert meetings_ahead(user=people["member2"]).to_answer == [published, later]
    outsider = meetings_ahead(user=people["outsider"])
    assert (outsider.upcoming, outsider.to_answer) == ([], [])
    panel = sign_in(Client(), people["member"]).get(reverse("dashboard")).context["panels"]
    assert [p.context["meetings"] for p in panel if p.key == "meetings"] == [[published]]


def test_a_list_cut_at_ten_says_that_more_wait_and_ten_exactly_does_not(people):
    """Each kind lists its first ten; the heading and the panel then say "more than",
    never a count of what is shown as if it were all."""
    from governance.positions import services as positions
    from governance.positions.models import Position, PositionState
    from tests.support.dashboard import waiting_section

    comms = make_user(last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])
    drafter = make_user(last_name="Laatija", roles=[NetworkRole.OFFICIAL])
    for number in range(11):
        position = positions.position_create(
            actor=drafter, title=f"Kanta {number}", summary="Tiivistelmä.", text="Teksti."
        )
        Position.objects.filter(pk=position.pk).update(
            state=PositionState.APPROVED,
            decided_at=timezone.now(),
            decided_version=position.current_version,
        )

    def dashboard() -> tuple[str, str]:
        page = sign_in(Client(), comms).get(reverse("dashboard")).content.decode()
        return waiting_section(comms), page

    section, page = dashboard()
    assert "Odottaa toimiasi (yli 10)" in section
    assert section.count("– julkaise kanta") == 10
    assert "Yli 10 kantaa odottaa toimiasi." in page

    Position.objects.filter(pk=Position.objects.order_by("pk").first().pk).update(
        state=PositionState.DRAFT
    )
    section, page = dashboard()
    assert "Odottaa toimiasi (10)" in section
    assert "yli 10" not in section
    assert "10 kantaa odottaa toimiasi." in page
    assert "Yli 10" not in page


def schedule_six(board, secretary, title: str, *, publish: bool) -> list:
    """Six meetings of the board on the six coming days, "<title> 1" … "<title> 6"."""
    from tests.governance.conftest import soon

    meetings = []
    for day in range(1, 7):
        starts, ends = soon(days=day)
        meeting = services.meeting_schedule(
            actor=secretary,
            body=board,
            title=f"{title} {day}",
            starts_at=starts,
            ends_at=ends,
            location="Teams",
        )
        if publish:
            services.agenda_item_add(actor=secretary, meeting=meeting, title="Avaus")
            services.meeting_publish(actor=secretary, meeting=meeting)
        meetings.append(meeting)
    return meetings


def test_six_meetings_to_answer_show_five_and_say_more_wait_and_five_do_not(board, people):
    from tests.support.dashboard import waiting_section

    meetings = schedule_six(board, people["secretary"], "Kokous", publish=True)

    section = waiting_section(people["member2"])
    assert section.count("osallistutko?") == 5
    assert "Odottaa toimiasi (yli 5)" in section
    assert "Kokous 6" not in section  # the latest is the one left out

    services.attendance_answer(
        user=people["member2"], meeting=meetings[-1], response=AttendanceResponse.ATTENDING
    )
    section = waiting_section(people["member2"])
    assert "Odottaa toimiasi (5)" in section


def test_six_agendas_to_publish_show_five_and_say_more_wait(board, people):
    from tests.support.dashboard import waiting_section

    schedule_six(board, people["secretary"], "Luonnos", publish=False)

    section = waiting_section(people["secretary"])
    assert section.count("julkaise esityslista") == 5
    assert "Odottaa toimiasi (yli 5)" in section
