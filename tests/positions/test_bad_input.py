"""Bad input to a position's steps gets a form error with a clear message, never a 500,
and what was typed is kept; no date outside the sensible years reaches the relay."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.models import ScheduledNotification
from governance.positions import services
from governance.positions.models import AuditEntry, Position, PositionState, VoteChoice
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def url(name, position):
    return reverse(f"positions:{name}", kwargs={"pk": position.pk})


def client_for(person):
    return sign_in(Client(), person)


def approved(in_vote, cast):
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    return services.vote_close(actor=cast["chair"], position=in_vote)


# --- Reasons -----------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["Turha\x00 kanta", "", "  "])
def test_a_refused_withdraw_reason_is_shown_again_with_the_error(draft, cast, reason):
    response = client_for(cast["official"]).post(url("withdraw", draft), {"reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    if reason.strip():
        assert "Turha" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == PositionState.DRAFT
    assert not AuditEntry.objects.filter(position=draft, action="withdrawn").exists()


def test_a_withdraw_reason_withdraws_the_position(draft, cast):
    response = client_for(cast["official"]).post(url("withdraw", draft), {"reason": "Turha"})

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.state == PositionState.WITHDRAWN


def test_only_those_who_may_withdraw_see_the_reason_form(in_consultation, cast):
    response = client_for(cast["m1"]).post(url("withdraw", in_consultation), {"reason": "\x00"})

    assert response.status_code == 403


@pytest.mark.parametrize("reason", ["Lisä\x00valmistelu", ""])
def test_a_refused_return_reason_is_shown_again_with_the_error(in_vote, cast, reason):
    response = client_for(cast["chair"]).post(url("vote_return", in_vote), {"reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.BOARD_VOTE


def test_a_return_reason_returns_the_position_to_draft(in_vote, cast):
    response = client_for(cast["chair"]).post(
        url("vote_return", in_vote), {"reason": "Lisävalmistelu"}
    )

    in_vote.refresh_from_db()
    assert response.status_code == 302
    assert in_vote.state == PositionState.DRAFT


# --- Dates ------------------------------------------------------------------------------------


def test_a_review_date_in_the_year_1_is_a_form_error_and_the_text_is_kept(in_vote, cast):
    position = approved(in_vote, cast)

    response = client_for(cast["comms"]).post(
        url("publish", position),
        {"publication": "public", "text": "Vaikuttamisteksti", "review_date": "0001-01-01"},
    )

    position.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["review_date"]
    assert "Vaikuttamisteksti" in response.content.decode()
    assert position.state == PositionState.APPROVED
    assert position.review_date is None


def test_the_publish_service_never_schedules_a_review_outside_the_sensible_years(in_vote, cast):
    position = approved(in_vote, cast)

    for review_date in (date(1, 1, 1), date(2101, 1, 1)):
        with pytest.raises(ValidationError) as refused:
            services.position_publish(
                actor=cast["comms"],
                position=position,
                publication="internal",
                review_date=review_date,
            )
        assert "review_date" in refused.value.message_dict

    position.refresh_from_db()
    assert position.review_date is None
    assert not ScheduledNotification.objects.filter(key__endswith=":review").exists()


def test_a_review_date_next_year_is_scheduled(in_vote, cast):
    position = approved(in_vote, cast)
    next_year = timezone.localdate() + timedelta(days=365)

    services.position_publish(
        actor=cast["comms"], position=position, publication="internal", review_date=next_year
    )

    assert position.review_date == next_year


def test_a_consultation_deadline_in_2101_is_a_form_error(draft, cast):
    response = client_for(cast["official"]).post(
        url("consultation_open", draft),
        {"deadline": "2101-01-01T12:00", "questions": "Kysymys, jota ei saa hukata"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert "Kysymys, jota ei saa hukata" in response.content.decode()
    with pytest.raises(ValidationError):
        services.consultation_open(
            actor=cast["official"],
            position=draft,
            deadline=timezone.make_aware(datetime(2101, 1, 1, 12, 0)),
        )
    draft.refresh_from_db()
    assert draft.state == PositionState.DRAFT


def test_a_request_deadline_in_the_year_1_is_a_form_error(cast):
    response = client_for(cast["official"]).post(
        reverse("positions:new"),
        {
            "title": "Lausunto",
            "summary": "Tiivistelmä, jota ei saa hukata",
            "text": "Teksti",
            "request_deadline": "0001-01-01",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["request_deadline"]
    assert "Tiivistelmä, jota ei saa hukata" in response.content.decode()
    assert not Position.objects.exists()


def test_the_drafting_services_refuse_a_request_deadline_outside_the_sensible_years(draft, cast):
    with pytest.raises(ValidationError):
        services.position_create(
            actor=cast["official"],
            title="Lausunto",
            summary="S",
            text="T",
            request_deadline=date(1, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.position_revise(
            actor=cast["official"],
            position=draft,
            title=draft.title,
            summary="S",
            text="T",
            request_deadline=date(2101, 1, 1),
        )

    draft.refresh_from_db()
    assert Position.objects.count() == 1
    assert draft.request_deadline is None


# --- Titles -----------------------------------------------------------------------------------


def test_a_position_title_typed_with_a_line_break_is_saved_on_one_line(cast):
    response = client_for(cast["official"]).post(
        reverse("positions:new"),
        {"title": "Rahoitus-\r\nmalli", "summary": "Tiivistelmä", "text": "Teksti"},
    )

    assert response.status_code == 302
    assert Position.objects.get().title == "Rahoitus- malli"


def test_the_drafting_services_refuse_a_title_with_a_line_break(draft, cast):
    with pytest.raises(ValidationError) as created:
        services.position_create(
            actor=cast["official"], title="Kaksi\nriviä", summary="S", text="T"
        )
    with pytest.raises(ValidationError) as revised:
        services.position_revise(
            actor=cast["official"], position=draft, title="Kaksi\rriviä", summary="S", text="T"
        )

    assert "title" in created.value.message_dict
    assert "title" in revised.value.message_dict
    assert Position.objects.count() == 1
