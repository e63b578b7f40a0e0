"""The personal dashboard gathers from every app through this small registry.

Each app registers a provider in its ``AppConfig.ready()``; ``network`` never
imports the apps. A provider takes the request and returns a ``Panel`` (or ``None``
when it has nothing for this person).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class WaitingItem:
    """Something that needs this person, e.g. "your department's answer is missing"."""

    title: str
    url: str
    detail: str = ""
    due: date | None = None  # a date or a moment (a datetime is a date)
    #: "urgent", "warning" or "normal": told in words too, never by colour alone.
    severity: str = "normal"


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    waiting: list[WaitingItem] = field(default_factory=list)
    order: int = 100
    #: Names the panel on the page (its heading's id).
    key: str = "panel"
    #: A panel that is not needed at once gives ``load`` instead of a context: the page
    #: shows it after loading (htmx), or on request without JavaScript.
    load: Callable[[], dict] | None = None
    #: The panel lists only the first of what waits (``first_of``): there is more.
    more_waiting: bool = False

    @property
    def lazy(self) -> bool:
        return self.load is not None

    def loaded(self) -> Panel:
        if self.load is None:
            return self
        return replace(self, context=self.load(), load=None)


def first_of(items: QuerySet | Sequence[Any], limit: int) -> tuple[list[Any], bool]:
    """The first ``limit`` of the items, and whether there are more: one more is asked for
    instead of a count, so that the page says "more than 10" without another query."""
    found = list(items[: limit + 1])
    return found[:limit], len(found) > limit


Provider = Callable[[HttpRequest], Panel | None]
_providers: list[Provider] = []
_lazy: dict[str, Provider] = {}


def register_dashboard_provider(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def register_lazy_panel(key: str) -> Callable[[Provider], Provider]:
    """``@register_lazy_panel("key")``: a provider of the one panel ``key`` that loads
    after the page; asking for that panel alone (``?panel=key`` by htmx) runs this
    provider only, not the whole dashboard."""

    def register(provider: Provider) -> Provider:
        _lazy[key] = register_dashboard_provider(provider)
        return provider

    return register


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    panels = [panel for provider in _providers if (panel := provider(request)) is not None]
    return sorted(panels, key=lambda panel: panel.order)


def lazy_panel(request: HttpRequest, key: str) -> Panel | None:
    """The panel ``key`` that loads after the page, loaded (None: no such panel, or not
    for this person)."""
    provider = _lazy.get(key)
    panel = provider(request) if provider is not None else None
    if panel is None or panel.key != key:
        return None
    return panel.loaded()
