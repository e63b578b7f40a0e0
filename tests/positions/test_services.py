import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from communications.models import Notification, ScheduledNotification
from governance.positions import selectors, services
from governance.positions.models import (
    AuditEntry,
    ConsultationAnswer,
    Position,
    PositionState,
    Stance,
    Vote,
    VoteChoice,
)
from network.models import User
from tests.positions.conftest import later

pytestmark = pytest.mark.django_db


def kinds(person):
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def actions(position):
    return list(AuditEntry.objects.filter(position=position).values_list("action", flat=True))


# --- Draft and versions -------------------------------------------------------------------------


def test_a_draft_keeps_every_version_of_its_text(draft, cast):
    services.position_revise(
        actor=cast["official"],
        position=draft,
        title=draft.title,
        summary="Uusi tiivistelmä.",
        text="Uusi teksti.",
    )

    assert list(draft.versions.values_list("number", flat=True)) == [1, 2]
    assert draft.current_version.number == 2
    assert draft.versions.get(number=1).text.startswith("## Esitys")
    assert actions(draft) == ["created", "revised"]


def test_saving_the_same_text_makes_no_new_version(draft, cast):
    version = draft.current_version

    services.position_revise(
        actor=cast["official"],
        position=draft,
        title=version.title,
        summary=version.summary,
        text=version.text,
    )

    assert draft.versions.count() == 1


def test_a_position_needs_a_title_summary_and_text(cast):
    with pytest.raises(ValidationError):
        services.position_create(actor=cast["official"], title="X", summary=" ", text="Y")


def test_people_without_a_seat_or_office_cannot_draft(cast):
    with pytest.raises(PermissionDenied):
        services.position_create(actor=cast["outsider"], title="X", summary="Y", text="Z")


# --- Consultation -------------------------------------------------------------------------------


def test_opening_a_consultation_asks_every_director_and_schedules_a_reminder(in_consultation, cast):
    assert in_consultation.state == PositionState.CONSULTATION
    assert "consultation_opened" in kinds(cast["m1"])
    assert "consultation_opened" in kinds(cast["deputy"])
    assert "consultation_opened" not in kinds(cast["outsider"])
    reminder = ScheduledNotification.objects.get(
        key=f"position:{in_consultation.pk}:consultation-closing"
    )
    assert cast["m1"].pk in reminder.recipient_ids


def test_a_consultation_deadline_must_be_in_the_future(draft, cast):
    with pytest.raises(ValidationError):
        services.consultation_open(actor=cast["official"], position=draft, deadline=timezone.now())


def test_each_department_gives_exactly_one_answer_and_may_revise_it(in_consultation, cast):
    services.consultation_answer(
        user=cast["vice"], position=in_consultation, stance=Stance.SUPPORTS
    )
    # The deputy of the same department revises the same answer; it does not add one.
    services.consultation_answer(
        user=cast["deputy"],
        position=in_consultation,
        stance=Stance.SUPPORTS_WITH_CHANGES,
        comment="Kohta 2 tarkemmin.",
    )

    (answer,) = ConsultationAnswer.objects.filter(position=in_consultation)
    assert answer.stance == Stance.SUPPORTS_WITH_CHANGES
    assert answer.answered_by == cast["deputy"]
    assert answer.revised_at is not None


def test_the_database_refuses_a_second_answer_for_a_department(in_consultation, cast):
    services.consultation_answer(
        user=cast["vice"], position=in_consultation, stance=Stance.SUPPORTS
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationAnswer.objects.create(
            position=in_consultation,
            department=cast["vice"].department,
            stance=Stance.OPPOSES,
            answered_by=cast["deputy"],
        )


def test_only_directors_and_deputies_answer(in_consultation, cast):
    with pytest.raises(PermissionDenied):
        services.consultation_answer(
            user=cast["secretary"], position=in_consultation, stance=Stance.SUPPORTS
        )


def test_supporting_with_changes_needs_a_comment(in_consultation, cast):
    with pytest.raises(ValidationError):
        services.consultation_answer(
            user=cast["m1"], position=in_consultation, stance=Stance.SUPPORTS_WITH_CHANGES
        )


def test_answers_are_refused_after_the_deadline(in_consultation, cast):
    Position.objects.filter(pk=in_consultation.pk).update(consultation_deadline=timezone.now())

    with pytest.raises(ValidationError):
        services.consultation_answer(
            user=cast["m1"], position=in_consultation, stance=Stance.SUPPORTS
        )


def test_the_reminder_goes_only_to_departments_that_have_not_answered(in_consultation, cast):
    services.consultation_answer(user=cast["m1"], position=in_consultation, stance=Stance.SUPPORTS)

    reminder = ScheduledNotification.objects.get(
        key=f"position:{in_consultation.pk}:consultation-closing", state="scheduled"
    )
    assert cast["m1"].pk not in reminder.recipient_ids
    assert cast["m2"].pk in reminder.recipient_ids


def test_question_answers_are_kept_with_the_answer(in_consultation, cast):
    question = in_consultation.questions.get()

    answer = services.consultation_answer(
        user=cast["m2"],
        position=in_consultation,
        stance=Stance.SUPPORTS,
        question_answers={question.pk: "On riittävä."},
    )

    assert answer.question_answers.get().text == "On riittävä."


# --- Board vote ---------------------------------------------------------------------------------


def vote(position, person, choice=VoteChoice.APPROVE, **extra):
    return services.vote_cast(user=person, position=position, choice=choice, **extra)


def test_opening_the_vote_tells_the_board_members_and_freezes_the_version(in_vote, cast):
    assert in_vote.state == PositionState.BOARD_VOTE
    assert in_vote.vote_version == in_vote.current_version
    assert "vote_needed" in kinds(cast["m1"])
    assert "vote_needed" not in kinds(cast["secretary"])


def test_only_board_members_vote(in_vote, cast):
    for person in ("outsider", "secretary", "official"):
        with pytest.raises(PermissionDenied):
            vote(in_vote, cast[person])


def test_a_vote_needs_a_quorum_of_more_than_half_of_the_board(in_vote, cast):
    # Five voting seats: two votes are not more than half.
    vote(in_vote, cast["chair"])
    vote(in_vote, cast["vice"])

    with translation.override("en"), pytest.raises(ValidationError, match="2 of 5"):
        services.vote_close(actor=cast["chair"], position=in_vote)

    vote(in_vote, cast["m1"], VoteChoice.REJECT)
    services.vote_close(actor=cast["chair"], position=in_vote)
    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.APPROVED
    assert in_vote.decided_version == in_vote.vote_version


def test_without_a_majority_the_position_is_rejected(in_vote, cast):
    vote(in_vote, cast["chair"], VoteChoice.APPROVE)
    vote(in_vote, cast["m1"], VoteChoice.REJECT)
    vote(in_vote, cast["m2"], VoteChoice.ABSTAIN)

    services.vote_close(actor=cast["chair"], position=in_vote)

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.REJECTED  # a tie is no majority


def test_only_the_chair_closes_the_vote(in_vote, cast):
    for key in ("chair", "vice", "m1"):
        vote(in_vote, cast[key])

    with pytest.raises(PermissionDenied):
        services.vote_close(actor=cast["vice"], position=in_vote)


def test_a_personal_deputy_votes_for_their_principal_who_has_not_voted(in_vote, cast):
    cast_vote = vote(in_vote, cast["deputy"], in_place_of=cast["vice"])

    assert (cast_vote.member, cast_vote.cast_by) == (cast["vice"], cast["deputy"])
    assert selectors.vote_tally(in_vote).cast == 1
    with pytest.raises(PermissionDenied):
        vote(in_vote, cast["deputy"])  # a deputy has no seat of their own


@pytest.mark.parametrize("seat", ["chair", "m1", "m2", "m3"])
def test_a_personal_deputy_cannot_vote_for_anyone_but_their_principal(in_vote, cast, seat):
    with pytest.raises(PermissionDenied):
        vote(in_vote, cast["deputy"], in_place_of=cast[seat])

    assert not Vote.objects.filter(position=in_vote).exists()
    # The real member then votes without being told their seat has voted.
    vote(in_vote, cast[seat], VoteChoice.REJECT)
    assert Vote.objects.get(position=in_vote).cast_by == cast[seat]


def test_a_deputy_cannot_override_a_principal_who_voted(in_vote, cast):
    vote(in_vote, cast["vice"], VoteChoice.REJECT)

    with pytest.raises(ValidationError):
        vote(in_vote, cast["deputy"], VoteChoice.APPROVE, in_place_of=cast["vice"])
    assert Vote.objects.get(position=in_vote).choice == VoteChoice.REJECT


def test_the_principals_own_vote_replaces_the_deputys_until_the_vote_closes(in_vote, cast):
    vote(in_vote, cast["deputy"], VoteChoice.APPROVE, in_place_of=cast["vice"])

    vote(in_vote, cast["vice"], VoteChoice.REJECT)

    seat_vote = Vote.objects.get(position=in_vote)
    assert (seat_vote.cast_by, seat_vote.choice) == (cast["vice"], VoteChoice.REJECT)
    tally = selectors.vote_tally(in_vote)
    assert (tally.cast, tally.approve, tally.reject) == (1, 0, 1)
    trail = AuditEntry.objects.filter(position=in_vote, action="voted").order_by("id")
    deputy_entry, own_entry = trail
    assert deputy_entry.actor == cast["deputy"]
    assert deputy_entry.detail["in_place_of"] == cast["vice"].full_name
    assert own_entry.actor == cast["vice"]
    assert own_entry.detail["replaces_deputy"] == cast["deputy"].full_name


def test_a_deputy_whose_principal_left_the_board_no_longer_votes(in_vote, cast):
    from governance.models import Membership

    Membership.objects.filter(user=cast["vice"]).update(
        end_date=timezone.localdate() - timezone.timedelta(days=1)
    )

    with pytest.raises(PermissionDenied):
        vote(in_vote, cast["deputy"], in_place_of=cast["vice"])


def test_a_member_may_change_their_vote_and_it_counts_once(in_vote, cast):
    vote(in_vote, cast["m1"], VoteChoice.REJECT)
    vote(in_vote, cast["m1"], VoteChoice.APPROVE)

    assert Vote.objects.filter(position=in_vote).count() == 1
    assert selectors.vote_tally(in_vote).approve == 1


def test_changing_the_text_during_the_vote_starts_it_over_and_tells_the_voters(in_vote, cast):
    vote(in_vote, cast["m1"])
    Notification.objects.all().delete()

    version = services.position_revise(
        actor=cast["official"],
        position=in_vote,
        title=in_vote.title,
        summary="Muutettu tiivistelmä.",
        text="Muutettu teksti.",
    )

    in_vote.refresh_from_db()
    assert in_vote.vote_round == 2
    assert in_vote.vote_version == version
    assert selectors.vote_tally(in_vote).cast == 0
    assert "vote_restarted" in kinds(cast["m1"])
    assert "vote_restarted" in actions(in_vote)


def test_the_chair_may_return_the_position_to_draft_with_a_reason(in_vote, cast):
    with pytest.raises(ValidationError):
        services.vote_return_to_draft(actor=cast["chair"], position=in_vote, reason="")

    services.vote_return_to_draft(actor=cast["chair"], position=in_vote, reason="Lisävalmistelu")

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.DRAFT


def board_meeting(cast, *, started=True, publish=True, restricted=False, body=None):
    from governance import services as governance_services
    from tests.governance.conftest import hold, soon

    starts, ends = soon()
    meeting = governance_services.meeting_schedule(
        actor=cast["secretary"],
        body=body or cast["board"],
        title="Hallituksen kokous",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
        restricted=restricted,
    )
    item = governance_services.agenda_item_add(
        actor=cast["secretary"], meeting=meeting, title="Rahoitusmalli"
    )
    if publish:
        governance_services.meeting_publish(actor=cast["secretary"], meeting=meeting)
    if started:
        hold(meeting)
    return item


def test_a_decision_can_be_recorded_from_a_board_meetings_agenda_item(in_vote, cast):
    item = board_meeting(cast)

    services.decision_record_from_meeting(
        actor=cast["official"], position=in_vote, agenda_item=item, approved=True
    )

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.APPROVED
    assert "Rahoitusmalli" in in_vote.decision_reference


@pytest.mark.parametrize(
    "meeting",
    [
        {"publish": False, "started": False},  # a draft agenda
        {"started": False},  # a meeting that has not been held yet
        {"restricted": True},  # restricted: the official is not a board member
        {"body": "working_group"},  # not the board
    ],
)
def test_a_decision_is_recorded_only_from_a_held_board_meeting_the_actor_may_see(
    in_vote, cast, meeting
):
    from governance.models import Body, BodyKind

    if meeting.get("body"):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP, slug="wg", name_fi="Ryhmä", parent=cast["board"]
        )
        from tests.governance.conftest import seat

        seat(group, cast["secretary"], "secretary")
        meeting = {**meeting, "body": group}
    item = board_meeting(cast, **meeting)

    with pytest.raises(ValidationError):
        services.decision_record_from_meeting(
            actor=cast["official"], position=in_vote, agenda_item=item, approved=True
        )

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.BOARD_VOTE


# --- Illegal transitions -----------------------------------------------------------------------


def test_illegal_transitions_are_refused_with_a_clear_message(draft, cast):
    with pytest.raises(ValidationError, match=r"Draft|Luonnos"):
        services.vote_open(actor=cast["official"], position=draft)
    with pytest.raises(ValidationError):
        services.position_publish(actor=cast["comms"], position=draft, publication="public")
    with pytest.raises(ValidationError):
        vote(draft, cast["chair"])
    with pytest.raises(ValidationError):
        services.consultation_answer(user=cast["m1"], position=draft, stance=Stance.SUPPORTS)


def approve(position, cast):
    for key in ("chair", "vice", "m1"):
        vote(position, cast[key])
    return services.vote_close(actor=cast["chair"], position=position)


def test_a_decided_text_is_frozen(in_vote, cast):
    approve(in_vote, cast)

    with pytest.raises((ValidationError, PermissionDenied)):
        services.position_revise(
            actor=cast["official"], position=in_vote, title="X", summary="Y", text="Z"
        )


def test_only_communications_officers_publish_and_the_review_is_scheduled(in_vote, cast):
    approve(in_vote, cast)

    with pytest.raises(PermissionDenied):
        services.position_publish(actor=cast["official"], position=in_vote, publication="public")
    review = timezone.localdate().replace(year=timezone.localdate().year + 1)
    services.position_publish(
        actor=cast["comms"], position=in_vote, publication="public", review_date=review
    )

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.PUBLISHED
    assert in_vote.public_published_at is not None
    assert in_vote.internal_published_at is None
    assert ScheduledNotification.objects.filter(key=f"position:{in_vote.pk}:review").exists()


def test_any_open_position_can_be_withdrawn_but_not_a_decided_one(in_consultation, cast):
    services.position_withdraw(
        actor=cast["official"], position=in_consultation, reason="Vanhentunut"
    )

    in_consultation.refresh_from_db()
    assert in_consultation.state == PositionState.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.position_withdraw(actor=cast["official"], position=in_consultation, reason="x")


def test_an_approved_position_is_superseded_by_a_newer_one_and_both_stay_linked(in_vote, cast):
    approve(in_vote, cast)
    newer = services.position_create(
        actor=cast["official"],
        title="Rahoitusmalli 2",
        summary="Päivitetty.",
        text="Uusi.",
        supersedes=in_vote,
    )
    services.consultation_open(actor=cast["official"], position=newer, deadline=later())
    services.vote_open(actor=cast["official"], position=newer, close_consultation_early=True)

    approve(newer, cast)

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.SUPERSEDED
    assert in_vote.superseded_by == newer


# --- The audit trail ---------------------------------------------------------------------------


def test_every_transition_and_vote_is_in_the_audit_trail_with_its_version(in_vote, cast):
    approve(in_vote, cast)

    trail = list(
        AuditEntry.objects.filter(position=in_vote).values_list("action", "version_number")
    )
    assert [a for a, _v in trail] == [
        "created",
        "consultation_opened",
        "consultation_closed_early",
        "vote_opened",
        "voted",
        "voted",
        "voted",
        "approved",
    ]
    assert {v for _a, v in trail} == {1}


def test_the_database_refuses_to_change_or_delete_audit_rows(draft):
    from django.db import DatabaseError

    entry = AuditEntry.objects.filter(position=draft).first()

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "created"


def test_an_approved_position_has_two_tracks_each_published_once(in_vote, cast):
    approve(in_vote, cast)

    services.position_publish(
        actor=cast["comms"],
        position=in_vote,
        publication="internal",
        text="Laitoksille: näin valmistaudutte muutokseen.",
    )
    services.position_publish(
        actor=cast["comms"],
        position=in_vote,
        publication="public",
        text="Verkosto esittää riskiperusteista rahoitusta.",
    )

    in_vote.refresh_from_db()
    assert in_vote.internal_brief.startswith("Laitoksille")
    assert in_vote.public_text.startswith("Verkosto esittää")
    with pytest.raises(ValidationError):
        services.position_publish(actor=cast["comms"], position=in_vote, publication="public")


def test_the_public_page_shows_the_advocacy_text_never_the_internal_brief(in_vote, cast, client):
    from django.urls import reverse

    approve(in_vote, cast)
    services.position_publish(
        actor=cast["comms"], position=in_vote, publication="internal", text="SISÄINEN OHJE"
    )
    public_url = reverse("public_positions:public", args=[in_vote.pk])
    assert client.get(public_url).status_code == 404  # not on the public track yet

    services.position_publish(
        actor=cast["comms"], position=in_vote, publication="public", text="JULKINEN TEKSTI"
    )
    body = client.get(public_url).content.decode()

    assert "JULKINEN TEKSTI" in body
    assert "SISÄINEN OHJE" not in body


def test_a_draft_withdrawn_before_any_consultation_stays_private(draft, cast):
    from governance.positions import permissions

    services.position_withdraw(actor=cast["official"], position=draft, reason="Turha")

    assert not permissions.can_view(cast["outsider"], draft)
    assert permissions.can_view(cast["official"], draft)


def test_a_new_consultation_round_starts_without_the_earlier_answers(in_consultation, cast):
    services.consultation_answer(user=cast["m1"], position=in_consultation, stance=Stance.OPPOSES)
    services.vote_open(
        actor=cast["official"], position=in_consultation, close_consultation_early=True
    )
    services.vote_return_to_draft(actor=cast["chair"], position=in_consultation, reason="Uusiksi")

    services.consultation_open(
        actor=cast["official"], position=in_consultation, deadline=later(), questions=["Uusi?"]
    )

    assert not ConsultationAnswer.objects.filter(position=in_consultation).exists()
    assert [q.text for q in in_consultation.questions.all()] == ["Uusi?"]


def test_the_closing_reminder_is_not_sent_again_after_it_has_gone(in_consultation, cast):
    from communications.services import reminders_release_due

    key = f"position:{in_consultation.pk}:consultation-closing"
    reminders_release_due(now=in_consultation.consultation_deadline)
    before = ScheduledNotification.objects.filter(key=key).count()

    services.consultation_answer(user=cast["m1"], position=in_consultation, stance=Stance.SUPPORTS)

    assert ScheduledNotification.objects.filter(key=key).count() == before
    assert not ScheduledNotification.objects.filter(key=key, state="scheduled").exists()


def test_a_member_with_two_voting_seats_counts_once_in_the_quorum(in_vote, cast):
    from governance.models import Membership, Role

    Membership.objects.create(
        body=cast["board"],
        user=cast["m1"],
        role=Role.VICE_CHAIR,
        start_date=timezone.localdate() - timezone.timedelta(days=3),
    )

    assert selectors.vote_tally(in_vote).seats == 5


def test_a_personal_deputy_owes_a_vote_only_while_their_principal_has_not_voted(in_vote, cast):
    from governance.positions.selectors import waiting_for_my_vote

    assert list(waiting_for_my_vote(user=cast["deputy"])) == [in_vote]
    assert list(waiting_for_my_vote(user=cast["m1"])) == [in_vote]
    assert list(waiting_for_my_vote(user=cast["secretary"])) == []

    vote(in_vote, cast["vice"])

    assert list(waiting_for_my_vote(user=User.objects.get(pk=cast["deputy"].pk))) == []
    assert list(waiting_for_my_vote(user=cast["m1"])) == [in_vote]


def test_the_boards_secretary_opens_a_consultation_and_a_board_member_may_not(draft, cast):
    with pytest.raises(PermissionDenied):
        services.consultation_open(actor=cast["m1"], position=draft, deadline=later())

    services.consultation_open(actor=cast["secretary"], position=draft, deadline=later())

    draft.refresh_from_db()
    assert draft.state == PositionState.CONSULTATION
