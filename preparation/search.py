"""The preparation's kinds of content in the search (``network.search``)."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.search import SearchDocument, SearchSource, register_search_source
from network.translations import versions
from preparation import selectors
from preparation.models import Indicator, ReformEvent, WorkItem
from preparation.solutions import selectors as solution_selectors
from preparation.solutions.models import Solution


def _work_item_document(item: WorkItem) -> SearchDocument:
    return SearchDocument(
        title=item.title,
        url=item.get_absolute_url(),
        parts=[("fi", item.description), ("fi", item.workstream.name_fi)],
        date=item.created_at,
        department_id=item.lead_department_id,
    )


def _reform_event_document(event: ReformEvent) -> SearchDocument:
    from django.urls import reverse

    return SearchDocument(
        title=event.title_fi,
        titles=versions(event, "title"),
        url=reverse("preparation:timeline"),
        parts=[("sv", event.title_sv), ("en", event.title_en), ("fi", event.impact)],
        date=timezone.make_aware(datetime.combine(event.date, time(12))),
    )


def _indicator_document(indicator: Indicator) -> SearchDocument:
    return SearchDocument(
        title=indicator.name_fi,
        titles=versions(indicator, "name"),
        url=indicator.get_absolute_url(),
        parts=[
            ("sv", indicator.name_sv),
            ("en", indicator.name_en),
            ("fi", indicator.definition),
        ],
    )


def _solution_document(solution: Solution) -> SearchDocument:
    return SearchDocument(
        title=solution.title_fi,
        titles=versions(solution, "title"),
        url=solution.get_absolute_url(),
        parts=[
            ("sv", solution.title_sv),
            ("en", solution.title_en),
            ("fi", solution.description_fi),
            ("sv", solution.description_sv),
            ("en", solution.description_en),
        ],
        date=solution.published_at,
    )


def register() -> None:
    register_search_source(
        SearchSource(
            kind="work_item",
            label=_("Work items"),
            visible=lambda user: selectors.visible_work_items(user=user),
            document=_work_item_document,
            objects=lambda: WorkItem.objects.select_related("workstream"),
            order=50,
        )
    )
    register_search_source(
        SearchSource(
            kind="reform_event",
            label=_("Reform events"),
            visible=lambda user: selectors.visible_reform_events(user=user),
            document=_reform_event_document,
            objects=lambda: ReformEvent.objects.all(),
            order=51,
        )
    )
    register_search_source(
        SearchSource(
            kind="indicator",
            label=_("Safety indicators"),
            visible=lambda user: selectors.visible_indicators(user=user),
            document=_indicator_document,
            objects=lambda: Indicator.objects.all(),
            order=52,
        )
    )
    register_search_source(
        SearchSource(
            kind="solution",
            label=_("Shared solutions"),
            visible=lambda user: solution_selectors.visible_solutions(user=user),
            document=_solution_document,
            objects=lambda: Solution.objects.all(),
            order=53,
        )
    )
