"""Who may change seats, personal deputies, and the order of events in a meeting: RSVP
before it starts, attendance and minutes after, the quorum from who actually attended."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation

from governance import selectors, services
from governance.forms import PersonalDeputyForm
from governance.models import (
    AttendanceResponse,
    Body,
    BodyKind,
    Membership,
    MembershipChange,
    MinutesState,
    PresenceStatus,
    Role,
)
from tests.factories import make_user
from tests.governance.conftest import hold, record_presence, seat

pytestmark = pytest.mark.django_db


# --- Seats ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["chair", "secretary"])
def test_the_boards_chair_or_secretary_cannot_seat_anyone_on_the_board(board, people, who):
    for user, role in [(people[who], Role.CHAIR), (people["outsider"], Role.MEMBER)]:
        with pytest.raises(PermissionDenied):
            services.membership_add(actor=people[who], body=board, user=user, role=role)
    with pytest.raises(PermissionDenied):
        services.membership_end(
            actor=people[who], membership=Membership.objects.get(body=board, user=people["member2"])
        )

    assert not Membership.objects.filter(body=board, user=people["outsider"]).exists()
    assert not Membership.objects.filter(body=board, user=people[who], role=Role.CHAIR).exclude(
        user=people["chair"]
    )


def test_the_directors_meeting_seats_are_for_network_admins_only(people, network_admin):
    meeting_body = Body.objects.create(
        kind=BodyKind.DIRECTORS_MEETING, slug="johtajakokous", name_fi="Johtajakokous"
    )
    seat(meeting_body, people["chair"], Role.CHAIR)

    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=people["chair"], body=meeting_body, user=people["outsider"], role=Role.MEMBER
        )
    services.membership_add(
        actor=network_admin, body=meeting_body, user=people["outsider"], role=Role.MEMBER
    )


def test_nobody_changes_their_own_seat_not_even_a_network_admin(board, network_admin):
    own = seat(board, network_admin, Role.SECRETARY)

    with pytest.raises(PermissionDenied):
        services.membership_add(actor=network_admin, body=board, user=network_admin, role="chair")
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=network_admin, membership=own)

    own.refresh_from_db()
    assert own.end_date is None


def test_a_working_groups_chair_manages_its_members_but_not_their_own_seat(working_group, people):
    chair = people["member"]  # chairs the working group
    added = services.membership_add(
        actor=chair, body=working_group, user=people["outsider"], role=Role.MEMBER
    )
    services.membership_end(actor=chair, membership=added)

    with pytest.raises(PermissionDenied):
        services.membership_add(actor=chair, body=working_group, user=chair, role=Role.SECRETARY)
    with pytest.raises(PermissionDenied):
        services.membership_end(
            actor=chair, membership=Membership.objects.get(body=working_group, user=chair)
        )
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=people["member2"], body=working_group, user=people["outsider"], role="member"
        )


def test_every_seat_change_is_in_an_append_only_trail(board, people, network_admin):
    added = services.membership_add(
        actor=network_admin, body=board, user=people["outsider"], role=Role.MEMBER
    )
    member = Membership.objects.get(body=board, user=people["member"])
    services.membership_name_deputy(actor=network_admin, membership=member, deputy=None)
    services.membership_name_deputy(actor=network_admin, membership=member, deputy=people["deputy"])
    services.membership_end(actor=network_admin, membership=added)

    trail = list(
        MembershipChange.objects.filter(body=board)
        .order_by("id")
        .values_list("action", "actor", "detail__person")
    )
    assert trail == [
        ("seated", network_admin.pk, "Ulla Ulkopuolinen"),
        ("deputy_removed", network_admin.pk, "Minna Jäsen"),
        ("deputy_named", network_admin.pk, "Minna Jäsen"),
        ("ended", network_admin.pk, "Ulla Ulkopuolinen"),
    ]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE governance_membershipchange SET action = 'seated'")


def test_an_ended_seat_leaves_the_current_members_at_once(board, people, network_admin, client):
    from tests.factories import sign_in

    ended = Membership.objects.get(body=board, user=people["member2"])
    services.membership_end(actor=network_admin, membership=ended)
    sign_in(client, people["outsider"])

    page = client.get(reverse("governance:body", args=[board.slug]))

    assert list(page.context["members"]).count(ended) == 0
    assert ended in list(page.context["former"])
    person = client.get(reverse("person_detail", args=[people["member2"].pk]))
    (seats,) = [s for s in person.context["sections"] if "past" in s.context]
    assert seats.context["past"] == [ended]
    assert seats.context["current"] == []


def test_a_seat_that_had_not_begun_never_takes_effect_when_ended(board, people, network_admin):
    future = services.membership_add(
        actor=network_admin,
        body=board,
        user=people["outsider"],
        role=Role.MEMBER,
        start_date=timezone.localdate() + timedelta(days=10),
    )

    services.membership_end(actor=network_admin, membership=future)

    future.refresh_from_db()
    assert future.end_date == future.start_date - timedelta(days=1)
    assert not Membership.objects.active(future.start_date).filter(pk=future.pk).exists()


def test_the_person_page_lists_current_and_past_seats_and_deputyships(board, people, network_admin):
    services.membership_end(
        actor=network_admin, membership=Membership.objects.get(body=board, user=people["member2"])
    )

    past = list(selectors.person_seats(user=people["member2"]))
    deputising = list(selectors.person_seats(user=people["deputy"]))

    assert [(s.body, s.is_active) for s in past] == [(board, False)]
    assert [(s.user, s.personal_deputy) for s in deputising] == [
        (people["member"], people["deputy"])
    ]


# --- Personal deputies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "candidate",
    [
        "outsider",  # another department
        "member",  # the member themself
        "member2",  # holds a vote of their own
    ],
)
def test_a_personal_deputy_must_be_of_the_seats_department_without_a_vote(
    board, people, network_admin, candidate
):
    member = Membership.objects.get(body=board, user=people["member"])

    with pytest.raises(ValidationError):
        services.membership_name_deputy(
            actor=network_admin, membership=member, deputy=people[candidate]
        )

    member.refresh_from_db()
    assert member.personal_deputy == people["deputy"]


def test_one_person_deputises_for_one_seat_of_a_body(board, people, network_admin, departments):
    other = seat(board, make_user(department=departments["pirkanmaa"], last_name="Toinen"))

    with pytest.raises(ValidationError):
        services.membership_name_deputy(
            actor=network_admin, membership=other, deputy=people["deputy"]
        )


def test_a_network_admin_cannot_name_themselves_a_members_personal_deputy(
    board, people, network_admin
):
    member = Membership.objects.get(body=board, user=people["member"])
    network_admin.department = people["member"].department
    network_admin.save(update_fields=["department"])

    with translation.override("en"), pytest.raises(ValidationError, match="names themselves"):
        services.membership_name_deputy(
            actor=network_admin, membership=member, deputy=network_admin
        )
    member.refresh_from_db()
    assert member.personal_deputy == people["deputy"]
    choices = PersonalDeputyForm(membership=member, actor=network_admin).fields["deputy"]
    assert network_admin not in choices.queryset
    assert people["deputy"] in choices.queryset


def test_a_personal_deputy_gets_no_vote_of_their_own_in_the_same_body(board, people, network_admin):
    """Otherwise one person would hold two of the board's votes."""
    with translation.override("en"), pytest.raises(ValidationError, match="personal deputy"):
        services.membership_add(
            actor=network_admin, body=board, user=people["deputy"], role=Role.MEMBER
        )
    assert not Membership.objects.filter(body=board, user=people["deputy"]).exists()
    # Without a vote (the secretary's seat) they may sit, and stay the member's deputy.
    services.membership_add(
        actor=network_admin, body=board, user=people["deputy"], role=Role.SECRETARY
    )


def test_only_network_admins_name_personal_deputies_and_only_for_voting_seats(
    board, working_group, people, network_admin
):
    member = Membership.objects.get(body=board, user=people["member"])
    secretary = Membership.objects.get(body=board, user=people["secretary"])
    group_seat = Membership.objects.get(body=working_group, user=people["member2"])

    with pytest.raises(PermissionDenied):
        services.membership_name_deputy(actor=people["chair"], membership=member, deputy=None)
    with pytest.raises(ValidationError):
        services.membership_name_deputy(
            actor=network_admin, membership=secretary, deputy=people["outsider"]
        )
    with pytest.raises(ValidationError):
        services.membership_name_deputy(
            actor=network_admin, membership=group_seat, deputy=people["outsider"]
        )


def test_seat_pages_by_role(board, people, as_person, admin_client_mfa):
    member = Membership.objects.get(body=board, user=people["member"])
    add = reverse("governance:membership_add", args=[board.slug])
    deputy = reverse("governance:membership_deputy", args=[member.pk])

    assert admin_client_mfa.get(add).status_code == 200
    assert admin_client_mfa.get(deputy).status_code == 200
    for who in ("chair", "secretary", "member", "outsider"):
        client = as_person(people[who])
        assert client.get(add).status_code == 403, who
        assert client.get(deputy).status_code == 403, who


def test_the_deputy_form_offers_only_people_of_the_seats_department(
    board, people, admin_client_mfa
):
    member = Membership.objects.get(body=board, user=people["member"])

    page = admin_client_mfa.get(reverse("governance:membership_deputy", args=[member.pk]))
    offered = set(page.context["form"].fields["deputy"].queryset)

    assert people["deputy"] in offered
    assert offered.isdisjoint({people["member"], people["chair"], people["outsider"]})


def test_the_membership_form_does_not_offer_the_person_filling_it_in(
    working_group, people, as_person
):
    page = as_person(people["member"]).get(
        reverse("governance:membership_add", args=[working_group.slug])
    )

    assert people["member"] not in set(page.context["form"].fields["user"].queryset)


# --- The order of events in a meeting -------------------------------------------------------


def test_rsvp_closes_when_the_meeting_starts_and_the_dashboard_stops_asking(
    published, people, as_person
):
    client = as_person(people["member2"])
    asking = f"/governance/meetings/{published.pk}/#attendance"
    assert asking in client.get(reverse("dashboard")).content.decode()

    hold(published)

    with pytest.raises(PermissionDenied):
        services.attendance_answer(
            user=people["member2"], meeting=published, response=AttendanceResponse.ATTENDING
        )
    assert asking not in client.get(reverse("dashboard")).content.decode()
    meeting_page = client.get(reverse("governance:meeting", args=[published.pk]))
    assert "attendance_form" not in meeting_page.context


def test_minutes_and_attendance_wait_until_the_meeting_has_started(published, people):
    item = published.items.first()

    with pytest.raises(ValidationError):
        services.minutes_record(actor=people["secretary"], item=item, discussion="x", decision="y")
    with pytest.raises(ValidationError):
        record_presence(published, people["secretary"])

    hold(published)
    services.minutes_record(actor=people["secretary"], item=item, discussion="x", decision="y")
    record_presence(published, people["secretary"])


def test_minutes_are_not_circulated_or_approved_before_attendance_is_recorded(held, people):
    services.minutes_record(
        actor=people["secretary"], item=held.items.first(), discussion="x", decision="y"
    )

    with pytest.raises(ValidationError):
        services.minutes_circulate(actor=people["secretary"], meeting=held)
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=people["chair"], meeting=held)

    record_presence(held, people["secretary"])
    services.minutes_circulate(actor=people["secretary"], meeting=held)
    held.refresh_from_db()
    assert held.minutes_state == MinutesState.CIRCULATED


def test_attendance_names_every_seat_and_a_deputy_only_for_their_own_member(held, people):
    seats = {s.user_id: PresenceStatus.PRESENT for s in selectors.meeting_seats(meeting=held)}

    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=people["secretary"],
            meeting=held,
            entries={k: v for k, v in seats.items() if k != people["member2"].pk},
        )
    with pytest.raises(ValidationError):  # member2 has no personal deputy
        services.attendance_record(
            actor=people["secretary"],
            meeting=held,
            entries={**seats, people["member2"].pk: PresenceStatus.DEPUTY},
        )
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=people["member"], meeting=held, entries=seats)

    services.attendance_record(
        actor=people["secretary"],
        meeting=held,
        entries={**seats, people["member"].pk: PresenceStatus.DEPUTY},
    )
    presence = held.presences.get(user=people["member"])
    assert presence.deputy == people["deputy"]


def test_the_record_starts_from_the_rsvp_answers(published, people, as_person):
    services.attendance_answer(
        user=people["member"], meeting=published, response=AttendanceResponse.DEPUTY
    )
    services.attendance_answer(
        user=people["member2"], meeting=published, response=AttendanceResponse.NOT_ATTENDING
    )
    services.attendance_answer(
        user=people["chair"], meeting=published, response=AttendanceResponse.ATTENDING
    )
    hold(published)

    form = (
        as_person(people["secretary"])
        .get(reverse("governance:attendance_record", args=[published.pk]))
        .context["form"]
    )

    assert form[f"seat_{people['member'].pk}"].initial == PresenceStatus.DEPUTY
    assert form[f"seat_{people['member2'].pk}"].initial == PresenceStatus.ABSENT
    assert form[f"seat_{people['chair'].pk}"].initial == PresenceStatus.PRESENT
    assert form[f"seat_{people['secretary'].pk}"].initial is None


@pytest.fixture
def even_board(board, people, departments):
    """Four voting seats: the chair, two members and one more."""
    people["member3"] = make_user(last_name="Neljäs", department=departments["lappi"])
    seat(board, people["member3"])
    return board


@pytest.mark.parametrize(
    ("absent", "deputised", "quorum"),
    [
        ((), (), True),  # 4 of 4
        (("member2",), (), True),  # 3 of 4
        (("member2", "member3"), (), False),  # 2 of 4 is half, not more than half
        (("member2", "member3"), ("member",), False),  # the deputy stands in: still 2 of 4
        (("member2",), ("member",), True),  # 3 of 4 with the deputy
        (("chair",), (), False),  # 3 of 4 but neither the chair nor a vice-chair
    ],
)
def test_the_quorum_is_more_than_half_of_the_voting_seats_with_the_chair(
    even_board, people, absent, deputised, quorum
):
    from tests.governance.conftest import soon

    starts, ends = soon()
    meeting = services.meeting_schedule(
        actor=people["secretary"],
        body=even_board,
        title="Kokous",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
    )
    services.agenda_item_add(actor=people["secretary"], meeting=meeting, title="Avaus")
    services.meeting_publish(actor=people["secretary"], meeting=meeting)
    hold(meeting)
    record_presence(
        meeting,
        people["secretary"],
        absent=[people[k] for k in absent],
        deputised=[people[k] for k in deputised],
    )

    result = selectors.meeting_quorum(meeting=meeting)

    assert result.seats == 4  # the secretary's seat carries no vote
    assert result.has_quorum is quorum


def test_the_minutes_page_says_whether_the_meeting_had_a_quorum(held, people, as_person):
    record_presence(held, people["secretary"], absent=[people["member2"], people["chair"]])

    page = as_person(people["member"]).get(reverse("governance:meeting", args=[held.pk]))
    printable = as_person(people["member"]).get(
        reverse("governance:meeting_print", args=[held.pk, "minutes"])
    )

    assert page.context["quorum"].has_quorum is False
    assert page.context["quorum"].present == 1
    assert 'class="quorum"' in printable.content.decode()


def test_the_minutes_form_is_refused_before_the_meeting_starts(published, people, as_person):
    client = as_person(people["secretary"])

    response = client.get(reverse("governance:minutes_edit", args=[published.pk]))
    record = client.get(reverse("governance:attendance_record", args=[published.pk]))

    assert response.status_code == 302
    assert record.status_code == 302
    assert published.items.filter(decision="").count() == 2
