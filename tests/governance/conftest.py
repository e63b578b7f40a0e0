from datetime import timedelta

import pytest
from django.utils import timezone

from governance import services
from governance.models import Body, BodyKind, Membership, Role
from tests.factories import make_user, sign_in


def seat(body: Body, user, role: str = Role.MEMBER, **extra) -> Membership:
    extra.setdefault("start_date", timezone.localdate() - timedelta(days=30))
    extra.setdefault("department", user.department)
    return Membership.objects.create(body=body, user=user, role=role, **extra)


@pytest.fixture
def people(departments):
    """The cast of a body: chair, secretary, two members, a personal deputy, an outsider."""
    return {
        "chair": make_user(
            first_name="Jari", last_name="Puheenjohtaja", department=departments["helsinki"]
        ),
        "secretary": make_user(first_name="Sanna", last_name="Sihteeri"),
        "member": make_user(
            first_name="Minna", last_name="Jäsen", department=departments["pirkanmaa"]
        ),
        "member2": make_user(
            first_name="Timo", last_name="Jäsen2", department=departments["kainuu"]
        ),
        "deputy": make_user(
            first_name="Janne", last_name="Varajäsen", department=departments["pirkanmaa"]
        ),
        "outsider": make_user(first_name="Ulla", last_name="Ulkopuolinen"),
    }


@pytest.fixture
def board(people):
    body = Body.objects.create(
        kind=BodyKind.BOARD, slug="hallitus", name_fi="Pelastusjohtajien hallitus"
    )
    seat(body, people["chair"], Role.CHAIR)
    seat(body, people["secretary"], Role.SECRETARY)
    # The deputy is the Pirkanmaa member's personal deputy.
    seat(body, people["member"], personal_deputy=people["deputy"])
    seat(body, people["member2"])
    return body


@pytest.fixture
def working_group(board, people):
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="ict",
        name_fi="ICT-yhteistyö",
        parent=board,
        term_start=timezone.localdate() - timedelta(days=60),
    )
    seat(group, people["member"], Role.CHAIR)
    seat(group, people["member2"])
    return group


def soon(days: int = 3, hour: int = 13):
    start = (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return start, start + timedelta(hours=2)


@pytest.fixture
def meeting(board, people):
    starts, ends = soon()
    meeting = services.meeting_schedule(
        actor=people["secretary"],
        body=board,
        title="Hallituksen kokous",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
    )
    services.agenda_item_add(actor=people["secretary"], meeting=meeting, title="Avaus")
    services.agenda_item_add(
        actor=people["secretary"],
        meeting=meeting,
        title="Rahoitusmalli",
        proposed_decision="Lähetetään lausunnolle.",
    )
    return meeting


@pytest.fixture
def published(meeting, people):
    return services.meeting_publish(actor=people["secretary"], meeting=meeting)


@pytest.fixture
def as_person(client):
    def login(person):
        client.logout()
        return sign_in(client, person)

    return login


def hold(meeting):
    """Let the meeting's time come: it started two hours ago."""
    from governance.models import Meeting

    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


def record_presence(meeting, secretary, absent=(), deputised=()):
    """The secretary records that everyone attended, except those named."""
    from governance import selectors
    from governance.models import PresenceStatus

    entries = {}
    for seat in selectors.meeting_seats(meeting=meeting):
        entries[seat.user_id] = PresenceStatus.PRESENT
        if seat.user in absent:
            entries[seat.user_id] = PresenceStatus.ABSENT
        if seat.user in deputised:
            entries[seat.user_id] = PresenceStatus.DEPUTY
    services.attendance_record(actor=secretary, meeting=meeting, entries=entries)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def held(published, people):
    """A published board meeting that has started."""
    return hold(published)
