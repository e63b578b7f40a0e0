"""Who may do what with bodies, meetings and status updates: every rule in one place."""

from __future__ import annotations

from django.utils import timezone

from governance.models import Body, BodyKind, Meeting, MeetingState, Membership, Role
from network.permissions import AnyUser, is_member, is_network_admin

MANAGING_ROLES = (Role.CHAIR, Role.SECRETARY)


def _active_roles(user: AnyUser, body: Body) -> set[str]:
    """The person's active roles in a body (cached on the request's user per body)."""
    if not is_member(user):
        return set()
    cache = user.__dict__.setdefault("_governance_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active(timezone.localdate())
            .filter(user=user, body=body)
            .values_list("role", flat=True)
        )
    return cache[body.pk]


def is_body_member(user: AnyUser, body: Body) -> bool:
    """Any active seat, deputies and officials included."""
    return bool(_active_roles(user, body))


def sits_on_the_board(user: AnyUser) -> bool:
    """Any active seat on the board: chair, members, deputies and its secretary.

    The board decides the network's positions, so they must use two-factor
    authentication (registered with ``network.permissions`` in ``apps.py``).
    """
    return (
        is_member(user)
        and Membership.objects.active(timezone.localdate())
        .filter(user=user, body__kind=BodyKind.BOARD)
        .exists()
    )


def can_manage_body(user: AnyUser, body: Body) -> bool:
    """Meetings, memberships and assignments: the body's chair or secretary, or an admin."""
    return is_network_admin(user) or bool(_active_roles(user, body) & set(MANAGING_ROLES))


def can_view_meeting(user: AnyUser, meeting: Meeting) -> bool:
    if not is_member(user):
        return False
    if can_manage_body(user, meeting.body):
        return True
    if meeting.state == MeetingState.DRAFT:
        return False  # the agenda is still being built
    return not meeting.restricted or is_body_member(user, meeting.body)


def can_answer_attendance(user: AnyUser, meeting: Meeting) -> bool:
    return meeting.state == MeetingState.PUBLISHED and is_body_member(user, meeting.body)


def can_record_minutes(user: AnyUser, meeting: Meeting) -> bool:
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
