"""The network's own bodies and indicators come from the facts in Finnish, Swedish and
English: a Swedish reader no longer gets English mandates or "persons/year"."""

import pytest
from django.test import Client
from django.utils import translation

from governance.facts import bodies_load_facts
from preparation.facts import preparation_load_facts
from preparation.models import Indicator
from tests.factories import make_director, sign_in

pytestmark = pytest.mark.django_db


def test_the_mandates_are_in_every_language(departments):
    bodies = bodies_load_facts()
    meeting = bodies["johtajakokous"]

    assert meeting.mandate.startswith("– Ylin päättävä elin")
    assert meeting.mandate_sv.startswith("– Högsta beslutande organ")
    assert meeting.mandate_en.startswith("– Highest decision-making body")


def test_a_swedish_reader_reads_the_swedish_mandate(departments):
    board = bodies_load_facts()["hallitus"]
    erik = make_director(departments["lansi-uusimaa"], first_name="Erik", language="sv")

    page = sign_in(Client(), erik).get(board.get_absolute_url()).content.decode()

    assert "Bereder förslag till direktörsmötet." in page
    assert "Prepares proposals" not in page


def test_indicator_units_and_names_are_translated(departments):
    preparation_load_facts()
    deaths = Indicator.objects.get(code="PALOKUOLEMAT")

    with translation.override("fi"):
        assert (deaths.name, str(deaths.unit)) == ("Palokuolemat", "henkilöä/vuosi")
    assert (deaths.name_sv, deaths.unit_sv, deaths.unit_en) == (
        "Dödsfall i bränder",
        "personer/år",
        "persons/year",
    )
