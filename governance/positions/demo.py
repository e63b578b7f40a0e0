"""Demo positions: one in consultation with some answers, one in the board's vote and one
published on the public site, so that every stage can be seen."""

from datetime import timedelta

from django.utils import timezone

from governance.models import Body, BodyKind
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
        if u.department is not None
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


STRUCTURE_TEXT_2016 = """## Esitys

Palvelutasopäätökset laaditaan yhteisellä rakenteella:

- riskialueet ja toimintavalmiusajat
- valvonta ja turvallisuusviestintä
- varautuminen ja väestönsuojelu
"""

STRUCTURE_TEXT_SV_2016 = """## Förslag

Besluten om servicenivå utarbetas med en gemensam struktur:

- riskområden och insatstider
- tillsyn och säkerhetskommunikation
- beredskap och befolkningsskydd
"""

STRUCTURE_TEXT_2018 = """## Esitys

Palvelutasopäätökset laaditaan maakunnissa yhteisellä rakenteella:

- riskialueet ja toimintavalmiusajat riskiluokittain
- valvonta, turvallisuusviestintä ja onnettomuuksien ehkäisy
- varautuminen, väestönsuojelu ja maakunnan valmiussuunnitelma
- ensihoidon palvelutaso yhteistyössä sairaanhoitopiirin kanssa
"""

STRUCTURE_TEXT_SV_2018 = """## Förslag

Besluten om servicenivå utarbetas i landskapen med en gemensam struktur:

- riskområden och insatstider per riskklass
- tillsyn, säkerhetskommunikation och olycksförebyggande
- beredskap, befolkningsskydd och landskapets beredskapsplan
- prehospital akutsjukvård i samarbete med sjukvårdsdistriktet
"""

SITUATION_TEXT = """Pelastuslaitokset tuottavat maakuntavalmistelun tilannekuvan yhdessä:

1. valmiustilanne päivitetään verkostoon neljännesvuosittain
2. uudistuksen määräajat kootaan yhteiselle aikajanalle
3. turvallisuustason mittarit raportoidaan yhtenäisesti
"""

SITUATION_TEXT_SV = """Räddningsverken tar fram lägesbilden av landskapsberedningen tillsammans:

1. beredskapsläget uppdateras i nätverket varje kvartal
2. reformens tidsfrister samlas på en gemensam tidslinje
3. säkerhetsnivåns indikatorer rapporteras enhetligt
"""


def _through_the_board(position, *, official, chair) -> None:
    """Consultation, the board's vote and its approval, as the network does it."""
    services.consultation_open(
        actor=official, position=position, deadline=timezone.now() + timedelta(days=1)
    )
    services.vote_open(actor=official, position=position, close_consultation_early=True)
    voters = User.objects.filter(
        memberships__body__slug="hallitus", memberships__role__in=["chair", "vice_chair", "member"]
    ).distinct()
    for voter in voters:
        services.vote_cast(user=voter, position=position, choice=VoteChoice.APPROVE)
    services.vote_close(actor=chair, position=position)


@register_demo_step
def positions_strategy_demo(key: dict[str, User]) -> None:
    """A superseded position and its replacement, one withdrawn after publication, one on
    situational awareness; the influence log and key messages that rest on them."""
    from governance.positions import influence, key_messages
    from governance.positions.models import InfluenceKind, InfluenceState, KeyMessage

    if KeyMessage.objects.exists() or not Position.objects.exists():
        return
    official, comms, admin = key["official"], key["communications"], key["admin"]
    chair = User.objects.get(department__slug="helsinki", department_role=DepartmentRole.DIRECTOR)
    board = Body.objects.filter(kind=BodyKind.BOARD).first()

    old = services.position_create(
        actor=official,
        title="Palvelutasopäätösten yhteinen rakenne",
        summary="Pelastuslaitosten palvelutasopäätökset noudattavat yhteistä rakennetta.",
        text=STRUCTURE_TEXT_2016,
        text_sv=STRUCTURE_TEXT_SV_2016,
        prepared_by=board,
        cornerstones=["joint"],
        workstreams=["service_level"],
    )
    _through_the_board(old, official=official, chair=chair)
    services.position_publish(actor=comms, position=old, publication="public")
    Position.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - timedelta(days=420),
        public_published_at=timezone.now() - timedelta(days=415),
    )
    old.refresh_from_db()
    replacement = services.position_create(
        actor=official,
        title="Palvelutasopäätösten yhteinen rakenne maakunnissa",
        summary="Maakuntien palvelutasopäätökset noudattavat yhteistä, laajennettua rakennetta.",
        text=STRUCTURE_TEXT_2018,
        text_sv=STRUCTURE_TEXT_SV_2018,
        prepared_by=board,
        cornerstones=["joint"],
        workstreams=["service_level", "emergency_care"],
        supersedes=old,
    )
    _through_the_board(replacement, official=official, chair=chair)
    services.position_publish(actor=comms, position=replacement, publication="public")

    situation = services.position_create(
        actor=official,
        title="Maakuntavalmistelun yhteinen tilannekuva",
        summary="Pelastuslaitokset tuottavat valmistelun tilannekuvan yhdessä verkostossa.",
        text=SITUATION_TEXT,
        text_sv=SITUATION_TEXT_SV,
        cornerstones=["awareness"],
        workstreams=["organisation"],
    )
    _through_the_board(situation, official=official, chair=chair)
    services.position_publish(
        actor=comms,
        position=situation,
        publication="internal",
        text="Ottakaa neljännesvuosiraportointi osaksi johtoryhmän vuosikelloa.",
    )

    procurement = services.position_create(
        actor=official,
        title="Pelastuslaitosten yhteinen kalustohankintarengas",
        summary="Pelastuslaitokset hankkivat raskaan kaluston yhteisellä hankintarenkaalla.",
        text="Raskas pelastuskalusto hankitaan yhteisen hankintarenkaan kautta vuodesta 2018.",
        cornerstones=["joint"],
        workstreams=["premises"],
    )
    _through_the_board(procurement, official=official, chair=chair)
    services.position_publish(actor=comms, position=procurement, publication="public")
    services.position_retract(
        actor=chair,
        position=procurement,
        reason=(
            "Hallitus päätti perua kannan, koska raskaan kaluston hankinnat siirtyvät "
            "maakuntien yhteishankintayksikön tehtäväksi."
        ),
    )

    finance = Position.objects.filter(title__startswith="Pelastustoimen rahoitusmalli").first()
    supervision = Position.objects.filter(title="Yhtenäinen valvontasuunnitelmaohje").first()
    today = timezone.localdate()
    if finance is not None:
        influence.influence_record(
            actor=comms,
            position=finance,
            kind=InfluenceKind.STATEMENT,
            title="Lausunto sisäministeriölle pelastustoimen rahoituksesta",
            counterpart="Sisäministeriö",
            reference="SM/2018/42",
            deadline=finance.request_deadline or today + timedelta(days=20),
            responsible=official,
        )
    if supervision is not None:
        influence.influence_record(
            actor=comms,
            position=supervision,
            kind=InfluenceKind.MEETING,
            title="Tapaaminen eduskunnan hallintovaliokunnan jäsenten kanssa",
            counterpart="Eduskunnan hallintovaliokunta",
            happened_on=today - timedelta(days=12),
            outcome=(
                "Valiokunnan jäsenet pitivät riskiperusteista valvontaa hyvänä. "
                "Valiokunta pyysi verkostolta lisätietoa valvonnan resursseista."
            ),
            state=InfluenceState.DONE,
            responsible=chair,
        )
    influence.influence_record(
        actor=admin,
        position=replacement,
        kind=InfluenceKind.STATEMENT,
        title="Lausunto valtiovarainministeriölle maakuntien palvelulupauksesta",
        counterpart="Valtiovarainministeriö",
        reference="VM/1103/2018",
        deadline=today - timedelta(days=30),
        happened_on=today - timedelta(days=32),
        outcome=(
            "Lausunto annettiin määräajassa; yhteinen rakenne mainitaan ministeriön yhteenvedossa."
        ),
        state=InfluenceState.DONE,
        responsible=official,
    )
    influence.influence_record(
        actor=comms,
        position=situation,
        kind=InfluenceKind.OTHER,
        title="Esitys maakuntavalmistelijoiden seminaarissa",
        counterpart="Maakuntien muutosjohtajat",
        deadline=today + timedelta(days=9),
        responsible=comms,
    )

    for position, text_fi, text_sv, text_en in [
        (
            replacement,
            "Palvelutasopäätökset tehdään kaikissa maakunnissa samalla rakenteella, jotta "
            "asukkaiden turvallisuus on vertailukelpoista koko maassa.",
            "Besluten om servicenivå fattas med samma struktur i alla landskap, så att "
            "invånarnas säkerhet är jämförbar i hela landet.",
            "Service-level decisions follow the same structure in every region, so that "
            "people's safety can be compared across the country.",
        ),
        (
            supervision,
            "Valvonta kohdennetaan riskin perusteella: sinne, missä onnettomuuden "
            "todennäköisyys ja seuraukset ovat suurimmat.",
            "Tillsynen riktas enligt risk: dit där sannolikheten för och följderna av en "
            "olycka är störst.",
            "",
        ),
        (
            situation,
            "Pelastuslaitokset tuottavat uudistuksen tilannekuvan yhdessä – yksi tilannekuva, "
            "ei 22 erillistä.",
            "Räddningsverken tar fram reformens lägesbild tillsammans – en lägesbild, inte 22 "
            "separata.",
            "",
        ),
    ]:
        if position is None:
            continue
        key_messages.key_message_create(
            actor=comms,
            position=position,
            text_fi=text_fi,
            text_sv=text_sv,
            text_en=text_en,
            approved_on=today,
        )
