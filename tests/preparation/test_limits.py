"""Work that grows with input is bounded: the similar-work search, the base-form cache and
the CSV import. Each limit answers with a clear form message; large allowed input
finishes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import ngettext, override

from network import finnish
from preparation import selectors, services
from preparation.forms import IMPORT_MAX_BYTES, WORK_ITEM_DESCRIPTION_MAX, ImportForm
from preparation.models import IndicatorValue, WorkItem
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def client_for(person):
    return sign_in(Client(), person)


def words(count: int, prefix: str = "sana") -> str:
    return " ".join(f"{prefix}{n}" for n in range(count))


# --- Work items and the similar-work search -----------------------------------------------------


def test_a_work_item_description_over_the_limit_is_a_form_error_that_keeps_what_was_typed(prep):
    description = "a" * (WORK_ITEM_DESCRIPTION_MAX + 1)

    response = client_for(prep["kainuu"]).post(
        reverse("preparation:work_item_new"),
        {
            "title": "Yhteinen valvontasuunnitelma",
            "description": description,
            "workstream": prep["workstreams"]["ict"].pk,
        },
    )

    assert response.status_code == 200
    (error,) = response.context["form"].errors["description"]
    assert str(WORK_ITEM_DESCRIPTION_MAX) in error
    assert "Yhteinen valvontasuunnitelma" in response.content.decode()
    assert not WorkItem.objects.exists()


def test_a_work_item_description_at_the_limit_is_saved(prep):
    description = ("valvonta " * (WORK_ITEM_DESCRIPTION_MAX // 9))[:WORK_ITEM_DESCRIPTION_MAX]
    assert len(description.strip()) <= WORK_ITEM_DESCRIPTION_MAX

    response = client_for(prep["kainuu"]).post(
        reverse("preparation:work_item_new"),
        {
            "title": "Yhteinen valvontasuunnitelma",
            "description": description,
            "workstream": prep["workstreams"]["ict"].pk,
        },
    )

    assert response.status_code == 302
    assert WorkItem.objects.get().description == description.strip()


def test_the_similar_search_of_a_twenty_thousand_word_text_compares_only_its_beginning(prep):
    for title in ("Kenttäjohtojärjestelmä", "Palotarkastusrekisteri"):
        services.work_item_create(
            actor=prep["pirkanmaa"],
            title=title,
            description="Kuvaus.",
            workstream=prep["workstreams"]["ict"],
        )
    filler = words(20_000)
    early = f"kenttäjohtojärjestelmä {filler}"
    late = " ".join([words(selectors.SIMILARITY_WORDS), "palotarkastusrekisteri", filler])

    found_early = [item.title for item in selectors.similar_work_items(text=early)]
    found_late = [item.title for item in selectors.similar_work_items(text=late)]

    assert found_early == ["Kenttäjohtojärjestelmä"]
    assert found_late == []  # the word comes after the words that are compared


def test_the_base_form_cache_stays_within_its_bound():
    finnish._forms.cache_clear()

    forms = finnish.base_forms(words(finnish.FORMS_CACHE_SIZE + 100, prefix="xq")).split()

    assert len(forms) == finnish.FORMS_CACHE_SIZE + 100  # every word, once
    assert finnish._forms.cache_info().currsize <= finnish.FORMS_CACHE_SIZE


def test_base_forms_keep_each_form_once_in_order_of_appearance():
    assert finnish.base_forms("xqa xqb xqa xqc xqb").split() == ["xqa", "xqb", "xqc"]


# --- CSV import ---------------------------------------------------------------------------------


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("arvot.csv", content, "text/csv")


def import_page(prep, content: bytes):
    return client_for(prep["official"]).post(
        reverse("preparation:values_import"), {"file": upload(content)}
    )


def test_a_file_over_the_size_limit_is_refused_with_a_form_message(prep):
    response = import_page(prep, b"x" * (IMPORT_MAX_BYTES + 1))

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert "MB" in error  # the limit, in megabytes
    assert response.context["result"] is None


def test_a_file_at_the_size_limit_passes_the_form():
    form = ImportForm(data={}, files={"file": upload(b"x" * IMPORT_MAX_BYTES)})

    assert form.is_valid()


def test_a_file_of_more_rows_than_allowed_is_refused_whole_with_a_form_message(prep):
    header = "department;indicator;period;value\n"
    rows = "".join(
        f"kainuu;VALVONTA_TOTEUMA;{1000 + n};98\n" for n in range(services.IMPORT_MAX_ROWS + 1)
    )

    response = import_page(prep, (header + rows).encode())

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert str(services.IMPORT_MAX_ROWS) in error
    assert not IndicatorValue.objects.exists()


def test_a_file_at_the_row_limit_is_checked_and_lists_only_the_first_errors(prep):
    header = "department;indicator;period;value\n"
    rows = "".join(
        f"atlantis{n};VALVONTA_TOTEUMA;2017;98\n" for n in range(services.IMPORT_MAX_ROWS)
    )

    response = import_page(prep, (header + rows).encode())

    assert response.status_code == 200
    assert not response.context["form"].errors
    result = response.context["result"]
    assert len(result.errors) == services.IMPORT_ERRORS_SHOWN
    assert result.more_errors == services.IMPORT_MAX_ROWS - services.IMPORT_ERRORS_SHOWN
    body = response.content.decode()
    assert body.count("atlantis") == services.IMPORT_ERRORS_SHOWN
    with override(response["Content-Language"]):
        more = ngettext(
            "…and %(counter)s more error.", "…and %(counter)s more errors.", result.more_errors
        ) % {"counter": result.more_errors}
    assert more in body
    assert not IndicatorValue.objects.exists()


def test_a_value_too_long_for_csv_is_a_form_message_not_an_error_page(prep):
    response = import_page(prep, b"kainuu;VALVONTA_TOTEUMA;2017;" + b"9" * 200_000 + b"\n")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not IndicatorValue.objects.exists()
