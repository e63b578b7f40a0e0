"""Sections that other apps add to a person's page (their seats in bodies, for example).

Like the dashboard's registry: each app registers a provider in its ``AppConfig.ready()``
and ``network`` never imports the apps. A provider takes the request and the person and
returns a ``Section`` or ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from network.models import User


@dataclass(frozen=True)
class Section:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


Provider = Callable[[HttpRequest, User], Section | None]
_providers: list[Provider] = []


def register_person_section(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def person_sections(request: HttpRequest, person: User) -> list[Section]:
    sections = [s for provider in _providers if (s := provider(request, person)) is not None]
    return sorted(sections, key=lambda section: section.order)
