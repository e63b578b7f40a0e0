"""Who may do what in the network app: every rule in one place.

Views never test roles themselves; they ask here. Later apps add their own
``permissions`` modules for bodies, positions and departments' reports.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from network.models import NetworkRole, User

type AnyUser = User | AnonymousUser


def is_member(user: AnyUser) -> bool:
    """Anyone with an active account may read the network's internal content."""
    return bool(user.is_authenticated and user.is_active)


def is_network_admin(user: AnyUser) -> bool:
    return is_member(user) and (
        user.is_superuser or NetworkRole.NETWORK_ADMIN in user.roles  # type: ignore[union-attr]
    )


def is_official(user: AnyUser) -> bool:
    """Network officials (and network admins, who may do what officials do)."""
    return is_member(user) and (NetworkRole.OFFICIAL in user.roles or is_network_admin(user))


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse a state change the person has no right to (services call this)."""
    if not allowed:
        from django.core.exceptions import PermissionDenied
        from django.utils.translation import gettext

        raise PermissionDenied(message or gettext("You do not have the right to do this."))


def can_view_directory(user: AnyUser) -> bool:
    return is_member(user)


def can_invite_people(user: AnyUser) -> bool:
    return is_network_admin(user)


def can_use_admin_site(user: AnyUser) -> bool:
    """The Django admin is for network admins, who are always network staff."""
    return is_network_admin(user) and user.is_staff


def requires_mfa(user: AnyUser) -> bool:
    """Staff accounts must have two-factor authentication before doing anything else."""
    return is_member(user) and user.is_staff
