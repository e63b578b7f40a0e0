"""The preparation's real facts: workstreams, the reform's milestones and the safety
indicators, from the project's copy in network/data. Idempotent."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db import transaction

from network.facts import network_facts
from network.reform import Cornerstone
from network.reform import Workstream as WorkstreamChoice
from preparation.models import EventKind, Indicator, ReformEvent, Workstream

EXTRA_WORKSTREAMS = [
    ("contracts", "Sopimukset", "Avtal", "Contracts"),
    ("communication", "Viestintä", "Kommunikation", "Communication"),
]
WORKSTREAM_SV = {
    "organisation": "Organisation",
    "finance": "Ekonomi",
    "personnel": "Personal",
    "ict": "IKT och data",
    "service_level": "Servicenivå",
    "premises": "Lokaler och utrustning",
    "emergency_care": "Prehospital akutsjukvård",
    "preparedness": "Beredskap",
}
WORKSTREAM_FI = {
    "organisation": "Organisaatio",
    "finance": "Talous",
    "personnel": "Henkilöstö",
    "ict": "ICT ja tieto",
    "service_level": "Palvelutaso",
    "premises": "Toimitilat ja kalusto",
    "emergency_care": "Ensihoito",
    "preparedness": "Varautuminen",
}

#: The facts give targets as text; these are the numbers and directions they mean.
INDICATOR_RULES = {
    "TVA_FIRST_UNIT_RL1": (True, Decimal(50), Decimal(5), "% tehtävistä tavoiteajassa"),
    "TVA_FIRST_UNIT_RL2": (True, Decimal(50), Decimal(5), "% tehtävistä tavoiteajassa"),
    "TVA_FIRST_UNIT_RL3": (True, Decimal(50), Decimal(5), "% tehtävistä tavoiteajassa"),
    "TVA_MEAN_URGENT": (False, Decimal("9.333"), Decimal("0.5"), "min"),
    "TVA_SHARE_RL12": (True, Decimal(50), Decimal(5), "%"),
    "VALVONTA_TOTEUMA": (True, Decimal(100), Decimal(5), "%"),
    "RAKENNUSPALOT_PER_1000": (False, None, Decimal("0.1"), "/ 1000 as."),
    "TURVALLISUUSVIESTINTA_KATTAVUUS": (True, Decimal(10), Decimal(2), "% väestöstä"),
}

#: The indicators' names in Swedish: the facts have them in Finnish and English only.
INDICATOR_NAMES_SV = {
    "TVA_FIRST_UNIT_RL1": "Första enhetens insatstid, riskklass I",
    "TVA_FIRST_UNIT_RL2": "Första enhetens insatstid, riskklass II",
    "TVA_FIRST_UNIT_RL3": "Första enhetens insatstid, riskklass III",
    "TVA_FIRST_UNIT_RL4": "Första enhetens insatstid, riskklass IV",
    "TVA_RESCUE_RL1": "Insatstid för effektiv räddningsverksamhet, riskklass I",
    "TVA_RESCUE_RL2": "Insatstid för effektiv räddningsverksamhet, riskklass II",
    "TVA_MEAN_URGENT": "Genomsnittlig insatstid för brådskande uppdrag",
    "TVA_SHARE_RL12": "Andel uppdrag inom målet för insatstid i riskklasserna I–II",
    "VALVONTA_TOTEUMA": "Tillsynsplanens genomförande (utförda / planerade tillsynsbesök)",
    "PALOKUOLEMAT": "Dödsfall i bränder",
    "RAKENNUSPALOT": "Byggnadsbränder",
    "RAKENNUSPALOT_PER_1000": "Byggnadsbränder per 1 000 invånare",
    "TURVALLISUUSVIESTINTA_KATTAVUUS": "Säkerhetskommunikationens räckvidd",
    "ENSIHOITO_TAVOITTAMISAIKA_AB_YDIN": (
        "Prehospital akutsjukvård, tid till patienten i A- och B-uppdrag, tätortskärnan"
    ),
    "PELASTUSTEHTAVAT": "Räddningsväsendets uppdrag",
}

#: The units of the indicators in Finnish, Swedish and English, by the unit the facts
#: (or ``INDICATOR_RULES``) give; the facts have them in English or Finnish only.
UNIT_TRANSLATIONS = {
    "% tehtävistä tavoiteajassa": (
        "% tehtävistä tavoiteajassa",
        "% av uppdragen inom måltiden",
        "% of tasks within the target time",
    ),
    "min": ("min", "min", "min"),
    "%": ("%", "%", "%"),
    "/ 1000 as.": ("/ 1000 as.", "/ 1000 inv.", "per 1,000 inhabitants"),
    "% väestöstä": ("% väestöstä", "% av befolkningen", "% of the population"),
    "min / %": ("min / %", "min / %", "min / %"),
    "persons/year": ("henkilöä/vuosi", "personer/år", "persons/year"),
    "count/year": ("kpl/vuosi", "st./år", "count/year"),
    "per 1000/year": ("/ 1000 as./vuosi", "/ 1000 inv./år", "per 1,000 inhabitants/year"),
    "% of population/year": ("% väestöstä/vuosi", "% av befolkningen/år", "% of population/year"),
    "min:s": ("min:s", "min:s", "min:s"),
    "min:s (median / 90th percentile)": (
        "min:s (mediaani / 90. persentiili)",
        "min:s (median / 90:e percentilen)",
        "min:s (median / 90th percentile)",
    ),
    "min / % of urgent tasks within target": (
        "min / % kiireellisistä tehtävistä tavoiteajassa",
        "min / % av brådskande uppdrag inom måltiden",
        "min / % of urgent tasks within target",
    ),
}


def _event_date(text: str) -> tuple[date, bool]:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts), False
    return date(parts[0], parts[1] if len(parts) > 1 else 1, 1), True


def _kind(title: str) -> str:
    lowered = title.lower()
    if re.search(r"\bhe \d|laki|lait |pelastuslaki", lowered):
        return EventKind.LAW
    if "lausunto" in lowered:
        return EventKind.HEARING
    if "päätö" in lowered or "linjaus" in lowered or "hallitus" in lowered:
        return EventKind.DECISION
    return EventKind.MILESTONE


def preparation_load_facts() -> None:
    facts = network_facts()
    with transaction.atomic():
        for order, (code, label) in enumerate(WorkstreamChoice.choices, start=1):
            Workstream.objects.update_or_create(
                code=code,
                defaults={
                    "order": order * 10,
                    "name_fi": WORKSTREAM_FI.get(code, str(label)),
                    "name_sv": WORKSTREAM_SV.get(code, ""),
                    "name_en": str(label),
                },
            )
        for offset, (code, fi, sv, en) in enumerate(EXTRA_WORKSTREAMS, start=1):
            Workstream.objects.update_or_create(
                code=code,
                defaults={"order": 100 + offset * 10, "name_fi": fi, "name_sv": sv, "name_en": en},
            )
        for row in facts["reform_milestones"]:
            day, month_only = _event_date(row["date"])
            ReformEvent.objects.update_or_create(
                date=day,
                title_fi=row["fi"],
                defaults={
                    "month_only": month_only,
                    "kind": _kind(row["fi"]),
                    "title_en": row.get("en", ""),
                    "source_url": row["source"]
                    if str(row.get("source", "")).startswith("http")
                    else "",
                    "uncertain": bool(row.get("uncertain")),
                },
                # Following the reform's course is situational awareness (the strategy
                # review lists it so); set once, an official may change it later.
                create_defaults={
                    "month_only": month_only,
                    "kind": _kind(row["fi"]),
                    "title_en": row.get("en", ""),
                    "source_url": row["source"]
                    if str(row.get("source", "")).startswith("http")
                    else "",
                    "uncertain": bool(row.get("uncertain")),
                    "cornerstones": [Cornerstone.SITUATIONAL_AWARENESS],
                },
            )
        for row in facts["safety_indicators"]:
            higher, target, tolerance, unit = INDICATOR_RULES.get(
                row["code"], (False, None, Decimal(0), str(row.get("unit", ""))[:60])
            )
            unit_fi, unit_sv, unit_en = UNIT_TRANSLATIONS.get(unit, (unit, "", ""))
            Indicator.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or INDICATOR_NAMES_SV.get(row["code"], ""),
                    "name_en": row.get("en", ""),
                    "unit": unit_fi,
                    "unit_sv": unit_sv,
                    "unit_en": unit_en,
                    "higher_is_better": higher,
                    "target": target,
                    "tolerance": tolerance,
                    "definition": row.get("definition", ""),
                },
            )
