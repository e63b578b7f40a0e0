"""Loading the network's real facts (regions and rescue departments) into the database.

The facts are the project's own copy in ``network/data/network.json``. Loading is
idempotent: rows are matched by their codes and slugs and updated in place, so the
command can be re-run after the file is corrected without duplicating anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from network.models import Department, Region

FACTS_PATH = Path(__file__).resolve().parent / "data" / "network.json"


@cache
def network_facts() -> dict[str, Any]:
    """The parsed facts file (read once per process)."""
    return json.loads(FACTS_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class LoadResult:
    regions_created: int
    regions_updated: int
    departments_created: int
    departments_updated: int


def network_load_facts() -> LoadResult:
    """Create or update every region and the 22 rescue departments of 2017."""
    facts = network_facts()
    counts = {"rc": 0, "ru": 0, "dc": 0, "du": 0}
    with transaction.atomic():
        regions: dict[str, Region] = {}
        for row in facts["regions"]:
            region, created = Region.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or "",
                    "name_en": row.get("en") or "",
                },
            )
            regions[region.code] = region
            counts["rc" if created else "ru"] += 1
        for row in facts["rescue_departments"]:
            if row.get("status_2017") != "active":
                continue
            primary, *others = row["region_codes"]
            department, created = Department.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "name_fi": row["fi"],
                    "name_sv": row.get("sv") or "",
                    "name_en": row.get("en") or "",
                    "region": regions[primary],
                    "host_municipality": (row.get("host_2017") or "")[:100],
                    "is_active": True,
                },
            )
            department.other_regions.set([regions[code] for code in others])
            counts["dc" if created else "du"] += 1
    return LoadResult(counts["rc"], counts["ru"], counts["dc"], counts["du"])
