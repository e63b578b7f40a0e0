"""The one mechanism for content in Finnish, Swedish and English (network/translations.py),
the CSV that Finnish Excel opens, dates typed as 12.3.2018, and the sign-in message in the
person's own language."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from network import translations
from network.csv_export import csv_response
from network.form_fields import BoundedDateField, BoundedDateTimeField
from preparation.models import ReformEvent


class Text:
    """Content of a model older than the convention: Finnish in the bare column."""

    def __init__(self, title="", title_sv="", title_en=""):
        self.title, self.title_sv, self.title_en = title, title_sv, title_en


def _render(source: str, **context) -> str:
    return Template("{% load translations %}" + source).render(Context(context))


def test_the_reader_gets_their_language_and_else_finnish_marked_as_a_fallback():
    text = Text(title="Kanta", title_sv="Ståndpunkt")

    with translation.override("sv"):
        found = translations.translated(text, "title")
        assert (found.text, found.language, found.is_fallback) == ("Ståndpunkt", "sv", False)
    with translation.override("en"):
        found = translations.translated(text, "title")
        assert (found.text, found.language, found.is_fallback) == ("Kanta", "fi", True)
        assert found.notice == "Only in Finnish"


def test_the_field_triple_of_the_name_mixin_works_alike(departments):
    event = ReformEvent(title_fi="Laki voimaan", title_sv="Lagen träder i kraft", date=date.today())

    assert translations.versions(event, "title") == {
        "fi": "Laki voimaan",
        "sv": "Lagen träder i kraft",
        "en": "",
    }
    with translation.override("sv"):
        assert event.title == "Lagen träder i kraft"
    with translation.override("en"):
        assert event.title == "Laki voimaan"


def test_the_filter_marks_a_fallback_with_its_language_and_a_notice_in_the_readers():
    text = Text(title="Kanta")

    with translation.override("sv"):
        shown = _render('{{ text|tr:"title" }}', text=text)
    with translation.override("fi"):
        plain = _render('{{ text|tr:"title" }}', text=text)

    assert shown == '<span lang="fi">Kanta</span> <span class="lang-note">(Endast på finska)</span>'
    assert plain == "Kanta"


def test_the_text_is_escaped_in_both_cases():
    text = Text(title="<b>Kanta</b>")

    with translation.override("sv"):
        assert "<b>" not in _render('{{ text|tr:"title" }}', text=text)
    with translation.override("fi"):
        assert "<b>" not in _render('{{ text|tr:"title" }}', text=text)


def test_missing_languages_are_those_without_text_where_finnish_has_one():
    assert translations.missing_languages(Text(title="Kanta", title_sv="S"), "title") == ["en"]
    assert translations.missing_languages(Text(), "title") == []  # an empty optional field


def test_a_notification_can_store_a_text_in_every_language():
    from django.utils.translation import gettext

    rendered = translations.in_every_language(lambda: gettext("Shared position"))

    assert rendered == {
        "fi": "Yhteinen kanta",
        "sv": "Gemensam ståndpunkt",
        "en": "Shared position",
    }


# --- CSV for Finnish Excel ------------------------------------------------------------------


def _csv(rows, language="fi"):
    with translation.override(language):
        response = csv_response("x.csv", ["a", "b", "c", "d"], rows)
    return response.content


def _rows(rows, language="fi"):
    content = _csv(rows, language).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_csv_has_a_bom_semicolons_and_decimal_commas():
    content = _csv([[Decimal("9.333"), 50000, Decimal("-1.5"), date(2018, 3, 12)]])

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["9,333", "50000", "-1,5", "12.3.2018"]


def test_english_csv_keeps_the_decimal_point():
    rows = list(
        csv.reader(
            io.StringIO(_csv([[Decimal("9.5"), 1, 2, 3]], "en").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[1][0] == "9.5"


def test_text_that_looks_like_a_formula_is_neutralised_but_a_negative_number_is_not():
    rows = _rows([["=SUM(A1)", "-3 kpl", Decimal("-3"), ""]])
    assert rows[1][:3] == ["'=SUM(A1)", "'-3 kpl", "-3"]


def test_a_time_in_the_csv_is_in_finnish_time():
    moment = datetime(2018, 3, 12, 11, 5, tzinfo=ZoneInfo("UTC"))
    rows = list(
        csv.reader(io.StringIO(_csv([[moment, 1, 2, 3]]).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][0] == "12.3.2018 13:05"


# --- Dates typed the Finnish way ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12.3.2018", "12.03.2018", "2018-03-12"])
def test_a_date_is_typed_day_first_or_iso(typed):
    assert BoundedDateField().clean(typed) == date(2018, 3, 12)


def test_a_us_date_is_refused_with_a_clear_message():
    from django.core.exceptions import ValidationError

    with translation.override("fi"), pytest.raises(ValidationError) as error:
        BoundedDateField().clean("03/12/2018")
    assert "12.3.2018" in error.value.messages[0]


@pytest.mark.parametrize("typed", ["12.3.2018 13.00", "12.3.2018 13:00", "2018-03-12T13:00"])
def test_a_time_is_typed_as_finns_write_it(typed):
    cleaned = BoundedDateTimeField().clean(typed)
    assert (cleaned.day, cleaned.month, cleaned.hour, cleaned.minute) == (12, 3, 13, 0)


def test_date_inputs_are_text_with_the_format_in_the_hint():
    from django import forms

    class Form(forms.Form):
        day = BoundedDateField(help_text="Valinnainen.")

    with translation.override("fi"):
        html = str(Form(initial={"day": date(2018, 3, 5)})["day"].as_field_group())

    assert 'type="text"' in html
    assert 'value="5.3.2018"' in html
    assert "Valinnainen. Päivä.kuukausi.vuosi, esimerkiksi 12.3.2018." in html


# --- The sign-in message ------------------------------------------------------------------


@pytest.mark.django_db
def test_after_signing_in_the_message_is_in_the_persons_language(client, departments):
    from tests.factories import PASSWORD, make_director

    erik = make_director(departments["pohjanmaa"], first_name="Erik", language="sv")
    client.post("/accounts/login/", {"login": erik.email, "password": PASSWORD})

    page = client.get("/dashboard/", follow=True).content.decode()

    assert "Du har loggat in som" in page
    assert "Kirjauduttiin sisään" not in page
