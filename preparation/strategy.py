"""What the preparation gives the strategy review: its work items and reform events as
items done for the cornerstones, and two kinds of evidence: the departments' readiness
over time and the safety indicators' dips."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from network.permissions import is_member
from network.strategy import (
    UNIFORMITY_EVIDENCE,
    StrategyEvidence,
    StrategyItem,
    StrategySource,
    quarter,
    quarter_end,
    quarters_between,
    register_strategy_evidence,
    register_strategy_source,
)
from preparation import selectors
from preparation.models import DipAlert, ReadinessChange, ReadinessStatus

#: The readiness history read for the trend: far more than 22 departments change in a
#: review period, and still a bound on one query.
READINESS_HISTORY_MOST = 20_000
DIPS_LISTED = 10


def work_items(*, user, since=None, until=None, limit: int = 50) -> list[StrategyItem]:
    items = selectors.visible_work_items(user=user).exclude(cornerstones=[])
    if since:
        items = items.filter(created_at__date__gte=since)
    if until:
        items = items.filter(created_at__date__lte=until)
    return [
        StrategyItem(
            title=title,
            url=reverse("preparation:work_item", args=[pk]),
            day=timezone.localtime(created_at).date(),
            themes=tuple(cornerstones),
        )
        for pk, title, created_at, cornerstones in items.order_by("-created_at", "-pk").values_list(
            "pk", "title", "created_at", "cornerstones"
        )[:limit]
    ]


def reform_events(*, user, since=None, until=None, limit: int = 50) -> list[StrategyItem]:
    events = selectors.visible_reform_events(user=user).exclude(cornerstones=[])
    if since:
        events = events.filter(date__gte=since)
    if until:
        events = events.filter(date__lte=until)
    return [
        StrategyItem(
            title=(titles.get(get_language()[:2]) if get_language() else "") or titles["fi"],
            url=reverse("preparation:timeline") + f"#event-{pk}",
            day=day,
            themes=tuple(cornerstones),
        )
        for pk, day, cornerstones, titles in (
            (pk, day, cornerstones, {"fi": fi, "sv": sv, "en": en})
            for pk, day, cornerstones, fi, sv, en in events.order_by("-date", "-pk").values_list(
                "pk", "date", "cornerstones", "title_fi", "title_sv", "title_en"
            )[:limit]
        )
    ]


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def readiness_trend(*, user, since: date, until: date) -> dict | None:
    """At the end of each quarter: how many department × workstream pairs were ready, at
    risk, and reported at all (the latest change before the quarter's end counts)."""
    if not is_member(user):
        return None
    quarters = quarters_between(since, until)
    if not quarters:
        return None
    changes = (
        ReadinessChange.objects.filter(changed_at__lt=_end_of(until))
        .order_by("changed_at", "id")
        .values_list("department_id", "workstream_id", "to_status", "changed_at")
    )[:READINESS_HISTORY_MOST]
    state: dict[tuple[int, int], str] = {}
    rows, pending = [], list(quarters)
    ends = {name: _end_of(quarter_end(_first_day(name))) for name in quarters}

    def snapshot(name: str) -> None:
        counts = Counter(state.values())
        rows.append(
            {
                "quarter": name,
                "ready": counts[ReadinessStatus.READY],
                "at_risk": counts[ReadinessStatus.AT_RISK],
                "reported": len(state),
            }
        )

    for department_id, workstream_id, status, at in changes:
        while pending and at >= ends[pending[0]]:
            snapshot(pending.pop(0))
        state[(department_id, workstream_id)] = status
    for name in pending:
        snapshot(name)
    while rows and not rows[0]["reported"]:
        rows.pop(0)  # the quarters before anything was reported say nothing
    if not rows:
        return None
    return {"rows": rows}


def _first_day(name: str) -> date:
    year, q = name.split("Q")
    return date(int(year), (int(q) - 1) * 3 + 1, 1)


def safety_dips(*, user, since: date, until: date) -> dict | None:
    """The dip alerts raised in the period: counted per quarter, the latest listed."""
    alerts = DipAlert.objects.filter(
        value__indicator__in=selectors.visible_indicators(user=user),
        created_at__gte=_end_of(since - timedelta(days=1)),
        created_at__lt=_end_of(until),
    )
    per_quarter = Counter(
        quarter(timezone.localtime(at).date()) for at in alerts.values_list("created_at", flat=True)
    )
    if not per_quarter:
        return None
    latest = list(
        alerts.select_related("value__indicator", "value__department").order_by("-created_at")[
            :DIPS_LISTED
        ]
    )
    first = min(per_quarter)
    return {
        "quarters": [
            {"quarter": name, "count": per_quarter.get(name, 0)}
            for name in quarters_between(since, until)
            if name >= first
        ],
        "total": sum(per_quarter.values()),
        "latest": latest,
    }


register_strategy_source(
    StrategySource(key="work_items", label=gettext_lazy("Shared work items"), items_for=work_items)
)
register_strategy_source(
    StrategySource(
        key="events", label=gettext_lazy("Reform events followed"), items_for=reform_events
    )
)
register_strategy_evidence(
    StrategyEvidence(
        key="readiness",
        label=gettext_lazy("Readiness of the departments"),
        template="preparation/evidence_readiness.html",
        context_for=readiness_trend,
        order=10,
    )
)
register_strategy_evidence(
    StrategyEvidence(
        key="dips",
        label=gettext_lazy("Dips in the safety level"),
        template="preparation/evidence_dips.html",
        context_for=safety_dips,
        order=20,
    )
)


def uniformity_trend(*, user, since: date, until: date) -> dict | None:
    """How uniform the departments are (the strategy's own measure): the share of
    department × shared solution pairs in use at the end of each quarter of the period."""
    from preparation.solutions.models import Solution
    from preparation.solutions.selectors import uniformity

    if not is_member(user) or not Solution.objects.exists():
        return None
    view = uniformity()
    rows = [point for point in view["trend"] if since <= point.day <= until + timedelta(days=92)]
    return {"rows": rows, "adopted_share": view["adopted_share"], "pairs": view["pairs"]}


register_strategy_evidence(
    StrategyEvidence(
        key=UNIFORMITY_EVIDENCE,
        label=gettext_lazy("How uniform the departments are"),
        template="preparation/evidence_uniformity.html",
        context_for=uniformity_trend,
        order=30,
    )
)
