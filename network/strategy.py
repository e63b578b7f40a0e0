"""The strategy review gathers, per cornerstone, what every app did for it.

Each app registers a source: a name and a function that returns the dates of the things
tagged with a cornerstone (positions, work items, reform events, bulletins). The review
page counts them per quarter; ``network`` never imports the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class StrategySource:
    key: str
    label: object
    dates_for: Callable[[str], list[date]]


_sources: dict[str, StrategySource] = {}


def register_strategy_source(source: StrategySource) -> None:
    _sources[source.key] = source


def strategy_sources() -> list[StrategySource]:
    return list(_sources.values())


def quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
