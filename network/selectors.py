"""Reusable reads of the network: each spells out what it fetches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from network.models import Department, DepartmentRole, Region, User

if TYPE_CHECKING:
    from network.permissions import AnyUser


def _directors_prefetch() -> Prefetch:
    return Prefetch(
        "people",
        queryset=User.objects.filter(is_active=True, department_role=DepartmentRole.DIRECTOR).only(
            "id", "first_name", "last_name", "email", "phone", "title", "department_id"
        ),
        to_attr="directors",
    )


def departments_for_directory() -> QuerySet[Department]:
    """Member departments with their region and director, ordered by region."""
    return (
        Department.objects.filter(is_active=True)
        .select_related("region")
        .prefetch_related(_directors_prefetch())
        .order_by("region__code", "name_fi")
    )


def regions_with_departments() -> QuerySet[Region]:
    """Regions that have member departments, each with its departments (for grouping)."""
    departments = Department.objects.filter(is_active=True).order_by("name_fi")
    return (
        Region.objects.filter(departments__is_active=True)
        .distinct()
        .prefetch_related(Prefetch("departments", queryset=departments, to_attr="members"))
        .order_by("code")
    )


def department_get(*, slug: str) -> Department:
    """One department with its region; raises ``Department.DoesNotExist``."""
    return (
        Department.objects.select_related("region").prefetch_related("other_regions").get(slug=slug)
    )


def department_people(*, department: Department) -> list[User]:
    """Active people of a department: the director first, then deputies, then others."""
    role_order: dict[str, int] = {DepartmentRole.DIRECTOR: 0, DepartmentRole.DEPUTY: 1}
    people = list(
        User.objects.filter(department=department, is_active=True).order_by(
            "last_name", "first_name"
        )
    )
    people.sort(key=lambda p: role_order.get(p.department_role, 2))
    return people


def people_search(*, query: str = "", department: Department | None = None) -> QuerySet[User]:
    """Active people matching a name, e-mail or title, with their department.

    Each word must match: "minna pirk" finds Minna Virtanen of Pirkanmaa.
    """
    people = User.objects.filter(is_active=True).select_related("department", "department__region")
    if department is not None:
        people = people.filter(department=department)
    for word in query.split()[:6]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(title__icontains=word)
            | Q(department__name_fi__icontains=word)
            | Q(department__name_sv__icontains=word)
        )
    return people.order_by("last_name", "first_name")


def invitations_not_accepted() -> QuerySet:
    """The latest invitation of each active person who has not yet set a password."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from network.models import Invitation

    return (
        Invitation.objects.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            user__is_active=True,
            user__password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )
        .select_related("user")
        .order_by("user_id", "-created_at")
        .distinct("user_id")
    )


def visible_people(*, user: AnyUser) -> QuerySet[User]:
    """The directory: every active person, for every member."""
    from network.permissions import can_view_directory

    if not can_view_directory(user):
        return User.objects.none()
    return User.objects.filter(is_active=True)


def visible_departments(*, user: AnyUser) -> QuerySet[Department]:
    from network.permissions import can_view_directory

    return Department.objects.all() if can_view_directory(user) else Department.objects.none()
