"""The key-messages library's state changes: short approved wording, in Finnish and
Swedish, drawn from a position in force (see ``permissions.can_manage_key_messages``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.positions import permissions
from governance.positions.models import KeyMessage, Position
from network.models import User
from network.permissions import require
from network.search import search_index
from network.validators import check_sensible_dates


def _check(*, position: Position, text_fi: str, text_sv: str, approved_on: date) -> None:
    if not position.in_force:
        raise ValidationError(
            {"position": _("A key message rests on a position the board has approved.")}
        )
    if not text_fi.strip() or not text_sv.strip():
        raise ValidationError(_("Write the message in Finnish and in Swedish."))
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("The date cannot be in the future.")})
    decided = timezone.localtime(position.decided_at).date() if position.decided_at else None
    if decided and approved_on < decided:
        raise ValidationError(
            {"approved_on": _("The wording cannot be approved before the position was.")}
        )


def key_message_create(
    *,
    actor: User,
    position: Position,
    text_fi: str,
    text_sv: str,
    approved_on: date,
    text_en: str = "",
) -> KeyMessage:
    require(permissions.can_manage_key_messages(actor))
    check_sensible_dates(approved_on=approved_on)
    _check(position=position, text_fi=text_fi, text_sv=text_sv, approved_on=approved_on)
    message = KeyMessage(
        position=position,
        text_fi=text_fi.strip(),
        text_sv=text_sv.strip(),
        text_en=text_en.strip(),
        approved_on=approved_on,
        created_by=actor,
    )
    message.full_clean()
    with transaction.atomic():
        message.save()
        search_index("key_message", message.pk)
    return message


def key_message_update(
    *,
    actor: User,
    message: KeyMessage,
    position: Position,
    text_fi: str,
    text_sv: str,
    approved_on: date,
    text_en: str = "",
) -> KeyMessage:
    require(permissions.can_manage_key_messages(actor))
    check_sensible_dates(approved_on=approved_on)
    _check(position=position, text_fi=text_fi, text_sv=text_sv, approved_on=approved_on)
    message.position, message.approved_on = position, approved_on
    message.text_fi, message.text_sv, message.text_en = (
        text_fi.strip(),
        text_sv.strip(),
        text_en.strip(),
    )
    message.full_clean()
    with transaction.atomic():
        message.save()
        search_index("key_message", message.pk)
    return message
