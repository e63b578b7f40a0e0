"""Demo data for the service areas' work: each service area's action plan for this year
with its goals and key projects (in Finnish, Swedish and English), progress with history,
last year's report submitted to the board, and assignments in every state."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from governance.areas.models import (
    ActionPlan,
    AreaReport,
    KeyProject,
    KeyProjectUpdate,
    ProjectStatus,
)
from governance.areas.selectors import area_report_content
from governance.models import Assignment, AssignmentStatus, Body, BodyKind
from network.demo import demo_email, register_demo_step
from network.models import DepartmentRole, User

#: Goals of each service area's plan: (fi, sv, en).
GOALS = {
    "onnettomuuksien-ehkaisy": (
        "Riskiperusteinen valvonta on yhdenmukaista kaikissa pelastuslaitoksissa.\n"
        "Turvallisuusviestinnän yhteiset kampanjat tavoittavat ikääntyneet.",
        "Den riskbaserade tillsynen är enhetlig i alla räddningsverk.\n"
        "Gemensamma kampanjer inom säkerhetskommunikation når de äldre.",
        "Risk-based supervision is uniform in every rescue department.\n"
        "Joint safety communication campaigns reach older people.",
    ),
    "pelastustoiminta": (
        "Pelastustoiminnan palvelutaso määritellään yhtenäisin perustein.\n"
        "Kenttäjohtamisen yhteinen malli otetaan käyttöön.",
        "Servicenivån inom räddningsverksamheten fastställs på enhetliga grunder.\n"
        "En gemensam modell för fältledning tas i bruk.",
        "The service level of rescue operations is set on uniform grounds.\n"
        "A shared model of field command is taken into use.",
    ),
    "ensihoito": (
        "Ensihoidon ja pelastustoiminnan yhteistyö vahvistuu hyvinvointialueilla.\n"
        "Ensivastetoiminnan laatu mitataan yhteisin mittarein.",
        "Samarbetet mellan prehospital akutsjukvård och räddningsverksamhet stärks i "
        "välfärdsområdena.\nKvaliteten på första insatsen mäts med gemensamma mätare.",
        "Cooperation of emergency medical services and rescue operations grows stronger "
        "in the wellbeing services counties.\nFirst response quality is measured alike.",
    ),
    "varautuminen": (
        "Pelastuslaitosten valmiussuunnitelmat päivitetään yhteisen pohjan mukaan.\n"
        "Väestönsuojelun tilannekuva on ajantasainen.",
        "Räddningsverkens beredskapsplaner uppdateras enligt en gemensam mall.\n"
        "Lägesbilden för befolkningsskyddet är aktuell.",
        "The departments' preparedness plans are updated on a shared template.\n"
        "The civil defence situational picture is up to date.",
    ),
    "tukipalvelut": (
        "Yhteiset ICT-palvelut ovat käytössä maakuntiin siirtyvillä pelastuslaitoksilla.\n"
        "Henkilöstöhallinnon käytännöt yhtenäistetään.",
        "Gemensamma IKT-tjänster används av räddningsverken som överförs till landskapen.\n"
        "Praxis inom personaladministrationen görs enhetlig.",
        "Shared ICT services are in use in the departments moving to the regions.\n"
        "Human resources practices are made uniform.",
    ),
}

#: Key projects: (area, fi, sv, en, owner's department, start month, end month, status,
#: progress notes in order).
PROJECTS = [
    ("onnettomuuksien-ehkaisy", "Valvontasuunnitelmaohjeen päivitys",
     "Uppdatering av anvisningen för tillsynsplanen", "Update of the supervision plan guide",
     "satakunta", 1, 10, ProjectStatus.ON_TRACK,
     ["Ohjeluonnos valmis ja lausunnolla laitoksissa.",
      "Lausunnot käsitelty; 19 laitosta kannattaa luonnosta."]),
    ("onnettomuuksien-ehkaisy", "Ikääntyneiden kotien paloturvallisuus",
     "Brandsäkerhet i äldres hem", "Fire safety in older people's homes",
     "varsinais-suomi", 3, 12, ProjectStatus.AT_RISK,
     ["Kampanjamateriaali suomeksi ja ruotsiksi valmis.",
      "Kotihoidon yhteistyö on viivästynyt kolmella hyvinvointialueella."]),
    ("pelastustoiminta", "Kenttäjohtamisen yhteinen malli",
     "Gemensam modell för fältledning", "Shared model of field command",
     "pohjois-savo", 2, 11, ProjectStatus.ON_TRACK,
     ["Mallin luonnos esitelty johtajakokoukselle."]),
    ("pelastustoiminta", "Palvelutasopäätöksen pohja",
     "Mall för beslut om servicenivå", "Service-level decision template",
     "pirkanmaa", 1, 6, ProjectStatus.DONE,
     ["Pohja hyväksytty hallituksessa ja julkaistu laitoksille."]),
    ("ensihoito", "Ensivasteen laatumittarit",
     "Kvalitetsmätare för första insatsen", "First response quality measures",
     "keski-suomi", 2, 12, ProjectStatus.LATE,
     ["Mittarit valittu.",
      "Tietojen keruu sairaanhoitopiireistä on myöhässä kolme kuukautta."]),
    ("varautuminen", "Valmiussuunnitelman yhteinen pohja",
     "Gemensam mall för beredskapsplanen", "Shared preparedness plan template",
     "lappi", 4, 12, ProjectStatus.ON_TRACK,
     ["Pohja testattu Lapin ja Kainuun pelastuslaitoksissa."]),
    ("varautuminen", "Väestönsuojien tilannekuva",
     "Lägesbild över skyddsrummen", "Situational picture of civil defence shelters",
     "helsinki", 9, 12, ProjectStatus.NOT_STARTED, []),
    ("tukipalvelut", "Yhteinen ICT-tiekartta",
     "Gemensam IKT-färdplan", "Shared ICT roadmap",
     "kanta-hame", 1, 12, ProjectStatus.AT_RISK,
     ["Nykytilakartoitus valmis 18 laitoksesta.",
      "Kenttäjärjestelmän hankinnan aikataulu on riskissä."]),
    ("tukipalvelut", "Henkilöstön siirtymisen periaatteet",
     "Principer för överföring av personal", "Principles of personnel transfers",
     "oulu-koillismaa", 1, 9, ProjectStatus.DONE,
     ["Periaatteet hyväksytty johtajakokouksessa."]),
]  # fmt: skip


def _day(year: int, month: int, end: bool = False) -> date:
    if not end:
        return date(year, month, 1)
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _plan(area: Body, year: int, actor: User) -> ActionPlan:
    fi, sv, en = GOALS[area.slug]
    plan, _created = ActionPlan.objects.get_or_create(
        body=area,
        year=year,
        defaults={"goals_fi": fi, "goals_sv": sv, "goals_en": en, "updated_by": actor},
    )
    return plan


def _project(plan, row, owners, actor, year) -> KeyProject:
    _area, fi, sv, en, owner, start, end, status, notes = row
    project = KeyProject.objects.create(
        plan=plan,
        title_fi=fi,
        title_sv=sv,
        title_en=en,
        owner=owners[owner],
        starts_on=_day(year, start),
        ends_on=_day(year, end, end=True),
    )
    moment = timezone.now() - timedelta(days=20 * (len(notes) + 1))
    KeyProjectUpdate.objects.create(
        project=project,
        previous_status="",
        status=ProjectStatus.NOT_STARTED,
        actor=actor,
        created_at=moment,
    )
    previous = ProjectStatus.NOT_STARTED
    for number, note in enumerate(notes, start=1):
        now = status if number == len(notes) else ProjectStatus.ON_TRACK
        KeyProjectUpdate.objects.create(
            project=project,
            previous_status=previous,
            status=now,
            note=note,
            actor=actor,
            created_at=moment + timedelta(days=20 * number),
        )
        previous = now
    project.status = previous if notes else status
    project.progress = notes[-1] if notes else ""
    project.save(update_fields=["status", "progress"])
    return project


@register_demo_step
def service_areas_demo(key: dict[str, User]) -> None:
    if ActionPlan.objects.exists():
        return  # made once
    areas = {a.slug: a for a in Body.objects.filter(kind=BodyKind.SERVICE_AREA)}
    owners = {
        u.department.slug: u
        for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR).select_related(
            "department"
        )
        if u.department is not None  # a director always has one
    }
    secretary = User.objects.get(email=demo_email("Jukka", "Salonen"))
    year = timezone.localdate().year
    for slug, area in areas.items():
        if slug in GOALS:
            _plan(area, year, secretary)
    for row in PROJECTS:
        if row[0] in areas:
            _project(_plan(areas[row[0]], year, secretary), row, owners, secretary, year)

    # Last year: the support services' plan and its report, submitted to the board.
    support = areas.get("tukipalvelut")
    if support is not None:
        last = year - 1
        plan = _plan(support, last, secretary)
        project = KeyProject.objects.create(
            plan=plan,
            title_fi="Yhteisten hankintojen selvitys",
            title_sv="Utredning om gemensamma upphandlingar",
            title_en="Study of joint procurement",
            owner=owners["kanta-hame"],
            starts_on=date(last, 2, 1),
            ends_on=date(last, 11, 30),
            status=ProjectStatus.DONE,
            progress="Selvitys valmis; suositus yhteisestä kalustohankinnasta hallitukselle.",
        )
        KeyProjectUpdate.objects.create(
            project=project,
            previous_status=ProjectStatus.ON_TRACK,
            status=ProjectStatus.DONE,
            note=project.progress,
            actor=secretary,
            created_at=timezone.make_aware(datetime(last, 11, 28, 12)),
        )
        AreaReport.objects.create(
            body=support,
            year=last,
            summary_fi="Tukipalvelujen palvelualue saavutti vuoden tavoitteet: yhteisten "
            "hankintojen selvitys valmistui ja ICT-yhteistyön työryhmä aloitti työnsä.",
            summary_sv="Serviceområdet för stödtjänster nådde årets mål: utredningen om "
            "gemensamma upphandlingar blev klar och arbetsgruppen för IKT-samarbete inledde "
            "sitt arbete.",
            content=area_report_content(body=support, year=last),
            submitted_at=timezone.make_aware(datetime(last, 12, 15, 10)),
            submitted_by=owners["kanta-hame"],
        )

    # Assignments in every state, given by the service areas to their working groups.
    today = timezone.localdate()
    groups = {g.slug: g for g in Body.objects.filter(kind=BodyKind.WORKING_GROUP)}
    supervision = groups.get("valvontasuunnitelma")
    if supervision is not None and "onnettomuuksien-ehkaisy" in areas:
        giver = areas["onnettomuuksien-ehkaisy"]
        chair = owners["varsinais-suomi"]
        Assignment.objects.create(
            body=giver,
            working_group=supervision,
            title="Valvontasuunnitelmaohjeen lausuntoyhteenveto",
            description="Kootkaa laitosten lausunnot ohjeluonnoksesta ja esitys muutoksista.",
            deadline=today - timedelta(days=10),
            created_by=chair,
        )
        Assignment.objects.create(
            body=giver,
            working_group=supervision,
            title="Ruotsinkielinen ohjeversio",
            description="Ohjeesta tarvitaan ruotsinkielinen versio Pohjanmaan laitoksille.",
            deadline=today - timedelta(days=30),
            created_by=chair,
            status=AssignmentStatus.DONE,
            completed_at=timezone.now() - timedelta(days=32),
            status_changed_at=timezone.now() - timedelta(days=32),
            status_changed_by=chair,
        )
        Assignment.objects.create(
            body=giver,
            working_group=supervision,
            title="Valvonnan maksuperusteiden vertailu",
            description="Vertailkaa laitosten valvontamaksujen perusteita.",
            deadline=today + timedelta(days=20),
            created_by=chair,
            status=AssignmentStatus.DROPPED,
            status_reason="Ministeriö selvittää maksuperusteet osana uudistusta; "
            "päällekkäistä työtä ei tehdä.",
            status_changed_at=timezone.now() - timedelta(days=5),
            status_changed_by=chair,
        )
