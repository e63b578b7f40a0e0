"""Who may do what in the strategy review: every rule in one place."""

from __future__ import annotations

from governance.models import Body, BodyKind
from governance.permissions import can_manage_body
from governance.review.models import ReviewRound
from network.models import Department
from network.permissions import (
    AnyUser,
    departments_spoken_for,
    is_member,
    is_network_admin,
)


def the_directors_meeting() -> Body | None:
    return Body.objects.filter(kind=BodyKind.DIRECTORS_MEETING).order_by("pk").first()


def can_view(user: AnyUser) -> bool:
    """Every member of the network reads the review rounds, comments and decisions."""
    return is_member(user)


def can_open_round(user: AnyUser) -> bool:
    """A network admin opens a round."""
    return is_network_admin(user)


def can_comment(user: AnyUser, review: ReviewRound, department: Department | None = None) -> bool:
    """A department's director, deputy or named reporter comments for it, while the round
    is open and its deadline has not passed. Without ``department``: for any of theirs."""
    if not review.comments_open:
        return False
    spoken_for = departments_spoken_for(user)
    if department is None:
        return bool(spoken_for)
    return department.pk in spoken_for and department.is_active


def can_record_decision(user: AnyUser) -> bool:
    """The directors' meeting's chair or secretary, or a network admin, records the
    meeting's decision."""
    if is_network_admin(user):
        return True
    body = the_directors_meeting()
    return body is not None and can_manage_body(user, body)
