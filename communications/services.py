"""State changes of communications: telling people things, and their choices about it.

``notify`` is the one way every app tells people about something. It writes the
notification rows inside the caller's transaction (a transactional outbox), so they
exist if and only if the event happened, and asks for delivery only after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.due_rows import handle_due_rows
from communications.kinds import Delivery, get_kind
from communications.models import (
    DeliverySettings,
    EmailState,
    Follow,
    Notification,
    NotificationPreference,
    ReminderState,
    ScheduledNotification,
)
from communications.selectors import deliveries_for
from network.models import User
from network.permissions import require
from network.validators import check_sensible_dates

logger = logging.getLogger(__name__)


def _about_fields(about: models.Model | None) -> dict:
    if about is None:
        return {"about_type": None, "about_id": ""}
    return {
        "about_type": ContentType.objects.get_for_model(about),
        "about_id": str(about.pk),
    }


def _url_for(about: models.Model | None, url: str) -> str:
    if url:
        return url
    if about is not None and hasattr(about, "get_absolute_url"):
        return about.get_absolute_url()
    return ""


_STATE_FOR_DELIVERY: dict[str, EmailState] = {
    Delivery.IMMEDIATE: EmailState.PENDING,
    Delivery.DIGEST: EmailState.DIGEST,
    Delivery.OFF: EmailState.NONE,
}


def notify(
    *,
    recipients: Iterable[User | int],
    kind: str,
    about: models.Model | None = None,
    params: dict | None = None,
    url: str = "",
    urgent: bool = False,
    exclude: Iterable[User | int] = (),
    once: bool = False,
) -> list[Notification]:
    """Tell people about something. Call it inside the transaction of the event.

    With ``once``, people already told of this kind about the same object are not told
    again (an event that recurs, such as a position published on its second track).

    Guarantees: one row per active recipient (duplicates and inactive people dropped),
    written with bulk inserts in the caller's transaction; each row's e-mail state
    follows the recipient's preference for the kind (urgent ones are e-mailed at once
    unless the person turned that kind off); delivery is requested after commit, and if
    that request fails (broker down) the relay delivers the rows later.
    """
    get_kind(kind)  # unknown kinds fail loudly, in the caller's transaction
    excluded = {r.pk if isinstance(r, User) else r for r in exclude}
    wanted = {r.pk if isinstance(r, User) else r for r in recipients} - excluded
    if once and about is not None:
        already = Notification.objects.filter(
            kind=kind, recipient_id__in=wanted, **_about_fields(about)
        ).values_list("recipient_id", flat=True)
        wanted -= set(already)
    recipient_ids = list(
        User.objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True)
    )
    if not recipient_ids:
        return []
    deliveries = deliveries_for(recipient_ids, kind)
    now = timezone.now()
    common = {
        "kind": kind,
        "params": params or {},
        "url": _url_for(about, url),
        "urgent": urgent,
        "created_at": now,
        **_about_fields(about),
    }
    rows = []
    for user_id in sorted(recipient_ids):
        delivery = deliveries[user_id]
        if urgent and delivery == Delivery.DIGEST:
            delivery = Delivery.IMMEDIATE
        rows.append(
            Notification(recipient_id=user_id, email_state=_STATE_FOR_DELIVERY[delivery], **common)
        )
    created = Notification.objects.bulk_create(rows, batch_size=1000)
    to_email = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if to_email:
        from communications.outbox import request_delivery

        transaction.on_commit(lambda: request_delivery(to_email))
    return created


def notify_followers(
    *,
    about: models.Model,
    kind: str,
    params: dict | None = None,
    url: str = "",
    exclude: Iterable[User | int] = (),
) -> list[Notification]:
    """Tell everyone who follows ``about`` (except, typically, the person who acted)."""
    return notify(
        recipients=followers_of([about]),
        kind=kind,
        about=about,
        params=params,
        url=url,
        exclude=exclude,
    )


def followers_of(objects: Iterable[models.Model]) -> list[int]:
    """The people who follow any of the objects, each once."""
    condition = Q(pk__in=[])
    for about in objects:
        condition |= Q(about_type=ContentType.objects.get_for_model(about), about_id=str(about.pk))
    return list(Follow.objects.filter(condition).values_list("user_id", flat=True).distinct())


def follow_set(*, user: User, about: models.Model, following: bool) -> bool:
    """Follow or stop following an item. Returns whether the person now follows it."""
    lookup: dict[str, Any] = {
        "user": user,
        "about_type": ContentType.objects.get_for_model(about),
        "about_id": str(about.pk),
    }
    if following:
        try:
            with transaction.atomic():
                Follow.objects.get_or_create(**lookup)
        except IntegrityError:
            pass  # followed twice at the same moment: the first one stands
        return True
    Follow.objects.filter(**lookup).delete()
    return False


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the person's own notifications read; others' are not found."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_done(
    *, users: Iterable[User | int], about: models.Model, kinds: Iterable[str]
) -> int:
    """The people have done what these notifications asked of them (voted, answered,
    commented): mark them read, so the inbox shows only what still waits."""
    return Notification.objects.filter(
        recipient_id__in=[getattr(u, "pk", u) for u in users],
        kind__in=list(kinds),
        read_at__isnull=True,
        **_about_fields(about),
    ).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_set(*, user: User, kind: str, delivery: str) -> NotificationPreference:
    """Choose how one kind of notification is e-mailed to this person."""
    get_kind(kind)
    if delivery not in Delivery.values:
        raise ValidationError(_("Unknown choice of delivery."))
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )
    return preference


def digest_hour_set(*, user: User, hour: int) -> DeliverySettings:
    if not 0 <= hour <= 23:
        raise ValidationError(_("Choose an hour between 0 and 23."))
    delivery_settings, _created = DeliverySettings.objects.update_or_create(
        user=user, defaults={"digest_hour": hour}
    )
    return delivery_settings


def reminder_schedule(
    *,
    key: str,
    recipients: Iterable[User | int],
    kind: str,
    due_at: datetime,
    about: models.Model | None = None,
    params: dict | None = None,
    url: str = "",
) -> ScheduledNotification:
    """Schedule a notification for later, replacing any still-scheduled one with the key.

    Call it in the transaction of the event that sets the deadline. A due time outside
    the sensible years is refused: the relay could not read such a row back.
    """
    get_kind(kind)
    check_sensible_dates(due_at=due_at)
    ScheduledNotification.objects.filter(key=key, state=ReminderState.SCHEDULED).update(
        state=ReminderState.CANCELLED
    )
    return ScheduledNotification.objects.create(
        key=key,
        kind=kind,
        recipient_ids=sorted({getattr(r, "pk", r) for r in recipients}),
        params=params or {},
        url=_url_for(about, url),
        due_at=due_at,
        **_about_fields(about),
    )


def reminder_cancel(*, key: str) -> int:
    """Cancel a scheduled reminder (e.g. everyone answered). Returns how many were cancelled."""
    return ScheduledNotification.objects.filter(key=key, state=ReminderState.SCHEDULED).update(
        state=ReminderState.CANCELLED
    )


def reminders_release_due(*, now: datetime | None = None) -> int:
    """Turn every due reminder into notifications, each exactly once.

    Each reminder is released in its own transaction; one that cannot be (the object it
    is about was deleted, its due time cannot be read) is logged and skipped, stays
    scheduled, and the others still go out.
    """
    now = now or timezone.now()
    due = ScheduledNotification.objects.filter(
        state=ReminderState.SCHEDULED, due_at__lte=now
    ).order_by("due_at", "id")
    return handle_due_rows(due, lambda pk: _reminder_release(pk, now=now), what="Reminder")


def _reminder_release(reminder_id: int, *, now: datetime) -> None:
    reminder = ScheduledNotification.objects.select_related("about_type").get(pk=reminder_id)
    about = None
    if reminder.about_type is not None:
        about = reminder.about_type.get_object_for_this_type(pk=reminder.about_id)
    notify(
        recipients=reminder.recipient_ids,
        kind=reminder.kind,
        about=about,
        params=reminder.params,
        url=reminder.url,
    )
    reminder.state = ReminderState.SENT
    reminder.sent_at = now
    reminder.save(update_fields=["state", "sent_at"])


# --- Deliveries that wait or failed ----------------------------------------------------------


def email_retry(*, actor: User, kind: str, pk: int) -> None:
    """A network admin asks for a failed (or long waiting) e-mail again: it is tried anew
    for the configured hours from now."""
    from communications.models import OutgoingEmail
    from communications.outbox import request_delivery, request_outgoing_delivery
    from network.permissions import can_manage_deliveries

    require(can_manage_deliveries(actor))
    now = timezone.now()
    with transaction.atomic():
        if kind == "notification":
            updated = Notification.objects.filter(
                pk=pk, email_state__in=[EmailState.PENDING, EmailState.FAILED]
            ).update(
                email_state=EmailState.PENDING,
                email_attempts=0,
                email_requeued_at=now,
                email_error="",
            )
            if updated:
                transaction.on_commit(lambda: request_delivery([pk], from_relay=True))
        elif kind == "outgoing":
            updated = OutgoingEmail.objects.filter(
                pk=pk, state__in=[EmailState.PENDING, EmailState.FAILED]
            ).update(state=EmailState.PENDING, attempts=0, requeued_at=now, error="")
            if updated:
                transaction.on_commit(lambda: request_outgoing_delivery([pk]))
        else:
            raise ValidationError(_("Choose an e-mail to try again."))
        if not updated:
            raise ValidationError(_("That e-mail has been sent already or no longer exists."))
