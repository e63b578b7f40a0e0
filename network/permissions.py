"""Who may do what in the network app: every rule in one place.

Views never test roles themselves; they ask here. Later apps add their own
``permissions`` modules for bodies, positions and departments' reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from network.models import DepartmentRole, NetworkRole, User

type AnyUser = User | AnonymousUser

#: Who speaks for a department: its rescue director and the director's named deputy.
DEPARTMENT_LEADERS = (DepartmentRole.DIRECTOR, DepartmentRole.DEPUTY)


def is_member(user: AnyUser) -> TypeGuard[User]:
    """Anyone with an active account may read the network's internal content."""
    return bool(user.is_authenticated and user.is_active)


def is_network_admin(user: AnyUser) -> bool:
    return is_member(user) and (user.is_superuser or NetworkRole.NETWORK_ADMIN in user.roles)


def is_official(user: AnyUser) -> bool:
    """Network officials (and network admins, who may do what officials do)."""
    return is_member(user) and (NetworkRole.OFFICIAL in user.roles or is_network_admin(user))


def is_communications_officer(user: AnyUser) -> bool:
    """Publishes bulletins to everyone, the public site and approved positions."""
    return is_member(user) and NetworkRole.COMMUNICATIONS in user.roles


def leads_a_department(user: AnyUser) -> TypeGuard[User]:
    """The rescue director or deputy of some department (who answers and reports for it)."""
    return (
        is_member(user)
        and user.department_id is not None
        and user.department_role in DEPARTMENT_LEADERS
    )


def leads_department(user: AnyUser, department_id: int | None) -> bool:
    """The rescue director or deputy of this department."""
    return leads_a_department(user) and user.department_id == department_id


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


def can_manage_deliveries(user: AnyUser) -> bool:
    """Network admins see e-mail that waits or failed and ask for it again."""
    return is_network_admin(user)


def can_use_admin_site(user: AnyUser) -> bool:
    """The Django admin is for network admins, who are always network staff."""
    return is_network_admin(user) and user.is_staff


#: Who sits on the board is known to governance, which registers the rule in its
#: ``AppConfig.ready()`` so that ``network`` never imports the apps. A rule takes an
#: active person and answers yes or no.
type BoardRule = Callable[[User], bool]
_board_rules: list[BoardRule] = []


def register_board_rule(rule: BoardRule) -> BoardRule:
    if rule not in _board_rules:
        _board_rules.append(rule)
    return rule


def sits_on_the_board(user: AnyUser) -> bool:
    """A current seat on the board, or the personal deputy of one (kept on the request's
    user: the middleware and the dashboard both ask)."""
    if not is_member(user):
        return False
    cached = user.__dict__.get("_on_the_board")
    if cached is None:
        cached = any(rule(user) for rule in _board_rules)
        user.__dict__["_on_the_board"] = cached
    return cached


#: Who reports for a department besides its director and deputy (the officials a director
#: names) is known to preparation, which registers a rule in its ``AppConfig.ready()``. A
#: rule takes an active person and returns the ids of the departments they report for.
type ReporterRule = Callable[[User], Iterable[int]]
_reporter_rules: list[ReporterRule] = []


def register_reporter_rule(rule: ReporterRule) -> ReporterRule:
    if rule not in _reporter_rules:
        _reporter_rules.append(rule)
    return rule


def departments_spoken_for(user: AnyUser) -> list[int]:
    """The departments the person speaks for: their own as its director or deputy, and
    those whose director named them a reporter (by the registered rules)."""
    if not is_member(user):
        return []
    cached = user.__dict__.get("_departments_spoken_for")
    if cached is None:
        ids = {user.department_id} if leads_a_department(user) else set()
        for rule in _reporter_rules:
            ids.update(rule(user))
        cached = sorted(ids)
        user.__dict__["_departments_spoken_for"] = cached  # kept on the request's user
    return list(cached)


def sees_network_overview(user: AnyUser) -> bool:
    """The board and the network's officials see the whole network at a glance."""
    return is_official(user) or sits_on_the_board(user)


def requires_mfa(user: AnyUser) -> bool:
    """Who must have two-factor authentication before doing anything else.

    Staff, network admins, officials and communications officers by their roles, and
    whoever another app's registered rule names (every member of the board). The
    roles are checked first: they cost no query.
    """
    if not is_member(user):
        return False
    person: User = user
    if person.is_staff or is_official(person) or NetworkRole.COMMUNICATIONS in person.roles:
        return True
    return sits_on_the_board(person)
