"""The rules of shared solutions and their adoption, proved through the services."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from preparation.solutions import services
from preparation.solutions.models import Adoption, AdoptionChange, AdoptionStatus, SolutionVersion
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def record(sol, actor, department, status, **extra):
    return services.adoption_record(
        actor=actor, department=department, solution=sol["solution"], status=status, **extra
    )


# --- Who may record ------------------------------------------------------------------------


def test_a_director_records_their_own_departments_adoption(sol, departments):
    adoption = record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.IN_USE)

    assert adoption.status == AdoptionStatus.IN_USE
    assert adoption.version.version == "1.2"


def test_the_named_reporter_records_for_the_department_that_named_them(sol, departments):
    assert record(sol, sol["reporter"], departments["kainuu"], AdoptionStatus.IN_USE).pk


def test_nobody_records_for_another_department(sol, departments):
    for actor in (sol["pirkanmaa"], sol["reporter"], sol["member"], sol["secretary"]):
        with pytest.raises(PermissionDenied):
            record(sol, actor, departments["helsinki"], AdoptionStatus.IN_USE)
    assert not Adoption.objects.exists()


def test_a_deputy_director_records_but_a_plain_member_of_the_department_does_not(sol, departments):
    deputy = make_user(department=departments["kainuu"], department_role="deputy")
    staff = make_user(department=departments["kainuu"])

    assert record(sol, deputy, departments["kainuu"], AdoptionStatus.IN_USE).pk
    with pytest.raises(PermissionDenied):
        record(sol, staff, departments["kainuu"], AdoptionStatus.NOT_PLANNED)


def test_network_admins_record_for_any_department(sol, departments):
    assert record(sol, sol["admin"], departments["helsinki"], AdoptionStatus.IN_USE).pk


# --- What a record needs --------------------------------------------------------------------


def test_planned_needs_a_date(sol, departments):
    with pytest.raises(ValidationError) as error:
        record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.PLANNED)
    assert "planned_for" in error.value.error_dict

    adoption = record(
        sol, sol["kainuu"], departments["kainuu"], "planned", planned_for=date(2018, 6, 30)
    )
    assert adoption.planned_for == date(2018, 6, 30)


def test_local_changes_need_the_reason(sol, departments):
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as error:
            record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.LOCAL, reason=reason)
        assert "reason" in error.value.error_dict
    assert not Adoption.objects.exists()

    adoption = record(
        sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.LOCAL, reason=" Harva asutus "
    )
    assert adoption.reason == "Harva asutus"


def test_an_unknown_status_is_refused(sol, departments):
    with pytest.raises(ValidationError):
        record(sol, sol["kainuu"], departments["kainuu"], "maybe")


def test_the_database_refuses_planned_without_date_and_local_without_reason(sol, departments):
    base = {"department": departments["kainuu"], "solution": sol["solution"]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(status=AdoptionStatus.PLANNED, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(status=AdoptionStatus.LOCAL, reason="", **base)


def test_one_current_row_per_department_and_solution(sol, departments):
    record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.NOT_PLANNED)
    record(sol, sol["kainuu"], departments["kainuu"], "planned", planned_for=date(2018, 1, 1))
    record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.IN_USE)

    assert Adoption.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(
            department=departments["kainuu"],
            solution=sol["solution"],
            status=AdoptionStatus.NOT_PLANNED,
        )


def test_every_change_is_kept_as_history(sol, departments):
    record(sol, sol["kainuu"], departments["kainuu"], "planned", planned_for=date(2018, 1, 1))
    record(sol, sol["reporter"], departments["kainuu"], AdoptionStatus.LOCAL, reason="Saaristo")

    changes = list(AdoptionChange.objects.order_by("changed_at", "id"))
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("", "planned"),
        ("planned", "in_use_local"),
    ]
    assert changes[0].planned_for == date(2018, 1, 1)
    assert changes[1].reason == "Saaristo" and changes[1].changed_by == sol["reporter"]
    # Leaving "planned" clears the date on the current row; the history keeps it.
    assert Adoption.objects.get().planned_for is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_recordings_leave_one_row_and_both_in_history(sol, departments):
    barrier = threading.Barrier(2)
    errors = []

    def save(status):
        try:
            barrier.wait(timeout=5)
            record(sol, sol["kainuu"], departments["kainuu"], status)
        except ValidationError as error:  # the loser of a race is told, not given a 500
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(s,)) for s in ("in_use", "not_planned")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Adoption.objects.count() == 1
    assert AdoptionChange.objects.count() == 2 - len(errors)


# --- Versions --------------------------------------------------------------------------------


def test_a_new_version_keeps_the_history_and_the_version_each_department_adopted(sol, departments):
    record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.IN_USE)
    services.solution_new_version(
        actor=sol["secretary"],
        solution=sol["solution"],
        version="2.1",
        approved_by=sol["board"],
        approved_on=date(2013, 11, 18),
        changes="Riskiperusteiset määrävälit",
    )
    record(sol, sol["pirkanmaa"], departments["pirkanmaa"], AdoptionStatus.IN_USE)

    assert list(
        SolutionVersion.objects.filter(solution=sol["solution"])
        .order_by("approved_on")
        .values_list("version", flat=True)
    ) == ["1.2", "2.1"]
    kainuu = Adoption.objects.get(department=departments["kainuu"])
    assert kainuu.version.version == "1.2"  # nothing reset silently
    assert Adoption.objects.get(department=departments["pirkanmaa"]).version.version == "2.1"

    # Changing only the reason keeps the version; saying so moves to the current one.
    record(sol, sol["kainuu"], departments["kainuu"], AdoptionStatus.LOCAL, reason="Saaristo")
    assert Adoption.objects.get(department=departments["kainuu"]).version.version == "1.2"
    record(sol, sol["kainuu"], departments["kainuu"], "in_use", to_current_version=True)
    assert Adoption.objects.get(department=departments["kainuu"]).version.version == "2.1"


def test_a_version_is_recorded_once_and_not_dated_before_the_current(sol):
    arguments = {
        "actor": sol["secretary"],
        "solution": sol["solution"],
        "approved_by": sol["board"],
    }
    with pytest.raises(ValidationError):
        services.solution_new_version(version="1.2", approved_on=date(2012, 1, 1), **arguments)
    with pytest.raises(ValidationError):
        services.solution_new_version(version="2.0", approved_on=date(2010, 1, 1), **arguments)


# --- Who may publish -------------------------------------------------------------------------


def publish(sol, actor, body):
    return services.solution_publish(
        actor=actor,
        title_fi="Palvelutasopäätöksen pohja",
        description_fi="Yhtenäinen rakenne palvelutasopäätökselle.",
        kind="template",
        version="1.0",
        approved_by=body,
        approved_on=date(2016, 3, 10),
    )


def test_the_approving_bodys_secretary_or_chair_and_admins_publish(sol):
    assert publish(sol, sol["secretary"], sol["board"]).pk
    assert publish(sol, sol["admin"], sol["board"]).pk
    assert publish(sol, sol["group_chair"], sol["group"]).pk


def test_others_do_not_publish_or_edit(sol):
    for actor in (sol["member"], sol["pirkanmaa"], sol["official"]):
        with pytest.raises(PermissionDenied):
            publish(sol, actor, sol["board"])
    # A working group's chair does not publish in the board's name.
    with pytest.raises(PermissionDenied):
        publish(sol, sol["group_chair"], sol["board"])
    with pytest.raises(PermissionDenied):
        services.solution_edit(actor=sol["group_chair"], solution=sol["solution"], title_fi="X")
    with pytest.raises(PermissionDenied):
        services.solution_new_version(
            actor=sol["group_chair"],
            solution=sol["solution"],
            version="3.0",
            approved_by=sol["group"],
            approved_on=date(2017, 1, 1),
        )


def test_a_solution_needs_its_finnish_title_and_description(sol):
    with pytest.raises(ValidationError) as error:
        services.solution_publish(
            actor=sol["admin"],
            title_fi=" ",
            description_fi="",
            kind="model",
            version="1.0",
            approved_by=sol["board"],
            approved_on=date(2016, 1, 1),
        )
    assert {"title_fi", "description_fi"} <= set(error.value.error_dict)
