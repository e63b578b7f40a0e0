"""Demo data for governance: the real bodies filled with the demo people, a few working
groups with status updates and assignments, and meetings in several states."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from governance import selectors
from governance.facts import BOARD, DIRECTORS_MEETING, bodies_load_facts
from governance.models import (
    AgendaItem,
    Assignment,
    Attendance,
    AttendanceResponse,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Membership,
    MinutesState,
    Presence,
    PresenceStatus,
    Role,
    Status,
    StatusUpdate,
)
from network.demo import demo_email, register_demo_step
from network.models import DepartmentRole, User

#: Which department's director chairs which service area.
AREA_CHAIRS = {
    "onnettomuuksien-ehkaisy": "varsinais-suomi",
    "pelastustoiminta": "pohjois-savo",
    "ensihoito": "keski-suomi",
    "varautuminen": "lappi",
    "tukipalvelut": "kanta-hame",
}
WORKING_GROUPS = [
    ("ict-yhteistyo", "tukipalvelut", "ICT-yhteistyö", "IKT-samarbete", "ICT cooperation",
     "Yhteisten ICT-ratkaisujen valmistelu maakuntiin siirtyville pelastuslaitoksille."),
    ("valvontasuunnitelma", "onnettomuuksien-ehkaisy", "Valvontasuunnitelmatyöryhmä",
     "Arbetsgruppen för tillsynsplanen", "Supervision plan working group",
     "Valvontasuunnitelmaohjeen päivitys riskiperusteiseksi ja yhdenmukaiseksi."),
    ("henkilostosiirrot", BOARD, "Henkilöstösiirtojen työryhmä",
     "Arbetsgruppen för personalöverföringar",
     "Personnel transfers working group",
     "Henkilöstön siirtymisen periaatteet maakuntien pelastuslaitoksiin."),
]  # fmt: skip


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _seat(body: Body, user: User, role: str) -> None:
    Membership.objects.get_or_create(
        body=body,
        user=user,
        role=role,
        defaults={
            "department": user.department,
            "start_date": timezone.localdate() - timedelta(days=400),
        },
    )


@register_demo_step
def governance_demo(key: dict[str, User]) -> None:
    bodies = bodies_load_facts()
    directors = {
        u.department.slug: u
        for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR).select_related(
            "department"
        )
        if u.department is not None
    }
    official = key["official"]
    secretary_areas = User.objects.get(email=demo_email("Jukka", "Salonen"))
    chair, vice = directors["helsinki"], directors["pirkanmaa"]

    for body_slug in (DIRECTORS_MEETING, BOARD):
        body = bodies[body_slug]
        _seat(body, chair, Role.CHAIR)
        _seat(body, vice, Role.VICE_CHAIR)
        _seat(body, official, Role.SECRETARY)
    for director in directors.values():
        if director not in (chair, vice):
            _seat(bodies[DIRECTORS_MEETING], director, Role.MEMBER)
    for area_slug, department_slug in AREA_CHAIRS.items():
        area_chair = directors[department_slug]
        _seat(bodies[area_slug], area_chair, Role.CHAIR)
        _seat(bodies[area_slug], secretary_areas, Role.SECRETARY)
        _seat(bodies[BOARD], area_chair, Role.MEMBER)
    deputies = {
        u.department.slug: u
        for u in User.objects.filter(department_role=DepartmentRole.DEPUTY).select_related(
            "department"
        )
        if u.department is not None
    }
    deputy = deputies.get("pirkanmaa")
    # Personal deputies of the chair's and the vice-chair's seats, from their departments.
    for body_slug in (DIRECTORS_MEETING, BOARD):
        for principal in (chair, vice):
            personal = deputies.get(principal.department.slug) if principal.department else None
            if personal:
                Membership.objects.filter(
                    body=bodies[body_slug], user=principal, personal_deputy__isnull=True
                ).update(personal_deputy=personal)

    if Body.objects.filter(kind=BodyKind.WORKING_GROUP).exists():
        return  # the rest is made once
    groups = {}
    for slug, parent, fi, sv, en, mandate in WORKING_GROUPS:
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP,
            slug=slug,
            parent=bodies[parent],
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            mandate=mandate,
            term_start=timezone.localdate() - timedelta(days=200),
            term_end=timezone.localdate() + timedelta(days=365),
        )
        groups[slug] = group
    ict = groups["ict-yhteistyo"]
    if deputy:
        _seat(ict, deputy, Role.CHAIR)
    _seat(ict, vice, Role.MEMBER)
    _seat(ict, directors["kainuu"], Role.MEMBER)
    _seat(groups["valvontasuunnitelma"], directors["satakunta"], Role.CHAIR)
    _seat(groups["valvontasuunnitelma"], vice, Role.MEMBER)
    _seat(groups["henkilostosiirrot"], directors["oulu-koillismaa"], Role.CHAIR)

    today = timezone.localdate()
    for days_ago, status, progress in [
        (50, Status.ON_TRACK, "Nykytilakartoitus valmis 18 laitoksesta."),
        (12, Status.AT_RISK, "Kenttäjärjestelmän hankinnan aikataulu on riskissä."),
    ]:
        update = StatusUpdate.objects.create(
            working_group=ict,
            author=vice,
            period_start=today - timedelta(days=days_ago + 30),
            period_end=today - timedelta(days=days_ago),
            status=status,
            progress=progress,
            next_steps="Yhteinen tarjouspyyntöluonnos hallitukselle.",
            blockers="Maakuntien ICT-palvelukeskuksen rooli on auki."
            if status == Status.AT_RISK
            else "",
        )
        StatusUpdate.objects.filter(pk=update.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    old = StatusUpdate.objects.create(
        working_group=groups["valvontasuunnitelma"],
        author=directors["satakunta"],
        period_start=today - timedelta(days=90),
        period_end=today - timedelta(days=45),
        status=Status.ON_TRACK,
        progress="Ohjeluonnos lausunnolla laitoksissa.",
    )
    StatusUpdate.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=45))
    Assignment.objects.create(
        body=bodies["tukipalvelut"],
        working_group=ict,
        title="Yhteinen ICT-tiekartta",
        description="Laatikaa tiekartta pelastuslaitosten yhteisistä ICT-palveluista 2019–2021.",
        deadline=today + timedelta(days=40),
        created_by=directors["kanta-hame"],
    )

    board = bodies[BOARD]
    upcoming = Meeting.objects.create(
        body=board,
        title="Hallituksen kokous",
        title_sv="Styrelsens möte",
        title_en="Board meeting",
        starts_at=_at(3, 13),
        ends_at=_at(3, 15),
        location="Teams",
        video_link="https://teams.example/verkosto-hallitus",
        state=MeetingState.PUBLISHED,
        published_at=timezone.now(),
        created_by=official,
    )
    for position, (title, title_sv, proposal) in enumerate(
        [
            (
                "Kokouksen avaus ja laillisuus",
                "Mötets öppnande och laglighet",
                "Todetaan kokous lailliseksi ja päätösvaltaiseksi.",
            ),
            (
                "Pelastustoimen rahoitusmalli maakuntauudistuksessa",
                "Räddningsväsendets finansieringsmodell i landskapsreformen",
                "Hallitus lähettää kannanoton lausuntokierrokselle.",
            ),
            ("Työryhmien tilannekatsaus", "Arbetsgruppernas lägesöversikt", "Merkitään tiedoksi."),
        ],
        start=1,
    ):
        AgendaItem.objects.create(
            meeting=upcoming,
            position=position,
            title=title,
            title_sv=title_sv,
            proposed_decision=proposal,
            presenter=official,
        )
    Attendance.objects.create(meeting=upcoming, user=chair, response=AttendanceResponse.ATTENDING)

    past = Meeting.objects.create(
        body=board,
        title="Hallituksen kokous (edellinen)",
        title_sv="Styrelsens möte (föregående)",
        title_en="Board meeting (previous)",
        starts_at=_at(-25, 13),
        ends_at=_at(-25, 15),
        location="Kuntatalo, Helsinki",
        state=MeetingState.PUBLISHED,
        published_at=timezone.now() - timedelta(days=32),
        minutes_state=MinutesState.APPROVED,
        minutes_approved_at=timezone.now() - timedelta(days=20),
        minutes_approved_by=chair,
        created_by=official,
    )
    for seat in selectors.meeting_seats(meeting=past):
        absent_with_deputy = seat.user == vice and seat.personal_deputy_id
        Presence.objects.create(
            meeting=past,
            user=seat.user,
            status=PresenceStatus.DEPUTY if absent_with_deputy else PresenceStatus.PRESENT,
            deputy=seat.personal_deputy if absent_with_deputy else None,
        )
    Meeting.objects.filter(pk=past.pk).update(attendance_recorded_at=past.ends_at)
    AgendaItem.objects.create(
        meeting=past,
        position=1,
        title="Strategian tarkistus keväällä 2018",
        title_sv="Översyn av strategin våren 2018",
        proposed_decision="Käynnistetään strategian tarkistus.",
        discussion="Keskusteltiin tarkistuksen aikataulusta.",
        decision="Käynnistetään strategian tarkistus; valmistelu toimihenkilöille.",
    )
    Meeting.objects.create(
        body=bodies[DIRECTORS_MEETING],
        title="Pelastusjohtajien kokous",
        title_sv="Räddningsdirektörernas möte",
        title_en="Rescue directors' meeting",
        starts_at=_at(5, 9),
        ends_at=_at(5, 12),
        location="Pelastusopisto, Kuopio",
        created_by=official,
    )
