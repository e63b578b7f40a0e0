"""Demo data for the strategy review: the 2018 review the directors' meeting decided (its
deadline from the strategy's facts) and an open round with a few comments."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from governance.facts import DIRECTORS_MEETING
from governance.models import Body, Meeting, MeetingState
from governance.review import services
from governance.review.models import ReviewComment, ReviewRound, ReviewState
from network.demo import register_demo_step
from network.facts import network_facts
from network.models import Department, DepartmentRole, User


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _comment(
    review: ReviewRound, director: User, department: Department, text: str, when: datetime
) -> None:
    comment = ReviewComment.objects.create(
        round=review, department=department, author=director, text=text
    )
    ReviewComment.objects.filter(pk=comment.pk).update(created_at=when)


@register_demo_step
def review_demo(key: dict[str, User]) -> None:
    if ReviewRound.objects.exists():
        return
    strategy = network_facts()["strategy_2017_2019"]
    starts = date.fromisoformat(strategy["starts"])
    review_by = date.fromisoformat(strategy["review_by"])
    body = Body.objects.get(slug=DIRECTORS_MEETING)
    admin, official = key["admin"], key["official"]
    # Each department's director, with the department.
    directors = {
        department.slug: (u, department)
        for u in User.objects.filter(department_role=DepartmentRole.DIRECTOR).select_related(
            "department"
        )
        if (department := u.department) is not None
    }

    # The spring 2018 review, decided in the directors' meeting after its deadline.
    decided_on = review_by + timedelta(days=14)
    meeting_2018 = Meeting.objects.create(
        body=body,
        title=f"Pelastusjohtajien kokous {decided_on.month}/{decided_on.year}",
        starts_at=_at(decided_on, 9),
        ends_at=_at(decided_on, 12),
        location="Pelastusopisto, Kuopio",
        state=MeetingState.PUBLISHED,
        published_at=_at(decided_on - timedelta(days=7), 9),
        created_by=official,
    )
    decided = ReviewRound.objects.create(
        name_fi="Strategian tarkistus keväällä 2018",
        name_sv="Översyn av strategin våren 2018",
        name_en="Strategy review, spring 2018",
        introduction_fi=(
            f"{strategy['review_by_fi']} Arvioikaa, miten tilannetieto, yhteinen valmistelu, "
            "vaikuttaminen ja viestintä ovat toteutuneet, ja mitä strategiaan pitää muuttaa "
            "maakuntauudistuksen uuden aikataulun vuoksi."
        ),
        introduction_sv=(
            f"{strategy['review_by_sv']} Bedöm hur lägesbilden, den gemensamma beredningen, "
            "påverkan och kommunikationen har förverkligats och vad som behöver ändras i "
            "strategin på grund av landskapsreformens nya tidtabell."
        ),
        covers_from=starts,
        deadline=review_by,
        opened_by=admin,
        opened_at=_at(review_by - timedelta(days=75), 10),
        state=ReviewState.DECIDED,
        decision_fi=(
            "Pelastusjohtajien kokous totesi strategian linjaukset edelleen ajankohtaisiksi. "
            "Maakuntauudistuksen siirtyminen vuoteen 2020 huomioidaan: yhteistä valmistelua "
            "jatketaan työryhmissä, ja vaikuttamisessa painotetaan pelastustoimen rahoitusta "
            "ja palvelutasoa. Verkoston viestintää yhtenäistetään yhteisillä ydinviesteillä."
        ),
        decision_sv=(
            "Räddningsdirektörernas möte konstaterade att strategins riktlinjer fortfarande är "
            "aktuella. Att landskapsreformen flyttas till år 2020 beaktas: den gemensamma "
            "beredningen fortsätter i arbetsgrupperna och påverkansarbetet betonar "
            "räddningsväsendets finansiering och servicenivå. Nätverkets kommunikation görs "
            "enhetlig med gemensamma kärnbudskap."
        ),
        decided_in=meeting_2018,
        decided_by=official,
        decided_at=_at(decided_on, 11),
    )
    for slug, text, days_before in [
        (
            "pirkanmaa",
            "Tilannetieto on parantunut, mutta yhteistä valmistelua tarvitaan erityisesti "
            "ICT-ratkaisuissa. Ehdotamme, että kärkihankkeet priorisoidaan uudelleen.",
            30,
        ),
        (
            "pohjanmaa",
            "Vi stöder strategins riktlinjer. Kommunikationen på svenska bör stärkas, så att "
            "de tvåspråkiga räddningsverken kan använda nätverkets budskap direkt.",
            21,
        ),
        (
            "lappi",
            "Pitkät etäisyydet on otettava huomioon palvelutason yhteisissä linjauksissa. "
            "Turvallisuustason seurantaa pitää jatkaa koko valmistelun ajan.",
            9,
        ),
    ]:
        _comment(decided, *directors[slug], text, _at(review_by - timedelta(days=days_before), 14))

    # A held meeting of the directors' meeting, where the open round can be decided.
    today = timezone.localdate()
    Meeting.objects.create(
        body=body,
        title="Pelastusjohtajien kokous (edellinen)",
        starts_at=_at(today - timedelta(days=20), 9),
        ends_at=_at(today - timedelta(days=20), 12),
        location="Teams",
        state=MeetingState.PUBLISHED,
        published_at=timezone.now() - timedelta(days=27),
        created_by=official,
    )
    current = services.review_round_open(
        actor=admin,
        name_fi="Strategiakauden 2017–2019 loppuarviointi",
        name_sv="Slututvärdering av strategiperioden 2017–2019",
        name_en="Final evaluation of the 2017–2019 strategy period",
        introduction_fi=(
            "Kommentoikaa, mitä verkosto on saanut aikaan strategian kulmakivissä ja "
            "viestinnässä kevään 2018 tarkistuksen jälkeen, ja mitä seuraavaan strategiaan "
            "pitää ottaa mukaan."
        ),
        introduction_sv=(
            "Kommentera vad nätverket har åstadkommit inom strategins hörnstenar och i "
            "kommunikationen sedan översynen våren 2018 och vad som bör tas med i nästa "
            "strategi."
        ),
        covers_from=review_by + timedelta(days=1),
        deadline=today + timedelta(days=21),
    )
    for slug, text in [
        (
            "kainuu",
            "Yhteinen kenttäjohtojärjestelmän hankinta on hyvä esimerkki päällekkäisen työn "
            "välttämisestä. Seuraavassa strategiassa yhteisten ratkaisujen käyttöönottoa pitää "
            "seurata laitoksittain.",
        ),
        (
            "lansi-uusimaa",
            "Den gemensamma lägesbilden har varit till stor nytta. Vi önskar att nätverkets "
            "ställningstaganden publiceras samtidigt på finska och svenska.",
        ),
    ]:
        director, department = directors[slug]
        services.review_comment_add(user=director, review=current, department=department, text=text)
