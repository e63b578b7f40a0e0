"""Bad input to the preparation's pages gets a 4xx or a form error with a clear message,
never a 500, and what was typed is kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from preparation import services
from preparation.models import (
    DepartmentReporter,
    DipAlert,
    IndicatorValue,
    ReformEvent,
    WorkItem,
)
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


def client_for(person):
    return sign_in(Client(), person)


def dip(prep, departments) -> DipAlert:
    value = services.indicator_value_record(
        actor=prep["official"],
        indicator=prep["indicator"],
        department=departments["kainuu"],
        period="2017",
        value=Decimal("80"),
    )
    return DipAlert.objects.get(value=value)


# --- The indicator page's period ----------------------------------------------------------------


def test_a_bad_period_in_the_address_answers_400_and_a_good_one_or_none_the_page(prep):
    url = reverse("preparation:indicator", args=[prep["indicator"].code])
    client = client_for(prep["member"])

    for period in ["abc", "2017Q", "20171", "2017Q5", "0001", "1999", "2101Q1"]:
        assert client.get(url, {"period": period}).status_code == 400, period
    for period in ["2017", "2017Q3", "2000", "2100Q4", ""]:
        assert client.get(url, {"period": period}).status_code == 200, period


def test_a_value_for_the_year_1_is_a_form_error_that_keeps_what_was_typed(prep, departments):
    response = client_for(prep["pirkanmaa"]).post(
        reverse("preparation:value_new"),
        {
            "indicator": prep["indicator"].pk,
            "department": departments["pirkanmaa"].pk,
            "period": "0001",
            "value": "97,5",
        },
    )

    assert response.status_code == 200
    assert "2000" in response.context["form"].errors["period"][0]
    assert 'value="97,5"' in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_value_form_refuses_what_is_no_storable_number(prep, departments):
    client = client_for(prep["pirkanmaa"])

    for value in ["NaN", "Infinity", "-Infinity", "1e999"]:
        response = client.post(
            reverse("preparation:value_new"),
            {
                "indicator": prep["indicator"].pk,
                "department": departments["pirkanmaa"].pk,
                "period": "2017",
                "value": value,
            },
        )

        assert response.status_code == 200, value
        assert response.context["form"].errors["value"], value
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("value", "period"),
    [("NaN", "2017"), ("Infinity", "2017"), ("1e999", "2017"), ("1000000000", "2017")],
)
def test_the_value_service_refuses_what_is_no_storable_number_or_period(
    prep, departments, value, period
):
    with pytest.raises(ValidationError):
        services.indicator_value_record(
            actor=prep["official"],
            indicator=prep["indicator"],
            department=departments["kainuu"],
            period=period,
            value=Decimal(value),
        )
    with pytest.raises(ValidationError):
        services.indicator_value_record(
            actor=prep["official"],
            indicator=prep["indicator"],
            department=departments["kainuu"],
            period="0001",
            value=Decimal("97"),
        )

    assert not IndicatorValue.objects.exists()


def test_the_largest_storable_value_is_stored(prep, departments):
    row = services.indicator_value_record(
        actor=prep["official"],
        indicator=prep["indicator"],
        department=departments["kainuu"],
        period="2017",
        value=Decimal("999999999.999"),
    )

    row.refresh_from_db()
    assert row.value == Decimal("999999999.999")


# --- CSV import -------------------------------------------------------------------------------


def test_csv_values_that_are_no_storable_number_are_row_errors(prep):
    for raw, says in [
        ("NaN", "is not a number"),
        ("nan", "is not a number"),
        ("Infinity", "is not a number"),
        ("-inf", "is not a number"),
        ("1e999", "is too large"),
        ("1000000000", "is too large"),
    ]:
        content = f"kainuu;VALVONTA_TOTEUMA;2016;98\nkainuu;VALVONTA_TOTEUMA;2017;{raw}\n"

        with translation.override("en"):
            result = services.indicator_values_import(
                actor=prep["official"], file=SimpleUploadedFile("a.csv", content.encode())
            )

        (error,) = result.errors
        assert error.startswith(f"Row 2: “{raw}” {says}"), error
        assert result.imported == 0
    assert not IndicatorValue.objects.exists()


def test_the_import_page_shows_a_nan_row_as_an_error_not_a_500(prep):
    upload = SimpleUploadedFile(
        "arvot.csv", b"kainuu;VALVONTA_TOTEUMA;2016;NaN\nkainuu;VALVONTA_TOTEUMA;2017;1e999\n"
    )

    response = client_for(prep["official"]).post(
        reverse("preparation:values_import"), {"file": upload}
    )

    assert response.status_code == 200
    assert len(response.context["result"].errors) == 2
    assert "NaN" in response.content.decode() and "1e999" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_csv_period_outside_the_sensible_years_is_a_row_error(prep):
    result = services.indicator_values_import(
        actor=prep["official"],
        file=SimpleUploadedFile("a.csv", b"kainuu;VALVONTA_TOTEUMA;0001;98\n", "text/csv"),
    )

    assert len(result.errors) == 1 and "0001" in result.errors[0]
    assert not IndicatorValue.objects.exists()


# --- The reporters page ----------------------------------------------------------------------


def test_removing_a_reporter_who_is_not_one_answers_400_and_removes_nobody(prep):
    helper = make_user()
    services.reporter_name(
        actor=prep["pirkanmaa"], department=prep["pirkanmaa"].department, user=helper
    )
    client = client_for(prep["pirkanmaa"])

    for remove in ["abc", "", "\x00", "999999"]:
        response = client.post(reverse("preparation:reporters"), {"remove": remove})

        assert response.status_code == 400, remove
        assert helper.full_name in response.content.decode()
    assert DepartmentReporter.objects.filter(user=helper).exists()


def test_a_director_cannot_remove_another_departments_reporter(prep):
    helper = make_user()
    services.reporter_name(actor=prep["kainuu"], department=prep["kainuu"].department, user=helper)

    response = client_for(prep["pirkanmaa"]).post(
        reverse("preparation:reporters"), {"remove": helper.pk}
    )

    assert response.status_code == 400
    assert DepartmentReporter.objects.filter(user=helper).exists()


# --- Acknowledging an alert ------------------------------------------------------------------


def test_a_refused_alert_comment_is_shown_again_with_the_error(prep, departments):
    alert = dip(prep, departments)
    client = client_for(prep["kainuu"])

    for comment in ["Lisää\x00 valvontaa", "", "   "]:
        response = client.post(
            reverse("preparation:alert_acknowledge", args=[alert.pk]), {"comment": comment}
        )

        assert response.status_code == 200, comment
        assert response.context["form"].errors["comment"], comment
        if comment.strip():
            assert "Lisää" in response.content.decode()
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_alert_comment_acknowledges_the_alert(prep, departments):
    alert = dip(prep, departments)

    response = client_for(prep["kainuu"]).post(
        reverse("preparation:alert_acknowledge", args=[alert.pk]),
        {"comment": "Lisäresurssit valvontaan."},
    )

    alert.refresh_from_db()
    assert response.status_code == 302
    assert alert.comment == "Lisäresurssit valvontaan."


# --- Filters ----------------------------------------------------------------------------------


def test_a_filter_value_no_link_of_ours_carries_answers_400_and_ours_still_work(prep):
    client = client_for(prep["member"])

    for name, query in [
        ("preparation:timeline", {"kind": "nonsense"}),
        ("preparation:timeline", {"workstream": "no-such-workstream"}),
        ("preparation:readiness", {"region": "MK99"}),
        ("preparation:readiness", {"format": "xlsx"}),
        ("preparation:work_items", {"workstream": "no-such-workstream"}),
    ]:
        assert client.get(reverse(name), query).status_code == 400, (name, query)
    for name, query in [
        ("preparation:timeline", {"kind": "deadline", "workstream": "ict"}),
        ("preparation:readiness", {"region": "MK06"}),
        ("preparation:work_items", {"workstream": "ict"}),
        ("preparation:timeline", {"kind": "", "workstream": ""}),
    ]:
        assert client.get(reverse(name), query).status_code == 200, (name, query)


# --- Dates and titles -------------------------------------------------------------------------


def test_a_reform_event_in_the_year_1_is_a_form_error(prep):
    response = client_for(prep["official"]).post(
        reverse("preparation:event_new"),
        {"date": "0001-01-01", "kind": "deadline", "title_fi": "Strategian tarkistus"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not ReformEvent.objects.filter(title_fi="Strategian tarkistus").exists()


def test_a_reform_event_title_with_a_line_break_is_a_form_error(prep):
    response = client_for(prep["official"]).post(
        reverse("preparation:event_new"),
        {"date": "2018-03-31", "kind": "deadline", "title_fi": "Strategian\r\ntarkistus"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title_fi"]
    assert not ReformEvent.objects.filter(title_fi__startswith="Strategian").exists()


def test_a_work_item_due_in_the_year_1_is_a_form_error_and_a_title_folds_to_one_line(prep):
    client = client_for(prep["pirkanmaa"])
    fields = {
        "title": "Yhteinen\r\nhankinta",
        "description": "Kuvaus, jota ei saa hukata",
        "workstream": prep["workstreams"]["ict"].pk,
        "confirmed": "1",
    }

    refused = client.post(
        reverse("preparation:work_item_new"), {**fields, "due_date": "0001-01-01"}
    )
    saved = client.post(reverse("preparation:work_item_new"), {**fields, "due_date": "2026-06-30"})

    assert refused.status_code == 200
    assert refused.context["form"].errors["due_date"]
    assert "Kuvaus, jota ei saa hukata" in refused.content.decode()
    assert saved.status_code == 302
    assert WorkItem.objects.get().title == "Yhteinen hankinta"


def test_the_work_item_service_refuses_a_title_with_a_line_break(prep):
    with pytest.raises(ValidationError) as refused:
        services.work_item_create(
            actor=prep["pirkanmaa"],
            title="Kaksi\nriviä",
            description="Kuvaus",
            workstream=prep["workstreams"]["ict"],
        )

    assert "title" in refused.value.message_dict
