"""Who may do what with bodies, meetings and status updates: every rule in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from governance.models import (
    DECIDING_BODY_KINDS,
    Assignment,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Membership,
    Role,
)
from network import request_scope
from network.models import User
from network.permissions import AnyUser, is_member, is_network_admin

MANAGING_ROLES = (Role.CHAIR, Role.SECRETARY)
#: Not a seat of its own: the person is the personal deputy of a seat in the body.
PERSONAL_DEPUTY = "personal_deputy"


class Seat(NamedTuple):
    """A current seat the person holds, or is the personal deputy of."""

    body_id: int
    body_kind: str
    role: str
    holder_id: int
    holder_last_name: str
    personal_deputy_id: int | None
    start_date: date


def my_seats(user: AnyUser) -> list[Seat]:
    """Every current seat the person holds or is the personal deputy of, oldest first,
    read in one query per request (kept on the request's user: the two-factor rule, the
    bodies' and positions' roles and the bulletins' audiences all ask; outside a request
    read every time, see ``network.request_scope``)."""
    if not is_member(user):
        return []
    scope = request_scope.current()
    cached = user.__dict__.get("_governance_seats")
    if cached is not None and scope is not None and cached[0] is scope:
        return cached[1]
    seats = [
        Seat(*row)
        for row in Membership.objects.active(timezone.localdate())
        .filter(Q(user=user) | Q(personal_deputy=user))
        .order_by("start_date", "pk")
        .values_list(
            "body_id",
            "body__kind",
            "role",
            "user_id",
            "user__last_name",
            "personal_deputy_id",
            "start_date",
        )
    ]
    if scope is not None:
        user.__dict__["_governance_seats"] = (scope, seats)
    return seats


def _active_roles(user: AnyUser, body: Body) -> set[str]:
    """The person's active roles in a body, ``PERSONAL_DEPUTY`` included when they are the
    personal deputy of a current seat (from the seats read once per request)."""
    return {
        seat.role if seat.holder_id == user.pk else PERSONAL_DEPUTY
        for seat in my_seats(user)
        if seat.body_id == body.pk
    }


def is_deciding_body(body: Body) -> bool:
    """The directors' meeting and the board: their seats carry the network's decisions."""
    return body.kind in DECIDING_BODY_KINDS


def can_manage_seats(user: AnyUser, body: Body) -> bool:
    """Seats of the directors' meeting and the board are managed by network admins only;
    other bodies' seats also by their chair or secretary."""
    if is_deciding_body(body):
        return is_network_admin(user)
    return can_manage_body(user, body)


def can_change_seat(user: AnyUser, body: Body, seat_holder: User | None) -> bool:
    """Nobody changes their own seat, whatever their other rights."""
    return can_manage_seats(user, body) and getattr(seat_holder, "pk", None) != user.pk


def is_body_member(user: AnyUser, body: Body) -> bool:
    """Any active seat, deputies and officials included."""
    return bool(_active_roles(user, body))


def sits_on_the_board(user: AnyUser) -> bool:
    """Any active seat on the board (chair, members, its secretary) and the personal
    deputies of its seats, who vote for their principal.

    The board decides the network's positions, so they must use two-factor
    authentication (registered with ``network.permissions`` in ``apps.py``).
    """
    return any(seat.body_kind == BodyKind.BOARD for seat in my_seats(user))


def can_manage_body(user: AnyUser, body: Body) -> bool:
    """Meetings, memberships and assignments: the body's chair or secretary, or an admin."""
    return is_network_admin(user) or bool(_active_roles(user, body) & set(MANAGING_ROLES))


def can_view_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Whether the person sees this meeting: ``selectors.visible_meetings`` decides."""
    from governance.selectors import visible_meetings

    if not is_member(user):
        return False
    return visible_meetings(user=user).filter(pk=meeting.pk).exists()


def can_answer_attendance(user: AnyUser, meeting: Meeting) -> bool:
    """Members answer whether they attend until the meeting starts."""
    return (
        meeting.state == MeetingState.PUBLISHED
        and not meeting.has_started
        and bool(_active_roles(user, meeting.body) - {PERSONAL_DEPUTY})
    )


def can_record_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """The chair or secretary records attendance and minutes of a published meeting (the
    services refuse to do so before the meeting has started)."""
    return meeting.state == MeetingState.PUBLISHED and can_manage_body(user, meeting.body)


def can_approve_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """The chair approves the minutes (a network admin may stand in)."""
    return meeting.state == MeetingState.PUBLISHED and (
        is_network_admin(user) or Role.CHAIR in _active_roles(user, meeting.body)
    )


def can_comment_minutes(user: AnyUser, meeting: Meeting) -> bool:
    return is_body_member(user, meeting.body) or can_manage_body(user, meeting.body)


def can_post_status_update(user: AnyUser, body: Body) -> bool:
    return body.is_working_group and body.is_open and is_body_member(user, body)


def can_give_assignment(user: AnyUser, body: Body) -> bool:
    return can_manage_body(user, body)


# --- Service areas at work and assignments ------------------------------------------------


def is_service_area(body: Body) -> bool:
    return body.kind == BodyKind.SERVICE_AREA


def can_view_service_areas(user: AnyUser) -> bool:
    """Every member reads the service areas' plans, progress and reports to the board:
    the network's internal content is open to its members."""
    return is_member(user)


def can_edit_action_plan(user: AnyUser, body: Body) -> bool:
    """A service area's action plan (goals, key projects and their progress) is kept by
    its chair and secretary, or a network admin; not by its members or its working groups'."""
    return is_service_area(body) and can_manage_body(user, body)


def can_write_area_report(user: AnyUser, body: Body) -> bool:
    """The chair writes the summary of the year-end report and submits it to the board (a
    network admin may stand in)."""
    return is_service_area(body) and (
        is_network_admin(user) or Role.CHAIR in _active_roles(user, body)
    )


def can_change_assignment_status(user: AnyUser, assignment: Assignment) -> bool:
    """The assignee (the working group's chair or secretary) or the giving body's chair or
    secretary marks an assignment done, drops it or opens it again (or a network admin)."""
    return assignment.pk in assignments_changeable_by(user, [assignment])


def assignments_changeable_by(user: AnyUser, assignments: Iterable[Assignment]) -> set[int]:
    """The ids of those of ``assignments`` whose status the person may change: the rule
    above for a whole list, in one query."""
    if not is_member(user):
        return set()
    if is_network_admin(user):
        return {assignment.pk for assignment in assignments}
    managed = set(
        Membership.objects.active(timezone.localdate())
        .filter(user=user, role__in=MANAGING_ROLES)
        .values_list("body_id", flat=True)
    )
    return {
        assignment.pk
        for assignment in assignments
        if assignment.body_id in managed or assignment.working_group_id in managed
    }
