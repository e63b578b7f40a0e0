"""Content from other apps on the public site (published shared positions), gathered
without communications importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PublicEntry:
    title: str
    url: str
    published_at: datetime
    summary: str
    kind_label: str
    language: str


Source = Callable[[str, int], list[PublicEntry]]
_sources: list[Source] = []


def register_public_source(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def public_entries(language: str, limit: int) -> list[PublicEntry]:
    entries = [entry for source in _sources for entry in source(language, limit)]
    return sorted(entries, key=lambda e: e.published_at, reverse=True)[:limit]
