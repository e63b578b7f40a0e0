"""Reusable reads of the shared solutions, each designed for a page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q, QuerySet
from django.utils import timezone

from network.models import Department
from network.permissions import AnyUser, is_member
from preparation.selectors import StaleReadiness, stale_workstreams
from preparation.solutions.models import (
    IN_USE_STATUSES,
    Adoption,
    AdoptionChange,
    AdoptionStatus,
    Solution,
    SolutionVersion,
)

#: The trend shows at most this many quarters (the latest ones).
TREND_QUARTERS = 16


def visible_solutions(*, user: AnyUser) -> QuerySet[Solution]:
    """Shared solutions are open to every member of the network."""
    return Solution.objects.all() if is_member(user) else Solution.objects.none()


def solution_get(*, pk: int) -> Solution:
    return Solution.objects.select_related("approved_by", "made_by").get(pk=pk)


def solution_versions(*, solution: Solution) -> QuerySet[SolutionVersion]:
    return SolutionVersion.objects.filter(solution=solution).select_related("approved_by")


def adoption_history(*, department: Department, solution: Solution) -> QuerySet[AdoptionChange]:
    return AdoptionChange.objects.filter(department=department, solution=solution).select_related(
        "changed_by", "version"
    )


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class TrendPoint:
    period: str
    day: date
    in_use: int
    pairs: int

    @property
    def value(self) -> int:
        """The share in use, in per cent (the chart's value)."""
        return _share(self.in_use, self.pairs)


def _quarter_end(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    first_of_next = date(day.year + (month == 12), month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _trend(solutions: list[Solution], department_ids: set[int]) -> list[TrendPoint]:
    """The share of department × solution pairs in use at the end of each quarter (the
    current one up to today), from the kept history: one query."""
    if not solutions:
        return []
    changes = list(
        AdoptionChange.objects.filter(solution__in=solutions, department_id__in=department_ids)
        .order_by("changed_at", "id")
        .values_list("department_id", "solution_id", "to_status", "changed_at")
    )
    today = timezone.localdate()
    starts = [timezone.localtime(s.published_at).date() for s in solutions]
    if changes:
        starts.append(timezone.localtime(changes[0][3]).date())
    first = min(starts)
    ends: list[date] = []
    end = _quarter_end(today)
    while end >= first and len(ends) < TREND_QUARTERS:
        ends.append(min(end, today))
        end = date(end.year, end.month - 2, 1) - timedelta(days=1)
    if not ends:
        ends.append(today)
    ends.reverse()
    status: dict[tuple[int, int], str] = {}
    points, index = [], 0
    for end in ends:
        limit = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
        while index < len(changes) and changes[index][3] < limit:
            department_id, solution_id, to_status, _at = changes[index]
            status[(department_id, solution_id)] = to_status
            index += 1
        published = {s.pk for s in solutions if s.published_at < limit}
        in_use = sum(
            1
            for (_department, solution_id), value in status.items()
            if value in IN_USE_STATUSES and solution_id in published
        )
        points.append(
            TrendPoint(
                period=f"{end.year}Q{(end.month - 1) // 3 + 1}",
                day=end,
                in_use=in_use,
                pairs=len(published) * len(department_ids),
            )
        )
    return points


def uniformity(*, region: str = "") -> dict:
    """Departments (by region) × shared solutions, the share in use per solution and per
    region, the headline figure and its trend. Four queries whatever the numbers."""
    solutions = list(Solution.objects.order_by("title_fi"))
    chosen = Department.objects.filter(is_active=True).select_related("region")
    if region:
        chosen = chosen.filter(Q(region__code=region) | Q(other_regions__code=region)).distinct()
    departments = list(chosen.order_by("region__code", "name_fi"))
    cells = {
        (a.department_id, a.solution_id): a
        for a in Adoption.objects.filter(
            department__in=departments, solution__in=solutions
        ).select_related("version")
    }
    rows = [(d, [cells.get((d.pk, s.pk)) for s in solutions]) for d in departments]
    in_use = [
        sum(1 for d in departments if (c := cells.get((d.pk, s.pk))) and c.in_use)
        for s in solutions
    ]
    local = sum(1 for c in cells.values() if c.status == AdoptionStatus.LOCAL)
    pairs = len(departments) * len(solutions)
    adopted = sum(in_use)
    by_region: dict[int, tuple] = {}
    for department in departments:
        by_region.setdefault(department.region_id, (department.region, []))[1].append(department)
    region_rows = []
    for region_obj, members in by_region.values():
        counts = [
            sum(1 for d in members if (c := cells.get((d.pk, s.pk))) and c.in_use)
            for s in solutions
        ]
        region_rows.append(
            {
                "region": region_obj,
                "counts": counts,
                "size": len(members),
                "share": _share(sum(counts), len(members) * len(solutions)),
            }
        )
    return {
        "solutions": solutions,
        "rows": rows,
        "summary": [{"in_use": n, "share": _share(n, len(departments))} for n in in_use],
        "department_count": len(departments),
        "pairs": pairs,
        "adopted": adopted,
        "adopted_share": _share(adopted, pairs),
        "as_such": adopted - local,
        "as_such_share": _share(adopted - local, pairs),
        "not_recorded": pairs - len(cells),
        "region_rows": region_rows,
        "trend": _trend(solutions, {d.pk for d in departments}),
    }


def solution_adoptions(*, solution: Solution) -> list[tuple[Department, Adoption | None]]:
    """Every department with its adoption of one solution (two queries)."""
    adoptions = {
        a.department_id: a
        for a in Adoption.objects.filter(solution=solution).select_related("version")
    }
    departments = Department.objects.filter(is_active=True).select_related("region")
    return [(d, adoptions.get(d.pk)) for d in departments.order_by("region__code", "name_fi")]


@dataclass(frozen=True)
class MissingAdoption:
    department: Department
    solution: Solution


def adoptions_missing(*, departments: list[int]) -> list[MissingAdoption]:
    """Published solutions for which these departments have recorded nothing (two
    queries): what waits on their directors and reporters."""
    return department_duties(departments=departments).adoptions_missing


def recorded_solutions() -> ArraySubquery:
    """For a department (an annotation of ``Department``): the ids of the solutions whose
    adoption it has recorded."""
    return ArraySubquery(Adoption.objects.filter(department=OuterRef("pk")).values("solution_id"))


@dataclass(frozen=True)
class DepartmentDuties:
    stale_readiness: list[StaleReadiness]
    adoptions_missing: list[MissingAdoption]


def department_duties(*, departments: list[int] | QuerySet[Department]) -> DepartmentDuties:
    """What waits on the people who report for these departments (ids, or a query of
    them): readiness not kept current and shared solutions without a recorded adoption, in
    two queries (one when there is no such department)."""
    if isinstance(departments, list):
        if not departments:
            return DepartmentDuties(stale_readiness=[], adoptions_missing=[])
        wanted = Q(pk__in=departments)
    else:
        wanted = Q(pk__in=departments.values("pk"))
    rows = list(
        Department.objects.filter(wanted, is_active=True)
        .annotate(stale=stale_workstreams(), recorded=recorded_solutions())
        .order_by("name_fi")
    )
    if not rows:
        return DepartmentDuties(stale_readiness=[], adoptions_missing=[])
    solutions = list(Solution.objects.order_by("-published_at", "title_fi"))
    days = settings.READINESS_STALE_DAYS
    return DepartmentDuties(
        stale_readiness=[
            StaleReadiness(department=department, stale=department.stale, days=days)
            for department in rows
            if department.stale > 0
        ],
        adoptions_missing=[
            MissingAdoption(department=department, solution=solution)
            for department in rows
            for solution in solutions
            if solution.pk not in department.recorded
        ],
    )
