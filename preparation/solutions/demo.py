"""Demo data for the shared solutions: eight realistic solutions in Finnish and Swedish,
and every department's adoption of them, each with a history of its own."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from network.demo import register_demo_step
from network.models import Department, DepartmentRole, User
from preparation.solutions import services
from preparation.solutions.models import (
    AdoptionStatus,
    Solution,
    SolutionVersion,
)

# slug of the approving body, slug of the working group (or ""), kind, version,
# approved on, days since published, Finnish, Swedish and English title, Finnish and
# Swedish description.
SOLUTIONS = [
    ("johtajakokous", "valvontasuunnitelma", "model", "1.2", date(2011, 6, 15), 1000,
     "Valvontasuunnitelman malli", "Modell för tillsynsplan", "Supervision plan model",
     "Yhteinen malli pelastuslaitoksen riskiperusteiselle valvontasuunnitelmalle "
     "(pelastuslaki 79 §): valvontakohteiden ryhmittely, määrävälit ja raportointi.",
     "Gemensam modell för räddningsverkets riskbaserade tillsynsplan (räddningslagen 79 §): "
     "gruppering av tillsynsobjekt, intervaller och rapportering."),
    ("hallitus", "", "template", "1.0", date(2016, 3, 10), 820,
     "Palvelutasopäätöksen pohja", "Mall för servicenivåbeslut", "Service-level decision template",
     "Yhtenäinen rakenne ja sisällysluettelo palvelutasopäätökselle: riskianalyysi, "
     "toimintavalmius, onnettomuuksien ehkäisy ja varautuminen.",
     "Enhetlig struktur och innehållsförteckning för servicenivåbeslutet: riskanalys, "
     "insatsberedskap, olycksförebyggande och beredskap."),
    ("hallitus", "", "practice", "1.0", date(2016, 9, 1), 700,
     "Turvallisuusviestinnän yhteinen toimintamalli",
     "Gemensam verksamhetsmodell för säkerhetskommunikation",
     "Shared safety communication practice",
     "Yhteiset teemat, vuosikello ja materiaalit turvallisuusviestintään, jotta kaikki "
     "pelastuslaitokset viestivät samoista asioista samaan aikaan.",
     "Gemensamma teman, årsklocka och material för säkerhetskommunikationen, så att alla "
     "räddningsverk kommunicerar om samma saker vid samma tid."),
    ("hallitus", "", "template", "2.0", date(2016, 11, 24), 600,
     "Palontutkinnan raporttipohja", "Rapportmall för brandutredning",
     "Fire investigation report template",
     "Yhtenäinen raporttipohja palontutkintaan, jotta tutkintojen tulokset ovat "
     "vertailukelpoisia ja koottavissa valtakunnallisesti.",
     "Enhetlig rapportmall för brandutredning, så att resultaten är jämförbara och kan "
     "sammanställas nationellt."),
    ("hallitus", "", "guideline", "1.1", date(2017, 1, 19), 520,
     "Salassa pidettävän aineiston käsittelyohje",
     "Anvisning för hantering av sekretessbelagt material",
     "Guideline on handling confidential material",
     "Yhteinen ohje salassa pidettävien asiakirjojen tunnistamiseen, merkitsemiseen, "
     "säilyttämiseen ja hävittämiseen pelastuslaitoksissa.",
     "Gemensam anvisning för att identifiera, märka, förvara och förstöra sekretessbelagda "
     "handlingar i räddningsverken."),
    ("johtajakokous", "", "practice", "1.0", date(2017, 2, 14), 430,
     "Ensihoidon varustelun yhteinen vähimmäistaso",
     "Gemensam miniminivå för prehospital akutsjukvårdsutrustning",
     "Shared minimum level of emergency medical equipment",
     "Ensihoitoyksiköiden varustelun vähimmäistaso, jotta yksiköt ovat yhteensopivia "
     "maakuntarajojen yli.",
     "Miniminivå för utrustningen i prehospitala enheter, så att enheterna är kompatibla "
     "över landskapsgränserna."),
    ("hallitus", "ict-yhteistyo", "model", "0.9", date(2017, 4, 6), 300,
     "Häiriötilanteiden varautumissuunnitelman malli",
     "Modell för beredskapsplan för störningssituationer",
     "Preparedness plan model for disruptions",
     "Malli pelastuslaitoksen varautumissuunnitelmalle sähkö-, tieto- ja "
     "viestintäyhteyksien häiriöiden varalle.",
     "Modell för räddningsverkets beredskapsplan för störningar i el, data och "
     "kommunikationsförbindelser."),
    ("hallitus", "henkilostosiirrot", "practice", "1.0", date(2017, 5, 18), 60,
     "Henkilöstön siirtymisen periaatteet", "Principer för personalöverföringen",
     "Principles of the personnel transfer",
     "Yhteiset periaatteet henkilöstön siirtymiselle maakuntien pelastuslaitoksiin: "
     "liikkeenluovutus, palkkojen harmonisointi ja tehtäväkuvat.",
     "Gemensamma principer för personalens överföring till landskapens räddningsverk: "
     "överlåtelse av rörelse, harmonisering av löner och arbetsbeskrivningar."),
]  # fmt: skip

#: Paths a department's adoption took (status, then status …).
PATHS = [
    ["planned", "in_use"],
    ["in_use"],
    ["not_planned", "planned", "in_use"],
    ["planned", "in_use_local"],
    ["in_use_local"],
    ["not_planned"],
    ["planned"],
    ["not_planned", "planned"],
    ["in_use", "in_use_local"],
]
LOCAL_REASONS = [
    "Kaksikielinen alue: pohja täydennetty ruotsinkielisillä osioilla.",
    "Saariston erityispiirteet: vesiliikenteen kohteet lisätty omaksi ryhmäkseen.",
    "Sovitettu yhteen kunnan oman asiakirjapohjan kanssa.",
    "Harva asutus: määrävälit pidennetty osassa kohderyhmiä riskianalyysin perusteella.",
]


def _body(slug: str):
    # The governance app's Body (preparation does not import governance): its default
    # manager is its ``objects``.
    bodies = Solution._meta.get_field("approved_by").related_model._default_manager
    return bodies.filter(slug=slug).first() if slug else None


@register_demo_step
def solutions_demo(key) -> None:
    if Solution.objects.exists():
        return
    admin = key.get("admin") or key["official"]
    if _body("hallitus") is None:
        return  # no bodies: nothing approves a solution
    rng = random.Random(2013)  # the same demo every time
    directors = {
        u.department_id: u for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR)
    }
    departments = list(Department.objects.filter(is_active=True).order_by("name_fi"))
    now = timezone.now()
    for index, row in enumerate(SOLUTIONS):
        body, group, kind, version, approved_on, days, fi, sv, en, text_fi, text_sv = row
        solution = services.solution_publish(
            actor=admin,
            title_fi=fi,
            title_sv=sv,
            title_en=en,
            description_fi=text_fi,
            description_sv=text_sv,
            kind=kind,
            version=version,
            approved_by=_body(body),
            approved_on=approved_on,
            made_by=_body(group),
        )
        published = now - timedelta(days=days)
        Solution.objects.filter(pk=solution.pk).update(published_at=published)
        SolutionVersion.objects.filter(solution=solution).update(recorded_at=published)
        newest = index == len(SOLUTIONS) - 1
        for department in departments:
            if newest and rng.random() < 0.5:
                continue  # recently published: not every department has recorded it yet
            actor = directors.get(department.pk, admin)
            path = rng.choice(PATHS)
            moments = sorted(rng.uniform(5, days - 1) for _step in path)
            for status, after in zip(path, moments, strict=True):
                when = published + timedelta(days=after)
                services.adoption_record(
                    actor=actor,
                    department=department,
                    solution=solution,
                    status=status,
                    planned_for=(when + timedelta(days=rng.randint(60, 300))).date()
                    if status == AdoptionStatus.PLANNED
                    else None,
                    reason=rng.choice(LOCAL_REASONS) if status == AdoptionStatus.LOCAL else "",
                    at=when,
                )
        if index == 0:
            # The supervision plan model's current version, 2.1 (18.11.2013): departments
            # in use keep 1.2 until they record the new one; about half have.
            services.solution_new_version(
                actor=admin,
                solution=solution,
                version="2.1",
                approved_by=_body(body),
                approved_on=date(2013, 11, 18),
                changes="Riskiperusteiset määrävälit ja yhtenäinen raportointi.",
            )
            for adoption in solution.adoptions.filter(status__in=["in_use", "in_use_local"]):
                if rng.random() < 0.6:
                    services.adoption_record(
                        actor=directors.get(adoption.department_id, admin),
                        department=adoption.department,
                        solution=solution,
                        status=adoption.status,
                        reason=adoption.reason,
                        to_current_version=True,
                        at=now - timedelta(days=rng.randint(1, 90)),
                    )
