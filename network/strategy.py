"""The strategy review gathers, per cornerstone and for communication, what every app did,
and the evidence the network keeps of how the preparation goes.

Two registries, filled by the apps in their ``AppConfig.ready()`` (``network`` never
imports the apps):

- *Sources* list the things done: positions, work items, reform events, bulletins, public
  news. A source's ``items(user=…, since=…, until=…, limit=…)`` returns at most
  ``limit`` ``StrategyItem``s that the person may see (each app filters through its own
  ``visible_…`` selector), newest first, each tagged with the themes it serves (the
  cornerstones and ``COMMUNICATION``). One query per source, whatever the themes.
- *Evidence* blocks show how things went: the readiness trend, the safety indicators'
  dips, and any later measure (how uniform the departments are, from the shared
  solutions, registers itself under the key ``UNIFORMITY_EVIDENCE``). An evidence's
  ``context_for(user=…, since=…, until=…)`` returns the context of its template, or
  ``None`` when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network.reform import Cornerstone

#: The theme next to the three cornerstones: the strategy's uniform communication.
COMMUNICATION = "communication"
#: The key the uniformity view (shared solutions) registers its evidence under.
UNIFORMITY_EVIDENCE = "uniformity"


def strategy_themes() -> list[tuple[str, str | Promise]]:
    """The review's sections: the three cornerstones, then communication."""
    return [*Cornerstone.choices, (COMMUNICATION, _("Communication"))]


@dataclass(frozen=True)
class StrategyItem:
    """One thing the network did: its title, its page and the day it counts for."""

    title: str
    url: str
    day: date
    themes: tuple[str, ...]


class ItemsFor(Protocol):
    """A source's ``items_for``: at most ``limit`` items the person may see, newest first."""

    def __call__(
        self, *, user: Any, since: date | None = None, until: date | None = None, limit: int = 50
    ) -> list[StrategyItem]: ...


class ContextFor(Protocol):
    """An evidence's ``context_for``: its template's context, or ``None``."""

    def __call__(self, *, user: Any, since: date, until: date) -> dict | None: ...


@dataclass(frozen=True)
class StrategySource:
    key: str
    label: str | Promise
    items_for: ItemsFor | None = None
    #: The first form of a source, ``dates_for(cornerstone) -> list[date]``: still
    #: accepted, its things are counted and listed by the source's name, without a link.
    dates_for: Callable[[str], list[date]] | None = None

    def __post_init__(self) -> None:
        if self.items_for is None and self.dates_for is None:
            raise ValueError(f"Strategy source {self.key!r} gives neither items nor dates")

    def items(
        self, *, user: Any, since: date | None = None, until: date | None = None, limit: int = 50
    ) -> list[StrategyItem]:
        """The source's items (from ``items_for``, or made from ``dates_for``)."""
        if self.items_for is not None:
            return self.items_for(user=user, since=since, until=until, limit=limit)
        return self._items_from_dates(since=since, until=until, limit=limit)

    def _items_from_dates(
        self, *, since: date | None, until: date | None, limit: int
    ) -> list[StrategyItem]:
        dates_for = self.dates_for
        if dates_for is None:
            return []
        items = [
            StrategyItem(title=str(self.label), url="", day=day, themes=(cornerstone,))
            for cornerstone in Cornerstone.values
            for day in dates_for(cornerstone)
            if (since is None or day >= since) and (until is None or day <= until)
        ]
        return sorted(items, key=lambda item: item.day, reverse=True)[:limit]


@dataclass(frozen=True)
class StrategyEvidence:
    key: str
    label: str | Promise
    template: str
    context_for: ContextFor
    order: int = 100


_sources: dict[str, StrategySource] = {}
_evidence: dict[str, StrategyEvidence] = {}


def register_strategy_source(source: StrategySource) -> None:
    _sources[source.key] = source


def strategy_sources() -> list[StrategySource]:
    return list(_sources.values())


def register_strategy_evidence(evidence: StrategyEvidence) -> StrategyEvidence:
    """The entry point for evidence of the strategy's success (readiness, dips and, from
    the shared solutions, uniformity under ``UNIFORMITY_EVIDENCE``)."""
    _evidence[evidence.key] = evidence
    return evidence


def unregister_strategy_evidence(key: str) -> None:
    """For tests that register evidence of their own."""
    _evidence.pop(key, None)


def strategy_evidence() -> list[StrategyEvidence]:
    return sorted(_evidence.values(), key=lambda evidence: (evidence.order, evidence.key))


def quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: date) -> date:
    """The last day of the quarter ``day`` is in."""
    last_month = ((day.month - 1) // 3 + 1) * 3
    if last_month == 12:
        return date(day.year, 12, 31)
    return date(day.year, last_month + 1, 1) - timedelta(days=1)


def quarters_between(since: date, until: date, *, most: int = 12) -> list[str]:
    """The quarters from ``since`` to ``until`` (the last ``most`` of them)."""
    names, year, q = [], since.year, (since.month - 1) // 3 + 1
    last = (until.year, (until.month - 1) // 3 + 1)
    while (year, q) <= last:
        names.append(f"{year}Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return names[-most:]
