"""Who may do what in the network app: every rule in one place.

Views never test roles themselves; they ask here. Later apps add their own
``permissions`` modules for bodies, positions and departments' reports.
"""

from __future__ import annotations

from collections.abc import Callable

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


#: Further reasons another app has for requiring two-factor authentication, registered
#: in its ``AppConfig.ready()`` (governance: a seat on the board), so that ``network``
#: never imports the apps. Each rule takes an active person and answers yes or no.
type MFARule = Callable[[User], bool]
_mfa_rules: list[MFARule] = []


def register_mfa_rule(rule: MFARule) -> MFARule:
    if rule not in _mfa_rules:
        _mfa_rules.append(rule)
    return rule


def requires_mfa(user: AnyUser) -> bool:
    """Who must have two-factor authentication before doing anything else.

    Staff, network admins, officials and communications officers by their roles, and
    whoever another app's registered rule names (every member of the board). The
    roles are checked first: they cost no query.
    """
    if not is_member(user):
        return False
    person: User = user  # type: ignore[assignment]
    if person.is_staff or is_official(person) or NetworkRole.COMMUNICATIONS in person.roles:
        return True
    return any(rule(person) for rule in _mfa_rules)
