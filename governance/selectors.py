"""Reusable reads of governance, each with its joins spelled out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Assignment,
    Attendance,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Membership,
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


def body_memberships(*, body: Body, current: bool) -> QuerySet[Membership]:
    """Current seats, or the history of ended ones, with person and department."""
    today = timezone.localdate()
    memberships = Membership.objects.filter(body=body).select_related(
        "user", "department", "user__department"
    )
    if current:
        return memberships.active(today).order_by("role", "user__last_name")
    return memberships.filter(end_date__lt=today).order_by("-end_date", "user__last_name")


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


def group_assignments(*, group: Body) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(working_group=group).select_related("body").order_by("deadline")
    )


def assignments_given(*, body: Body) -> QuerySet[Assignment]:
    return Assignment.objects.filter(body=body).select_related("working_group").order_by("deadline")


def meeting_get(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "minutes_approved_by").get(pk=pk)


def meeting_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        meeting.items.select_related("presenter")
        .prefetch_related("documents", "corrections__author")
        .order_by("position")
    )


def meeting_attendance(*, meeting: Meeting) -> list[dict]:
    """Every current member of the body with their answer (or none yet)."""
    answers = {
        a.user_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("deputy")
    }
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


def _latest_update_id():
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


def my_upcoming_meetings(*, user: User, days: int = 7) -> QuerySet[Meeting]:
    now = timezone.now()
    return (
        Meeting.objects.filter(
            state=MeetingState.PUBLISHED,
            starts_at__gte=now - timedelta(hours=2),
            starts_at__lte=now + timedelta(days=days),
            body__in=my_bodies(user=user),
        )
        .select_related("body")
        .order_by("starts_at")
    )


def meetings_waiting_for_my_answer(*, user: User) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            state=MeetingState.PUBLISHED,
            starts_at__gte=timezone.now(),
            body__in=my_bodies(user=user),
        )
        .exclude(attendances__user=user)
        .select_related("body")
        .order_by("starts_at")
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
