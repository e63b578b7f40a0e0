"""The preparation's part of the large data set (``network.large_data``): the real
workstreams, indicators and reform milestones, 2,000 reform events, readiness with its
history, 20,000 work items, and 100,000 indicator values."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from network.benchmark import register_benchmark_page
from network.finnish import analyser_available, base_forms
from network.large_data import Build, copy_rows, register_large_data_step, set_search_vectors
from network.reform import Cornerstone
from preparation.facts import preparation_load_facts
from preparation.models import (
    EventKind,
    Indicator,
    IndicatorValue,
    Readiness,
    ReadinessChange,
    ReadinessStatus,
    ReformEvent,
    WorkItem,
    WorkItemParticipant,
    WorkStatus,
    Workstream,
)

BATCH = 5000
MEASURES = [
    ("Valvontakäynnit", "Tillsynsbesök", "käyntiä"),
    ("Toimintavalmiusaika", "Insatsberedskapstid", "min"),
    ("Rakennuspalot", "Byggnadsbränder", "kpl / 10 000 as."),
    ("Ensihoitotehtävät", "Prehospitala uppdrag", "kpl"),
    ("Koulutuspäivät", "Utbildningsdagar", "pv / hlö"),
    ("Harjoitukset", "Övningar", "kpl"),
    ("Sopimuspalokuntien lähdöt", "Avtalsbrandkårernas utryckningar", "kpl"),
    ("Palotarkastusten kattavuus", "Brandsynernas täckning", "%"),
]
AREAS = [
    ("taajamissa", "i tätorter"),
    ("haja-asutusalueella", "i glesbygden"),
    ("riskiluokassa I", "i riskklass I"),
    ("riskiluokassa II", "i riskklass II"),
    ("riskiluokassa III", "i riskklass III"),
    ("riskiluokassa IV", "i riskklass IV"),
    ("saaristossa", "i skärgården"),
    ("talvikaudella", "under vintern"),
    ("kesäkaudella", "under sommaren"),
    ("yöaikaan", "nattetid"),
]


def _periods(build: Build) -> list[str]:
    first = build.start.year + 1
    years = [str(year) for year in range(first, build.today.year)]
    quarters = [f"{year}Q{q}" for year in range(first, build.today.year) for q in (1, 2, 3, 4)]
    return years + quarters


@register_large_data_step("preparation", 50)
def build_preparation(build: Build) -> None:
    preparation_load_facts()
    departments = build.shared["departments"]
    directors = build.shared["directors"]
    people = build.shared["people"]
    workstreams = list(Workstream.objects.order_by("order"))

    events = [
        ReformEvent(
            date=build.day(build.start, build.today + timedelta(days=365)),
            kind=build.rng.choice(EventKind.values),
            title_fi=build.text.fi_title(),
            title_sv=build.text.sv(1)[:300],
            impact=build.text.fi(2),
            is_network_deadline=build.rng.random() < 0.1,
            cornerstones=[build.rng.choice(Cornerstone.values)],
        )
        for _ in range(build.n(2000))
    ]
    ReformEvent.objects.bulk_create(events, batch_size=BATCH)
    build.count("reform events", len(events))

    readiness, changes = [], []
    for department in departments:
        for workstream in workstreams:
            status: str = ReadinessStatus.NOT_STARTED
            for _ in range(build.rng.randrange(2, 8)):
                new = build.rng.choice(ReadinessStatus.values)
                changes.append(
                    ReadinessChange(
                        department=department,
                        workstream=workstream,
                        from_status=status,
                        to_status=new,
                        note=build.text.fi(1),
                        changed_by=directors[department.pk],
                        changed_at=build.moment(build.day()),
                    )
                )
                status = new
            readiness.append(
                Readiness(
                    department=department,
                    workstream=workstream,
                    status=status,
                    note=build.text.fi(1),
                    updated_by=directors[department.pk],
                    updated_at=build.moment(build.day()),
                )
            )
    Readiness.objects.bulk_create(readiness, batch_size=BATCH)
    ReadinessChange.objects.bulk_create(changes, batch_size=BATCH)

    items = []
    for number in range(build.n(20_000)):
        department = build.rng.choice(departments)
        items.append(
            WorkItem(
                title=f"{build.text.fi_title()} ({number + 1})",
                description=build.text.fi(3),
                workstream=build.rng.choice(workstreams),
                lead_department=department,
                status=build.rng.choice(WorkStatus.values),
                due_date=build.day(build.start, build.today + timedelta(days=365)),
                cornerstones=[build.rng.choice(Cornerstone.values)],
                created_by=directors[department.pk],
                created_at=build.moment(build.day()),
            )
        )
    items = WorkItem.objects.bulk_create(items, batch_size=BATCH)
    participants = []
    for item in items:
        for department in build.rng.sample(departments, build.rng.randrange(0, 4)):
            if department.pk != item.lead_department_id:
                participants.append(
                    WorkItemParticipant(
                        work_item=item,
                        department=department,
                        joined_by=directors[department.pk],
                        joined_at=item.created_at + timedelta(days=3),
                    )
                )
    WorkItemParticipant.objects.bulk_create(participants, batch_size=BATCH)
    forms = base_forms if analyser_available() else (lambda text: text)
    set_search_vectors(
        WorkItem._meta.db_table,
        "search",
        ((item.pk, forms(item.title), forms(item.description)) for item in items),
    )
    build.count("work items", len(items))

    periods = _periods(build)
    per_indicator = len(departments) * len(periods)
    real = Indicator.objects.count()
    extra = []
    wanted = max(real, -(-build.n(100_000) // per_indicator))
    for number in range(wanted - real):
        measure = MEASURES[number % len(MEASURES)]
        area = AREAS[(number // len(MEASURES)) % len(AREAS)]
        round_ = number // (len(MEASURES) * len(AREAS))
        suffix = f" ({round_ + 1})" if round_ else ""
        extra.append(
            Indicator(
                code=f"lisa-{number + 1}",
                name_fi=f"{measure[0]} {area[0]}{suffix}",
                name_sv=f"{measure[1]} {area[1]}{suffix}",
                name_en=f"Additional indicator {number + 1}",
                unit=measure[2],
                higher_is_better=build.rng.random() < 0.5,
                tolerance=Decimal("0.5"),
                definition=build.text.fi(1),
            )
        )
    Indicator.objects.bulk_create(extra, batch_size=BATCH)
    indicators = list(Indicator.objects.order_by("code"))
    total = build.n(100_000)

    def value_rows():
        count = 0
        for indicator in indicators:
            for department in departments:
                level = build.rng.uniform(5, 95)
                for period in periods:
                    if count >= total:
                        return
                    count += 1
                    level = max(0.0, level + build.rng.uniform(-3, 3))
                    yield (
                        indicator.pk,
                        department.pk,
                        period,
                        Decimal(f"{level:.3f}"),
                        directors[department.pk].pk,
                        build.moment(build.today - timedelta(days=30)),
                    )

    build.count(
        "indicator values",
        copy_rows(
            IndicatorValue._meta.db_table,
            ("indicator_id", "department_id", "period", "value", "entered_by_id", "entered_at"),
            value_rows(),
        ),
    )
    build.shared["work_items"] = items
    del people


register_benchmark_page("readiness matrix", 70, lambda user: reverse("preparation:readiness"))
register_benchmark_page("indicators", 80, lambda user: reverse("preparation:indicators"))
