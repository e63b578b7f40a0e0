"""Reusable reads of communications."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Cast

from communications.kinds import NotificationKind, all_kinds, get_kind
from communications.models import (
    DeliverySettings,
    Follow,
    Notification,
    NotificationPreference,
    ReminderState,
    ScheduledNotification,
)
from network.models import User


def inbox(*, user: User, kind: str = "", unread: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first, of one kind or unread only if asked. Only
    fields the inbox shows are loaded, and nothing is fetched per row (the link is stored,
    the title rendered from params).
    """
    notifications = Notification.objects.filter(recipient=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.only(
        "id", "kind", "params", "url", "urgent", "created_at", "read_at", "recipient_id"
    )


def deliveries_waiting_or_failed(*, limit: int = 200) -> dict:
    """Notifications' e-mail and other e-mail (invitations, resets) that has not gone yet
    or was given up, newest first, with their last error."""
    from communications.models import EmailState, OutgoingEmail

    states = [EmailState.PENDING, EmailState.FAILED]
    return {
        "notifications": list(
            Notification.objects.filter(email_state__in=states)
            .select_related("recipient")
            .order_by("-created_at")[:limit]
        ),
        "outgoing": list(
            OutgoingEmail.objects.filter(state__in=states)
            .defer("body", "html")
            .order_by("-created_at")[:limit]
        ),
    }


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(*, user: User) -> list[tuple[NotificationKind, str]]:
    """Every kind with this person's delivery choice (the kind's default where none)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.key, kind.default_delivery)) for kind in all_kinds()]


def digest_hour_for(*, user: User) -> int:
    found = DeliverySettings.objects.filter(user=user).values_list("digest_hour", flat=True)
    return found[0] if found else DeliverySettings._meta.get_field("digest_hour").default


def is_following(*, user: User, about: models.Model) -> bool:
    followed = getattr(about, "followed_by_viewer", None)  # read with it: ``followed``
    if followed is not None:
        return followed
    return Follow.objects.filter(
        user=user, about_type=ContentType.objects.get_for_model(about), about_id=str(about.pk)
    ).exists()


def followed(*, user: User, model: type[models.Model]) -> Exists:
    """Whether the person follows each row, to annotate as ``followed_by_viewer`` (read
    with the row instead of a question of its own)."""
    return Exists(
        Follow.objects.filter(
            user_id=user.pk,
            about_type=ContentType.objects.get_for_model(model),
            about_id=Cast(OuterRef("pk"), output_field=models.CharField()),
        )
    )


def deliveries_for(recipient_ids: list[int], kind: str) -> dict[int, str]:
    """Each recipient's delivery choice for a kind, in one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=recipient_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    default = get_kind(kind).default_delivery
    return {user_id: chosen.get(user_id, default) for user_id in recipient_ids}


def reminder_sent(*, key: str) -> bool:
    """Whether a reminder with this key has already gone out."""
    return ScheduledNotification.objects.filter(key=key, state=ReminderState.SENT).exists()
