"""Assignments have a due date and a status: open, done or dropped (with a reason). The
assignee or the giving body changes it; the giving body sees them all; overdue open ones
wait on the assignee's dashboard."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Assignment, AssignmentStatus, Role
from tests.factories import make_network_admin, sign_in
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(board, working_group, people):
    """The board gives the ICT group (chaired by "member", with "member2") an assignment."""
    return services.assignment_give(
        actor=people["secretary"],
        body=board,
        working_group=working_group,
        title="Yhteinen ICT-tiekartta",
        description="Laatikaa tiekartta.",
        deadline=timezone.localdate() + timedelta(days=10),
    )


def overdue(assignment, days=3):
    Assignment.objects.filter(pk=assignment.pk).update(
        deadline=timezone.localdate() - timedelta(days=days)
    )
    assignment.refresh_from_db()
    return assignment


def set_status(actor, assignment, status, reason=""):
    return services.assignment_set_status(
        actor=actor, assignment=assignment, status=status, reason=reason
    )


def test_a_new_assignment_is_open(assignment):
    assert assignment.status == AssignmentStatus.OPEN
    assert assignment.is_open and not assignment.is_overdue


@pytest.mark.parametrize("who", ["member", "chair", "secretary"])
def test_the_assignee_or_the_giving_bodys_chair_or_secretary_marks_it_done(assignment, people, who):
    done = set_status(people[who], assignment, AssignmentStatus.DONE)

    assert done.status == AssignmentStatus.DONE
    assert done.completed_at is not None
    assert done.status_changed_by == people[who]


def test_a_network_admin_may_change_it_too(assignment):
    assert set_status(make_network_admin(), assignment, AssignmentStatus.DONE)


@pytest.mark.parametrize("who", ["member2", "deputy", "outsider"])
def test_other_people_may_not_change_the_status(assignment, people, who):
    """A plain member of the assignee group, a personal deputy on the board and an
    outsider are refused."""
    with pytest.raises(PermissionDenied):
        set_status(people[who], assignment, AssignmentStatus.DONE)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OPEN


def test_the_working_groups_secretary_counts_as_the_assignee(assignment, working_group, people):
    secretary = people["outsider"]
    seat(working_group, secretary, Role.SECRETARY)
    assert set_status(secretary, assignment, AssignmentStatus.DONE).status == "done"


def test_dropping_needs_a_reason(assignment, people):
    with pytest.raises(ValidationError) as error:
        set_status(people["chair"], assignment, AssignmentStatus.DROPPED, reason="   ")
    assert "reason" in error.value.error_dict

    dropped = set_status(
        people["chair"], assignment, AssignmentStatus.DROPPED, reason="Ministeriö tekee saman."
    )
    assert dropped.status_reason == "Ministeriö tekee saman."
    assert dropped.completed_at is None


def test_the_database_refuses_a_dropped_assignment_without_a_reason(assignment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(status="dropped", status_reason="")


def test_status_transitions(assignment, people):
    """Open → done → open → dropped → open; never done → dropped directly, never the same
    status again, never an unknown one."""
    actor = people["chair"]
    set_status(actor, assignment, AssignmentStatus.DONE)
    with pytest.raises(ValidationError):
        set_status(actor, assignment, AssignmentStatus.DONE)
    with pytest.raises(ValidationError):
        set_status(actor, assignment, AssignmentStatus.DROPPED, reason="x")
    reopened = set_status(actor, assignment, AssignmentStatus.OPEN)
    assert reopened.completed_at is None
    dropped = set_status(actor, assignment, AssignmentStatus.DROPPED, reason="Ei tarvita.")
    assert dropped.status == AssignmentStatus.DROPPED
    again = set_status(actor, assignment, AssignmentStatus.OPEN)
    assert again.status_reason == ""
    with pytest.raises(ValidationError):
        set_status(actor, assignment, "finished")


# --- Pages ---------------------------------------------------------------------------------


def test_the_giving_body_sees_all_its_assignments_open_first_and_overdue_marked(
    board, working_group, assignment, people, as_person
):
    late = overdue(
        services.assignment_give(
            actor=people["secretary"],
            body=board,
            working_group=working_group,
            title="Myöhässä oleva selvitys",
            description="x",
            deadline=timezone.localdate() + timedelta(days=1),
        )
    )
    finished = services.assignment_give(
        actor=people["secretary"],
        body=board,
        working_group=working_group,
        title="Valmis selvitys",
        description="x",
        deadline=timezone.localdate() + timedelta(days=1),
    )
    set_status(people["chair"], finished, AssignmentStatus.DONE)
    dropped = services.assignment_give(
        actor=people["secretary"],
        body=board,
        working_group=working_group,
        title="Turha selvitys",
        description="x",
        deadline=timezone.localdate() + timedelta(days=1),
    )
    set_status(people["chair"], dropped, AssignmentStatus.DROPPED, reason="Päällekkäistä työtä.")

    response = as_person(people["member2"]).get(board.get_absolute_url())

    assert [a.pk for a in response.context["given"]] == [
        late.pk,
        assignment.pk,
        *sorted([finished.pk, dropped.pk], reverse=True),
    ]
    page = response.text
    assert "Avoin, myöhässä" in page
    assert "Päällekkäistä työtä." in page
    assert "Luovuttu" in page and "Tehty" in page
    # member2 may not change them: no link.
    assert reverse("governance:assignment_status", args=[late.pk]) not in page


def test_the_status_page_is_for_those_who_may_change_it(assignment, people, as_person):
    url = reverse("governance:assignment_status", args=[assignment.pk])
    assert as_person(people["member2"]).get(url).status_code == 403
    assert as_person(people["outsider"]).get(url).status_code == 403
    assert as_person(people["member"]).get(url).status_code == 200
    assert (
        as_person(people["member"])
        .get(reverse("governance:assignment_status", args=[999999]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "dropped", "reason": ""}, "reason"),
        ({"status": "dropped", "reason": "\x00"}, "reason"),
        ({"status": "dropped", "reason": "x" * 5001}, "reason"),
        ({"status": "gone"}, "status"),
        ({"status": "open"}, "status"),  # already open: told by the service
    ],
)
def test_bad_input_to_the_status_is_told_not_a_crash(assignment, people, as_person, data, field):
    client = as_person(people["member"])
    response = client.post(reverse("governance:assignment_status", args=[assignment.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OPEN


def test_the_assignee_marks_it_done_through_the_page(assignment, working_group, people, as_person):
    client = as_person(people["member"])
    response = client.post(
        reverse("governance:assignment_status", args=[assignment.pk]),
        {"status": "done", "reason": ""},
        follow=True,
    )
    assert "Toimeksiannon tila on nyt: tehty." in response.text
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE


# --- The assignee's dashboard -------------------------------------------------------------


def waiting(person):
    response = sign_in(Client(), person).get(reverse("dashboard"))
    return {item.url: item for item in response.context["waiting"]}


def test_an_overdue_open_assignment_waits_on_the_assignees_dashboard_marked(assignment, people):
    url = assignment.working_group.get_absolute_url() + f"#assignment-{assignment.pk}"
    assert waiting(people["member2"])[url].severity == "normal"

    overdue(assignment)
    item = waiting(people["member2"])[url]
    assert item.severity == "warning"
    assert "myöhässä" in item.detail

    set_status(people["member"], assignment, AssignmentStatus.DONE)
    assert url not in waiting(people["member2"])
    assert url not in waiting(people["outsider"])


def test_the_giving_bodys_page_costs_the_same_queries_for_one_or_many_assignments(
    board, working_group, people, as_person
):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.models import Body, BodyKind

    def give(group, title):
        return services.assignment_give(
            actor=people["secretary"],
            body=board,
            working_group=group,
            title=title,
            description="x",
            deadline=timezone.localdate() + timedelta(days=5),
        )

    def count(client):
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(board.get_absolute_url()).status_code == 200
        return len(captured)

    give(working_group, "Ensimmäinen")
    client = as_person(people["member2"])
    small = count(client)
    for number in range(4):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP,
            slug=f"ryhma-{number}",
            name_fi=f"Ryhmä {number}",
            parent=board,
        )
        seat(group, people["member2"], Role.SECRETARY)
        set_status(people["chair"], overdue(give(group, f"Tehtävä {number}")), "done")
    assert count(client) == small
