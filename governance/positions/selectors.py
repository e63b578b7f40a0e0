"""Reusable reads of positions, with their joins spelled out."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from governance.models import Membership
from governance.permissions import MANAGING_ROLES
from governance.positions import permissions
from governance.positions.models import (
    AuditEntry,
    ConsultationAnswer,
    Position,
    PositionState,
    Stance,
    Vote,
)
from network.models import Department, User
from network.permissions import is_member


def visible_positions(*, user: User) -> QuerySet[Position]:
    """The only definition of who sees which position. Every member reads positions once
    they leave draft; drafts (and drafts withdrawn before any consultation) only those who
    work on them: their drafter, those who run the process, and the chair and secretary of
    the body preparing the draft."""
    if not is_member(user):
        return Position.objects.none()
    if permissions.can_run_process(user):
        return Position.objects.all()
    private = Q(state=PositionState.DRAFT) | Q(
        state=PositionState.WITHDRAWN, consultation_deadline__isnull=True
    )
    managed = Membership.objects.active().filter(user=user, role__in=MANAGING_ROLES)
    return Position.objects.filter(
        ~private
        | Q(created_by=user)
        | Q(state=PositionState.DRAFT, prepared_by_id__in=managed.values("body_id"))
    )


def positions_list(
    *,
    user: User,
    state: str = "",
    cornerstone: str = "",
    workstream: str = "",
    waiting: str = "",
) -> QuerySet[Position]:
    positions = (
        visible_positions(user=user)
        .select_related("prepared_by", "current_version")
        .annotate(answer_count=Count("answers", distinct=True))
        .order_by("-created_at")
    )
    if state:
        positions = positions.filter(state=state)
    if cornerstone:
        positions = positions.filter(cornerstones__contains=[cornerstone])
    if workstream:
        positions = positions.filter(workstreams__contains=[workstream])
    if waiting == "answer":
        positions = waiting_for_my_department(user=user, positions=positions)
    elif waiting == "vote":
        positions = waiting_for_my_vote(user=user, positions=positions)
    return positions


def waiting_for_my_department(*, user: User, positions: QuerySet | None = None) -> QuerySet:
    positions = positions if positions is not None else Position.objects.all()
    if not permissions.can_answer_for(user):
        return positions.none()
    answered = ConsultationAnswer.objects.filter(
        position=OuterRef("pk"), department_id=user.department_id
    )
    return positions.filter(
        state=PositionState.CONSULTATION, consultation_deadline__gt=timezone.now()
    ).exclude(Exists(answered))


def waiting_for_my_vote(*, user: User, positions: QuerySet | None = None) -> QuerySet:
    """Votes waiting for the person's own seat, or (for a personal deputy) for the seat of
    their principal while the principal has not voted."""
    positions = positions if positions is not None else Position.objects.all()
    seats = ([user.pk] if permissions.has_board_seat(user) else []) + list(
        permissions.board_principal_ids(user)
    )
    if not seats:
        return positions.none()
    waiting = Q()
    for seat in seats:
        voted = Vote.objects.filter(
            position=OuterRef("pk"), round=OuterRef("vote_round"), member_id=seat
        )
        waiting |= ~Exists(voted)
    return positions.filter(waiting, state=PositionState.BOARD_VOTE)


def open_consultations() -> QuerySet[Position]:
    """Consultations still open, with how many departments have answered."""
    return (
        Position.objects.filter(state=PositionState.CONSULTATION)
        .annotate(answer_count=Count("answers", distinct=True))
        .order_by("consultation_deadline")
    )


def votes_in_progress() -> QuerySet[Position]:
    """Board votes open now, with how many seats have voted in the current round."""
    return (
        Position.objects.filter(state=PositionState.BOARD_VOTE)
        .annotate(vote_count=Count("votes", filter=Q(votes__round=F("vote_round")), distinct=True))
        .order_by("created_at")
    )


def positions_to_publish() -> QuerySet[Position]:
    """Approved positions not yet published on either track (a communications officer's work)."""
    return Position.objects.filter(state=PositionState.APPROVED).order_by("decided_at")


def position_get(*, pk: int) -> Position:
    return Position.objects.select_related(
        "prepared_by",
        "current_version",
        "vote_version",
        "decided_version",
        "created_by",
        "supersedes",
    ).get(pk=pk)


def consultation_matrix(*, position: Position) -> dict:
    """Every member department once, with its answer or none: the equal-voice table."""
    answers = {
        a.department_id: a
        for a in ConsultationAnswer.objects.filter(position=position)
        .select_related("answered_by")
        .prefetch_related("question_answers__question")
    }
    departments = list(
        Department.objects.filter(is_active=True)
        .select_related("region")
        .order_by("region__code", "name_fi")
    )
    rows = [(department, answers.get(department.pk)) for department in departments]
    counts = Counter(a.stance for a in answers.values())
    return {
        "rows": rows,
        "answered": len(answers),
        "total": len(departments),
        "counts": [(Stance(s), counts.get(s, 0)) for s in Stance.values],
        "missing": len(departments) - len(answers),
    }


def current_votes(*, position: Position) -> QuerySet[Vote]:
    return (
        Vote.objects.filter(position=position, round=position.vote_round)
        .select_related("member", "cast_by")
        .order_by("member__last_name")
    )


def audit_trail(*, position: Position) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(position=position)
        .select_related("actor")
        .order_by("created_at", "id")
    )


def visible_consultation_answers(*, user: User) -> QuerySet[ConsultationAnswer]:
    """Departments' answers are shown with the position to all who may see it."""
    return ConsultationAnswer.objects.filter(position__in=visible_positions(user=user))
