"""A position in the reader's language: Swedish and English texts where written, the
Finnish one with a visible notice (and its ``lang``) where not, and the editor told what
is missing."""

import html5lib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from governance.positions import services
from governance.positions.models import PositionState, VoteChoice
from tests.factories import make_director

pytestmark = pytest.mark.django_db

SWEDISH = {
    "title_sv": "Räddningsväsendets finansieringsmodell",
    "summary_sv": "Nätverket föreslår en kalkylerad finansieringsmodell.",
    "text_sv": "Finansieringen bygger på risk och befolkning.",
}


def _revise(position, actor, **translations):
    version = position.current_version
    return services.position_revise(
        actor=actor,
        position=position,
        title=version.title,
        summary=version.summary,
        text=version.text,
        **translations,
    )


@pytest.fixture
def erik(departments):
    """A Swedish-speaking director, as in the demo."""
    return make_director(
        departments["pohjanmaa"], first_name="Erik", last_name="Sundqvist", language="sv"
    )


def test_a_swedish_director_reads_the_swedish_text(in_consultation, cast, erik, as_person):
    _revise(in_consultation, cast["official"], **SWEDISH)

    page = as_person(erik).get(in_consultation.get_absolute_url()).content.decode()

    assert "Räddningsväsendets finansieringsmodell" in page
    assert "Finansieringen bygger på risk och befolkning." in page
    assert "Rahoitus perustuu riskiin" not in page
    assert "Endast på finska" not in page


def test_without_a_swedish_text_the_finnish_one_is_shown_with_a_notice(
    in_consultation, erik, as_person
):
    page = as_person(erik).get(in_consultation.get_absolute_url()).content.decode()

    assert "Endast på finska" in page
    assert '<div class="prose" lang="fi">' in page
    assert '<span lang="fi">Pelastustoimen rahoitusmalli maakuntauudistuksessa</span>' in page


def test_a_finnish_reader_sees_no_notice(in_consultation, cast, as_person):
    page = as_person(cast["m1"]).get(in_consultation.get_absolute_url()).content.decode()

    assert "Rahoitus perustuu riskiin" in page
    assert "Vain suomeksi" not in page


def test_the_editor_sees_which_language_versions_are_missing(in_consultation, cast, as_person):
    official = as_person(cast["official"])

    page = official.get(in_consultation.get_absolute_url()).content.decode()
    form = official.get(reverse("positions:edit", args=[in_consultation.pk])).content.decode()

    assert "Kieliversioita puuttuu: ruotsi, englanti" in page
    assert "Kieliversioita puuttuu: ruotsi, englanti" in form
    _revise(in_consultation, cast["official"], **SWEDISH)
    page = official.get(in_consultation.get_absolute_url()).content.decode()
    assert "Kieliversioita puuttuu: englanti" in page


def test_the_edit_form_saves_every_language_version(in_consultation, cast, as_person):
    version = in_consultation.current_version
    as_person(cast["official"]).post(
        reverse("positions:edit", args=[in_consultation.pk]),
        {
            "title": version.title,
            "summary": version.summary,
            "text": version.text,
            **SWEDISH,
            "title_en": "Funding model of the rescue services",
            "summary_en": "The network proposes a calculated funding model.",
            "text_en": "Funding is based on risk and population.",
        },
    )

    in_consultation.refresh_from_db()
    saved = in_consultation.current_version
    assert saved.number == 2
    assert saved.text_sv == SWEDISH["text_sv"]
    assert saved.text_en == "Funding is based on risk and population."
    assert in_consultation.title_en == "Funding model of the rescue services"


def _published(in_vote, cast, **texts):
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    services.vote_close(actor=cast["chair"], position=in_vote)
    position = services.position_publish(
        actor=cast["comms"], position=in_vote, publication="public", **texts
    )
    assert position.state == PositionState.PUBLISHED
    return position


def _public_home(language):
    return Client().get(reverse("public:home", args=[language])).content.decode()


def test_the_english_public_site_lists_positions_with_an_english_text(cast, in_consultation):
    _revise(
        in_consultation,
        cast["official"],
        title_en="Funding model of the rescue services",
        summary_en="The network proposes a calculated funding model.",
        text_en="Funding is based on risk and population.",
    )
    position = services.vote_open(
        actor=cast["official"], position=in_consultation, close_consultation_early=True
    )
    _published(position, cast)

    assert "Funding model of the rescue services" in _public_home("en")
    assert "Pelastustoimen rahoitusmalli" in _public_home("fi")
    assert "Pelastustoimen rahoitusmalli" not in _public_home("sv")  # no Swedish text


def test_the_swedish_public_page_shows_the_swedish_advocacy_text(in_vote, cast):
    position = _published(
        in_vote, cast, text="Suomeksi vaikuttamisteksti.", text_sv="Påverkanstext på svenska."
    )
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"

    page = client.get(reverse("public_positions:public", args=[position.pk]))
    body = page.content.decode()

    assert "Påverkanstext på svenska." in body
    assert "Suomeksi vaikuttamisteksti." not in body
    assert "Endast på finska" in body  # the title and summary are only in Finnish
    html5lib.HTMLParser(strict=True).parse(page.content)


def test_a_swedish_public_reader_of_a_finnish_only_position_is_told(in_vote, cast):
    position = _published(in_vote, cast)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"

    body = client.get(reverse("public_positions:public", args=[position.pk])).content.decode()

    assert "Endast på finska" in body
    assert '<div class="prose" lang="fi">' in body
    assert "Rahoitus perustuu riskiin" in body
