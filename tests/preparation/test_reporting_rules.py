"""Who reports for a department, how a dip's baseline is computed, and when an
acknowledged dip alert opens again. Each test fails if its rule is broken."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from communications.models import Notification
from network.models import DepartmentRole
from preparation import services
from preparation.models import DipAlert, Indicator, Readiness, ReadinessStatus
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


def set_rules(prep, **rules):
    Indicator.objects.filter(pk=prep["indicator"].pk).update(**rules)
    prep["indicator"].refresh_from_db()


def record(prep, department, period, value, *, indicator=None, actor=None):
    return services.indicator_value_record(
        actor=actor or prep["official"],
        indicator=indicator or prep["indicator"],
        department=department,
        period=period,
        value=Decimal(value),
    )


# --- Who reports for a department ---------------------------------------------------------------


@pytest.fixture
def staff(departments):
    """Kainuu's own staff member: neither its director nor a named reporter."""
    return make_user(department=departments["kainuu"], department_role=DepartmentRole.STAFF)


def test_a_departments_other_staff_cannot_set_its_readiness(prep, departments, staff):
    with pytest.raises(PermissionDenied):
        services.readiness_set(
            actor=staff,
            department=departments["kainuu"],
            workstream=prep["workstreams"]["ict"],
            status=ReadinessStatus.READY,
        )

    cell = reverse("preparation:readiness_cell", args=["kainuu", "ict"])
    response = sign_in(Client(), staff).post(cell, {"status": ReadinessStatus.READY})
    assert response.status_code == 403
    assert not Readiness.objects.exists()


def test_a_departments_other_staff_cannot_record_its_values(prep, departments, staff):
    with pytest.raises(PermissionDenied):
        record(prep, departments["kainuu"], "2017", "100", actor=staff)


def test_the_same_staff_member_reports_once_the_director_names_them(prep, departments, staff):
    services.reporter_name(actor=prep["kainuu"], department=departments["kainuu"], user=staff)

    services.readiness_set(
        actor=staff,
        department=departments["kainuu"],
        workstream=prep["workstreams"]["ict"],
        status=ReadinessStatus.READY,
    )

    assert Readiness.objects.get().updated_by == staff


# --- The dip baseline: the mean of the department's four previous periods -----------------------


@pytest.mark.parametrize(
    ("history", "period"),
    [
        # 2012 is outside the window; the mean of 2013–2016 is 105 (the last value is 80,
        # the first 100, the median 100, the mean of the last three 106.67).
        ({"2012": "300", "2013": "100", "2014": "140", "2015": "100", "2016": "80"}, "2017"),
        (
            {
                "2015Q4": "300",
                "2016": "500",  # a year is not a quarter
                "2016Q1": "100",
                "2016Q2": "140",
                "2016Q3": "100",
                "2016Q4": "80",
            },
            "2017Q1",
        ),
    ],
)
def test_the_baseline_is_the_mean_of_the_departments_four_previous_periods(
    prep, departments, history, period
):
    set_rules(prep, target=None, tolerance=Decimal(5), higher_is_better=True)
    other_indicator = Indicator.objects.exclude(pk=prep["indicator"].pk).first()
    for earlier, value in history.items():
        record(prep, departments["kainuu"], earlier, value)
        record(prep, departments["pirkanmaa"], earlier, "500")  # another department
        record(prep, departments["kainuu"], earlier, "500", indicator=other_indicator)

    at_the_limit = record(prep, departments["kainuu"], period, "100")  # 105 − 5
    assert not DipAlert.objects.filter(value=at_the_limit).exists()

    beyond = record(prep, departments["kainuu"], period, "99.9")
    alert = DipAlert.objects.get(value=beyond)
    assert alert.reasons == ["baseline"]
    assert alert.baseline == Decimal(105)


def test_when_lower_is_better_a_dip_is_above_the_baseline_by_more_than_the_tolerance(
    prep, departments
):
    set_rules(prep, target=None, tolerance=Decimal(5), higher_is_better=False)
    for earlier, value in {"2013": "100", "2014": "140", "2015": "100", "2016": "80"}.items():
        record(prep, departments["kainuu"], earlier, value)

    at_the_limit = record(prep, departments["kainuu"], "2017", "110")  # 105 + 5
    assert not DipAlert.objects.filter(value=at_the_limit).exists()

    beyond = record(prep, departments["kainuu"], "2017", "110.1")
    assert DipAlert.objects.get(value=beyond).baseline == Decimal(105)


# --- An acknowledged alert ------------------------------------------------------------------------


@pytest.fixture
def acknowledged(prep, departments):
    """Kainuu's 2017 value misses the target (100); the director has acknowledged it."""
    set_rules(prep, target=Decimal(100), tolerance=Decimal(0), higher_is_better=True)
    value = record(prep, departments["kainuu"], "2017", "80")
    services.alert_acknowledge(actor=prep["kainuu"], alert=value.alert, comment="Tiedossa.")
    return DipAlert.objects.get(value=value)


def alerts_sent() -> int:
    return Notification.objects.filter(kind="dip_alert").count()


def test_recording_the_same_value_again_keeps_the_acknowledgement_and_alerts_nobody(
    prep, departments, acknowledged
):
    before = alerts_sent()

    record(prep, departments["kainuu"], "2017", "80")  # e.g. the same file imported again

    acknowledged.refresh_from_db()
    assert acknowledged.acknowledged_by == prep["kainuu"]
    assert acknowledged.comment == "Tiedossa."
    assert alerts_sent() == before


def test_a_new_dip_in_another_period_leaves_the_acknowledged_alert_acknowledged(
    prep, departments, acknowledged
):
    before = alerts_sent()

    dip = record(prep, departments["kainuu"], "2018", "70")

    acknowledged.refresh_from_db()
    assert acknowledged.acknowledged_at is not None
    assert DipAlert.objects.get(value=dip).acknowledged_at is None
    assert alerts_sent() > before


def test_a_corrected_value_that_still_dips_opens_its_alert_again(prep, departments, acknowledged):
    before = alerts_sent()

    corrected = record(prep, departments["kainuu"], "2017", "85")

    alert = DipAlert.objects.get(value=corrected)
    assert alert.pk == acknowledged.pk
    assert (alert.acknowledged_by, alert.acknowledged_at, alert.comment) == (None, None, "")
    assert alerts_sent() > before
