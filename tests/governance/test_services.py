from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from communications.models import Notification
from governance import services
from governance.models import (
    AttendanceResponse,
    Body,
    BodyKind,
    MeetingState,
    Membership,
    MinutesCorrection,
    MinutesState,
    Role,
    Status,
)
from tests.governance.conftest import hold, record_presence, soon

pytestmark = pytest.mark.django_db


def kinds_for(person):
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


# --- Memberships ----------------------------------------------------------------------------


def test_a_network_admin_seats_a_board_member_who_represents_their_department(
    board, people, network_admin
):
    membership = services.membership_add(
        actor=network_admin, body=board, user=people["outsider"], role=Role.MEMBER
    )

    assert membership.is_active
    assert membership.department == people["outsider"].department


def test_a_plain_member_cannot_manage_memberships(board, people):
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=people["member"], body=board, user=people["outsider"], role=Role.MEMBER
        )


def test_ending_a_membership_ends_it_now_and_keeps_the_history(board, people, network_admin):
    membership = Membership.objects.get(body=board, user=people["member2"])

    services.membership_end(actor=network_admin, membership=membership)

    membership.refresh_from_db()
    assert membership.end_date == timezone.localdate() - timedelta(days=1)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not Membership.objects.active().filter(pk=membership.pk).exists()


def test_a_membership_cannot_end_before_it_starts(board, people, network_admin):
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=network_admin,
            body=board,
            user=people["outsider"],
            role=Role.MEMBER,
            start_date=timezone.localdate(),
            end_date=timezone.localdate() - timedelta(days=1),
        )


# --- Meetings and agendas ----------------------------------------------------------------------


def test_a_meeting_ending_before_it_starts_is_refused(board, people):
    starts, ends = soon()

    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(
            actor=people["secretary"],
            body=board,
            title="X",
            starts_at=ends,
            ends_at=starts,
            location="Teams",
        )

    assert "ends_at" in error.value.message_dict


def test_only_the_chair_or_secretary_schedules_meetings(board, people):
    starts, ends = soon()

    with pytest.raises(PermissionDenied):
        services.meeting_schedule(
            actor=people["member"],
            body=board,
            title="X",
            starts_at=starts,
            ends_at=ends,
            location="Teams",
        )


def test_agenda_items_are_numbered_in_order_and_can_be_moved(meeting, people):
    _first, second = meeting.items.order_by("position")

    services.agenda_item_move(actor=people["secretary"], item=second, direction=-1)

    assert [i.title for i in meeting.items.order_by("position")] == ["Rahoitusmalli", "Avaus"]
    assert [i.position for i in meeting.items.order_by("position")] == [1, 2]


def test_an_empty_agenda_item_is_refused(meeting, people):
    with pytest.raises(ValidationError):
        services.agenda_item_add(actor=people["secretary"], meeting=meeting, title="   ")


def test_publishing_tells_the_members_but_not_the_publisher(meeting, people):
    services.meeting_publish(actor=people["secretary"], meeting=meeting)

    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PUBLISHED
    assert kinds_for(people["member"]) == ["agenda_published"]
    assert kinds_for(people["deputy"]) == ["agenda_published"]
    assert kinds_for(people["secretary"]) == []
    assert kinds_for(people["outsider"]) == []


def test_an_empty_agenda_cannot_be_published(board, people):
    starts, ends = soon()
    empty = services.meeting_schedule(
        actor=people["secretary"],
        body=board,
        title="X",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
    )

    with pytest.raises(ValidationError):
        services.meeting_publish(actor=people["secretary"], meeting=empty)


def test_publishing_twice_is_refused(published, people):
    with pytest.raises(ValidationError):
        services.meeting_publish(actor=people["secretary"], meeting=published)


def test_moving_a_published_meeting_tells_the_members_and_updates_the_calendar_sequence(
    published, people
):
    Notification.objects.all().delete()
    before = published.sequence

    services.meeting_update(
        actor=people["secretary"],
        meeting=published,
        starts_at=published.starts_at + timedelta(hours=1),
        ends_at=published.ends_at + timedelta(hours=1),
    )

    assert published.sequence == before + 1
    assert kinds_for(people["member"]) == ["agenda_published"]


def test_a_document_that_is_too_large_or_of_a_forbidden_type_is_refused(meeting, people, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    item = meeting.items.first()

    with translation.override("en"), pytest.raises(ValidationError, match="largest"):
        services.agenda_document_add(
            actor=people["secretary"],
            item=item,
            upload=SimpleUploadedFile("liite.pdf", b"x" * 11, "application/pdf"),
        )
    with pytest.raises(ValidationError, match=r"\.exe") as refused:
        services.agenda_document_add(
            actor=people["secretary"],
            item=item,
            upload=SimpleUploadedFile("ohjelma.exe", b"MZ", "application/octet-stream"),
        )
    assert list(refused.value.message_dict) == ["file"]
    assert item.documents.count() == 0


# --- Attendance -------------------------------------------------------------------------------


def test_members_answer_and_may_send_their_personal_deputy_who_is_told(published, people):
    services.attendance_answer(
        user=people["member"], meeting=published, response=AttendanceResponse.DEPUTY
    )

    attendance = published.attendances.get(user=people["member"])
    assert attendance.deputy == people["deputy"]
    assert "deputy_asked" in kinds_for(people["deputy"])


@pytest.mark.parametrize("other", ["outsider", "chair", "secretary", "member2"])
def test_only_the_members_own_personal_deputy_attends_in_their_place(published, people, other):
    with pytest.raises(ValidationError):
        services.attendance_answer(
            user=people["member"],
            meeting=published,
            response=AttendanceResponse.DEPUTY,
            deputy=people[other],
        )
    assert not published.attendances.exists()


def test_a_member_without_a_personal_deputy_cannot_send_one(published, people):
    with pytest.raises(ValidationError):
        services.attendance_answer(
            user=people["member2"],
            meeting=published,
            response=AttendanceResponse.DEPUTY,
            deputy=people["deputy"],
        )


def test_outsiders_cannot_answer(published, people):
    with pytest.raises(PermissionDenied):
        services.attendance_answer(
            user=people["outsider"], meeting=published, response=AttendanceResponse.ATTENDING
        )


def test_answering_again_replaces_the_answer(published, people):
    for response in [AttendanceResponse.ATTENDING, AttendanceResponse.NOT_ATTENDING]:
        services.attendance_answer(user=people["member"], meeting=published, response=response)

    assert published.attendances.get().response == AttendanceResponse.NOT_ATTENDING


# --- Minutes ----------------------------------------------------------------------------------


def record_all(meeting, secretary):
    for item in meeting.items.all():
        services.minutes_record(
            actor=secretary, item=item, discussion="Keskusteltiin.", decision="Hyväksyttiin."
        )


def test_minutes_go_from_draft_to_comments_to_approved_and_then_lock(published, people, caplog):
    services.attendance_answer(
        user=people["member"], meeting=published, response=AttendanceResponse.ATTENDING
    )
    hold(published)
    record_all(published, people["secretary"])
    record_presence(published, people["secretary"], absent=[people["member2"]])
    published.refresh_from_db()
    assert published.minutes_state == MinutesState.DRAFT

    services.minutes_circulate(actor=people["secretary"], meeting=published)
    services.minutes_comment(user=people["member"], meeting=published, text="Kohta 2 tarkemmin.")
    with caplog.at_level("INFO", logger="verkosto.decisions"):
        services.minutes_approve(actor=people["chair"], meeting=published)

    assert [r.getMessage() for r in caplog.records if r.name == "verkosto.decisions"] == [
        f"Meeting {published.pk}: minutes approved"
    ]
    published.refresh_from_db()
    assert published.minutes_state == MinutesState.APPROVED
    assert published.minutes_approved_by == people["chair"]
    assert "minutes_circulated" in kinds_for(people["member"])
    assert "minutes_circulated" not in kinds_for(people["member2"])  # was recorded absent
    with pytest.raises(ValidationError):
        services.minutes_record(
            actor=people["secretary"], item=published.items.first(), discussion="x", decision="y"
        )


def test_only_the_chair_approves_the_minutes(held, people):
    published = held
    record_all(published, people["secretary"])
    record_presence(published, people["secretary"])

    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=people["secretary"], meeting=published)


def test_approved_minutes_change_only_as_a_recorded_correction(held, people):
    published = held
    record_all(published, people["secretary"])
    record_presence(published, people["secretary"])
    services.minutes_approve(actor=people["chair"], meeting=published)
    item = published.items.first()

    correction = services.minutes_correct(
        actor=people["secretary"],
        item=item,
        field="decision",
        text="Hyväksyttiin muutoksin.",
        reason="Kirjoitusvirhe",
    )

    item.refresh_from_db()
    assert item.decision == "Hyväksyttiin muutoksin."
    assert (correction.before, correction.after) == ("Hyväksyttiin.", "Hyväksyttiin muutoksin.")
    assert MinutesCorrection.objects.count() == 1


def test_a_correction_needs_a_reason(held, people):
    published = held
    record_all(published, people["secretary"])
    record_presence(published, people["secretary"])
    services.minutes_approve(actor=people["chair"], meeting=published)

    with pytest.raises(ValidationError):
        services.minutes_correct(
            actor=people["secretary"],
            item=published.items.first(),
            field="decision",
            text="x",
            reason=" ",
        )


def test_comments_are_taken_only_while_the_minutes_are_circulated(published, people):
    with pytest.raises(ValidationError):
        services.minutes_comment(user=people["member"], meeting=published, text="Huomio")


# --- Assignments and status updates -----------------------------------------------------------


def test_a_body_gives_its_working_group_an_assignment_and_the_group_is_told(
    board, working_group, people
):
    services.assignment_give(
        actor=people["chair"],
        body=board,
        working_group=working_group,
        title="Tiekartta",
        description="Laatikaa tiekartta.",
        deadline=timezone.localdate() + timedelta(days=30),
    )

    assert "assignment_given" in kinds_for(people["member2"])


def test_an_assignment_deadline_cannot_be_in_the_past(board, working_group, people):
    with pytest.raises(ValidationError):
        services.assignment_give(
            actor=people["chair"],
            body=board,
            working_group=working_group,
            title="T",
            description="D",
            deadline=timezone.localdate() - timedelta(days=1),
        )


def post(group, person, **extra):
    values = {
        "period_start": timezone.localdate() - timedelta(days=14),
        "period_end": timezone.localdate(),
        "status": Status.ON_TRACK,
        "progress": "Edistyy.",
    }
    values.update(extra)
    return services.status_update_post(actor=person, group=group, **values)


def test_working_group_members_post_status_updates_and_followers_hear(working_group, people):
    from communications.services import follow_set

    follow_set(user=people["chair"], about=working_group, following=True)

    update = post(working_group, people["member2"], status=Status.AT_RISK, blockers="Rahoitus")

    assert update.status == Status.AT_RISK
    assert kinds_for(people["chair"]) == ["status_update_posted"]


def test_only_members_post_status_updates(working_group, people):
    with pytest.raises(PermissionDenied):
        post(working_group, people["outsider"])


def test_a_closed_group_takes_no_status_updates(working_group, people):
    services.working_group_close(actor=people["chair"], group=working_group)

    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        post(working_group, people["member2"])


def test_a_status_period_cannot_end_before_it_starts(working_group, people):
    with pytest.raises(ValidationError):
        post(
            working_group,
            people["member2"],
            period_start=timezone.localdate(),
            period_end=timezone.localdate() - timedelta(days=1),
        )


def test_status_updates_keep_their_attachments(working_group, people):
    update = post(
        working_group,
        people["member2"],
        attachments=[SimpleUploadedFile("raportti.pdf", b"%PDF-1.4 ...", "application/pdf")],
    )

    assert [a.original_name for a in update.attachments.all()] == ["raportti.pdf"]


def test_an_overdue_group_is_reminded_once_a_week(working_group, people, settings):
    settings.STATUS_UPDATE_OVERDUE_DAYS = 30
    Body.objects.filter(pk=working_group.pk).update(
        term_start=timezone.localdate() - timedelta(days=90)
    )
    now = timezone.now()

    first = services.overdue_groups_remind(now=now)
    again = services.overdue_groups_remind(now=now + timedelta(days=1))
    week_later = services.overdue_groups_remind(now=now + timedelta(days=8))

    assert (first, again, week_later) == (1, 0, 1)
    assert kinds_for(people["member2"]).count("status_update_overdue") == 2


def test_posting_the_overdue_update_marks_every_members_reminder_read(working_group, people):
    from communications.models import Notification

    Body.objects.filter(pk=working_group.pk).update(
        term_start=timezone.localdate() - timedelta(days=90)
    )
    services.overdue_groups_remind(now=timezone.now())
    reminders = Notification.objects.filter(kind="status_update_overdue")
    assert reminders.filter(read_at__isnull=True).count() >= 2

    post(working_group, people["member2"])

    assert not reminders.filter(read_at__isnull=True).exists()


def test_a_group_that_posted_recently_is_not_overdue(working_group, people):
    from governance.selectors import working_groups_overview

    Body.objects.filter(pk=working_group.pk).update(
        term_start=timezone.localdate() - timedelta(days=90)
    )
    post(working_group, people["member2"])

    (row,) = working_groups_overview()
    assert not row.overdue
    assert services.overdue_groups_remind() == 0


def test_working_groups_are_set_up_by_the_board_or_a_service_area(board, people):
    group = services.working_group_create(
        actor=people["chair"],
        parent=board,
        name_fi="Uusi työryhmä",
        term_end=timezone.localdate() + timedelta(days=100),
    )

    assert group.kind == BodyKind.WORKING_GROUP
    assert group.parent == board
    with pytest.raises(ValidationError):
        services.working_group_create(actor=people["chair"], parent=group, name_fi="Alaryhmä")


def test_minutes_cannot_be_saved_after_the_chair_has_approved_them(held, people):
    published = held
    record_all(published, people["secretary"])
    record_presence(published, people["secretary"])
    services.minutes_approve(actor=people["chair"], meeting=published)
    item = published.items.first()

    with pytest.raises(ValidationError):
        services.minutes_record_all(
            actor=people["secretary"], meeting=published, entries={item.pk: ("x", "y")}
        )

    item.refresh_from_db()
    assert item.decision == "Hyväksyttiin."


def test_members_are_listed_in_role_order_whatever_their_names(departments):
    from governance.models import Body, BodyKind, Role
    from governance.selectors import body_memberships
    from tests.factories import make_user
    from tests.governance.conftest import seat

    body = Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="rooli", name_fi="Roolijärjestys")
    # Names in the reverse of the role order, so that sorting by name alone would fail.
    for last_name, role in [
        ("Ahonen", Role.OFFICIAL),
        ("Björk", Role.DEPUTY),
        ("Castrén", Role.MEMBER),
        ("Dahl", Role.SECRETARY),
        ("Eskola", Role.VICE_CHAIR),
        ("Forsman", Role.CHAIR),
    ]:
        seat(body, make_user(last_name=last_name), role)

    listed = [m.role for m in body_memberships(body=body, current=True)]

    assert listed == [
        Role.CHAIR,
        Role.VICE_CHAIR,
        Role.SECRETARY,
        Role.MEMBER,
        Role.DEPUTY,
        Role.OFFICIAL,
    ]
