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
        if u.department is not None
    }
    chair = directors["helsinki"]

    consultation = services.position_create(
        actor=official,
        title="Pelastustoimen rahoitusmalli maakuntauudistuksessa",
        summary="Verkosto esittää riskiin perustuvaa rahoitusmallia.",
        text=FINANCE_TEXT,
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
        ("lansi-uusimaa", Stance.SUPPORTS_WITH_CHANGES, "Kohta 2: huomioitava saaristo."),
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
        text_sv="Tillsynsbesöken riktas enligt risk. Anvisningen uppdateras årligen.",
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
