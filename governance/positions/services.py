"""The life of a shared position, one function per transition.

Every transition locks the position's row (``SELECT … FOR UPDATE``), checks that the
position is in a state that allows it, writes an append-only audit entry and tells the
people concerned, all in one transaction. Two people acting at the same moment are
serialised by the lock, so they can never produce two decisions.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from communications.selectors import reminder_sent
from communications.services import (
    notifications_mark_done,
    notify,
    reminder_cancel,
    reminder_schedule,
)
from governance.models import VOTING_ROLES, AgendaItem, Body, BodyKind, Membership
from governance.positions import permissions
from governance.positions.kinds import (
    CONSULTATION_OPENED,
    POSITION_DECIDED,
    POSITION_PUBLISHED,
    POSITION_WITHDRAWN,
    VOTE_NEEDED,
    VOTE_RESTARTED,
)
from governance.positions.models import (
    IN_FORCE_STATES,
    AuditEntry,
    ConsultationAnswer,
    ConsultationQuestion,
    Position,
    PositionState,
    PositionVersion,
    Publication,
    QuestionAnswer,
    Stance,
    Vote,
    VoteChoice,
)
from governance.positions.selectors import vote_tally, voting_member_ids
from governance.selectors import decision_items
from network.models import Department, User
from network.permissions import department_leaders_q, require
from network.search import search_index
from network.translations import in_every_language, translated, versions
from network.validators import check_sensible_dates, validate_single_line

decisions = logging.getLogger("verkosto.decisions")


def _lock(position: Position) -> None:
    position.refresh_from_db(from_queryset=Position.objects.select_for_update())


def _expect(position: Position, *states: str) -> None:
    if position.state not in states:
        raise ValidationError(
            _("This cannot be done while the position is “%(state)s”.")
            % {"state": position.get_state_display()}
        )


def _audit(position: Position, actor: User | None, action: str, **detail: Any) -> AuditEntry:
    current = position.current_version if position.current_version_id else None
    version = current.number if current is not None else None
    decisions.info(
        "Position %s: %s",
        position.pk,
        action,
        extra={"position_id": position.pk, "actor_id": getattr(actor, "pk", None)},
    )
    return AuditEntry.objects.create(
        position=position, actor=actor, action=action, version_number=version, detail=detail
    )


def _params(position: Position) -> dict:
    """A notification's params: the title in every language, each recipient reads theirs."""
    return {"title": versions(position, "title")}


def _director_ids() -> list[int]:
    return list(User.objects.filter(department_leaders_q()).values_list("pk", flat=True))


# --- Drafting ---------------------------------------------------------------------------------


def position_create(
    *,
    actor: User,
    title: str,
    summary: str,
    text: str,
    background: str = "",
    prepared_by: Body | None = None,
    cornerstones: list[str] | None = None,
    workstreams: list[str] | None = None,
    request_from: str = "",
    request_reference: str = "",
    request_deadline: date | None = None,
    request_link: str = "",
    supersedes: Position | None = None,
    **translations: str,
) -> Position:
    """Draft a position. ``translations`` are the Swedish and English versions of the
    text (``title_sv``, ``summary_en``, … of ``TRANSLATED_VERSION_FIELDS``), all optional."""
    require(permissions.can_draft(actor))
    check_sensible_dates(request_deadline=request_deadline)
    with transaction.atomic():
        if supersedes is not None:
            # Locked, so that two replacements of the same position cannot both be drafted.
            _lock(supersedes)
            if supersedes.state not in IN_FORCE_STATES:
                raise ValidationError(_("Only an approved position can be superseded."))
            if not permissions.can_supersede(actor, supersedes):
                raise ValidationError(
                    _("A replacement of this position is already being prepared.")
                )
        position = Position.objects.create(
            title=title.strip(),
            prepared_by=prepared_by,
            cornerstones=sorted(set(cornerstones or [])),
            workstreams=sorted(set(workstreams or [])),
            request_from=request_from,
            request_reference=request_reference,
            request_deadline=request_deadline,
            request_link=request_link,
            supersedes=supersedes,
            created_by=actor,
        )
        _new_version(
            position, actor, _version_texts(title, summary, text, background, translations)
        )
        _audit(position, actor, "created", supersedes=supersedes.pk if supersedes else None)
        if supersedes is not None:
            _audit(supersedes, actor, "replacement_drafted", replacement=position.pk)
    return position


#: The texts of a version: Finnish in the bare columns, Swedish and English beside them.
VERSION_FIELDS = ("title", "summary", "text", "background")
TRANSLATED_VERSION_FIELDS = tuple(
    f"{field}_{language}" for language in ("sv", "en") for field in VERSION_FIELDS
)


def _version_texts(
    title: str, summary: str, text: str, background: str, translations: dict[str, Any]
) -> dict[str, str]:
    unknown = set(translations) - set(TRANSLATED_VERSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown version fields: {sorted(unknown)}")
    texts = {"title": title, "summary": summary, "text": text, "background": background}
    texts.update({name: translations.get(name) or "" for name in TRANSLATED_VERSION_FIELDS})
    return {name: (value or "").strip() for name, value in texts.items()}


def _new_version(position: Position, actor: User, texts: dict[str, str]) -> PositionVersion:
    if not texts["title"] or not texts["summary"] or not texts["text"]:
        raise ValidationError(_("A position needs a title, a summary and a text."))
    for name in ("title", "title_sv", "title_en"):
        try:
            validate_single_line(texts[name])
        except ValidationError as error:
            raise ValidationError({name: error}) from None
    number = (
        position.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = PositionVersion.objects.create(
        position=position, number=number, created_by=actor, **texts
    )
    position.current_version = version
    position.title = version.title
    position.title_sv = version.title_sv
    position.title_en = version.title_en
    position.save(update_fields=["current_version", "title", "title_sv", "title_en"])
    search_index("position", position.pk)
    return version


def position_revise(
    *,
    actor: User,
    position: Position,
    title: str,
    summary: str,
    text: str,
    background: str = "",
    **tags: Any,
) -> PositionVersion:
    """Save a new version of the text. If the board is voting, the vote starts over on
    the new version and the voters are told."""
    check_sensible_dates(request_deadline=tags.get("request_deadline"))
    with transaction.atomic():
        _lock(position)
        require(permissions.can_edit(actor, position))
        _expect(
            position, *[PositionState.DRAFT, PositionState.CONSULTATION, PositionState.BOARD_VOTE]
        )
        for name in ("cornerstones", "workstreams"):
            if name in tags:
                setattr(position, name, sorted(set(tags[name])))
        for name in ("request_from", "request_reference", "request_deadline", "request_link"):
            if name in tags:
                setattr(position, name, tags[name])
        position.save()
        translations = {k: tags[k] for k in TRANSLATED_VERSION_FIELDS if k in tags}
        texts = _version_texts(title, summary, text, background, translations)
        current = position.current_version
        if current is not None and all(getattr(current, k) == v for k, v in texts.items()):
            return current
        version = _new_version(position, actor, texts)
        _audit(position, actor, "revised")
        if position.state == PositionState.BOARD_VOTE:
            voted = set(
                Vote.objects.filter(position=position, round=position.vote_round).values_list(
                    "cast_by_id", flat=True
                )
            )
            position.vote_round += 1
            position.vote_version = version
            position.save(update_fields=["vote_round", "vote_version"])
            _audit(position, actor, "vote_restarted", round=position.vote_round)
            notify(
                recipients=set(voting_member_ids()) | voted,
                kind=VOTE_RESTARTED,
                about=position,
                params=_params(position),
                exclude=[actor],
            )
    return version


# --- Consultation ------------------------------------------------------------------------------


def consultation_open(
    *, actor: User, position: Position, deadline: datetime, questions: list[str] | None = None
) -> Position:
    """Ask every department for its answer before the deadline."""
    require(permissions.can_run_process(actor))
    check_sensible_dates(deadline=deadline)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.DRAFT)
        earlier = ConsultationAnswer.objects.filter(position=position).count()
        # A new round asks about the current text: answers to an earlier text do not count
        # (the audit trail keeps who answered what and when).
        ConsultationAnswer.objects.filter(position=position).delete()
        ConsultationQuestion.objects.filter(position=position).delete()
        reminder_cancel(key=f"position:{position.pk}:consultation-closing")
        position.state = PositionState.CONSULTATION
        position.consultation_deadline = deadline
        position.save(update_fields=["state", "consultation_deadline"])
        for order, text in enumerate([q.strip() for q in questions or [] if q.strip()], start=1):
            ConsultationQuestion.objects.create(position=position, order=order, text=text)
        _audit(
            position,
            actor,
            "consultation_opened",
            deadline=deadline.isoformat(),
            earlier_answers_cleared=earlier,
        )
        directors = _director_ids()
        notify(
            recipients=directors, kind=CONSULTATION_OPENED, about=position, params=_params(position)
        )
        _schedule_consultation_reminder(position)
    return position


def _schedule_consultation_reminder(position: Position) -> None:
    """Remind, three days before the deadline, the departments that have not answered."""
    answered = ConsultationAnswer.objects.filter(position=position).values("department_id")
    waiting = User.objects.filter(department_leaders_q()).exclude(department_id__in=answered)
    key = f"position:{position.pk}:consultation-closing"
    recipients = list(waiting.values_list("pk", flat=True))
    deadline = position.consultation_deadline
    if not recipients or deadline is None:
        reminder_cancel(key=key)
        return
    if reminder_sent(key=key):
        return  # the "closes soon" reminder has gone; answers do not send it again
    reminder_schedule(
        key=key,
        recipients=recipients,
        kind="reminder",
        due_at=max(deadline - timedelta(days=3), timezone.now()),
        about=position,
        params={
            "title": in_every_language(
                lambda: (
                    _("Consultation closes: %(title)s")
                    % {"title": translated(position, "title").text}
                )
            )
        },
    )


def consultation_answer(
    *,
    user: User,
    position: Position,
    stance: str,
    comment: str = "",
    question_answers: dict[int, str] | None = None,
) -> ConsultationAnswer:
    """The director (or deputy) gives, or revises, their department's one answer."""
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.CONSULTATION)
        department = user.department
        if not permissions.can_answer_for(user) or department is None:
            raise PermissionDenied(_("Only a department's rescue director or deputy answers."))
        deadline = position.consultation_deadline
        if deadline is None or timezone.now() > deadline:
            raise ValidationError(_("The consultation has closed."))
        if stance not in Stance.values:
            raise ValidationError({"stance": _("Choose your department's position.")})
        if stance == Stance.SUPPORTS_WITH_CHANGES and not comment.strip():
            raise ValidationError({"comment": _("Say which changes your department wants.")})
        existing = ConsultationAnswer.objects.filter(
            position=position, department_id=department.pk
        ).first()
        if existing is None:
            answer = ConsultationAnswer.objects.create(
                position=position,
                department_id=department.pk,
                stance=stance,
                comment=comment.strip(),
                answered_by=user,
            )
        else:
            answer = existing
            answer.stance, answer.comment, answer.answered_by = stance, comment.strip(), user
            answer.revised_at = timezone.now()
            answer.save()
        for question in position.questions.all():
            text = (question_answers or {}).get(question.pk, "").strip()
            QuestionAnswer.objects.update_or_create(
                answer=answer, question=question, defaults={"text": text}
            )
        _audit(
            position,
            user,
            "answer_revised" if existing else "answered",
            department=department.name_fi,
            stance=stance,
        )
        # Done for the department: its director's and deputy's requests are answered.
        notifications_mark_done(
            users=User.objects.filter(department_leaders_q(), department_id=department.pk),
            about=position,
            kinds=[CONSULTATION_OPENED, "reminder"],
        )
        _schedule_consultation_reminder(position)
        search_index("consultation_answer", answer.pk)
    return answer


# --- Board vote ----------------------------------------------------------------------------------


def vote_open(
    *, actor: User, position: Position, close_consultation_early: bool = False
) -> Position:
    """Put the current version to the board's vote. While the consultation is still open,
    this closes it early only when the actor has confirmed so; the audit trail records who
    closed it, how many departments had answered and the deadline that was cut short."""
    require(permissions.can_run_process(actor))
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.CONSULTATION)
        deadline = position.consultation_deadline
        if deadline is not None and deadline > timezone.now():
            answered = ConsultationAnswer.objects.filter(position=position).count()
            departments = Department.objects.filter(is_active=True).count()
            if not close_consultation_early:
                raise ValidationError(
                    _(
                        "The consultation is open until %(deadline)s and %(missing)s of "
                        "%(total)s departments have not answered: confirm that you close it "
                        "early."
                    )
                    % {
                        "deadline": formats.date_format(
                            timezone.localtime(deadline), "SHORT_DATETIME_FORMAT"
                        ),
                        "missing": departments - answered,
                        "total": departments,
                    },
                    code="consultation_open",
                )
            _audit(
                position,
                actor,
                "consultation_closed_early",
                deadline=deadline.isoformat(),
                answered=answered,
                not_answered=departments - answered,
            )
        position.state = PositionState.BOARD_VOTE
        position.vote_round += 1
        position.vote_version = position.current_version
        position.save(update_fields=["state", "vote_round", "vote_version"])
        reminder_cancel(key=f"position:{position.pk}:consultation-closing")
        _audit(position, actor, "vote_opened", round=position.vote_round)
        notify(
            recipients=voting_member_ids(),
            kind=VOTE_NEEDED,
            about=position,
            params=_params(position),
        )
    return position


def _principal_seats(user: User) -> dict[int, User]:
    """Read under the position's lock, never from a per-request cache."""
    return {
        seat.user_id: seat.user
        for seat in Membership.objects.active()
        .filter(body__kind=BodyKind.BOARD, role__in=VOTING_ROLES, personal_deputy=user)
        .select_related("user")
    }


def vote_cast(
    *,
    user: User,
    position: Position,
    choice: str,
    reason: str = "",
    in_place_of: User | None = None,
) -> Vote:
    """One vote per seat, on the exact version put to the vote.

    A board member votes for their own seat and may change the vote until it closes; their
    own vote replaces one their personal deputy cast for them. A personal deputy votes only
    for their own principal, and only while the principal has not voted."""
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose how you vote.")})
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.BOARD_VOTE)
        version = position.vote_version
        if version is None:  # set whenever a position is put to the vote
            raise RuntimeError(f"Position {position.pk} is under vote without a version")
        if in_place_of is None or in_place_of == user:
            if user.pk not in voting_member_ids():
                raise PermissionDenied(_("Only board members vote."))
            member = user
        else:
            principals = _principal_seats(user)
            if in_place_of.pk not in principals:
                raise PermissionDenied(
                    _("You can vote only for the member whose personal deputy you are.")
                )
            member = principals[in_place_of.pk]
        existing = Vote.objects.filter(
            position=position, round=position.vote_round, member=member
        ).first()
        if member != user and existing and existing.cast_by_id == member.pk:
            raise ValidationError(
                _("%(name)s has voted; their own vote stands.") % {"name": member.full_name}
            )
        replaced_deputy = (
            existing.cast_by
            if existing and member == user and existing.cast_by_id != user.pk
            else None
        )
        vote, _created = Vote.objects.update_or_create(
            position=position,
            round=position.vote_round,
            member=member,
            defaults={
                "version": version,
                "cast_by": user,
                "choice": choice,
                "reason": reason.strip(),
                "cast_at": timezone.now(),
            },
        )
        _audit(
            position,
            user,
            "voted",
            choice=choice,
            round=position.vote_round,
            version=version.number,
            in_place_of=member.full_name if member != user else "",
            replaces_deputy=replaced_deputy.full_name if replaced_deputy else "",
        )
        notifications_mark_done(users=[user], about=position, kinds=[VOTE_NEEDED, VOTE_RESTARTED])
    return vote


def vote_close(*, actor: User, position: Position) -> Position:
    """The chair closes the vote: approved or rejected by the rules, or refused without a quorum."""
    require(permissions.can_close_vote(actor))
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.BOARD_VOTE)
        tally = vote_tally(position)
        if not tally.quorum:
            raise ValidationError(
                _("No quorum: %(cast)s of %(seats)s board members have voted; more than half must.")
                % {"cast": tally.cast, "seats": tally.seats}
            )
        return _decide(
            position,
            actor,
            approved=tally.approved,
            how="vote",
            tally={"approve": tally.approve, "reject": tally.reject, "abstain": tally.abstain},
        )


def decision_record_from_meeting(
    *, actor: User, position: Position, agenda_item: AgendaItem, approved: bool
) -> Position:
    """Record the board's decision taken in a meeting, with the agenda item as its source:
    an item of a published board meeting that has started and that the actor may see."""
    require(permissions.can_run_process(actor))
    if not decision_items(user=actor).filter(pk=agenda_item.pk).exists():
        raise ValidationError(
            {
                "agenda_item": _(
                    "Choose an item of a board meeting that has been held and that you may see."
                )
            }
        )
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.BOARD_VOTE)
        position.decision_reference = (
            f"{agenda_item.meeting.title}, {agenda_item.position}. {agenda_item.title}"
        )
        return _decide(position, actor, approved=approved, how="meeting", item=agenda_item.pk)


def _decide(position: Position, actor: User, *, approved: bool, **detail: Any) -> Position:
    position.state = PositionState.APPROVED if approved else PositionState.REJECTED
    position.decided_at = timezone.now()
    position.decided_version = position.vote_version
    position.save(update_fields=["state", "decided_at", "decided_version", "decision_reference"])
    search_index("position", position.pk)
    _audit(position, actor, "approved" if approved else "rejected", **detail)
    if position.supersedes_id:
        old = Position.objects.select_for_update().get(pk=position.supersedes_id)
        if approved and old.state in IN_FORCE_STATES:
            old.state = PositionState.SUPERSEDED
            old.superseded_at = position.decided_at
            old.save(update_fields=["state", "superseded_at"])
            reminder_cancel(key=f"position:{old.pk}:review")
            search_index("position", old.pk)
            _audit(old, actor, "superseded", by=position.pk)
        elif not approved:
            _release_superseded(position)
    notify(
        recipients=set(voting_member_ids()) | {position.created_by_id},
        kind=POSITION_DECIDED,
        about=position,
        params={**_params(position), "outcome": position.state},
        exclude=[actor],
    )
    return position


def vote_return_to_draft(*, actor: User, position: Position, reason: str) -> Position:
    """The chair returns the position to its drafters instead of deciding."""
    require(permissions.can_close_vote(actor))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the position is returned.")})
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.BOARD_VOTE)
        position.state = PositionState.DRAFT
        position.save(update_fields=["state"])
        _audit(position, actor, "returned_to_draft", reason=reason.strip())
    return position


# --- After the decision ---------------------------------------------------------------------------


def position_publish(
    *,
    actor: User,
    position: Position,
    publication: str,
    text: str = "",
    text_sv: str = "",
    text_en: str = "",
    review_date: date | None = None,
) -> Position:
    """A communications officer publishes an approved position on one of its two tracks:
    inside the network (with a change-management brief) or on the public site (with an
    advocacy text; the decided text when none is written). Each track is published once.
    The text may come in Swedish and English too (``text_sv``, ``text_en``)."""
    require(permissions.can_publish(actor))
    check_sensible_dates(review_date=review_date)
    if publication not in Publication.values:
        raise ValidationError({"publication": _("Choose where to publish.")})
    with transaction.atomic():
        _lock(position)
        _expect(position, PositionState.APPROVED, PositionState.PUBLISHED)
        now = timezone.now()
        if publication == Publication.INTERNAL:
            if position.internal_published_at:
                raise ValidationError(_("It is already published inside the network."))
            position.internal_brief, position.internal_published_at = text.strip(), now
            position.internal_brief_sv = text_sv.strip()
            position.internal_brief_en = text_en.strip()
        else:
            if position.public_published_at:
                raise ValidationError(_("It is already published on the public site."))
            position.public_text, position.public_published_at = text.strip(), now
            position.public_text_sv = text_sv.strip()
            position.public_text_en = text_en.strip()
        position.state = PositionState.PUBLISHED
        if review_date:
            position.review_date = review_date
        position.save()
        search_index("position", position.pk)
        _audit(position, actor, "published", publication=publication)
        notify(
            recipients=_director_ids() + voting_member_ids(),
            kind=POSITION_PUBLISHED,
            about=position,
            params=_params(position),
            exclude=[actor],
            once=True,  # the second track does not tell the same people again
        )
        if review_date:
            reminder_schedule(
                key=f"position:{position.pk}:review",
                recipients=[position.created_by_id],
                kind="reminder",
                due_at=timezone.make_aware(datetime.combine(review_date, datetime.min.time())),
                about=position,
                params={
                    "title": in_every_language(
                        lambda: (
                            _("Review the position: %(title)s")
                            % {"title": translated(position, "title").text}
                        )
                    )
                },
            )
    return position


def position_withdraw(*, actor: User, position: Position, reason: str) -> Position:
    """Withdraw a position still being prepared (a decided one is retracted instead)."""
    with transaction.atomic():
        _lock(position)
        require(permissions.can_withdraw(actor, position))
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the position is withdrawn.")})
        position.state = PositionState.WITHDRAWN
        position.save(update_fields=["state"])
        reminder_cancel(key=f"position:{position.pk}:consultation-closing")
        _audit(position, actor, "withdrawn", reason=reason.strip())
        _release_superseded(position)
    return position


def _release_superseded(replacement: Position) -> None:
    """A replacement that was rejected or withdrawn no longer holds the old position's one
    place for a replacement; the audit trail keeps which one it was."""
    if replacement.supersedes_id is None:
        return
    old_pk = replacement.supersedes_id
    replacement.supersedes = None
    replacement.save(update_fields=["supersedes"])
    AuditEntry.objects.create(
        position_id=old_pk,
        actor=None,
        action="replacement_dropped",
        detail={"replacement": replacement.pk},
    )


def position_retract(*, actor: User, position: Position, reason: str) -> Position:
    """Withdraw a position the board had approved (published or not), with its reason.
    It stays readable, marked withdrawn; its public page says so, with the reason and the
    date; key messages resting on it are no longer offered as current."""
    with transaction.atomic():
        _lock(position)
        require(permissions.can_retract(actor, position))
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": _("Say why the position is withdrawn.")})
        position.state = PositionState.WITHDRAWN
        position.withdrawn_at = timezone.now()
        position.withdrawal_reason = reason
        position.save(update_fields=["state", "withdrawn_at", "withdrawal_reason"])
        reminder_cancel(key=f"position:{position.pk}:review")
        search_index("position", position.pk)
        _audit(position, actor, "retracted", reason=reason)
        # Everyone who was told of the decision: departments must stop citing it.
        notify(
            recipients=_director_ids() + voting_member_ids(),
            kind=POSITION_WITHDRAWN,
            about=position,
            params=_params(position),
            exclude=[actor],
        )
    return position
