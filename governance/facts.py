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


#: The mandates in Finnish and Swedish: the facts give them in English only. The number of
#: service areas is not among them: it comes from the loaded rows (``_areas_fact``).
MANDATES: dict[str, dict[str, list[str]]] = {
    "directors_meeting": {
        "fi": [
            "ylin päättävä elin; edustaa kaikkia pelastuslaitoksia",
            "yhteisen kannanmuodostuksen foorumi yhteisissä strategisissa kysymyksissä",
            "hyväksyy hallituksen valmistelemat esitykset; päättää toimintaperiaatteista "
            "ja strategiasta",
            "hyväksyy palvelualueiden toimintasuunnitelmat ja keskeiset tavoitteet",
            "kokoontuu kuukausittain heinäkuuta lukuun ottamatta",
        ],
        "sv": [
            "högsta beslutande organ; företräder alla räddningsverk",
            "forum för gemensamma ståndpunkter i gemensamma strategiska frågor",
            "godkänner förslag som styrelsen har berett; beslutar om "
            "verksamhetsprinciper och strategi",
            "godkänner serviceområdenas verksamhetsplaner och centrala mål",
            "sammanträder varje månad utom i juli",
        ],
    },
    "board": {
        "fi": [
            "jäsenet: pelastusjohtajien puheenjohtaja ja varapuheenjohtaja sekä "
            "palvelualueiden puheenjohtajat",
            "valmistelee esitykset johtajakokoukselle",
            "hyväksyy esitykset muun muassa nimeämisistä ulkoisiin toimielimiin ja "
            "yhteisten lausuntojen valmistelusta",
            "kokoontuu kuukausittain heinäkuuta lukuun ottamatta",
        ],
        "sv": [
            "medlemmar: räddningsdirektörernas ordförande och vice ordförande samt "
            "serviceområdenas ordförande",
            "bereder förslag till direktörsmötet",
            "godkänner förslag om bland annat nomineringar till externa organ och "
            "beredning av gemensamma utlåtanden",
            "sammanträder varje månad utom i juli",
        ],
    },
    "service_area": {
        "fi": [
            "puheenjohtajana pelastusjohtaja; sihteeri samasta pelastuslaitoksesta",
            "jäsenet ovat alasta vastaavia johtoryhmätason viranhaltijoita",
            "vuosittaiset kärkihankkeet",
            "puheenjohtaja voi asettaa määräaikaisia työryhmiä",
        ],
        "sv": [
            "ordförande är en räddningsdirektör; sekreteraren kommer från samma räddningsverk",
            "medlemmarna är tjänstemän på ledningsgruppsnivå med ansvar för området",
            "årliga spetsprojekt",
            "ordföranden kan tillsätta arbetsgrupper för viss tid",
        ],
    },
}


_AREAS_FACT = {
    "fi": "{count} palvelualuetta: {names}",
    "sv": "{count} serviceområden: {names}",
    "en": "{count} service areas: {names}",
}


def _areas_fact(areas: list[dict], language: str = "en") -> str:
    """How many service areas there are and which, from the same rows that are loaded."""
    names = ", ".join(row.get(language) or row["fi"] for row in areas)
    return _AREAS_FACT[language].format(count=len(areas), names=names)


def mandate_facts(kind: str, facts: dict, language: str = "en") -> list[str]:
    """A body's facts for its mandate in the language, with the number of service areas
    from the data."""
    if language == "en":
        rows = {body["kind"]: body for body in facts["bodies"]}[kind].get("facts", [])
        rows = [fact for fact in rows if not _AREA_COUNT.match(fact)]
    else:
        rows = MANDATES.get(kind, {}).get(language, [])
    areas = facts["service_areas"]
    if kind == "service_area":
        return [_areas_fact(areas, language), *rows]
    if kind == "board":
        return [*rows, _areas_fact(areas, language)]
    return list(rows)


def mandate_versions(kind: str, facts: dict) -> dict[str, str]:
    """A body's mandate in Finnish, Swedish and English (``mandate``, ``mandate_sv``, …)."""
    return {
        "mandate": _mandate(mandate_facts(kind, facts, "fi")),
        "mandate_sv": _mandate(mandate_facts(kind, facts, "sv")),
        "mandate_en": _mandate(mandate_facts(kind, facts, "en")),
    }


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
                    **mandate_versions(kind, facts),
                },
            )
        area_mandate = mandate_versions("service_area", facts)
        for row in facts["service_areas"]:
            loaded[row["slug"]], _created = Body.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "kind": BodyKind.SERVICE_AREA,
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or "",
                    "name_en": row.get("en") or "",
                    **area_mandate,
                },
            )
    return loaded
