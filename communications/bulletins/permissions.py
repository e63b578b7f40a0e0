"""Who may write, address and read bulletins."""

from __future__ import annotations

from communications.audiences import get_audience_kind, keys_for
from communications.bulletins.models import Bulletin, BulletinState
from network.permissions import AnyUser, is_communications_officer, is_member


def can_address(user: AnyUser, kind: str, key: str) -> bool:
    if is_communications_officer(user):
        return True
    try:
        return is_member(user) and get_audience_kind(kind).may_address(user, key)
    except KeyError:
        return False


def addressable(user: AnyUser) -> list[tuple[str, str, str]]:
    """(kind, key, label) of every audience this person may address."""
    from communications.audiences import audience_kinds

    return [
        (kind.kind, key, label)
        for kind in audience_kinds()
        for key, label in kind.choices()
        if can_address(user, kind.kind, key)
    ]


def can_write(user: AnyUser) -> bool:
    """Communications officers, and chairs and secretaries for their bodies."""
    return is_communications_officer(user) or bool(is_member(user) and addressable(user))


def can_edit(user: AnyUser, bulletin: Bulletin) -> bool:
    return bulletin.state != BulletinState.PUBLISHED and (
        bulletin.author_id == getattr(user, "pk", None) or is_communications_officer(user)
    )


def in_audience(user: AnyUser, bulletin: Bulletin) -> bool:
    mine = set(keys_for(user))
    return any((a.kind, a.key) in mine for a in bulletin.audience.all())


def can_view(user: AnyUser, bulletin: Bulletin) -> bool:
    if not is_member(user):
        return False
    if bulletin.author_id == user.pk or is_communications_officer(user):
        return True
    return bulletin.state == BulletinState.PUBLISHED and in_audience(user, bulletin)
