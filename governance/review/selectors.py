"""Reads of the strategy review, with their queries spelled out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise

from governance.models import BodyKind, Meeting, MeetingState
from governance.review.models import ReviewComment, ReviewRound, ReviewState
from governance.selectors import visible_meetings
from network.models import Department, User
from network.permissions import is_member, leads_a_department
from network.strategy import (
    StrategyItem,
    StrategySource,
    quarter,
    strategy_evidence,
    strategy_sources,
    strategy_themes,
)

#: The most items of one source listed on a round's page (the newest ones).
ITEMS_PER_SOURCE = 50
COMMENTS_SHOWN = 300


def visible_review_rounds(*, user: User) -> QuerySet[ReviewRound]:
    """The only definition of who sees which round: every member sees every round."""
    if not is_member(user):
        return ReviewRound.objects.none()
    return ReviewRound.objects.all()


def round_get(*, user: User, pk: int) -> ReviewRound:
    """The round, or ``ReviewRound.DoesNotExist`` when it is not there for this person."""
    return (
        visible_review_rounds(user=user)
        .select_related("opened_by", "decided_by", "decided_in__body")
        .get(pk=pk)
    )


def rounds_list(*, user: User) -> QuerySet[ReviewRound]:
    return visible_review_rounds(user=user).order_by("-deadline", "-pk")[:100]


def round_comments(*, review: ReviewRound) -> QuerySet[ReviewComment]:
    return review.comments.select_related("department", "author").order_by("created_at", "pk")[
        :COMMENTS_SHOWN
    ]


def departments_commented(*, review: ReviewRound) -> set[int]:
    return set(review.comments.order_by().values_list("department_id", flat=True).distinct())


def decision_meetings(*, user: User) -> QuerySet[Meeting]:
    """The meetings a round's decision may be recorded from: held (published and started)
    meetings of the directors' meeting that the person may see, the latest first."""
    return (
        visible_meetings(user=user)
        .filter(
            body__kind=BodyKind.DIRECTORS_MEETING,
            state=MeetingState.PUBLISHED,
            starts_at__lte=timezone.now(),
        )
        .order_by("-starts_at")
    )


def rounds_waiting_for_department(*, user: User) -> QuerySet[ReviewRound]:
    """Open rounds, still taking comments, that the person's department (as its director
    or deputy) has not commented on."""
    if not leads_a_department(user) or user.department_id is None:
        return ReviewRound.objects.none()
    commented = ReviewComment.objects.filter(round=OuterRef("pk"), department_id=user.department_id)
    return (
        ReviewRound.objects.filter(state=ReviewState.OPEN, deadline__gte=timezone.localdate())
        .exclude(Exists(commented))
        .order_by("deadline", "pk")
    )


@dataclass(frozen=True)
class ThemeSection:
    """One cornerstone (or communication): per quarter, per source, the items behind the
    counts."""

    key: str
    label: object
    quarters: list[dict]
    total: int


def _window(review: ReviewRound) -> tuple[date, date]:
    return review.covers_from, review.deadline


def round_items(
    *, user: User, review: ReviewRound
) -> tuple[list[ThemeSection], list[str | Promise]]:
    """For each theme, the items the person may see from the round's period, grouped by
    quarter (newest first); and the labels of the sources whose list was cut at
    ``ITEMS_PER_SOURCE``. One query per source."""
    since, until = _window(review)
    truncated: list[str | Promise] = []
    fetched: list[tuple[StrategySource, list[StrategyItem]]] = []
    for source in strategy_sources():
        items = source.items(user=user, since=since, until=until, limit=ITEMS_PER_SOURCE + 1)
        if len(items) > ITEMS_PER_SOURCE:
            truncated.append(source.label)
            items = items[:ITEMS_PER_SOURCE]
        fetched.append((source, items))
    sections = []
    for key, label in strategy_themes():
        by_quarter: dict[str, list[tuple[object, StrategyItem]]] = {}
        for source, items in fetched:
            for item in items:
                if key in item.themes:
                    by_quarter.setdefault(quarter(item.day), []).append((source.label, item))
        quarters: list[dict] = [
            {
                "quarter": name,
                "items": sorted(by_quarter[name], key=lambda pair: pair[1].day, reverse=True),
            }
            for name in sorted(by_quarter, reverse=True)
        ]
        sections.append(
            ThemeSection(
                key=key,
                label=label,
                quarters=quarters,
                total=sum(len(q["items"]) for q in quarters),
            )
        )
    return sections, truncated


def round_evidence(
    *, user: User, review: ReviewRound, request: HttpRequest | None = None
) -> list[dict]:
    """Each registered evidence's block, rendered, for the round's period (up to today)."""
    since, until = _window(review)
    until = min(until, timezone.localdate())
    blocks = []
    for evidence in strategy_evidence():
        if until < since:
            break
        context = evidence.context_for(user=user, since=since, until=until)
        if context is None:
            continue
        blocks.append(
            {
                "key": evidence.key,
                "label": evidence.label,
                "html": render_to_string(evidence.template, {"data": context}, request=request),
            }
        )
    return blocks


def department_names(*, ids: list[int]) -> list[Department]:
    return list(Department.objects.filter(pk__in=ids).order_by("name_fi"))
