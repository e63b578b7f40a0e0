"""Bad input to governance gets a form error with a clear message, never a 500: dates
stay within the sensible years and titles on one line, so pages, calendars and e-mails
built from them keep working for everyone."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance import services
from governance.models import Assignment, Body, Meeting, Membership, StatusUpdate
from tests.governance.conftest import soon

pytestmark = pytest.mark.django_db

YEAR_1 = "0001-01-01"


def year_1_meeting_fields(**extra):
    return {
        "title": "Kokous, jota ei saa hukata",
        "starts_at": "0001-01-01T10:00",
        "ends_at": "0001-01-01T12:00",
        "location": "Kuntatalo",
        **extra,
    }


def test_a_meeting_in_the_year_1_is_a_form_error_and_the_body_page_keeps_working(
    board, people, as_person
):
    client = as_person(people["secretary"])

    response = client.post(
        reverse("governance:meeting_new", args=[board.slug]), year_1_meeting_fields()
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"starts_at", "ends_at"}
    assert "2000" in form.errors["starts_at"][0]
    assert 'value="Kokous, jota ei saa hukata"' in response.content.decode()
    assert not Meeting.objects.exists()
    assert client.get(board.get_absolute_url()).status_code == 200


def test_a_meeting_cannot_be_moved_to_the_year_2101(published, people, as_person):
    client = as_person(people["secretary"])

    response = client.post(
        reverse("governance:meeting_edit", args=[published.pk]),
        {
            "title": published.title,
            "starts_at": "2101-01-01T10:00",
            "ends_at": "2101-01-01T12:00",
            "location": "Teams",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"]
    assert client.get(reverse("governance:meeting_ics", args=[published.pk])).status_code == 200


def test_the_meeting_services_refuse_the_year_1(board, people, published):
    year_1 = timezone.make_aware(datetime(1, 1, 2, 10, 0))

    with pytest.raises(ValidationError) as refused:
        services.meeting_schedule(
            actor=people["secretary"],
            body=board,
            title="Kokous",
            starts_at=year_1,
            ends_at=year_1 + timedelta(hours=2),
            location="Teams",
        )
    assert {"starts_at", "ends_at"} <= set(refused.value.message_dict)
    with pytest.raises(ValidationError):
        services.meeting_update(
            actor=people["secretary"],
            meeting=published,
            starts_at=year_1,
            ends_at=year_1 + timedelta(hours=2),
        )


def test_a_meeting_title_typed_with_a_line_break_is_saved_on_one_line(board, people, as_person):
    starts, ends = soon()

    response = as_person(people["secretary"]).post(
        reverse("governance:meeting_new", args=[board.slug]),
        {
            "title": "Ylimääräinen\r\nkokous",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": ends.strftime("%Y-%m-%dT%H:%M"),
            "location": "Kuntatalo",
        },
    )

    assert response.status_code == 302
    assert Meeting.objects.get().title == "Ylimääräinen kokous"


def test_the_services_refuse_a_meeting_or_agenda_item_title_with_a_line_break(
    board, people, meeting
):
    starts, ends = soon()

    with pytest.raises(ValidationError) as meeting_refused:
        services.meeting_schedule(
            actor=people["secretary"],
            body=board,
            title="Kaksi\nriviä",
            starts_at=starts,
            ends_at=ends,
            location="Teams",
        )
    with pytest.raises(ValidationError) as item_refused:
        services.agenda_item_add(actor=people["secretary"], meeting=meeting, title="Kaksi\rriviä")

    assert "title" in meeting_refused.value.message_dict
    assert "title" in item_refused.value.message_dict


def test_a_meeting_title_stored_with_a_line_break_gives_a_valid_one_line_ics(
    published, people, as_person
):
    # A row from before titles were checked.
    Meeting.objects.filter(pk=published.pk).update(title="Hallituksen\r\nkokous")
    client = as_person(people["member"])

    response = client.get(reverse("governance:meeting_ics", args=[published.pk]))
    feed = client.get(
        reverse(
            "governance:calendar_feed",
            args=[services.calendar_feed_get_or_create(user=people["member"]).token],
        )
    )

    for ics in (response.content, feed.content):
        (event,) = Calendar.from_ical(ics).walk("VEVENT")
        assert str(event["summary"]).endswith("Hallituksen kokous")
        for line in ics.split(b"\r\n"):
            assert b"\n" not in line and b"\r" not in line


def test_an_assignment_with_a_deadline_in_the_year_2101_is_a_form_error(
    board, working_group, people, as_person
):
    response = as_person(people["chair"]).post(
        reverse("governance:assignment_new", args=[board.slug]),
        {
            "working_group": working_group.pk,
            "title": "Selvitys",
            "description": "Kuvaus",
            "deadline": "2101-01-01",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert not Assignment.objects.exists()


def test_the_assignment_service_refuses_a_far_deadline_and_a_two_line_title(
    board, working_group, people
):
    for title, deadline in (("Selvitys", date(2101, 1, 1)), ("Kaksi\nriviä", date(2030, 1, 1))):
        with pytest.raises(ValidationError):
            services.assignment_give(
                actor=people["chair"],
                body=board,
                working_group=working_group,
                title=title,
                description="Kuvaus",
                deadline=deadline,
            )

    assert not Assignment.objects.exists()


def test_a_status_update_for_the_year_1_is_a_form_error(working_group, people, as_person):
    response = as_person(people["member"]).post(
        reverse("governance:status_update_new", args=[working_group.slug]),
        {
            "period_start": YEAR_1,
            "period_end": "2025-01-31",
            "status": "on_track",
            "progress": "Edistystä, jota ei saa hukata",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["period_start"]
    assert "Edistystä, jota ei saa hukata" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_a_working_group_whose_term_ends_in_2101_is_a_form_error(board, people, as_person):
    response = as_person(people["chair"]).post(
        reverse("governance:working_group_new", args=[board.slug]),
        {
            "name_fi": "Uusi ryhmä",
            "mandate": "Tehtävä",
            "term_start": "2025-01-01",
            "term_end": "2101-01-01",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["term_end"]
    assert not Body.objects.filter(name_fi="Uusi ryhmä").exists()


def test_a_membership_from_the_year_1_is_a_form_error(working_group, people, as_person):
    before = Membership.objects.count()

    response = as_person(people["member"]).post(  # the working group's chair
        reverse("governance:membership_add", args=[working_group.slug]),
        {"user": people["outsider"].pk, "role": "member", "start_date": YEAR_1},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["start_date"]
    assert Membership.objects.count() == before


def test_an_agenda_item_moves_up_through_the_move_form(meeting, people, as_person):
    first, second = meeting.items.order_by("position")
    client = as_person(people["secretary"])

    response = client.post(
        reverse("governance:agenda_item_move", args=[second.pk]), {"direction": "up"}
    )

    assert response.status_code == 302
    assert list(meeting.items.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


@pytest.mark.parametrize("data", [{}, {"direction": "sideways"}, {"direction": "up\x00"}])
def test_a_move_without_a_known_direction_is_a_bad_request_and_moves_nothing(
    meeting, people, as_person, data
):
    first, second = meeting.items.order_by("position")
    client = as_person(people["secretary"])

    response = client.post(reverse("governance:agenda_item_move", args=[first.pk]), data)

    assert response.status_code == 400
    assert list(meeting.items.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
