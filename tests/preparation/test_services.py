import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communications.models import Notification
from network.finnish import analyser_available, base_forms
from preparation import selectors, services
from preparation.facts import preparation_load_facts
from preparation.models import (
    DipAlert,
    Indicator,
    IndicatorValue,
    ReadinessChange,
    ReadinessStatus,
    ReformEvent,
    WorkItemParticipant,
    Workstream,
)

pytestmark = pytest.mark.django_db


def test_the_facts_load_idempotently(departments):
    preparation_load_facts()
    counts = (Workstream.objects.count(), ReformEvent.objects.count(), Indicator.objects.count())
    preparation_load_facts()

    assert (
        Workstream.objects.count(),
        ReformEvent.objects.count(),
        Indicator.objects.count(),
    ) == counts
    assert ReformEvent.objects.filter(title_fi__startswith="HE 15/2017").exists()
    assert counts[2] >= 10


# --- Readiness ----------------------------------------------------------------------------------


def test_every_readiness_change_is_kept_with_who_when_from_and_to(prep, departments):
    ict = prep["workstreams"]["ict"]
    for status in (ReadinessStatus.IN_PROGRESS, ReadinessStatus.AT_RISK):
        services.readiness_set(
            actor=prep["pirkanmaa"],
            department=departments["pirkanmaa"],
            workstream=ict,
            status=status,
        )

    history = list(
        ReadinessChange.objects.order_by("changed_at", "id").values_list(
            "from_status", "to_status", "changed_by"
        )
    )
    assert history == [
        ("", "in_progress", prep["pirkanmaa"].pk),
        ("in_progress", "at_risk", prep["pirkanmaa"].pk),
    ]


def test_a_department_changes_only_its_own_readiness(prep, departments):
    with pytest.raises(PermissionDenied):
        services.readiness_set(
            actor=prep["pirkanmaa"],
            department=departments["kainuu"],
            workstream=prep["workstreams"]["ict"],
            status=ReadinessStatus.READY,
        )


# --- Similar work -------------------------------------------------------------------------------


pytestmark_voikko = pytest.mark.skipif(not analyser_available(), reason="Voikko is not installed")


@pytestmark_voikko
@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Pelastuslaitosten yhteinen ICT-hankinta", "pelastuslaitos hankkii järjestelmän"),
        ("Maakuntauudistuksen valmisteluun osallistuminen", "valmistelu"),
        ("Pelastuslaitos kartoittaa toimitilat", "laitos"),
    ],
)
def test_similar_work_is_found_across_finnish_inflections_and_compounds(prep, existing, typed):
    services.work_item_create(
        actor=prep["pirkanmaa"],
        title=existing,
        description="Kuvaus.",
        workstream=prep["workstreams"]["ict"],
    )

    found = [item.title for item in selectors.similar_work_items(text=typed)]

    assert found == [existing]


def test_unrelated_work_is_not_suggested(prep):
    services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Palokuolemien tilastointi",
        description="Tilastot.",
        workstream=prep["workstreams"]["service_level"],
    )

    assert list(selectors.similar_work_items(text="henkilöstön siirtosopimus")) == []


def test_the_base_forms_unify_inflected_forms():
    if not analyser_available():
        pytest.skip("Voikko is not installed")
    assert "pelastuslaitos" in base_forms("pelastuslaitoksen").split()
    assert "laitos" in base_forms("pelastuslaitosten").split()
    assert base_forms("kokouksessa hallitukselle").split() == ["kokous", "hallitus"]


def test_joining_instead_of_starting_again_is_counted_once_per_department(prep):
    item = services.work_item_create(
        actor=prep["pirkanmaa"],
        title="Yhteinen hankinta",
        description="D",
        workstream=prep["workstreams"]["ict"],
    )

    services.work_item_join(actor=prep["kainuu"], item=item, instead_of_new=True)
    with pytest.raises(ValidationError):
        services.work_item_join(actor=prep["kainuu"], item=item)

    assert WorkItemParticipant.objects.filter(work_item=item).count() == 2
    assert (
        WorkItemParticipant.objects.filter(work_item=item, joined_instead_of_new=True).count() == 1
    )


# --- Indicator values, CSV import and dips ------------------------------------------------------


def set_rules(prep, **rules):
    Indicator.objects.filter(pk=prep["indicator"].pk).update(**rules)
    prep["indicator"].refresh_from_db()


def record(prep, department, period, value, actor=None):
    return services.indicator_value_record(
        actor=actor or prep["official"],
        indicator=prep["indicator"],
        department=department,
        period=period,
        value=Decimal(value),
    )


def test_a_value_below_the_target_raises_a_dip_alert_to_the_director_and_the_board(
    prep, departments
):
    from governance.models import Body, BodyKind
    from tests.governance.conftest import seat

    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    board_member = prep["member"]
    seat(board, board_member)

    value = record(prep, departments["kainuu"], "2017", "90")

    alert = DipAlert.objects.get(value=value)
    assert alert.reasons == ["target"]
    told = set(Notification.objects.filter(kind="dip_alert").values_list("recipient_id", flat=True))
    assert told == {prep["kainuu"].pk, board_member.pk}


def test_a_value_worse_than_the_own_average_by_more_than_the_tolerance_is_a_dip(prep, departments):
    set_rules(prep, target=None, tolerance=Decimal(5))
    for department in ("kainuu", "pirkanmaa"):
        for period in ("2013", "2014", "2015", "2016"):
            record(prep, departments[department], period, "110")

    exactly = record(prep, departments["kainuu"], "2017", "105")  # exactly at the tolerance
    beyond = record(prep, departments["pirkanmaa"], "2017", "104.9")

    assert not DipAlert.objects.filter(value=exactly).exists()
    assert DipAlert.objects.get(value=beyond).reasons == ["baseline"]


def test_no_baseline_yet_means_only_the_target_counts(prep, departments):
    set_rules(prep, target=None)

    value = record(prep, departments["kainuu"], "2017Q1", "1")

    assert not DipAlert.objects.filter(value=value).exists()


def test_missing_periods_average_what_there_is(prep, departments):
    set_rules(prep, target=None, tolerance=Decimal(1))
    record(prep, departments["kainuu"], "2016Q2", "100")  # 2016Q3 and Q4 missing

    dip = record(prep, departments["kainuu"], "2017Q1", "98")

    assert DipAlert.objects.get(value=dip).baseline == Decimal(100)


def test_a_director_records_values_only_for_their_own_department(prep, departments):
    with pytest.raises(PermissionDenied):
        record(prep, departments["kainuu"], "2017", "100", actor=prep["pirkanmaa"])


def csv_file(text: str):
    return io.BytesIO(text.encode("utf-8"))


def test_a_valid_csv_imports_every_row(prep):
    result = services.indicator_values_import(
        actor=prep["official"],
        file=csv_file(
            "department;indicator;period;value\npirkanmaa;VALVONTA_TOTEUMA;2017;98,5\nkainuu;VALVONTA_TOTEUMA;2017Q3;101\n"
        ),
    )

    assert (result.imported, result.errors) == (2, [])
    assert IndicatorValue.objects.get(department__slug="pirkanmaa").value == Decimal("98.5")


def test_an_invalid_csv_imports_nothing_and_reports_every_bad_row(prep):
    result = services.indicator_values_import(
        actor=prep["official"],
        file=csv_file(
            "pirkanmaa;VALVONTA_TOTEUMA;2017;98\n"  # fine on its own
            "atlantis;VALVONTA_TOTEUMA;2017;98\n"
            "kainuu;NO_SUCH;2017;98\n"
            "kainuu;VALVONTA_TOTEUMA;2017-3;98\n"
            "kainuu;VALVONTA_TOTEUMA;2017;paljon\n"
            "pirkanmaa;VALVONTA_TOTEUMA;2017;99\n"  # the same period twice
        ),
    )

    assert result.imported == 0
    assert len(result.errors) == 5
    assert any("Row 2" in e or "Rivi 2" in e for e in result.errors)
    assert not IndicatorValue.objects.exists()


def test_a_director_cannot_import_for_another_department(prep):
    result = services.indicator_values_import(
        actor=prep["pirkanmaa"], file=csv_file("kainuu;VALVONTA_TOTEUMA;2017;98\n")
    )

    assert result.imported == 0
    assert result.errors


def test_an_alert_is_acknowledged_with_a_comment(prep, departments):
    value = record(prep, departments["kainuu"], "2017", "80")
    alert = DipAlert.objects.get(value=value)

    with pytest.raises(ValidationError):
        services.alert_acknowledge(actor=prep["kainuu"], alert=alert, comment=" ")
    services.alert_acknowledge(
        actor=prep["kainuu"], alert=alert, comment="Lisäresurssit valvontaan."
    )

    alert.refresh_from_db()
    assert alert.acknowledged_by == prep["kainuu"]
    told = Notification.objects.filter(kind="dip_alert", recipient=prep["kainuu"])
    assert told.exists()
    assert not told.filter(read_at__isnull=True).exists()


def test_correcting_a_value_whose_alert_was_acknowledged_reopens_it_without_error(
    prep, departments
):
    value = record(prep, departments["kainuu"], "2017", "80")
    services.alert_acknowledge(actor=prep["kainuu"], alert=value.alert, comment="Tiedossa.")

    corrected = record(prep, departments["kainuu"], "2017", "85")
    fixed = record(prep, departments["kainuu"], "2017", "100")

    assert DipAlert.objects.filter(value=corrected).count() == 0  # 100 meets the target
    assert corrected.pk == fixed.pk


def test_followers_of_a_workstream_hear_of_new_reform_events_in_it(prep):
    from communications.services import follow_set

    follow_set(user=prep["member"], about=prep["workstreams"]["finance"], following=True)

    services.reform_event_save(
        actor=prep["official"],
        workstreams=[prep["workstreams"]["finance"]],
        date="2018-06-27",
        kind="decision",
        title_fi="Voimaantulo siirtyy 1.1.2021",
    )

    assert list(
        Notification.objects.filter(recipient=prep["member"]).values_list("kind", flat=True)
    ) == ["reform_event"]


def test_a_follower_of_two_of_the_events_workstreams_is_told_once(prep):
    from communications.services import follow_set

    finance, other = list(prep["workstreams"].values())[:2]
    for workstream in (finance, other):
        follow_set(user=prep["member"], about=workstream, following=True)
    follow_set(user=prep["kainuu"], about=other, following=True)

    services.reform_event_save(
        actor=prep["official"],
        workstreams=[finance, other],
        date="2018-06-27",
        kind="decision",
        title_fi="Voimaantulo siirtyy 1.1.2021",
    )

    assert Notification.objects.filter(recipient=prep["member"]).count() == 1
    assert Notification.objects.filter(recipient=prep["kainuu"]).count() == 1


def test_only_officials_add_reform_events_through_the_service(prep):
    with pytest.raises(PermissionDenied):
        services.reform_event_save(
            actor=prep["pirkanmaa"], date="2018-01-01", kind="news", title_fi="X"
        )
