"""iCalendar (RFC 5545) for meetings: one meeting's .ics and a person's feed.

Times are written in Europe/Helsinki with its VTIMEZONE, which Outlook and Google
Calendar both accept; every event keeps a stable UID and a SEQUENCE that grows with
each change, so calendars update the event instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from governance.models import Meeting, MeetingState
from network.translations import translated
from network.validators import one_line

HELSINKI = ZoneInfo("Europe/Helsinki")


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@verkosto")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(HELSINKI))
    event.add("dtend", meeting.ends_at.astimezone(HELSINKI))
    # Titles are one line; one stored before that rule is folded here, not sent on.
    title = translated(meeting, "title").text
    event.add("summary", one_line(f"{meeting.body.name}: {title}"))
    location = one_line(meeting.location or meeting.video_link)
    if location:
        event.add("location", location)
    url = settings.SITE_URL + meeting.get_absolute_url()
    event.add("url", url)
    description = url if not meeting.video_link else f"{meeting.video_link}\n{url}"
    event.add("description", description)
    event.add("status", "CANCELLED" if meeting.state == MeetingState.CANCELLED else "CONFIRMED")
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Verkosto//Rescue departments' partnership network//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    today = timezone.localdate()
    calendar.add_missing_timezones(
        first_date=date(today.year - 2, 1, 1), last_date=date(today.year + 3, 1, 1)
    )
    return calendar.to_ical()
