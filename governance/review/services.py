"""The strategy review's state changes, one function each.

A round is opened by a network admin (the departments' directors are told), departments
comment in its one thread until the deadline, and the directors' meeting's decision,
recorded by its chair or secretary (or a network admin) from a held meeting, closes it.
Comments and the decision lock the round's row, so a comment never lands after the
decision that closed the round.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.services import notifications_mark_done, notify
from governance.models import Meeting
from governance.review import permissions, selectors
from governance.review.kinds import REVIEW_DECIDED, REVIEW_OPENED
from governance.review.models import ReviewComment, ReviewRound, ReviewState
from network.models import Department, User
from network.permissions import department_leaders_q, require
from network.search import search_index
from network.translations import versions
from network.validators import check_sensible_dates, validate_single_line

decisions = logging.getLogger("verkosto.decisions")

COMMENT_MAX = 10_000
DECISION_MAX = 20_000


def _lock(review: ReviewRound) -> None:
    review.refresh_from_db(from_queryset=ReviewRound.objects.select_for_update())


def _director_ids() -> list[int]:
    return list(User.objects.filter(department_leaders_q()).values_list("pk", flat=True))


def review_round_open(
    *,
    actor: User,
    name_fi: str,
    covers_from: date,
    deadline: date,
    name_sv: str = "",
    name_en: str = "",
    introduction_fi: str = "",
    introduction_sv: str = "",
    introduction_en: str = "",
) -> ReviewRound:
    """Open a round for the departments' comments; every department's director and deputy
    is told (in the same transaction, through the outbox)."""
    require(permissions.can_open_round(actor))
    check_sensible_dates(covers_from=covers_from, deadline=deadline)
    for field, value in (("name_fi", name_fi), ("name_sv", name_sv), ("name_en", name_en)):
        try:
            validate_single_line(value)
        except ValidationError as error:
            raise ValidationError({field: error}) from None
    if not name_fi.strip():
        raise ValidationError({"name_fi": _("Give the round a title in Finnish.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline must not be in the past.")})
    if covers_from > deadline:
        raise ValidationError({"covers_from": _("The period must start before the deadline.")})
    with transaction.atomic():
        review = ReviewRound.objects.create(
            name_fi=name_fi.strip(),
            name_sv=name_sv.strip(),
            name_en=name_en.strip(),
            introduction_fi=introduction_fi.strip(),
            introduction_sv=introduction_sv.strip(),
            introduction_en=introduction_en.strip(),
            covers_from=covers_from,
            deadline=deadline,
            opened_by=actor,
        )
        decisions.info("Strategy review %s opened", review.pk, extra={"actor_id": actor.pk})
        search_index("review_round", review.pk)
        notify(
            recipients=_director_ids(),
            kind=REVIEW_OPENED,
            about=review,
            params={"title": versions(review, "name")},
        )
    return review


def review_comment_add(
    *, user: User, review: ReviewRound, department: Department, text: str
) -> ReviewComment:
    """Add the department's comment to the round's thread: by its director, deputy or a
    reporter the director named, while the round is open and before its deadline ends."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError({"text": _("The comment is too long.")})
    with transaction.atomic():
        _lock(review)
        if review.state != ReviewState.OPEN:
            raise ValidationError(_("The round has been decided; comments are closed."))
        if not review.comments_open:
            raise ValidationError(_("The deadline has passed; comments are closed."))
        if not permissions.can_comment(user, review, department):
            raise PermissionDenied(
                _("Only the department's director, deputy or named reporter comments for it.")
            )
        comment = ReviewComment.objects.create(
            round=review, department=department, author=user, text=text
        )
        # Done for the department: its director's and deputy's requests are answered.
        notifications_mark_done(
            users=User.objects.filter(department_leaders_q(), department=department),
            about=review,
            kinds=[REVIEW_OPENED],
        )
    return comment


def review_decide(
    *,
    actor: User,
    review: ReviewRound,
    meeting: Meeting,
    decision_fi: str,
    decision_sv: str = "",
) -> ReviewRound:
    """Record the directors' meeting's decision, taken in a held meeting of the directors'
    meeting that the actor may see; the decision closes the round for good."""
    require(permissions.can_record_decision(actor))
    decision_fi, decision_sv = decision_fi.strip(), decision_sv.strip()
    if not decision_fi:
        raise ValidationError({"decision_fi": _("Write the decision in Finnish.")})
    if len(decision_fi) > DECISION_MAX or len(decision_sv) > DECISION_MAX:
        raise ValidationError(_("The decision is too long."))
    if not selectors.decision_meetings(user=actor).filter(pk=meeting.pk).exists():
        raise ValidationError(
            {
                "meeting": _(
                    "Choose a meeting of the directors' meeting that has been held and "
                    "that you may see."
                )
            }
        )
    with transaction.atomic():
        _lock(review)
        if review.state != ReviewState.OPEN:
            raise ValidationError(_("The round has already been decided."))
        review.state = ReviewState.DECIDED
        review.decision_fi = decision_fi
        review.decision_sv = decision_sv
        review.decided_in = meeting
        review.decided_by = actor
        review.decided_at = timezone.now()
        review.save(
            update_fields=[
                "state",
                "decision_fi",
                "decision_sv",
                "decided_in",
                "decided_by",
                "decided_at",
            ]
        )
        search_index("review_round", review.pk)
        decisions.info(
            "Strategy review %s decided in meeting %s",
            review.pk,
            meeting.pk,
            extra={"actor_id": actor.pk},
        )
        directors = _director_ids()
        # The round no longer waits for anyone.
        notifications_mark_done(users=directors, about=review, kinds=[REVIEW_OPENED])
        notify(
            recipients=directors,
            kind=REVIEW_DECIDED,
            about=review,
            params={"title": versions(review, "name")},
            exclude=[actor],
        )
    return review
