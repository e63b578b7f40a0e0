"""The network's real bodies from the project's copy of the facts: the directors'
meeting, the board and the service areas. Idempotent, like the departments."""

from __future__ import annotations

import re

from django.db import transaction

from governance.models import Body, BodyKind
from network.facts import network_facts

DIRECTORS_MEETING = "johtajakokous"
BOARD = "hallitus"


#: A fact that counts the service areas ("4 service areas under strategy 2019-2021") was
#: true of an earlier strategy; the count is taken from the service areas loaded instead.
_AREA_COUNT = re.compile(r"^\d+ service areas\b")


def _mandate(facts: list[str]) -> str:
    return "\n".join(f"– {fact[:1].upper()}{fact[1:]}." for fact in facts)


def _areas_fact(areas: list[dict]) -> str:
    """How many service areas there are and which, from the same rows that are loaded."""
    names = ", ".join(row.get("en") or row["fi"] for row in areas)
    return f"{len(areas)} service areas: {names}"


def mandate_facts(kind: str, facts: dict) -> list[str]:
    """A body's facts for its mandate, with the number of service areas from the data."""
    rows = {body["kind"]: body for body in facts["bodies"]}[kind].get("facts", [])
    areas = facts["service_areas"]
    if kind == "service_area":
        return [_areas_fact(areas), *(fact for fact in rows if not _AREA_COUNT.match(fact))]
    if kind == "board":
        return [*rows, _areas_fact(areas)]
    return list(rows)


def bodies_load_facts() -> dict[str, Body]:
    facts = network_facts()
    by_kind = {body["kind"]: body for body in facts["bodies"]}
    loaded: dict[str, Body] = {}
    with transaction.atomic():
        for slug, kind in [(DIRECTORS_MEETING, "directors_meeting"), (BOARD, "board")]:
            row = by_kind[kind]
            loaded[slug], _created = Body.objects.update_or_create(
                slug=slug,
                defaults={
                    "kind": kind,
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or "",
                    "name_en": row.get("en") or "",
                    "mandate": _mandate(mandate_facts(kind, facts)),
                },
            )
        area_mandate = _mandate(mandate_facts("service_area", facts))
        for row in facts["service_areas"]:
            loaded[row["slug"]], _created = Body.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "kind": BodyKind.SERVICE_AREA,
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or "",
                    "name_en": row.get("en") or "",
                    "mandate": area_mandate,
                },
            )
    return loaded
