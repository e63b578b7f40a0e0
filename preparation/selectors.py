"""Reusable reads of the preparation, each designed for a page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Greatest, Upper
from django.utils import timezone

from network.finnish import base_forms
from network.models import Department, Region
from network.permissions import AnyUser, is_member
from network.strategy import quarter, strategy_sources, strategy_themes
from preparation.models import (
    DipAlert,
    Indicator,
    IndicatorValue,
    Readiness,
    ReadinessChange,
    ReadinessStatus,
    ReformEvent,
    WorkItem,
    WorkItemParticipant,
    Workstream,
)


def timeline(
    *, kind: str = "", workstream: str = ""
) -> tuple[list[ReformEvent], list[ReformEvent]]:
    """Upcoming events (soonest first) and past ones (latest first)."""
    events = ReformEvent.objects.prefetch_related("workstreams")
    if kind:
        events = events.filter(kind=kind)
    if workstream:
        events = events.filter(workstreams__code=workstream)
    today = timezone.localdate()
    return list(events.filter(date__gte=today).order_by("date")), list(
        events.filter(date__lt=today).order_by("-date")
    )


def upcoming_deadlines(*, days: int = 120, limit: int = 5) -> QuerySet[ReformEvent]:
    today = timezone.localdate()
    return ReformEvent.objects.filter(
        Q(kind="deadline") | Q(is_network_deadline=True) | Q(kind="milestone"),
        date__gte=today,
        date__lte=today + timedelta(days=days),
    ).order_by("date")[:limit]


def readiness_matrix(*, region: str = "") -> dict:
    """Departments (grouped by region) × active workstreams, with a summary row.

    Three queries whatever the number of departments and workstreams."""
    workstreams = list(Workstream.objects.filter(is_active=True).order_by("order", "name_fi"))
    departments: QuerySet[Department] | list[Department]
    departments = Department.objects.filter(is_active=True).select_related("region")
    if region:
        departments = departments.filter(
            Q(region__code=region) | Q(other_regions__code=region)
        ).distinct()
    departments = list(departments.order_by("region__code", "name_fi"))
    cells = {
        (r.department_id, r.workstream_id): r
        for r in Readiness.objects.filter(department__in=departments, workstream__in=workstreams)
    }
    rows = []
    for department in departments:
        rows.append((department, [cells.get((department.pk, w.pk)) for w in workstreams]))
    ready = Counter(
        workstream_id
        for (department_id, workstream_id), cell in cells.items()
        if cell.status == ReadinessStatus.READY
    )
    by_region: dict[str, list] = {}
    for department in departments:
        by_region.setdefault(department.region.name, []).append(department)
    region_summary = [
        (
            name,
            [
                sum(
                    1
                    for d in members
                    if (cell := cells.get((d.pk, w.pk))) and cell.status == ReadinessStatus.READY
                )
                for w in workstreams
            ],
            len(members),
        )
        for name, members in by_region.items()
    ]
    return {
        "workstreams": workstreams,
        "rows": rows,
        "summary": [ready.get(w.pk, 0) for w in workstreams],
        "department_count": len(departments),
        "region_summary": region_summary,
    }


def readiness_history(*, department: Department, workstream: Workstream) -> QuerySet:
    return ReadinessChange.objects.filter(
        department=department, workstream=workstream
    ).select_related("changed_by")


def work_items(*, workstream: str = "") -> QuerySet[WorkItem]:
    items = WorkItem.objects.select_related("workstream", "lead_department").annotate(
        department_count=Count("participations", distinct=True),
        joins=Count(
            "participations", filter=Q(participations__joined_instead_of_new=True), distinct=True
        ),
    )
    if workstream:
        items = items.filter(workstream__code=workstream)
    return items.order_by("-created_at")


def work_item_get(*, pk: int) -> WorkItem:
    participations = WorkItemParticipant.objects.select_related("department", "joined_by")
    return (
        WorkItem.objects.select_related("workstream", "lead_department", "created_by")
        .prefetch_related(Prefetch("participations", queryset=participations))
        .get(pk=pk)
    )


def national_overview(*, indicator: Indicator, period: str) -> list[dict]:
    """Every department's value for one period, best first, with the change from its
    own average of the previous four periods."""
    from preparation.periods import previous_periods

    previous = previous_periods(period)
    values = IndicatorValue.objects.filter(
        indicator=indicator, period__in=[period, *previous]
    ).values_list("department_id", "period", "value")
    current: dict[int, Decimal] = {}
    history: dict[int, list[Decimal]] = {}
    for department_id, value_period, amount in values:
        if value_period == period:
            current[department_id] = amount
        else:
            history.setdefault(department_id, []).append(amount)
    rows: list[dict[str, Any]] = []
    for department in Department.objects.filter(is_active=True).select_related("region"):
        value = current.get(department.pk)
        past = history.get(department.pk)
        baseline = sum(past, Decimal(0)) / len(past) if past else None
        rows.append(
            {
                "department": department,
                "value": value,
                "baseline": baseline,
                "change": (value - baseline)
                if value is not None and baseline is not None
                else None,
                "misses_target": value is not None
                and indicator.target is not None
                and indicator.worse(value, indicator.target),
            }
        )
    present = [r for r in rows if r["value"] is not None]
    missing = [r for r in rows if r["value"] is None]
    present.sort(key=lambda r: r["value"], reverse=indicator.higher_is_better)
    return present + missing


def department_series(*, indicator: Indicator, department: Department) -> list[IndicatorValue]:
    return list(
        IndicatorValue.objects.filter(indicator=indicator, department=department)
        .select_related("alert")
        .order_by("period")
    )


def open_alerts() -> QuerySet[DipAlert]:
    return DipAlert.objects.select_related(
        "value__indicator", "value__department", "acknowledged_by"
    ).order_by("acknowledged_at", "-created_at")


def regions() -> QuerySet[Region]:
    return Region.objects.filter(departments__is_active=True).distinct().order_by("code")


def departments_reported_by(*, user: AnyUser) -> list[int]:
    """The departments whose figures the person keeps: their own as director or deputy,
    and those whose director named them a reporter."""
    from network.permissions import is_member, leads_a_department
    from preparation.models import DepartmentReporter

    if not is_member(user):
        return []
    ids = set(DepartmentReporter.objects.filter(user=user).values_list("department_id", flat=True))
    if leads_a_department(user) and user.department_id is not None:
        ids.add(user.department_id)
    return sorted(ids)


def reported_departments(*, user: AnyUser) -> QuerySet[Department]:
    """``departments_reported_by`` as a query, to be used inside others (no query of its
    own): their own department as director or deputy, and those whose director named them
    a reporter."""
    from network.permissions import leads_a_department
    from preparation.models import DepartmentReporter

    if not is_member(user):
        return Department.objects.none()
    mine = Q(pk__in=DepartmentReporter.objects.filter(user=user).values("department_id"))
    if leads_a_department(user) and user.department_id is not None:
        mine |= Q(pk=user.department_id)
    return Department.objects.filter(mine)


@dataclass(frozen=True)
class StaleReadiness:
    department: Department
    stale: int
    days: int


def stale_workstreams() -> Subquery:
    """For a department (an annotation of ``Department``): how many workstreams in use have
    no readiness recorded in the last ``READINESS_STALE_DAYS`` days."""
    since = timezone.now() - timedelta(days=settings.READINESS_STALE_DAYS)
    fresh = Readiness.objects.filter(
        department_id=OuterRef(OuterRef("pk")), workstream=OuterRef("pk"), updated_at__gte=since
    )
    not_updated = Workstream.objects.filter(is_active=True).exclude(Exists(fresh))
    return Subquery(
        not_updated.order_by().values(n=Func(F("pk"), function="COUNT")),
        output_field=IntegerField(),
    )


def stale_readiness(*, departments: list[int]) -> list[StaleReadiness]:
    """For each department, how many workstreams in use have no readiness recorded in the
    last ``READINESS_STALE_DAYS`` days. One query whatever the number of departments."""
    if not departments:
        return []
    days = settings.READINESS_STALE_DAYS
    return [
        StaleReadiness(department=department, stale=department.stale, days=days)
        for department in Department.objects.filter(pk__in=departments, is_active=True)
        .annotate(stale=stale_workstreams())
        .order_by("name_fi")
        if department.stale > 0
    ]


@dataclass(frozen=True)
class RegionReadiness:
    region: Region
    cells: int
    ready: int
    at_risk: int

    @property
    def ready_share(self) -> int:
        return round(100 * self.ready / self.cells) if self.cells else 0


def readiness_by_region() -> list[RegionReadiness]:
    """Per region: how many department × workstream cells are ready and at risk (three
    queries, whatever the number of departments)."""
    workstreams = Workstream.objects.filter(is_active=True).count()
    departments = Counter(
        Department.objects.filter(is_active=True).values_list("region_id", flat=True)
    )
    counts: Counter = Counter()
    for region_id, status, n in (
        Readiness.objects.filter(department__is_active=True, workstream__is_active=True)
        .values("department__region_id", "status")
        .annotate(n=Count("pk"))
        .values_list("department__region_id", "status", "n")
    ):
        counts[(region_id, status)] += n
    return [
        RegionReadiness(
            region=region,
            cells=departments[region.pk] * workstreams,
            ready=counts[(region.pk, ReadinessStatus.READY)],
            at_risk=counts[(region.pk, ReadinessStatus.AT_RISK)],
        )
        for region in Region.objects.filter(pk__in=departments).order_by("code")
    ]


def visible_work_items(*, user: AnyUser) -> QuerySet[WorkItem]:
    """The joint preparation is open to every member of the network."""
    return WorkItem.objects.all() if is_member(user) else WorkItem.objects.none()


def visible_reform_events(*, user: AnyUser) -> QuerySet[ReformEvent]:
    return ReformEvent.objects.all() if is_member(user) else ReformEvent.objects.none()


def visible_indicators(*, user: AnyUser) -> QuerySet[Indicator]:
    return Indicator.objects.all() if is_member(user) else Indicator.objects.none()


#: Only the beginning of a long text is compared: the title and the first sentences say
#: what the work is about, and the query stays small however long the text is.
SIMILARITY_WORDS = 200


def similar_work_items(*, text: str, limit: int = 5) -> QuerySet[WorkItem]:
    """Existing work that looks like ``text`` (its first ``SIMILARITY_WORDS`` words):
    shared base forms or a similar title."""
    text = " ".join(text[: SIMILARITY_WORDS * 40].split()[:SIMILARITY_WORDS])
    forms = base_forms(text).split()
    if not forms:
        return WorkItem.objects.none()
    query = SearchQuery(" | ".join(forms), search_type="raw", config="simple")
    return (
        WorkItem.objects.annotate(
            rank=SearchRank(F("search"), query),
            title_similarity=TrigramSimilarity(Upper("title"), text.upper()),
        )
        .filter(Q(search=query) | Q(title_similarity__gt=0.3))
        .annotate(score=Greatest(F("rank"), F("title_similarity")))
        .select_related("workstream", "lead_department")
        .order_by("-score", "-created_at")[:limit]
    )


#: The most items of one source counted on the strategy page.
STRATEGY_COUNTED_MOST = 1000


@dataclass(frozen=True)
class StrategyReview:
    """For each cornerstone and for communication, what the network did for it, counted per
    quarter: ``sections`` (label, and per source a row of counts under ``quarters``) and
    the ``quarters`` shown. Only what the person may see is counted."""

    sections: list[dict]
    quarters: list[str]


def strategy_review(*, user: AnyUser) -> StrategyReview:
    sources = strategy_sources()
    items = {source.key: source.items(user=user, limit=STRATEGY_COUNTED_MOST) for source in sources}
    sections: list[dict[str, Any]] = []
    seen: set[str] = set()
    for value, label in strategy_themes():
        counts: dict[str, Counter[str]] = {}
        for source in sources:
            per_quarter = Counter(
                quarter(item.day) for item in items[source.key] if value in item.themes
            )
            counts[source.key] = per_quarter
            seen.update(per_quarter)
        sections.append({"label": label, "counts": counts})
    quarters = sorted(seen)
    for section in sections:
        section["rows"] = [
            {
                "label": source.label,
                "cells": [section["counts"][source.key].get(q, 0) for q in quarters],
                "total": sum(section["counts"][source.key].values()),
            }
            for source in sources
            if section["counts"][source.key]
        ]
    return StrategyReview(sections=sections, quarters=quarters)
