"""Reusable reads of governance, each with its joins spelled out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from governance.models import (
    ROLE_ORDER,
    VOTING_ROLES,
    AgendaItem,
    Assignment,
    AssignmentStatus,
    Attendance,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Membership,
    MembershipChange,
    MinutesComment,
    MinutesState,
    PresenceStatus,
    Role,
    StatusUpdate,
)
from network.models import User


def bodies_structure() -> QuerySet[Body]:
    """Every body with its parent and the number of current members (for the structure page)."""
    today = timezone.localdate()
    active = Q(memberships__start_date__lte=today) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    )
    return (
        Body.objects.select_related("parent")
        .annotate(member_count=Count("memberships", filter=active, distinct=True))
        .order_by("kind", "name_fi")
    )


def body_get(*, slug: str) -> Body:
    return Body.objects.select_related("parent").get(slug=slug)


def _role_rank() -> Case:
    return Case(
        *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
        default=Value(len(ROLE_ORDER)),
    )


def body_memberships(*, body: Body, current: bool) -> QuerySet[Membership]:
    """Current seats in role order (chair first), or the history of ended ones, with
    person, department and personal deputy."""
    today = timezone.localdate()
    memberships = Membership.objects.filter(body=body).select_related(
        "user", "department", "user__department", "personal_deputy"
    )
    if current:
        return memberships.active(today).order_by(
            _role_rank(), "user__last_name", "user__first_name"
        )
    return memberships.filter(end_date__lt=today).order_by("-end_date", "user__last_name")


def body_seat_changes(*, body: Body, limit: int = 50) -> QuerySet[MembershipChange]:
    return MembershipChange.objects.filter(body=body).order_by("-created_at", "-id")[:limit]


def person_seats(*, user: User) -> QuerySet[Membership]:
    """Every seat the person has held, current first, and the seats they deputise for."""
    return (
        Membership.objects.filter(Q(user=user) | Q(personal_deputy=user))
        .select_related("body", "user", "personal_deputy")
        .order_by(F("end_date").desc(nulls_first=True), "-start_date")
    )


def visible_meetings(*, user: User) -> QuerySet[Meeting]:
    """The only definition of which meetings a person may see: published (and cancelled)
    meetings, restricted ones only to the body's members; drafts only to those who manage
    the body. ``permissions.can_view_meeting`` asks it about one meeting."""
    from governance import permissions
    from network.permissions import is_member, is_network_admin

    if not is_member(user):
        return Meeting.objects.none()
    if is_network_admin(user):
        return Meeting.objects.all()
    today = timezone.localdate()
    mine = Membership.objects.active(today).filter(Q(user=user) | Q(personal_deputy=user))
    managed = mine.filter(user=user, role__in=permissions.MANAGING_ROLES)
    return Meeting.objects.filter(
        Q(body_id__in=managed.values("body_id"))
        | (
            ~Q(state=MeetingState.DRAFT)
            & (Q(restricted=False) | Q(body_id__in=mine.values("body_id")))
        )
    )


def decision_items(*, user: User) -> QuerySet[AgendaItem]:
    """Agenda items a board decision can be recorded from: items of board meetings that
    are published, have started and that the person may see."""
    return (
        AgendaItem.objects.filter(
            meeting__in=visible_meetings(user=user),
            meeting__body__kind=BodyKind.BOARD,
            meeting__state=MeetingState.PUBLISHED,
            meeting__starts_at__lte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "position")
    )


def body_meetings(*, body: Body, user: User, limit: int = 20) -> QuerySet[Meeting]:
    from governance import permissions

    meetings = Meeting.objects.filter(body=body).annotate(item_count=Count("items"))
    if not permissions.can_manage_body(user, body):
        meetings = meetings.exclude(state=MeetingState.DRAFT)
    return meetings.order_by("-starts_at")[:limit]


def group_status_updates(*, group: Body, limit: int = 50) -> QuerySet[StatusUpdate]:
    return (
        StatusUpdate.objects.filter(working_group=group)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("-created_at")[:limit]
    )


def _open_first() -> Case:
    """Open assignments first (by due date), then done and dropped ones, latest first."""
    return Case(When(status=AssignmentStatus.OPEN, then=0), default=1)


def group_assignments(*, group: Body, limit: int = 100) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(working_group=group)
        .select_related("body", "working_group", "status_changed_by")
        .order_by(_open_first(), "deadline", "-status_changed_at")[:limit]
    )


def assignments_given(*, body: Body, limit: int = 100) -> QuerySet[Assignment]:
    """Every assignment the body has given: open ones first by due date (the overdue ones
    are marked on the page), then the done and dropped ones."""
    return (
        Assignment.objects.filter(body=body)
        .select_related("body", "working_group", "status_changed_by")
        .order_by(_open_first(), "deadline", "-status_changed_at")[:limit]
    )


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "minutes_approved_by").get(pk=pk)


def meeting_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        meeting.items.select_related("presenter")
        .prefetch_related("documents", "corrections__author")
        .order_by("position")
    )


def meeting_answers(*, meeting: Meeting) -> dict[int, Attendance]:
    """Everyone's attendance answer to the meeting, by person."""
    return {
        a.user_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("deputy")
    }


def meeting_attendance(*, meeting: Meeting, answers: dict | None = None) -> list[dict]:
    """Every current member of the body with their answer (or none yet); ``answers`` when
    the caller has read them already (``meeting_answers``)."""
    if answers is None:
        answers = meeting_answers(meeting=meeting)
    rows = []
    seen = set()
    for membership in (
        Membership.objects.active(timezone.localtime(meeting.starts_at).date())
        .filter(body=meeting.body)
        .select_related("user", "department")
        .order_by("user__last_name", "user__first_name")
    ):
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        rows.append({"membership": membership, "answer": answers.get(membership.user_id)})
    return rows


def meeting_seats(*, meeting: Meeting) -> list[Membership]:
    """The people seated in the body on the meeting's day (one row a person, their most
    senior role), with their personal deputies: whose attendance the secretary records."""
    day = timezone.localtime(meeting.starts_at).date()
    seats: dict[int, Membership] = {}
    for membership in (
        Membership.objects.active(day)
        .filter(body_id=meeting.body_id)
        .select_related("user", "personal_deputy", "department")
        .order_by(_role_rank(), "user__last_name", "user__first_name")
    ):
        seats.setdefault(membership.user_id, membership)
    return list(seats.values())


@dataclass(frozen=True)
class Quorum:
    """Whether a meeting could decide: more than half of the voting seats present (in
    person or by their personal deputy), and the chair or the vice-chair present."""

    seats: int
    present: int
    chair_present: bool
    recorded: bool

    @property
    def has_quorum(self) -> bool:
        return self.recorded and self.present * 2 > self.seats and self.chair_present


def meeting_quorum(*, meeting: Meeting, presences: dict | None = None) -> Quorum:
    """``presences`` when the caller has read them already (``meeting_presences``)."""
    seats = [seat for seat in meeting_seats(meeting=meeting) if seat.role in VOTING_ROLES]
    if presences is not None:
        statuses = {user_id: presence.status for user_id, presence in presences.items()}
    else:
        statuses = dict(meeting.presences.values_list("user_id", "status"))
    present = [
        seat
        for seat in seats
        if statuses.get(seat.user_id) in (PresenceStatus.PRESENT, PresenceStatus.DEPUTY)
    ]
    chair_present = any(
        seat.role in (Role.CHAIR, Role.VICE_CHAIR)
        and statuses.get(seat.user_id) == PresenceStatus.PRESENT
        for seat in seats
    )
    return Quorum(
        seats=len(seats),
        present=len(present),
        chair_present=chair_present,
        recorded=meeting.attendance_recorded_at is not None,
    )


def meeting_presences(*, meeting: Meeting) -> dict[int, object]:
    return {p.user_id: p for p in meeting.presences.select_related("deputy")}


@dataclass(frozen=True)
class GroupStatus:
    group: Body
    latest: StatusUpdate | None
    overdue: bool

    @property
    def age_days(self) -> int | None:
        if self.latest is None:
            return None
        return (timezone.now() - self.latest.created_at).days


def _latest_update_id() -> Subquery:
    return Subquery(
        StatusUpdate.objects.filter(working_group=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )


def working_groups_overview(*, now: datetime | None = None) -> list[GroupStatus]:
    """Every open working group with its latest status update and whether it is overdue.
    Two queries whatever the number of groups."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.STATUS_UPDATE_OVERDUE_DAYS)
    groups = list(
        Body.objects.filter(kind=BodyKind.WORKING_GROUP, closed_at__isnull=True)
        .select_related("parent")
        .annotate(latest_id=_latest_update_id())
        .order_by("name_fi")
    )
    latest = StatusUpdate.objects.select_related("author").in_bulk(
        [g.latest_id for g in groups if g.latest_id]
    )
    rows = []
    for group in groups:
        update = latest.get(group.latest_id)
        reference = update.created_at if update else _group_start(group)
        rows.append(GroupStatus(group=group, latest=update, overdue=reference < limit))
    return rows


def _group_start(group: Body) -> datetime:
    if group.term_start:
        return timezone.make_aware(datetime.combine(group.term_start, datetime.min.time()))
    return timezone.now()


def overdue_working_groups(*, now: datetime | None = None) -> list[Body]:
    return [row.group for row in working_groups_overview(now=now) if row.overdue]


def my_bodies(*, user: User) -> QuerySet[Body]:
    return Body.objects.filter(
        Exists(Membership.objects.active().filter(body=OuterRef("pk"), user=user))
    ).order_by("kind", "name_fi")


@dataclass(frozen=True)
class MeetingsAhead:
    #: Published meetings of the person's bodies in the coming days (from two hours ago).
    upcoming: Sequence[Meeting]
    #: The first coming meetings the person has not said whether they attend.
    to_answer: Sequence[Meeting]
    #: More meetings wait for an answer than ``to_answer`` lists.
    more_to_answer: bool = False


#: At most this many meetings are read for ``meetings_ahead`` (the coming days' meetings
#: come first; nobody has this many in a week).
MEETINGS_AHEAD_READ = 100


def meetings_ahead(*, user: User, days: int = 7, limit: int = 5) -> MeetingsAhead:
    """In one query: the published meetings of the person's bodies in the coming ``days``
    (from two hours ago), and the first ``limit`` coming ones they have not answered."""
    now = timezone.now()
    until = now + timedelta(days=days)
    meetings = list(
        Meeting.objects.filter(
            state=MeetingState.PUBLISHED,
            starts_at__gte=now - timedelta(hours=2),
            body__in=my_bodies(user=user),
        )
        .annotate(answered=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), user=user)))
        .filter(
            Q(starts_at__lte=now + timedelta(days=days)) | Q(starts_at__gte=now, answered=False)
        )
        .select_related("body")
        .order_by("starts_at", "pk")[:MEETINGS_AHEAD_READ]
    )
    to_answer = [m for m in meetings if m.starts_at >= now and not m.answered]
    return MeetingsAhead(
        upcoming=[m for m in meetings if m.starts_at <= until],
        to_answer=to_answer[:limit],
        more_to_answer=len(to_answer) > limit,
    )


def calendar_meetings(*, user: User) -> QuerySet[Meeting]:
    """The published meetings of every body the person now sits on, from 90 days back."""
    # Current seats only: someone who has left no longer gets the body's meetings (or
    # their video links) through a feed they may still have subscribed to.
    bodies = Membership.objects.active().filter(user=user)
    return (
        Meeting.objects.filter(
            state__in=[MeetingState.PUBLISHED, MeetingState.CANCELLED],
            body_id__in=bodies.values("body_id"),
            starts_at__gte=timezone.now() - timedelta(days=90),
        )
        .select_related("body")
        .order_by("starts_at")
    )


# --- What waits for a person -----------------------------------------------------------------


def _seats_with_roles(user: User, roles: Iterable[str]) -> QuerySet[Membership]:
    return Membership.objects.active().filter(user=user, role__in=roles)


@dataclass(frozen=True)
class MeetingWork:
    """What waits for a body's chair or secretary in its meetings, oldest first."""

    #: Agendas still in preparation (chair or secretary).
    drafts: Sequence[Meeting]
    #: Meetings held in the last half year whose attendance or minutes are still to be
    #: recorded and sent for comments (chair or secretary).
    to_record: Sequence[Meeting]
    #: Minutes sent for comments, to approve (chair).
    to_approve: Sequence[Meeting]
    #: One of the lists was cut at the limit: more of that kind wait.
    more: bool = False


def meeting_work_for(*, user: User, limit: int = 5) -> MeetingWork:
    """Agendas to publish, attendance and minutes to record and minutes to approve in the
    bodies the person runs, at most ``limit`` of each, in one query. The rows are bounded
    by the bodies the person is chair or secretary of: their coming drafts, the meetings
    of the last half year and the minutes out for comments."""
    from governance.permissions import MANAGING_ROLES, my_seats

    if not any(
        seat.holder_id == user.pk and seat.role in MANAGING_ROLES for seat in my_seats(user)
    ):
        return MeetingWork(drafts=[], to_record=[], to_approve=[])
    managed = _seats_with_roles(user, MANAGING_ROLES).values("body_id")
    chaired = _seats_with_roles(user, [Role.CHAIR]).values("body_id")
    now = timezone.now()
    draft = Q(body_id__in=managed, state=MeetingState.DRAFT, starts_at__gte=now)
    to_record = Q(
        body_id__in=managed,
        state=MeetingState.PUBLISHED,
        starts_at__lte=now,
        starts_at__gte=now - timedelta(days=183),
    ) & (
        Q(minutes_state__in=[MinutesState.NONE, MinutesState.DRAFT])
        | Q(attendance_recorded_at__isnull=True)
    )
    to_approve = Q(body_id__in=chaired, minutes_state=MinutesState.CIRCULATED)
    meetings = list(
        Meeting.objects.filter(draft | to_record | to_approve)
        .annotate(
            is_draft=ExpressionWrapper(draft, output_field=BooleanField()),
            is_to_record=ExpressionWrapper(to_record, output_field=BooleanField()),
            is_to_approve=ExpressionWrapper(to_approve, output_field=BooleanField()),
        )
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    found = (
        [m for m in meetings if m.is_draft],
        [m for m in meetings if m.is_to_record],
        [m for m in meetings if m.is_to_approve],
    )
    return MeetingWork(
        drafts=found[0][:limit],
        to_record=found[1][:limit],
        to_approve=found[2][:limit],
        more=any(len(kind) > limit for kind in found),
    )


def minutes_to_comment_for(*, user: User) -> QuerySet[Meeting]:
    """Minutes sent for comments to the person (who attended) and not yet commented on."""
    attended = Q(presences__user=user, presences__status=PresenceStatus.PRESENT) | Q(
        presences__deputy=user
    )
    commented = MinutesComment.objects.filter(meeting=OuterRef("pk"), author=user)
    return (
        Meeting.objects.filter(attended, minutes_state=MinutesState.CIRCULATED)
        .exclude(Exists(commented))
        .select_related("body")
        .distinct()
        .order_by("starts_at")
    )


def open_assignments_for(*, user: User) -> QuerySet[Assignment]:
    """Open assignments given to the working groups the person sits on, by due date (the
    overdue ones come first that way)."""
    groups = Membership.objects.active().filter(user=user).values("body_id")
    return (
        Assignment.objects.filter(
            working_group_id__in=groups,
            status=AssignmentStatus.OPEN,
            working_group__closed_at__isnull=True,
        )
        .select_related("working_group", "body")
        .order_by("deadline")
    )


def visible_agenda_items(*, user: User) -> QuerySet[AgendaItem]:
    """Agenda items of the meetings the person may see."""
    return AgendaItem.objects.filter(meeting__in=visible_meetings(user=user))


def visible_approved_minutes(*, user: User) -> QuerySet[Meeting]:
    """Meetings whose approved minutes the person may read."""
    return visible_meetings(user=user).filter(minutes_state=MinutesState.APPROVED)


def visible_bodies(*, user: User) -> QuerySet[Body]:
    """Every member sees the network's bodies (the structure page lists them all)."""
    from network.permissions import is_member

    return Body.objects.all() if is_member(user) else Body.objects.none()


def visible_status_updates(*, user: User) -> QuerySet[StatusUpdate]:
    """Working groups report to the whole network: every member reads them."""
    return StatusUpdate.objects.filter(working_group__in=visible_bodies(user=user))


def visible_assignments(*, user: User) -> QuerySet[Assignment]:
    """Assignments are shown on the bodies' pages to every member."""
    return Assignment.objects.filter(body__in=visible_bodies(user=user))
