"""Who may publish shared solutions and who may record a department's adoption: each rule
once, here."""

from __future__ import annotations

from communications.audiences import audience_kinds
from network.models import Department
from network.permissions import AnyUser, is_member, is_network_admin
from preparation.permissions import can_report_for
from preparation.solutions.models import Solution


def bodies_run_by(user: AnyUser) -> set[int]:
    """The open bodies whose chair or secretary the person is (a network admin: all).

    Governance answers through its "body" audience (preparation does not import it),
    cached on the request's user."""
    if not is_member(user):
        return set()
    cache = user.__dict__.get("_bodies_run")
    if cache is None:
        provider = next((k for k in audience_kinds() if k.kind == "body"), None)
        keys = provider.addressable_keys(user) if provider is not None else set()
        cache = {int(key) for key in keys}
        user.__dict__["_bodies_run"] = cache
    return cache


def can_publish_solutions(user: AnyUser) -> bool:
    """Network admins, and the chair or secretary of a body that may approve one."""
    return is_network_admin(user) or bool(bodies_run_by(user))


def can_publish_for(user: AnyUser, approved_by_id: int | None) -> bool:
    """A solution approved by a body is published and edited by that body's chair or
    secretary, or by a network admin."""
    if is_network_admin(user):
        return True
    return approved_by_id is not None and approved_by_id in bodies_run_by(user)


def can_edit_solution(user: AnyUser, solution: Solution) -> bool:
    return can_publish_for(user, solution.approved_by_id)


def can_record_adoption(user: AnyUser, department: Department) -> bool:
    """A department's adoption: its own director (or deputy), the officials the director
    named to report, and network admins. Never another department's people."""
    return is_network_admin(user) or can_report_for(user, department)
