"""State changes of the shared solutions: publishing, new versions, recording adoption."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Department, User
from network.permissions import require
from network.search import search_index
from preparation.solutions import permissions
from preparation.solutions.models import (
    IN_USE_STATUSES,
    Adoption,
    AdoptionChange,
    AdoptionStatus,
    Solution,
    SolutionVersion,
)

#: A ``governance.Body`` (the approving body, the working group that made it). Preparation
#: may not import governance, not even for its types (tests/test_architecture.py), so the
#: type cannot be named here.
type GovernanceBody = Any

#: The fields of a solution that are edited without a new version.
TEXT_FIELDS = (
    "title_fi", "title_sv", "title_en", "description_fi", "description_sv", "description_en",
    "kind", "made_by", "link",
)  # fmt: skip


def _clean(solution: Solution) -> None:
    for name in ("title_fi", "title_sv", "title_en", "version"):
        setattr(solution, name, getattr(solution, name).strip())
    for name in ("description_fi", "description_sv", "description_en"):
        setattr(solution, name, getattr(solution, name).strip())
    solution.full_clean()


def solution_publish(
    *,
    actor: User,
    title_fi: str,
    description_fi: str,
    kind: str,
    version: str,
    approved_by: GovernanceBody,
    approved_on: date,
    made_by: GovernanceBody | None = None,
    title_sv: str = "",
    title_en: str = "",
    description_sv: str = "",
    description_en: str = "",
    link: str = "",
) -> Solution:
    """Publish a solution with its first version. Its approving body's chair or secretary
    (or a network admin) publishes it."""
    require(permissions.can_publish_for(actor, getattr(approved_by, "pk", None)))
    solution = Solution(
        title_fi=title_fi,
        title_sv=title_sv,
        title_en=title_en,
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
        kind=kind,
        version=version,
        approved_by=approved_by,
        approved_on=approved_on,
        made_by=made_by,
        link=link,
        created_by=actor,
    )
    _clean(solution)
    with transaction.atomic():
        solution.save()
        SolutionVersion.objects.create(
            solution=solution,
            version=solution.version,
            approved_by=approved_by,
            approved_on=approved_on,
            recorded_by=actor,
        )
        search_index("solution", solution.pk)
    return solution


def solution_edit(*, actor: User, solution: Solution, **fields: object) -> Solution:
    """Correct a solution's texts, kind, working group or link: no new version."""
    require(permissions.can_edit_solution(actor, solution))
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(solution, name, value)
    _clean(solution)
    with transaction.atomic():
        solution.save()
        search_index("solution", solution.pk)
    return solution


def solution_new_version(
    *,
    actor: User,
    solution: Solution,
    version: str,
    approved_by: GovernanceBody,
    approved_on: date,
    changes: str = "",
) -> SolutionVersion:
    """Record a new approved version. Earlier versions stay; the departments' adoptions
    stay as recorded and keep the version they took into use, so the view shows who
    still uses an older one."""
    require(permissions.can_edit_solution(actor, solution))
    require(permissions.can_publish_for(actor, getattr(approved_by, "pk", None)))
    version = version.strip()
    row = SolutionVersion(
        solution=solution,
        version=version,
        approved_by=approved_by,
        approved_on=approved_on,
        changes=changes.strip(),
        recorded_by=actor,
    )
    row.full_clean(exclude=["solution"])
    with transaction.atomic():
        locked = Solution.objects.select_for_update().get(pk=solution.pk)
        if SolutionVersion.objects.filter(solution=locked, version=version).exists():
            raise ValidationError({"version": _("This version has already been recorded.")})
        if approved_on < locked.approved_on:
            raise ValidationError(
                {"approved_on": _("A new version cannot be approved before the current one.")}
            )
        row.solution = locked
        row.save()
        locked.version, locked.approved_by, locked.approved_on = version, approved_by, approved_on
        locked.save(update_fields=["version", "approved_by", "approved_on"])
        search_index("solution", locked.pk)
    solution.version, solution.approved_by, solution.approved_on = (
        version,
        approved_by,
        approved_on,
    )
    return row


def adoption_record(
    *,
    actor: User,
    department: Department,
    solution: Solution,
    status: str,
    planned_for: date | None = None,
    reason: str = "",
    to_current_version: bool = False,
    at: datetime | None = None,
) -> Adoption:
    """Record whether a department has adopted a solution; every change is kept.

    Planned needs a date; in use with local changes needs the reason. A department in
    use records the solution's current version; later recordings keep the version taken
    into use unless ``to_current_version`` says the department has moved to the current one."""
    require(permissions.can_record_adoption(actor, department))
    reason = reason.strip()
    errors = {}
    if status not in AdoptionStatus.values:
        errors["status"] = _("Choose a status.")
    if status == AdoptionStatus.PLANNED and planned_for is None:
        errors["planned_for"] = _("Give the date by which the department plans to adopt it.")
    if status == AdoptionStatus.LOCAL and not reason:
        errors["reason"] = _("Say what was changed locally and why.")
    if errors:
        raise ValidationError(errors)
    if status != AdoptionStatus.PLANNED:
        planned_for = None
    when = at or timezone.now()
    try:
        with transaction.atomic():
            current = (
                Adoption.objects.select_for_update()
                .filter(department=department, solution=solution)
                .first()
            )
            before = current.status if current else ""
            if current is None:
                current = Adoption(department=department, solution=solution)
            if status in IN_USE_STATUSES:
                if (
                    to_current_version
                    or current.version_id is None
                    or before not in IN_USE_STATUSES
                ):
                    current.version = _current_version(solution)
            else:
                current.version = None
            current.status, current.planned_for, current.reason = status, planned_for, reason
            current.updated_by, current.updated_at = actor, when
            current.save()
            AdoptionChange.objects.create(
                department=department,
                solution=solution,
                from_status=before,
                to_status=status,
                planned_for=planned_for,
                reason=reason,
                version=current.version,
                changed_by=actor,
                changed_at=when,
            )
    except IntegrityError:
        # Two first recordings at the same moment: the other one won; say so, not 500.
        raise ValidationError(
            _("Someone recorded this at the same moment. Look at the record and try again.")
        ) from None
    return current


def _current_version(solution: Solution) -> SolutionVersion | None:
    return (
        SolutionVersion.objects.filter(solution_id=solution.pk, version=solution.version)
        .order_by("-recorded_at")
        .first()
    )
