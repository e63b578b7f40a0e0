"""State changes of governance. Each function checks the actor's right, validates,
writes in one transaction and tells the people concerned."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communications.kinds import datetime_param
from communications.services import notifications_mark_done, notify, notify_followers
from governance import permissions, selectors
from governance.kinds import (
    AGENDA_PUBLISHED,
    ASSIGNMENT_GIVEN,
    DEPUTY_ASKED,
    MINUTES_APPROVED,
    MINUTES_CIRCULATED,
    STATUS_OVERDUE,
    STATUS_UPDATE_POSTED,
)
from governance.models import (
    VOTING_ROLES,
    AgendaDocument,
    AgendaItem,
    Assignment,
    AssignmentStatus,
    Attendance,
    AttendanceResponse,
    Body,
    BodyKind,
    CalendarFeed,
    Meeting,
    MeetingState,
    Membership,
    MembershipAction,
    MembershipChange,
    MinutesComment,
    MinutesCorrection,
    MinutesState,
    Presence,
    PresenceStatus,
    StatusAttachment,
    StatusUpdate,
    new_feed_token,
)
from network.models import Department, User
from network.permissions import require
from network.search import search_index, search_index_many, search_remove
from network.translations import versions

logger = logging.getLogger(__name__)
#: Decisions of bodies, one log line each (as positions' and review rounds' decisions).
decisions = logging.getLogger("verkosto.decisions")


def _member_ids(body: Body) -> list[int]:
    """Everyone seated in the body now, and the personal deputies of those seats (who may
    have to attend in their place)."""
    seats = Membership.objects.active().filter(body=body)
    members = seats.filter(user__is_active=True).values_list("user_id", flat=True)
    deputies = seats.filter(personal_deputy__is_active=True).values_list(
        "personal_deputy_id", flat=True
    )
    return sorted(set(members) | set(deputies))


# --- Bodies and memberships ----------------------------------------------------------------


def _seat_change(membership: Membership, actor: User, action: str, **detail: Any) -> None:
    MembershipChange.objects.create(
        body_id=membership.body_id,
        membership=membership,
        actor=actor,
        action=action,
        detail={
            "person": membership.user.full_name,
            "role": membership.role,
            "actor": actor.full_name,
            **detail,
        },
    )


def _lock_body(body: Body) -> None:
    """Seat changes of one body are made one at a time."""
    Body.objects.select_for_update().filter(pk=body.pk).first()


def membership_add(
    *,
    actor: User,
    body: Body,
    user: User,
    role: str,
    department: Department | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Membership:
    """Seat a person in a body. The person's own department is assumed if none is given.
    Nobody seats themselves; seats of the directors' meeting and the board are given by
    network admins only."""
    require(permissions.can_manage_seats(actor, body))
    require(
        permissions.can_change_seat(actor, body, user),
        _("Nobody changes their own seat: ask a network admin or the body's chair."),
    )
    membership = Membership(
        body=body,
        user=user,
        role=role,
        department=department or user.department,
        start_date=start_date or timezone.localdate(),
        end_date=end_date,
    )
    if end_date is not None and end_date < membership.start_date:
        raise ValidationError({"end_date": _("A membership cannot end before it starts.")})
    membership.full_clean()
    with transaction.atomic():
        _lock_body(body)
        if (
            Membership.objects.active(membership.start_date)
            .filter(body=body, user=user, role=role)
            .exists()
        ):
            raise ValidationError(
                {"user": _("%(name)s already has this role in the body.") % {"name": user}}
            )
        if (
            role in VOTING_ROLES
            and Membership.objects.active(membership.start_date)
            .filter(body=body, personal_deputy=user)
            .exists()
        ):
            # A personal deputy with a vote of their own would hold two of the body's votes.
            raise ValidationError(
                {
                    "user": _(
                        "%(name)s is a member's personal deputy in this body: remove them as "
                        "deputy before giving them a vote of their own."
                    )
                    % {"name": user}
                }
            )
        membership.save()
        _seat_change(
            membership,
            actor,
            MembershipAction.SEATED,
            start=membership.start_date.isoformat(),
            end=membership.end_date.isoformat() if membership.end_date else None,
        )
    return membership


def membership_end(
    *, actor: User, membership: Membership, end_date: date | None = None
) -> Membership:
    """End a seat. The row stays, so the body's history shows who sat on it and when.

    Without a date the seat ends now: its last day was yesterday (a seat that had not
    begun yet never takes effect)."""
    body = membership.body
    require(permissions.can_manage_seats(actor, body))
    require(
        permissions.can_change_seat(actor, body, membership.user),
        _("Nobody changes their own seat: ask a network admin or the body's chair."),
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    end_date = end_date or max(yesterday, membership.start_date - timedelta(days=1))
    if end_date < membership.start_date - timedelta(days=1):
        raise ValidationError(_("A membership cannot end before it starts."))
    with transaction.atomic():
        _lock_body(body)
        membership.refresh_from_db()
        if membership.end_date is not None and membership.end_date <= end_date:
            raise ValidationError(_("This seat has already ended."))
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
        _seat_change(membership, actor, MembershipAction.ENDED, end=end_date.isoformat())
    return membership


def membership_name_deputy(
    *, actor: User, membership: Membership, deputy: User | None
) -> Membership:
    """Name (or, with ``None``, remove) the personal deputy of a voting seat of the
    directors' meeting or the board. The deputy is of the department the seat represents,
    holds no vote of their own in the body and deputises for no one else there."""
    body = membership.body
    require(permissions.can_manage_seats(actor, body))
    require(
        permissions.can_change_seat(actor, body, membership.user),
        _("Nobody changes their own seat: ask a network admin."),
    )
    if not membership.takes_personal_deputy:
        raise ValidationError(
            _("Only voting seats of the directors' meeting and the board have personal deputies.")
        )
    with transaction.atomic():
        _lock_body(body)
        membership.refresh_from_db()
        if not membership.is_active:
            raise ValidationError(_("The seat has ended; its deputy can no longer change."))
        if deputy is not None:
            if deputy.pk == actor.pk:
                # Naming oneself would give the admin a vote on the body: a seat change.
                raise ValidationError(
                    {"deputy": _("Nobody names themselves a personal deputy: ask another admin.")}
                )
            _check_deputy(membership, deputy)
        before = membership.personal_deputy
        if before == deputy:
            return membership
        membership.personal_deputy = deputy
        membership.save(update_fields=["personal_deputy"])
        if deputy is None and before is not None:
            _seat_change(
                membership, actor, MembershipAction.DEPUTY_REMOVED, deputy=before.full_name
            )
        elif deputy is not None:
            _seat_change(
                membership,
                actor,
                MembershipAction.DEPUTY_NAMED,
                deputy=deputy.full_name,
                previous=before.full_name if before else None,
            )
    return membership


def _check_deputy(membership: Membership, deputy: User) -> None:
    if deputy.pk == membership.user_id:
        raise ValidationError({"deputy": _("A member cannot be their own deputy.")})
    if not deputy.is_active:
        raise ValidationError({"deputy": _("The deputy's account is not active.")})
    if membership.department_id is None or deputy.department_id != membership.department_id:
        raise ValidationError(
            {"deputy": _("The personal deputy must be of the department the seat represents.")}
        )
    others = Membership.objects.active().filter(body=membership.body).exclude(pk=membership.pk)
    if others.filter(user=deputy, role__in=VOTING_ROLES).exists():
        raise ValidationError(
            {"deputy": _("%(name)s has a vote of their own in this body.") % {"name": deputy}}
        )
    if others.filter(personal_deputy=deputy).exists():
        raise ValidationError(
            {
                "deputy": _("%(name)s is already another member's personal deputy here.")
                % {"name": deputy}
            }
        )


def working_group_create(
    *,
    actor: User,
    parent: Body,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    mandate: str = "",
    mandate_sv: str = "",
    mandate_en: str = "",
    term_start: date | None = None,
    term_end: date | None = None,
) -> Body:
    """Set up a working group under the board or a service area.

    Its address (slug) comes from the Finnish name, with ``-2``, ``-3`` … when taken. Two
    groups set up at once with the same name never fail: the insert runs in a savepoint
    and, when the unique slug was taken meanwhile, is retried with the next free suffix.
    """
    if parent.kind not in {BodyKind.SERVICE_AREA, BodyKind.BOARD}:
        raise ValidationError(_("Working groups are set up by the board or a service area."))
    require(permissions.can_manage_body(actor, parent))
    group = Body(
        kind=BodyKind.WORKING_GROUP,
        parent=parent,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        mandate=mandate,
        mandate_sv=mandate_sv.strip(),
        mandate_en=mandate_en.strip(),
        term_start=term_start or timezone.localdate(),
        term_end=term_end,
    )
    # A SlugField always has a max_length; the stubs type every field's as optional.
    slug_length: int = Body._meta.get_field("slug").max_length  # type: ignore[assignment]
    base = slugify(name_fi)[: slug_length - 10] or "tyoryhma"
    group.slug = base
    group.full_clean(exclude=["slug"])
    for _attempt in range(_SLUG_ATTEMPTS):
        group.slug = _free_body_slug(base)
        try:
            with transaction.atomic():
                group.save(force_insert=True)
                search_index("body", group.pk)
        except IntegrityError:
            # Someone took the slug between the look-up and the insert: try the next one.
            if not Body.objects.filter(slug=group.slug).exists():
                raise
            group.pk = None
            continue
        return group
    raise ValidationError(
        {"name_fi": _("Many working groups with this name are being set up; try again.")}
    )


_SLUG_ATTEMPTS = 5


def _free_body_slug(base: str) -> str:
    """The first of ``base``, ``base-2``, ``base-3`` … that no body uses yet."""
    taken = set(
        Body.objects.filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$").values_list(
            "slug", flat=True
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def working_group_close(*, actor: User, group: Body) -> Body:
    """Close a working group when its term ends; it then takes no more status updates."""
    can = permissions.can_manage_body(actor, group) or (
        group.parent is not None and permissions.can_manage_body(actor, group.parent)
    )
    require(can)
    if not group.is_working_group:
        raise ValidationError(_("Only working groups are closed."))
    if group.closed_at is None:
        group.closed_at = timezone.now()
        group.save(update_fields=["closed_at"])
    return group


# --- Meetings and agendas ---------------------------------------------------------------------


def _lock(meeting: Meeting) -> None:
    """Lock the meeting's row and refresh the caller's object from it, so that two
    people acting at once see each other's change."""
    meeting.refresh_from_db(from_queryset=Meeting.objects.select_for_update())


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def meeting_schedule(
    *,
    actor: User,
    body: Body,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    video_link: str = "",
    restricted: bool = False,
    title_sv: str = "",
    title_en: str = "",
) -> Meeting:
    require(permissions.can_manage_body(actor, body))
    _check_times(starts_at, ends_at)
    if not (location or video_link):
        raise ValidationError({"location": _("Give a place or a video link.")})
    meeting = Meeting(
        body=body,
        title=title.strip(),
        title_sv=title_sv.strip(),
        title_en=title_en.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        video_link=video_link.strip(),
        restricted=restricted,
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    search_index("meeting", meeting.pk)
    return meeting


def meeting_update(*, actor: User, meeting: Meeting, **fields: Any) -> Meeting:
    """Change a meeting's details; a published meeting's members are told of a new time."""
    require(permissions.can_manage_body(actor, meeting.body))
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    starts_at = fields.get("starts_at", meeting.starts_at)
    ends_at = fields.get("ends_at", meeting.ends_at)
    _check_times(starts_at, ends_at)
    moved = starts_at != meeting.starts_at or ends_at != meeting.ends_at
    for name, value in fields.items():
        setattr(meeting, name, value)
    if not (meeting.location or meeting.video_link):
        raise ValidationError({"location": _("Give a place or a video link.")})
    meeting.sequence += 1
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        search_index("meeting", meeting.pk)
        search_index_many("agenda_item", meeting.items.values_list("pk", flat=True))
        if moved and meeting.state == MeetingState.PUBLISHED:
            notify(
                recipients=_member_ids(meeting.body),
                kind=AGENDA_PUBLISHED,
                about=meeting,
                params=_meeting_params(meeting),
                exclude=[actor],
            )
    return meeting


def _meeting_params(meeting: Meeting) -> dict:
    local = timezone.localtime(meeting.starts_at)
    return {
        "title": versions(meeting, "title"),
        "body": versions(meeting.body, "name"),
        "when": datetime_param(local),
    }


def _editable_agenda(meeting: Meeting) -> None:
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are approved; the agenda can no longer change."))


def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    presenter: User | None = None,
    background: str = "",
    proposed_decision: str = "",
    title_sv: str = "",
    title_en: str = "",
) -> AgendaItem:
    require(permissions.can_manage_body(actor, meeting.body))
    _editable_agenda(meeting)
    if not title.strip():
        raise ValidationError({"title": _("An agenda item needs a title.")})
    with transaction.atomic():
        _lock(meeting)  # one position at a time
        last = meeting.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem(
            meeting=meeting,
            position=last + 1,
            title=title.strip(),
            title_sv=title_sv.strip(),
            title_en=title_en.strip(),
            presenter=presenter,
            background=background.strip(),
            proposed_decision=proposed_decision.strip(),
        )
        item.full_clean()
        item.save()
        search_index("agenda_item", item.pk)
    return item


def agenda_item_update(*, actor: User, item: AgendaItem, **fields: Any) -> AgendaItem:
    require(permissions.can_manage_body(actor, item.meeting.body))
    _editable_agenda(item.meeting)
    if "title" in fields and not fields["title"].strip():
        raise ValidationError({"title": _("An agenda item needs a title.")})
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.full_clean()
    item.save()
    search_index("agenda_item", item.pk)
    return item


def agenda_item_move(*, actor: User, item: AgendaItem, direction: int) -> None:
    """Move an item one place up (-1) or down (+1)."""
    require(permissions.can_manage_body(actor, item.meeting.body))
    _editable_agenda(item.meeting)
    with transaction.atomic():
        neighbour = (
            AgendaItem.objects.select_for_update()
            .filter(meeting=item.meeting, position=item.position + direction)
            .first()
        )
        if neighbour is None:
            return
        neighbour.position, item.position = item.position, neighbour.position
        # The unique constraint is deferred, so the swap checks only at commit.
        neighbour.save(update_fields=["position"])
        item.save(update_fields=["position"])


def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    meeting = item.meeting
    require(permissions.can_manage_body(actor, meeting.body))
    _editable_agenda(meeting)
    if meeting.state == MeetingState.PUBLISHED:
        raise ValidationError(_("The agenda is published: change the item instead of removing it."))
    with transaction.atomic():
        search_remove("agenda_item", item.pk)
        item.delete()
        for position, remaining in enumerate(meeting.items.order_by("position"), start=1):
            if remaining.position != position:
                remaining.position = position
                remaining.save(update_fields=["position"])


def agenda_document_add(*, actor: User, item: AgendaItem, upload: UploadedFile) -> AgendaDocument:
    require(permissions.can_manage_body(actor, item.meeting.body))
    _editable_agenda(item.meeting)
    try:
        document = AgendaDocument.from_upload(upload, uploaded_by=actor, item=item)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    document.save()
    search_index("agenda_item", item.pk)
    return document


def meeting_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish the agenda: the body's members are told and asked whether they attend."""
    require(permissions.can_manage_body(actor, meeting.body))
    with transaction.atomic():
        _lock(meeting)
        if meeting.state != MeetingState.DRAFT:
            raise ValidationError(_("The agenda has already been published."))
        if not meeting.items.exists():
            raise ValidationError(_("Add at least one agenda item before publishing."))
        meeting.state = MeetingState.PUBLISHED
        meeting.published_at = timezone.now()
        meeting.sequence += 1
        meeting.save(update_fields=["state", "published_at", "sequence"])
        notify(
            recipients=_member_ids(meeting.body),
            kind=AGENDA_PUBLISHED,
            about=meeting,
            params=_meeting_params(meeting),
            exclude=[actor],
        )
    return meeting


def personal_deputy_of(user: User, body: Body) -> User | None:
    """The personal deputy of the person's current voting seat in the body, if any."""
    seat = (
        Membership.objects.active()
        .filter(body=body, user=user, personal_deputy__isnull=False)
        .select_related("personal_deputy")
        .first()
    )
    return seat.personal_deputy if seat else None


def attendance_answer(
    *, user: User, meeting: Meeting, response: str, deputy: User | None = None
) -> Attendance:
    """A member says, before the meeting starts, whether they attend, or that their
    personal deputy attends instead (only the deputy named for their seat)."""
    require(permissions.can_answer_attendance(user, meeting))
    if response not in AttendanceResponse.values:
        raise ValidationError({"response": _("Choose whether you attend.")})
    if response == AttendanceResponse.DEPUTY:
        personal = personal_deputy_of(user, meeting.body)
        if personal is None:
            raise ValidationError(
                {"response": _("Your seat has no personal deputy to attend instead.")}
            )
        if deputy is not None and deputy != personal:
            raise ValidationError(
                {"deputy": _("Only your personal deputy can attend in your place.")}
            )
        deputy = personal
    else:
        deputy = None
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting,
            user=user,
            defaults={"response": response, "deputy": deputy, "responded_at": timezone.now()},
        )
        notifications_mark_done(users=[user], about=meeting, kinds=[AGENDA_PUBLISHED])
        if deputy is not None:
            notify(
                recipients=[deputy],
                kind=DEPUTY_ASKED,
                about=meeting,
                params={**_meeting_params(meeting), "member": user.full_name},
            )
    return attendance


def _require_started(meeting: Meeting, message: str) -> None:
    if not meeting.has_started:
        raise ValidationError(message)


def attendance_record(*, actor: User, meeting: Meeting, entries: dict[int, str]) -> list[Presence]:
    """The secretary records who actually attended, once the meeting has started: for each
    person seated in the body on the meeting's day, present, absent, or absent with their
    personal deputy attending. Recording again replaces the record until the minutes are
    approved."""
    require(permissions.can_record_minutes(actor, meeting))
    with transaction.atomic():
        _lock(meeting)
        _require_started(meeting, _("Attendance can be recorded once the meeting has started."))
        if meeting.minutes_locked:
            raise ValidationError(_("The minutes are approved: attendance can no longer change."))
        seats = selectors.meeting_seats(meeting=meeting)
        missing = [seat.user.full_name for seat in seats if seat.user_id not in entries]
        if missing:
            raise ValidationError(
                _("Say whether each member attended: %(names)s.") % {"names": ", ".join(missing)}
            )
        presences = []
        for seat in seats:
            status = entries[seat.user_id]
            if status not in PresenceStatus.values:
                raise ValidationError(_("Choose whether each member attended."))
            deputy = None
            if status == PresenceStatus.DEPUTY:
                if seat.personal_deputy_id is None:
                    raise ValidationError(
                        _("%(name)s has no personal deputy.") % {"name": seat.user.full_name}
                    )
                deputy = seat.personal_deputy
            presences.append(
                Presence(meeting=meeting, user=seat.user, status=status, deputy=deputy)
            )
        Presence.objects.filter(meeting=meeting).delete()
        Presence.objects.bulk_create(presences)
        meeting.attendance_recorded_at = timezone.now()
        meeting.save(update_fields=["attendance_recorded_at"])
    return presences


# --- Minutes ------------------------------------------------------------------------------------


def minutes_record(*, actor: User, item: AgendaItem, discussion: str, decision: str) -> AgendaItem:
    """The secretary records an item's discussion and decision (until the minutes are approved)."""
    meeting = item.meeting
    require(permissions.can_record_minutes(actor, meeting))
    _require_started(meeting, _("Minutes can be drafted once the meeting has started."))
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are approved: record a correction instead."))
    item.discussion = discussion.strip()
    item.decision = decision.strip()
    with transaction.atomic():
        item.save(update_fields=["discussion", "decision"])
        if meeting.minutes_state == MinutesState.NONE:
            meeting.minutes_state = MinutesState.DRAFT
            meeting.save(update_fields=["minutes_state"])
    return item


def minutes_record_all(
    *, actor: User, meeting: Meeting, entries: dict[int, tuple[str, str]]
) -> None:
    """Record the discussion and decision of several items at once: all or nothing, and
    never after the chair has approved the minutes (checked under the meeting's lock)."""
    require(permissions.can_record_minutes(actor, meeting))
    with transaction.atomic():
        _lock(meeting)
        if meeting.minutes_locked:
            raise ValidationError(_("The minutes are approved: record a correction instead."))
        for item in meeting.items.filter(pk__in=list(entries)):
            discussion, decision = entries[item.pk]
            minutes_record(actor=actor, item=item, discussion=discussion, decision=decision)


def _attendee_ids(meeting: Meeting) -> list[int]:
    """Who attended by the secretary's record (a deputy in their principal's place)."""
    attendees = set()
    for user_id, status, deputy_id in meeting.presences.values_list(
        "user_id", "status", "deputy_id"
    ):
        if status == PresenceStatus.PRESENT:
            attendees.add(user_id)
        elif status == PresenceStatus.DEPUTY:
            attendees.add(deputy_id)
    return sorted(attendees)


def _require_attendance(meeting: Meeting) -> None:
    if meeting.attendance_recorded_at is None:
        raise ValidationError(_("Record who attended the meeting first."))


def minutes_circulate(*, actor: User, meeting: Meeting) -> Meeting:
    """Send the draft minutes to the attendees for comments."""
    require(permissions.can_record_minutes(actor, meeting))
    with transaction.atomic():
        _lock(meeting)
        if meeting.minutes_state not in {MinutesState.DRAFT, MinutesState.CIRCULATED}:
            raise ValidationError(_("Record the minutes before sending them for comments."))
        _require_attendance(meeting)
        meeting.minutes_state = MinutesState.CIRCULATED
        meeting.save(update_fields=["minutes_state"])
        notify(
            recipients=_attendee_ids(meeting),
            kind=MINUTES_CIRCULATED,
            about=meeting,
            params=_meeting_params(meeting),
            exclude=[actor],
        )
    return meeting


def minutes_comment(*, user: User, meeting: Meeting, text: str) -> MinutesComment:
    require(permissions.can_comment_minutes(user, meeting))
    if meeting.minutes_state != MinutesState.CIRCULATED:
        raise ValidationError(_("The minutes are not open for comments."))
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    with transaction.atomic():
        comment = MinutesComment.objects.create(meeting=meeting, author=user, text=text.strip())
        notifications_mark_done(users=[user], about=meeting, kinds=[MINUTES_CIRCULATED])
    return comment


def minutes_approve(*, actor: User, meeting: Meeting) -> Meeting:
    """The chair approves the minutes, which locks them."""
    require(permissions.can_approve_minutes(actor, meeting))
    with transaction.atomic():
        _lock(meeting)
        if meeting.minutes_state == MinutesState.APPROVED:
            raise ValidationError(_("The minutes are already approved."))
        if meeting.minutes_state == MinutesState.NONE:
            raise ValidationError(_("There are no minutes to approve yet."))
        _require_attendance(meeting)
        meeting.minutes_state = MinutesState.APPROVED
        meeting.minutes_approved_at = timezone.now()
        meeting.minutes_approved_by = actor
        meeting.save(update_fields=["minutes_state", "minutes_approved_at", "minutes_approved_by"])
        search_index("minutes", meeting.pk)
        decisions.info(
            "Meeting %s: minutes approved",
            meeting.pk,
            extra={"meeting_id": meeting.pk, "actor_id": actor.pk},
        )
        notify(
            recipients=_member_ids(meeting.body),
            kind=MINUTES_APPROVED,
            about=meeting,
            params=_meeting_params(meeting),
            exclude=[actor],
        )
    return meeting


def minutes_correct(
    *, actor: User, item: AgendaItem, field: str, text: str, reason: str
) -> MinutesCorrection:
    """Change approved minutes only as a recorded correction (before, after, why, who)."""
    meeting = item.meeting
    require(permissions.can_record_minutes(actor, meeting))
    if not meeting.minutes_locked:
        raise ValidationError(_("The minutes are not approved yet: edit them directly."))
    if field not in {"discussion", "decision"}:
        raise ValidationError(_("Only the discussion or the decision can be corrected."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the minutes are corrected.")})
    with transaction.atomic():
        correction = MinutesCorrection.objects.create(
            item=item,
            author=actor,
            field=field,
            before=getattr(item, field),
            after=text.strip(),
            reason=reason.strip(),
        )
        setattr(item, field, text.strip())
        item.save(update_fields=[field])
        search_index("minutes", meeting.pk)
    return correction


# --- Assignments and status updates ------------------------------------------------------------


def assignment_give(
    *,
    actor: User,
    body: Body,
    working_group: Body,
    title: str,
    description: str,
    deadline: date,
) -> Assignment:
    require(permissions.can_give_assignment(actor, body))
    if not working_group.is_working_group or not working_group.is_open:
        raise ValidationError({"working_group": _("Choose an open working group.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    assignment = Assignment(
        body=body,
        working_group=working_group,
        title=title.strip(),
        description=description.strip(),
        deadline=deadline,
        created_by=actor,
    )
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
        search_index("assignment", assignment.pk)
        notify(
            recipients=_member_ids(working_group),
            kind=ASSIGNMENT_GIVEN,
            about=working_group,
            params={"title": assignment.title, "body": versions(body, "name")},
            exclude=[actor],
        )
    return assignment


def assignment_set_status(
    *, actor: User, assignment: Assignment, status: str, reason: str = ""
) -> Assignment:
    """Mark an assignment done, drop it (always with a reason) or open it again.

    An open assignment becomes done or dropped; a done or dropped one only opens again.
    The assignee (the working group's chair or secretary) or the giving body's chair or
    secretary changes it.
    """
    require(permissions.can_change_assignment_status(actor, assignment))
    if status not in AssignmentStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    reason = reason.strip()
    with transaction.atomic():
        assignment.refresh_from_db(from_queryset=Assignment.objects.select_for_update())
        previous = assignment.status
        if status == previous:
            raise ValidationError(
                {
                    "status": _("The assignment is already %(status)s.")
                    % {"status": assignment.get_status_display().lower()}
                }
            )
        if previous != AssignmentStatus.OPEN and status != AssignmentStatus.OPEN:
            raise ValidationError(
                {"status": _("Open the assignment again before marking it otherwise.")}
            )
        if status == AssignmentStatus.DROPPED and not reason:
            raise ValidationError({"reason": _("Say why the assignment is dropped.")})
        now = timezone.now()
        assignment.status = status
        assignment.status_reason = reason if status != AssignmentStatus.OPEN else ""
        assignment.status_changed_at = now
        assignment.status_changed_by = actor
        assignment.completed_at = now if status == AssignmentStatus.DONE else None
        assignment.full_clean()
        assignment.save(
            update_fields=[
                "status",
                "status_reason",
                "status_changed_at",
                "status_changed_by",
                "completed_at",
            ]
        )
    return assignment


def status_update_post(
    *,
    actor: User,
    group: Body,
    period_start: date,
    period_end: date,
    status: str,
    progress: str,
    next_steps: str = "",
    blockers: str = "",
    attachments: list | None = None,
) -> StatusUpdate:
    """A working-group member reports how the work goes. Closed groups take no updates."""
    if group.is_working_group and not group.is_open:
        raise ValidationError(_("The working group is closed; it takes no more status updates."))
    require(permissions.can_post_status_update(actor, group))
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    update = StatusUpdate(
        working_group=group,
        author=actor,
        period_start=period_start,
        period_end=period_end,
        status=status,
        progress=progress.strip(),
        next_steps=next_steps.strip(),
        blockers=blockers.strip(),
    )
    update.full_clean()
    try:
        files = [
            StatusAttachment.from_upload(upload, uploaded_by=actor, update=update)
            for upload in attachments or []
        ]
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error
    with transaction.atomic():
        update.save()
        for file in files:
            file.update = update
            file.save()
        search_index("status_update", update.pk)
        # The group's update is no longer overdue, for any of its members.
        notifications_mark_done(users=_member_ids(group), about=group, kinds=[STATUS_OVERDUE])
        notify_followers(
            about=group,
            kind=STATUS_UPDATE_POSTED,
            params={"title": versions(group, "name")},
            exclude=[actor],
        )
    return update


def overdue_groups_remind(*, now: datetime | None = None) -> int:
    """Remind every open working group that has not posted for the configured number of
    days; each group is reminded again at most once a week while it stays overdue. Each
    group in its own transaction: one that fails is logged and skipped."""
    from governance.selectors import overdue_working_groups

    now = now or timezone.now()
    reminded = 0
    for group in overdue_working_groups(now=now):
        try:
            reminded += _overdue_group_remind(group.pk, now=now)
        except Exception:
            # One group's failure must not keep the other groups from their reminder.
            logger.exception("Reminding overdue working group %s failed; skipped.", group.pk)
    return reminded


def _overdue_group_remind(group_id: int, *, now: datetime) -> bool:
    with transaction.atomic():
        group = Body.objects.select_for_update().get(pk=group_id)
        last = group.last_overdue_reminder_at
        days_since = (
            (timezone.localtime(now).date() - timezone.localtime(last).date()).days
            if last
            else None
        )
        if days_since is not None and days_since < 7:
            return False
        notify(
            recipients=_member_ids(group),
            kind=STATUS_OVERDUE,
            about=group,
            params={
                "title": versions(group, "name"),
                "days": settings.STATUS_UPDATE_OVERDUE_DAYS,
            },
        )
        group.last_overdue_reminder_at = now
        group.save(update_fields=["last_overdue_reminder_at"])
        return True


# --- Calendar ----------------------------------------------------------------------------------


def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_revoke(*, user: User) -> CalendarFeed:
    """Replace the secret address: the old one stops working at once."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed
