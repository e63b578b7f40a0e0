"""Demo data for the preparation: readiness across the matrix, shared work items and a
few years of indicator values, one of them a dip."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from network.demo import register_demo_step
from network.models import Department, DepartmentRole, User
from preparation import services
from preparation.facts import preparation_load_facts
from preparation.models import Indicator, IndicatorValue, Readiness, ReadinessStatus, Workstream


@register_demo_step
def preparation_demo(key) -> None:
    preparation_load_facts()
    if Readiness.objects.exists():
        return
    rng = random.Random(2017)  # the same demo every time
    directors = {
        u.department_id: u for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR)
    }
    workstreams = list(Workstream.objects.filter(is_active=True))
    statuses = [ReadinessStatus.IN_PROGRESS] * 4 + [
        ReadinessStatus.READY,
        ReadinessStatus.NOT_STARTED,
        ReadinessStatus.AT_RISK,
    ]
    for department in Department.objects.filter(is_active=True):
        director = directors.get(department.pk)
        if director is None:
            continue
        for workstream in workstreams[:6]:
            services.readiness_set(
                actor=director,
                department=department,
                workstream=workstream,
                status=rng.choice(statuses),
                note="",
            )
    by_slug = {d.slug: directors[d.pk] for d in Department.objects.all() if d.pk in directors}
    ict = Workstream.objects.get(code="ict")
    finance = Workstream.objects.get(code="finance")
    item = services.work_item_create(
        actor=by_slug["pirkanmaa"],
        title="Pelastuslaitosten yhteinen kenttäjohtojärjestelmän hankinta",
        description="Yhteinen tarjouspyyntö ja vaatimusmäärittely kenttäjohtojärjestelmälle.",
        workstream=ict,
        cornerstones=["joint"],
    )
    services.work_item_join(actor=by_slug["kainuu"], item=item, instead_of_new=True)
    services.work_item_create(
        actor=by_slug["lappi"],
        title="Maakunnan pelastustoimen kustannuslaskentamalli",
        description="Laskentamalli, jolla pelastuslaitokset vertaavat kustannuksiaan.",
        workstream=finance,
    )
    official = key["official"]
    today = timezone.localdate()
    for days, title, kind in [
        (12, "Valmiustilanteen päivitys hallitukselle", "deadline"),
        (40, "Strategian tarkistus: luonnos johtajakokoukselle", "milestone"),
        (75, "Yhteisen ICT-tiekartan määräaika", "deadline"),
    ]:
        services.reform_event_save(
            actor=official,
            date=today + timedelta(days=days),
            kind=kind,
            title_fi=title,
            is_network_deadline=True,
            cornerstones=["joint"],
        )
    indicator = Indicator.objects.get(code="VALVONTA_TOTEUMA")
    year = timezone.localdate().year
    for department in Department.objects.filter(is_active=True):
        for offset in range(5, 0, -1):
            IndicatorValue.objects.get_or_create(
                indicator=indicator,
                department=department,
                period=str(year - offset),
                defaults={"value": Decimal(rng.randint(92, 104)), "entered_by": official},
            )
    services.indicator_value_record(
        actor=official,
        indicator=indicator,
        department=Department.objects.get(slug="kainuu"),
        period=str(year),
        value=Decimal(81),
    )
