"""Who may write, address and read bulletins."""

from __future__ import annotations

from communications.audiences import audience_kinds, keys_for
from communications.bulletins.models import Bulletin, BulletinState
from network.permissions import AnyUser, is_communications_officer, is_member


def _addressable_keys(user: AnyUser) -> dict[str, set[str]]:
    """Per audience kind, the keys a person (not a communications officer) may address;
    kept on the request's user, so a page asks once."""
    if not is_member(user):
        return {}
    cache = user.__dict__.get("_addressable_keys")
    if cache is None:
        cache = {kind.kind: kind.addressable_keys(user) for kind in audience_kinds()}
        user.__dict__["_addressable_keys"] = cache
    return cache


def can_address(user: AnyUser, kind: str, key: str) -> bool:
    if is_communications_officer(user):
        return True
    return key in _addressable_keys(user).get(kind, set())


def addressable(user: AnyUser) -> list[tuple[str, str, str]]:
    """(kind, key, label) of every audience this person may address."""
    everything = is_communications_officer(user)
    keys = _addressable_keys(user)
    return [
        (kind.kind, key, label)
        for kind in audience_kinds()
        if everything or keys.get(kind.kind)
        for key, label in kind.choices()
        if everything or key in keys[kind.kind]
    ]


def can_write(user: AnyUser) -> bool:
    """Communications officers, and chairs and secretaries for their bodies."""
    return is_communications_officer(user) or any(_addressable_keys(user).values())


def can_edit(user: AnyUser, bulletin: Bulletin) -> bool:
    return bulletin.state != BulletinState.PUBLISHED and (
        bulletin.author_id == getattr(user, "pk", None) or is_communications_officer(user)
    )


def in_audience(user: AnyUser, bulletin: Bulletin) -> bool:
    if not is_member(user):
        return False
    mine = set(keys_for(user))
    return any((a.kind, a.key) in mine for a in bulletin.audience.all())


def can_view(user: AnyUser, bulletin: Bulletin) -> bool:
    """Whether the person may open the bulletin: ``selectors.visible_bulletins`` decides."""
    from communications.bulletins.selectors import visible_bulletins

    if not is_member(user):
        return False
    return visible_bulletins(user=user).filter(pk=bulletin.pk).exists()
