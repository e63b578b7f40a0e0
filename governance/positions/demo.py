"""Demo positions: one in consultation with some answers, one in the board's vote and one
published on the public site, so that every stage can be seen."""

from datetime import timedelta

from django.utils import timezone

from governance.positions import services
from governance.positions.models import Position, Stance, VoteChoice
from network.demo import register_demo_step
from network.models import DepartmentRole, User

FINANCE_TEXT = """## Esitys

Pelastustoimen rahoitus maakunnissa perustuu **riskiin ja väestöön**, ei pelkkään asukaslukuun.

## Perustelut

- Riskiluokan I ruuduissa toimintavalmiusaika on 6 minuuttia koko maassa.
- Siirtymäaika on kolme vuotta, jotta palvelutaso ei laske.
"""

FINANCE_TEXT_SV = """## Förslag

Räddningsväsendets finansiering i landskapen bygger på **risk och befolkning**, inte enbart
på invånarantalet.

## Motivering

- I rutor i riskklass I är insatstiden 6 minuter i hela landet.
- Övergångstiden är tre år, så att servicenivån inte sjunker.
"""

FINANCE_TEXT_EN = """## Proposal

The funding of rescue services in the regions is based on **risk and population**, not on
the number of inhabitants alone.

## Reasons

- In risk class I squares the response time is 6 minutes across the country.
- The transition period is three years, so that the level of service does not dip.
"""


@register_demo_step
def positions_demo(key: dict[str, User]) -> None:
    if Position.objects.exists():
        return
    official = key["official"]
    comms = key["communications"]
    directors = {
        u.department.slug: u
        for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR).select_related(
            "department"
        )
    }
    chair = directors["helsinki"]

    consultation = services.position_create(
        actor=official,
        title="Pelastustoimen rahoitusmalli maakuntauudistuksessa",
        summary="Verkosto esittää riskiin perustuvaa rahoitusmallia.",
        text=FINANCE_TEXT,
        title_sv="Räddningsväsendets finansieringsmodell i landskapsreformen",
        summary_sv="Nätverket föreslår en finansieringsmodell som bygger på risk.",
        text_sv=FINANCE_TEXT_SV,
        title_en="The funding model of rescue services in the regional reform",
        summary_en="The network proposes a risk-based funding model.",
        text_en=FINANCE_TEXT_EN,
        cornerstones=["influence", "joint"],
        workstreams=["finance"],
        request_from="Sisäministeriö",
        request_reference="SM/2018/42",
        request_deadline=timezone.localdate() + timedelta(days=20),
    )
    services.consultation_open(
        actor=official,
        position=consultation,
        deadline=timezone.now() + timedelta(days=5),
        questions=["Onko kolmen vuoden siirtymäaika riittävä?"],
    )
    for slug, stance, comment in [
        ("helsinki", Stance.SUPPORTS, ""),
        ("varsinais-suomi", Stance.SUPPORTS_WITH_CHANGES, "Kohta 2: huomioitava saaristo."),
        ("lappi", Stance.SUPPORTS_WITH_CHANGES, "Pitkät etäisyydet on huomioitava."),
        ("kainuu", Stance.OPPOSES, "Malli heikentää harvaan asuttuja alueita."),
        ("satakunta", Stance.SUPPORTS, ""),
        ("oulu-koillismaa", Stance.NO_OPINION, ""),
    ]:
        services.consultation_answer(
            user=directors[slug], position=consultation, stance=stance, comment=comment
        )

    voting = services.position_create(
        actor=official,
        title="Ensihoidon palvelutasopäätöksen periaatteet",
        summary="Yhteiset periaatteet ensihoidon palvelutasopäätöksille.",
        text="Ensihoidon tavoittamisajat määritellään yhtenäisin perustein kaikissa maakunnissa.",
        title_sv="Principerna för beslutet om servicenivån inom prehospital akutsjukvård",
        cornerstones=["joint"],
        workstreams=["emergency_care", "service_level"],
    )
    services.consultation_open(
        actor=official, position=voting, deadline=timezone.now() + timedelta(days=1)
    )
    services.vote_open(actor=official, position=voting, close_consultation_early=True)
    services.vote_cast(user=chair, position=voting, choice=VoteChoice.APPROVE)

    published = services.position_create(
        actor=official,
        title="Yhtenäinen valvontasuunnitelmaohje",
        summary=(
            "Pelastuslaitokset noudattavat yhteistä riskiperusteista valvontasuunnitelmaohjetta."
        ),
        text="Valvontakäynnit kohdennetaan riskin perusteella. Ohje päivitetään vuosittain.",
        title_sv="En enhetlig anvisning för tillsynsplanen",
        summary_sv="Räddningsverken följer en gemensam riskbaserad anvisning för tillsynsplanen.",
        text_sv="Tillsynsbesöken riktas enligt risk. Anvisningen uppdateras årligen.",
        title_en="Uniform guidance for the supervision plan",
        summary_en="The rescue departments follow shared, risk-based supervision guidance.",
        text_en="Supervision visits are targeted by risk. The guidance is updated every year.",
        cornerstones=["joint"],
        workstreams=["service_level"],
    )
    services.consultation_open(
        actor=official, position=published, deadline=timezone.now() + timedelta(days=1)
    )
    services.vote_open(actor=official, position=published, close_consultation_early=True)
    board_voters = User.objects.filter(
        memberships__body__slug="hallitus", memberships__role__in=["chair", "vice_chair", "member"]
    ).distinct()
    for voter in board_voters:
        services.vote_cast(user=voter, position=published, choice=VoteChoice.APPROVE)
    services.vote_close(actor=chair, position=published)
    services.position_publish(
        actor=comms,
        position=published,
        publication="public",
        review_date=timezone.localdate() + timedelta(days=365),
    )
