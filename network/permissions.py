"""Who may do what in the network app: every rule in one place.

Views never test roles themselves; they ask here. Later apps add their own
``permissions`` modules for bodies, positions and departments' reports.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from network.models import DepartmentRole, NetworkRole, User

type AnyUser = User | AnonymousUser

#: Who speaks for a department: its rescue director and the director's named deputy.
DEPARTMENT_LEADERS = (DepartmentRole.DIRECTOR, DepartmentRole.DEPUTY)


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


def is_communications_officer(user: AnyUser) -> bool:
    """Publishes bulletins to everyone, the public site and approved positions."""
    return is_member(user) and NetworkRole.COMMUNICATIONS in user.roles  # type: ignore[union-attr]


def leads_a_department(user: AnyUser) -> bool:
    """The rescue director or deputy of some department (who answers and reports for it)."""
    return (
        is_member(user)
        and user.department_id is not None  # type: ignore[union-attr]
        and user.department_role in DEPARTMENT_LEADERS  # type: ignore[union-attr]
    )


def leads_department(user: AnyUser, department_id: int | None) -> bool:
    """The rescue director or deputy of this department."""
    return leads_a_department(user) and user.department_id == department_id  # type: ignore[union-attr]


def department_leaders_q(prefix: str = "") -> Q:
    """The same rule as a filter on people: active leaders of active departments."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}department__is_active": True,
            f"{prefix}department_role__in": DEPARTMENT_LEADERS,
        }
    )


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
