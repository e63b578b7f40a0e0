"""Reusable reads of positions, with their joins spelled out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.selectors import followed
from governance import selectors as governance_selectors
from governance.models import VOTING_ROLES, AgendaItem, BodyKind, Membership
from governance.permissions import MANAGING_ROLES
from governance.positions import permissions
from governance.positions.models import (
    IN_FORCE_STATES,
    AuditEntry,
    ConsultationAnswer,
    InfluenceEntry,
    InfluenceState,
    KeyMessage,
    Position,
    PositionState,
    QuestionAnswer,
    Stance,
    Vote,
    VoteChoice,
)
from network.models import Department, User
from network.permissions import AnyUser, is_member
from network.translations import CONTENT_LANGUAGES, Translation, translated, versions


def visible_positions(*, user: AnyUser) -> QuerySet[Position]:
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


def _answer_count() -> Coalesce:
    answers = (
        ConsultationAnswer.objects.filter(position=OuterRef("pk"))
        .order_by()
        .values("position")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), 0)


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
        .select_related("prepared_by", "current_version", "created_by", "superseded_by")
        # A subquery, not a join and GROUP BY: counted only for the rows on the page, not
        # for every answer of ten years of positions.
        .annotate(answer_count=_answer_count())
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
    if not permissions.can_answer_for(user) or user.department_id is None:
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
    waiting: Q | Combinable = Q()
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


def position_get(*, pk: int, user: AnyUser | None = None) -> Position:
    """The position with what its page shows of it; with ``user``, only if they see it, and
    whether they follow it."""
    positions = Position.objects.all()
    if user is not None:
        positions = visible_positions(user=user)
        if is_member(user):
            positions = positions.annotate(followed_by_viewer=followed(user=user, model=Position))
    return positions.select_related(
        "prepared_by",
        "current_version",
        "vote_version",
        "decided_version",
        "created_by",
        "supersedes",
        "superseded_by",
    ).get(pk=pk)


def consultation_matrix(*, position: Position, questions: list | None = None) -> dict:
    """Every member department once, with its answer or none: the equal-voice table.

    With the position's ``questions`` already read, the answers to them are joined to
    those (one query fewer)."""
    answers = {
        a.department_id: a
        for a in ConsultationAnswer.objects.filter(position=position)
        .select_related("answered_by")
        .prefetch_related(
            "question_answers" if questions is not None else "question_answers__question"
        )
    }
    if questions is not None:
        by_id = {question.pk: question for question in questions}
        for answer in answers.values():
            for question_answer in answer.question_answers.all():
                question_answer.question = by_id[question_answer.question_id]
    departments = list(
        Department.objects.filter(is_active=True)
        .select_related("region")
        .order_by("region__code", "name_fi")
    )
    rows = [(department, answers.get(department.pk)) for department in departments]
    for department, found in rows:
        if found is not None:
            found.department = department
    counts = Counter(a.stance for a in answers.values())
    return {
        "rows": rows,
        "answers": list(answers.values()),
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


def voting_member_ids() -> list[int]:
    """The active people holding a voting seat of the board."""
    return list(
        Membership.objects.active()
        .filter(body__kind=BodyKind.BOARD, role__in=VOTING_ROLES, user__is_active=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def board_seat_count() -> int:
    return len(voting_member_ids())


@dataclass(frozen=True)
class Tally:
    seats: int
    approve: int
    reject: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.approve + self.reject + self.abstain

    @property
    def quorum(self) -> bool:
        """More than half of the board has voted."""
        return self.cast * 2 > self.seats

    @property
    def approved(self) -> bool:
        """A majority of those voting for or against approves; a tie is no majority."""
        return self.quorum and self.approve > self.reject


def vote_tally(position: Position, votes: Iterable[Vote] | None = None) -> Tally:
    """The votes of the current round, by choice, against the board's seats (``votes``:
    the round's votes when already read)."""
    counts = dict.fromkeys(VoteChoice.values, 0)
    if votes is None:
        choices: Iterable[str] = Vote.objects.filter(
            position=position, round=position.vote_round
        ).values_list("choice", flat=True)
    else:
        choices = (vote.choice for vote in votes)
    for choice in choices:
        counts[choice] += 1
    return Tally(seats=board_seat_count(), **counts)


def vote_principals(*, user: User) -> QuerySet[User] | None:
    """The board members for whom this person may vote as personal deputy (None: nobody)."""
    principal_ids = permissions.board_principal_ids(user)
    if not principal_ids:
        return None
    return User.objects.filter(pk__in=principal_ids).order_by("last_name")


def decision_items(*, user: User) -> QuerySet[AgendaItem]:
    """Board meetings of the last half year: a vote is not left open longer than that."""
    since = timezone.now() - timedelta(days=183)
    return governance_selectors.decision_items(user=user).filter(meeting__starts_at__gte=since)


@dataclass(frozen=True)
class PositionPage:
    """What a position's page shows, and what this person may do there."""

    position: Position
    version: Any
    versions: Any
    matrix: dict | None
    questions: list
    votes: Any
    tally: Tally | None
    audit: Any
    my_answer: ConsultationAnswer | None
    my_vote: Vote | None
    can_edit: bool
    can_run: bool
    can_answer: bool
    can_vote: bool
    can_close: bool
    can_publish: bool
    can_withdraw: bool
    can_supersede: bool
    can_retract: bool
    question_answers: list
    influence: list
    can_record_influence: bool
    key_messages: list
    decision_items: QuerySet[AgendaItem] | None
    vote_principals: QuerySet[User] | None
    has_board_seat: bool


def position_page(*, user: User, position: Position) -> PositionPage:
    """Everything a position's page reads, with the permissions of the person viewing it."""
    in_vote = position.state == PositionState.BOARD_VOTE
    can_run = permissions.can_run_process(user)
    questions = list(position.questions.all())
    matrix = (
        consultation_matrix(position=position, questions=questions)
        if position.state != PositionState.DRAFT
        else None
    )
    my_answer = None
    if permissions.can_answer_for(user) and user.department_id is not None:
        if matrix is not None:  # the matrix holds every department's answer already
            my_answer = next(
                (a for d, a in matrix["rows"] if d.pk == user.department_id and a), None
            )
        else:
            my_answer = (
                ConsultationAnswer.objects.filter(
                    position=position, department_id=user.department_id
                )
                .prefetch_related("question_answers")
                .first()
            )
    votes = list(current_votes(position=position))
    return PositionPage(
        position=position,
        version=position.current_version,
        versions=position.versions.select_related("created_by").order_by("-number"),
        matrix=matrix,
        questions=questions,
        votes=votes,
        tally=vote_tally(position, votes) if position.vote_round else None,
        audit=audit_trail(position=position),
        my_answer=my_answer,
        my_vote=next((vote for vote in votes if vote.member_id == user.pk), None),
        can_edit=permissions.can_edit(user, position),
        can_run=can_run,
        can_answer=permissions.can_answer(user, position),
        can_vote=in_vote and permissions.can_vote(user),
        can_close=in_vote and permissions.can_close_vote(user),
        can_publish=position.state in (PositionState.APPROVED, PositionState.PUBLISHED)
        and permissions.can_publish(user)
        and not (position.internal_published_at and position.public_published_at),
        can_withdraw=permissions.can_withdraw(user, position),
        can_supersede=permissions.can_supersede(user, position),
        can_retract=permissions.can_retract(user, position),
        # The page is shown only to those who see the position, so its answers are theirs
        # to see: with the matrix read, its answers hold every written answer already.
        question_answers=answers_by_question(
            user=user,
            position=position,
            questions=questions,
            answers=matrix["answers"] if matrix else None,
        ),
        influence=list(
            visible_influence_entries(user=user)
            .filter(position=position)
            .select_related("responsible")
            .order_by("-recorded_at")[:50]
        ),
        can_record_influence=permissions.can_record_influence(user),
        key_messages=list(position.key_messages.order_by("-approved_on", "-pk")[:20]),
        decision_items=decision_items(user=user) if in_vote and can_run else None,
        vote_principals=vote_principals(user=user),
        has_board_seat=permissions.has_board_seat(user),
    )


@dataclass(frozen=True)
class ConsultationRows:
    """The consultation as a table: one row per department, one column per question."""

    header: list[str]
    rows: list[list[str]]


def consultation_rows(*, position: Position) -> ConsultationRows:
    """Every member department with its answer (or none) and its answers to the questions."""
    matrix = consultation_matrix(position=position)
    questions = list(position.questions.all())
    header = [_("Rescue department"), _("Region"), _("Position"), _("Answered"), _("Comment")]
    rows = []
    for department, answer in matrix["rows"]:
        by_question = (
            {qa.question_id: qa.text for qa in answer.question_answers.all()} if answer else {}
        )
        rows.append(
            [
                department.name,
                department.region.name,
                answer.get_stance_display() if answer else _("No answer"),
                timezone.localtime(answer.answered_at).date() if answer else "",
                answer.comment if answer else "",
            ]
            + [by_question.get(q.pk, "") for q in questions]
        )
    return ConsultationRows(header=header + [q.text for q in questions], rows=rows)


@dataclass(frozen=True)
class QuestionWithAnswers:
    question: Any
    #: (department, answer text) for every department that wrote something.
    answers: list


def answers_by_question(
    *,
    user: User,
    position: Position,
    questions: list | None = None,
    answers: list[ConsultationAnswer] | None = None,
) -> list[QuestionWithAnswers]:
    """Each consultation question with the departments' written answers, read through the
    one rule on who sees consultation answers (``answers``: the position's answers, with
    their departments and question answers, already read for someone who sees it)."""
    if questions is None:
        questions = list(position.questions.all())
    if not questions:
        return []
    if answers is not None:
        by_question: dict[int, list] = {q.pk: [] for q in questions}
        for answer in sorted(answers, key=lambda a: a.department.name_fi):
            for text in answer.question_answers.all():
                if text.text:
                    by_question.setdefault(text.question_id, []).append(
                        (answer.department, text.text)
                    )
        return [QuestionWithAnswers(q, by_question[q.pk]) for q in questions]
    texts = (
        QuestionAnswer.objects.filter(
            answer__in=visible_consultation_answers(user=user).filter(position=position)
        )
        .exclude(text="")
        .select_related("answer__department")
        .order_by("answer__department__name_fi")
    )
    by_question = {q.pk: [] for q in questions}
    for text in texts:
        by_question.setdefault(text.question_id, []).append((text.answer.department, text.text))
    return [QuestionWithAnswers(q, by_question[q.pk]) for q in questions]


# --- Influence ------------------------------------------------------------------------------


def visible_influence_entries(*, user: User) -> QuerySet[InfluenceEntry]:
    """Every member sees the influence log of the positions they see; the person named
    responsible always sees their own entries."""
    if not is_member(user):
        return InfluenceEntry.objects.none()
    return InfluenceEntry.objects.filter(
        Q(position__in=visible_positions(user=user)) | Q(responsible=user)
    )


def influence_list(
    *, user: User, position: Position | None = None, kind: str = "", state: str = ""
) -> QuerySet[InfluenceEntry]:
    entries = visible_influence_entries(user=user).select_related(
        "position", "responsible", "recorded_by"
    )
    if position is not None:
        entries = entries.filter(position=position)
    if kind:
        entries = entries.filter(kind=kind)
    if state:
        entries = entries.filter(state=state)
    # Open ones first, the nearest deadline first; then the rest, newest first.
    return entries.order_by(
        F("state").desc(), F("deadline").asc(nulls_last=True), "-recorded_at", "-pk"
    )


def influence_waiting_for(*, user: User) -> QuerySet[InfluenceEntry]:
    """Open entries with a deadline for which this person is named responsible."""
    if not is_member(user):
        return InfluenceEntry.objects.none()
    return (
        InfluenceEntry.objects.filter(
            responsible=user, state=InfluenceState.OPEN, deadline__isnull=False
        )
        .select_related("position")
        .order_by("deadline", "pk")
    )


def influence_positions(*, user: User) -> QuerySet[Position]:
    """The positions an entry may rest on: those the person sees, except drafts withdrawn."""
    return (
        visible_positions(user=user).exclude(state=PositionState.REJECTED).order_by("-created_at")
    )


# --- Key messages ---------------------------------------------------------------------------


def visible_key_messages(*, user: User) -> QuerySet[KeyMessage]:
    """Every member reads the key messages (they rest on decided positions, which every
    member sees)."""
    if not is_member(user):
        return KeyMessage.objects.none()
    return KeyMessage.objects.filter(position__in=visible_positions(user=user))


def key_messages_list(
    *, user: User, query: str = "", position: Position | None = None, current: bool = True
) -> QuerySet[KeyMessage]:
    messages = visible_key_messages(user=user).select_related(
        "position", "position__decided_version"
    )
    if current:
        messages = messages.filter(position__state__in=IN_FORCE_STATES)
    if position is not None:
        messages = messages.filter(position=position)
    if query:
        messages = messages.filter(
            Q(text_fi__icontains=query)
            | Q(text_sv__icontains=query)
            | Q(text_en__icontains=query)
            | Q(position__title__icontains=query)
        )
    return messages.order_by("-approved_on", "-pk")


def key_message_positions() -> QuerySet[Position]:
    """The positions a key message may rest on: those in force."""
    return Position.objects.filter(state__in=IN_FORCE_STATES).order_by("title")


# --- The guiding view -----------------------------------------------------------------------


@dataclass(frozen=True)
class GuidingSection:
    position: Position
    version: Any
    #: "new", "changed" (it replaces an earlier position) or "" — since the chosen date.
    change: str


@dataclass(frozen=True)
class GuidingChapter:
    key: str
    label: str
    sections: list[GuidingSection]


@dataclass(frozen=True)
class GuidingView:
    chapters: list[GuidingChapter]
    #: Positions that left the view since the chosen date (superseded or withdrawn).
    removed: list[Position]
    since: Any


def guiding_view(*, user: User, by: str = "cornerstone", since: date | None = None) -> GuidingView:
    """The positions in force that the person sees, arranged by theme into one document:
    each position once, under its first cornerstone (or workstream), in the order of the
    themes; positions without one come last. With ``since``, sections decided since that
    day are marked new, or changed when they replace an earlier position."""
    from network.reform import Cornerstone, Workstream

    themes = Cornerstone if by == "cornerstone" else Workstream
    field_name = "cornerstones" if by == "cornerstone" else "workstreams"
    positions = list(
        visible_positions(user=user)
        .filter(state__in=IN_FORCE_STATES)
        .select_related("decided_version", "supersedes")
        .order_by("decided_at", "pk")
    )
    chapters: dict[str, list[GuidingSection]] = {value: [] for value in themes.values}
    chapters[""] = []
    since_start = None
    if since is not None:
        since_start = timezone.make_aware(datetime.combine(since, time.min))
    for position in positions:
        tags = getattr(position, field_name)
        key = next((value for value in themes.values if value in tags), "")
        change = ""
        if since_start is not None and position.decided_at and position.decided_at >= since_start:
            change = "changed" if position.supersedes_id else "new"
        chapters[key].append(GuidingSection(position, position.decided_version, change))
    result = [
        GuidingChapter(value, str(themes(value).label), sections)
        for value, sections in chapters.items()
        if value and sections
    ]
    if chapters[""]:
        result.append(GuidingChapter("other", _("Other shared positions"), chapters[""]))
    removed = []
    if since_start is not None:
        removed = list(
            visible_positions(user=user)
            .filter(
                Q(state=PositionState.SUPERSEDED, superseded_at__gte=since_start)
                | Q(state=PositionState.WITHDRAWN, withdrawn_at__gte=since_start)
            )
            .select_related("superseded_by")
            .order_by("title")
        )
    return GuidingView(chapters=result, removed=removed, since=since)


# --- The public site, in each language ---------------------------------------------------------


def public_text(*, position: Position, language: str | None = None) -> Translation:
    """The text a public reader gets: the advocacy text in their language, else the decided
    text in their language, else (marked as a fallback) the Finnish advocacy or decided text."""
    advocacy = translated(position, "public_text", language)
    decided = translated(position.decided_version, "text", language)
    for found in (advocacy, decided):
        if found and not found.is_fallback:
            return found
    return advocacy or decided


def public_languages(*, position: Position) -> list[str]:
    """The languages in which the public text of a published position is written."""
    decided = versions(position.decided_version, "text")
    advocacy = versions(position, "public_text")
    return [code for code in CONTENT_LANGUAGES if decided[code].strip() or advocacy[code].strip()]


def publicly_published(*, language: str) -> QuerySet[Position]:
    """Positions on the public site that have a text in ``language`` (Finnish: all)."""
    positions = Position.objects.filter(
        state=PositionState.PUBLISHED, public_published_at__isnull=False
    ).select_related("decided_version")
    if language in ("sv", "en"):
        positions = positions.filter(
            ~Q(**{f"decided_version__text_{language}": ""}) | ~Q(**{f"public_text_{language}": ""})
        )
    return positions.order_by("-public_published_at")
