"""Who may do what with shared positions."""

from __future__ import annotations

from django.utils import timezone

from governance.models import VOTING_ROLES, BodyKind, Role
from governance.permissions import MANAGING_ROLES, can_manage_body, my_seats
from governance.positions.models import (
    IN_FORCE_STATES,
    InfluenceEntry,
    Position,
    PositionState,
)
from network.permissions import (
    AnyUser,
    is_communications_officer,
    is_member,
    is_network_admin,
    is_official,
    leads_a_department,
)


def board_roles(user: AnyUser) -> set[str]:
    """The person's own roles on the board (read with the rest of their seats)."""
    return {
        seat.role
        for seat in my_seats(user)
        if seat.body_kind == BodyKind.BOARD and seat.holder_id == user.pk
    }


def board_principal_ids(user: AnyUser) -> list[int]:
    """The board members whose current voting seat names this person as personal deputy
    (read with the rest of their seats)."""
    principals = sorted(
        (seat.holder_last_name, seat.holder_id)
        for seat in my_seats(user)
        if seat.body_kind == BodyKind.BOARD
        and seat.role in VOTING_ROLES
        and seat.personal_deputy_id == user.pk
    )
    return [holder_id for _name, holder_id in principals]


def has_board_seat(user: AnyUser) -> bool:
    return bool(board_roles(user) & set(VOTING_ROLES))


def can_draft(user: AnyUser) -> bool:
    """Officials, and members of any body (working groups, service areas, the board)."""
    return is_official(user) or (
        is_member(user) and any(seat.holder_id == user.pk for seat in my_seats(user))
    )


def can_edit(user: AnyUser, position: Position) -> bool:
    if position.is_frozen or not is_member(user):
        return False
    if is_official(user) or position.created_by_id == user.pk:
        return True
    return position.prepared_by is not None and can_manage_body(user, position.prepared_by)


def can_run_process(user: AnyUser) -> bool:
    """Open consultations and votes: officials, and the board's chair or secretary."""
    if is_official(user):
        return True
    if not is_member(user):
        return False
    return any(
        seat.body_kind == BodyKind.BOARD
        and seat.holder_id == user.pk
        and seat.role in MANAGING_ROLES
        for seat in my_seats(user)
    )


def can_answer_for(user: AnyUser) -> bool:
    """The rescue director, or a named deputy, answers for their department."""
    return leads_a_department(user)


def can_answer(user: AnyUser, position: Position) -> bool:
    return (
        position.state == PositionState.CONSULTATION
        and can_answer_for(user)
        and (
            position.consultation_deadline is None
            or timezone.now() <= position.consultation_deadline
        )
    )


def can_vote(user: AnyUser) -> bool:
    """Board members vote; a personal deputy votes for their own principal only."""
    return has_board_seat(user) or bool(board_principal_ids(user))


def can_close_vote(user: AnyUser) -> bool:
    return Role.CHAIR in board_roles(user) or is_network_admin(user)


def can_publish(user: AnyUser) -> bool:
    """Approved positions are published by a communications officer."""
    return is_communications_officer(user)


def can_withdraw(user: AnyUser, position: Position) -> bool:
    return position.is_open and (
        is_official(user) or position.created_by_id == getattr(user, "pk", None)
    )


def can_supersede(user: AnyUser, position: Position) -> bool:
    """Drafting a replacement for a position in force is drafting like any other; the board
    decides: its approval of the replacement is what supersedes the old position. One
    replacement at a time (a rejected or withdrawn one frees the place)."""
    if position.state not in IN_FORCE_STATES or not can_draft(user):
        return False
    replacement = getattr(position, "superseded_by", None)
    return replacement is None


def can_retract(user: AnyUser, position: Position) -> bool:
    """Withdrawing a decided position reverses the board's decision, so it is recorded by
    those who record the board's decisions: its chair, or a network admin. (The
    communications officer publishes; taking a position back is not theirs to decide.)"""
    return position.state in IN_FORCE_STATES and can_close_vote(user)


def can_record_influence(user: AnyUser, entry: InfluenceEntry | None = None) -> bool:
    """The influence log is kept by network admins, board members (and their personal
    deputies) and the communications officer; an entry also by the person named
    responsible for it."""
    if not is_member(user):
        return False
    if is_network_admin(user) or is_communications_officer(user) or board_roles(user):
        return True
    if board_principal_ids(user):
        return True
    return entry is not None and entry.responsible_id == user.pk


def can_manage_key_messages(user: AnyUser) -> bool:
    """The communications officer (and network admins) keep the key messages; every member
    reads and uses them."""
    return is_communications_officer(user) or is_network_admin(user)


def can_view(user: AnyUser, position: Position) -> bool:
    """Whether the person sees this position: ``selectors.visible_positions`` decides."""
    from governance.positions.selectors import visible_positions

    return visible_positions(user=user).filter(pk=position.pk).exists()
