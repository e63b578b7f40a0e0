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


#: The mandates in Finnish and Swedish: the facts give them in English only.
MANDATES = {
    "directors_meeting": {
        "fi": _mandate(
            [
                "ylin päättävä elin; edustaa kaikkia pelastuslaitoksia",
                "yhteisen kannanmuodostuksen foorumi yhteisissä strategisissa kysymyksissä",
                "hyväksyy hallituksen valmistelemat esitykset; päättää toimintaperiaatteista "
                "ja strategiasta",
                "hyväksyy palvelualueiden toimintasuunnitelmat ja keskeiset tavoitteet",
                "kokoontuu kuukausittain heinäkuuta lukuun ottamatta",
            ]
        ),
        "sv": _mandate(
            [
                "högsta beslutande organ; företräder alla räddningsverk",
                "forum för gemensamma ståndpunkter i gemensamma strategiska frågor",
                "godkänner förslag som styrelsen har berett; beslutar om "
                "verksamhetsprinciper och strategi",
                "godkänner serviceområdenas verksamhetsplaner och centrala mål",
                "sammanträder varje månad utom i juli",
            ]
        ),
    },
    "board": {
        "fi": _mandate(
            [
                "jäsenet: pelastusjohtajien puheenjohtaja ja varapuheenjohtaja sekä "
                "palvelualueiden puheenjohtajat",
                "valmistelee esitykset johtajakokoukselle",
                "hyväksyy esitykset muun muassa nimeämisistä ulkoisiin toimielimiin ja "
                "yhteisten lausuntojen valmistelusta",
                "kokoontuu kuukausittain heinäkuuta lukuun ottamatta",
            ]
        ),
        "sv": _mandate(
            [
                "medlemmar: räddningsdirektörernas ordförande och vice ordförande samt "
                "serviceområdenas ordförande",
                "bereder förslag till direktörsmötet",
                "godkänner förslag om bland annat nomineringar till externa organ och "
                "beredning av gemensamma utlåtanden",
                "sammanträder varje månad utom i juli",
            ]
        ),
    },
    "service_area": {
        "fi": _mandate(
            [
                "strategiakaudella 2019–2021 neljä palvelualuetta",
                "puheenjohtajana pelastusjohtaja; sihteeri samasta pelastuslaitoksesta",
                "jäsenet ovat alasta vastaavia johtoryhmätason viranhaltijoita",
                "vuosittaiset kärkihankkeet",
                "puheenjohtaja voi asettaa määräaikaisia työryhmiä",
            ]
        ),
        "sv": _mandate(
            [
                "fyra serviceområden under strategiperioden 2019–2021",
                "ordförande är en räddningsdirektör; sekreteraren kommer från samma räddningsverk",
                "medlemmarna är tjänstemän på ledningsgruppsnivå med ansvar för området",
                "årliga spetsprojekt",
                "ordföranden kan tillsätta arbetsgrupper för viss tid",
            ]
        ),
    },
}


def mandate_versions(kind: str, facts: list[str]) -> dict[str, str]:
    """A body's mandate in Finnish, Swedish and English (``mandate``, ``mandate_sv``, …)."""
    texts = MANDATES.get(kind, {})
    english = _mandate(facts)
    return {
        "mandate": texts.get("fi") or english,
        "mandate_sv": texts.get("sv", ""),
        "mandate_en": english,
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
                    **mandate_versions(kind, row.get("facts", [])),
                },
            )
        area_mandate = mandate_versions("service_area", by_kind["service_area"].get("facts", []))
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
