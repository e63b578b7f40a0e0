"""The network's real bodies from the project's copy of the facts: the directors'
meeting, the board and the service areas. Idempotent, like the departments."""

from __future__ import annotations

from django.db import transaction

from governance.models import Body, BodyKind
from network.facts import network_facts

DIRECTORS_MEETING = "johtajakokous"
BOARD = "hallitus"


def _mandate(facts: list[str]) -> str:
    return "\n".join(f"– {fact[:1].upper()}{fact[1:]}." for fact in facts)


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
                    "mandate": _mandate(row.get("facts", [])),
                },
            )
        area_mandate = _mandate(by_kind["service_area"].get("facts", []))
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
