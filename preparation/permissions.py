"""Who may do what in the preparation."""

from __future__ import annotations

from network.models import Department
from network.permissions import (
    AnyUser,
    is_member,
    is_official,
    leads_a_department,
    leads_department,
)


def can_manage(user: AnyUser) -> bool:
    """Workstreams, reform events and indicators: officials and network admins."""
    return is_official(user)


def is_director_of(user: AnyUser, department: Department) -> bool:
    return leads_department(user, department.pk)


def can_name_reporters(user: AnyUser) -> bool:
    """A director (or deputy) names the officials who keep their department's reports."""
    return leads_a_department(user)


def can_report_for(user: AnyUser, department: Department) -> bool:
    """A department's readiness and indicator values: its director or deputy, and the
    officials they have named."""
    from preparation.models import DepartmentReporter

    if is_director_of(user, department):
        return True
    return (
        is_member(user)
        and DepartmentReporter.objects.filter(department=department, user=user).exists()
    )


def can_start_work(user: AnyUser) -> bool:
    return is_member(user) and (user.department_id is not None or is_official(user))
