"""Notifications (the outbox), preferences, follows and scheduled reminders."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, get_kind


class EmailState(models.TextChoices):
    """Where a notification's e-mail is. The row is the outbox: it is the truth."""

    NONE = "none", _("Not e-mailed")
    PENDING = "pending", _("Waiting to be e-mailed")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENT = "sent", _("E-mailed")
    FAILED = "failed", _("E-mail failed")


class OutgoingEmail(models.Model):
    """An e-mail that is not a notification (an invitation, a password reset), written in
    the transaction of the request that causes it and sent by the workers, so no request
    waits for the mail server or fails with it.

    Its text is cleared once sent: an invitation's link carries a secret that must not
    outlive its e-mail in the database."""

    to = models.EmailField()
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    requeued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["state", "created_at"],
                condition=Q(state__in=["pending", "failed"]),
                name="outgoing_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class Notification(models.Model):
    """One thing one person is told, written in the same transaction as its event."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_last_attempt_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    #: When an admin asked to try a failed e-mail again: retries run for the configured
    #: hours from then.
    email_requeued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notif_inbox"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread"
            ),
            models.Index(
                fields=["email_state", "created_at"],
                condition=Q(email_state__in=["pending", "digest"]),
                name="notif_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def title(self) -> str:
        """The title in the active language (callers switch to the recipient's)."""
        return get_kind(self.kind).render_title(self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice of e-mail for one kind; without a row the kind's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=60)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.delivery}"


class DeliverySettings(models.Model):
    """When a person's daily digest goes out, and when it last did."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_settings"
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=7,
        help_text=_("The hour (Finnish time) at which the daily digest is sent."),
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_hour__gte=0, digest_hour__lte=23),
                name="notif_digest_hour_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: digest at {self.digest_hour:02d}"


class Follow(models.Model):
    """A person follows an item (a position, a meeting, a work item) to hear of changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    about_id = models.CharField(max_length=64)
    about = GenericForeignKey("about_type", "about_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "about_type", "about_id"], name="notif_follow_once"
            )
        ]
        indexes = [models.Index(fields=["about_type", "about_id"], name="notif_follow_about")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.about_type_id}:{self.about_id}"


class ReminderState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class ScheduledNotification(models.Model):
    """A notification to be sent later: a row with a due time that the relay picks up.

    Not a Celery ETA task: those outlive the broker's visibility timeout badly (run
    twice or get lost), and they cannot be cancelled reliably.
    """

    key = models.CharField(
        max_length=200, help_text="Names the reminder so that it can be cancelled or replaced."
    )
    kind = models.CharField(max_length=60)
    recipient_ids = ArrayField(models.BigIntegerField())
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.CharField(max_length=64, blank=True)
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=10, choices=ReminderState.choices, default=ReminderState.SCHEDULED
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state="scheduled"),
                name="notif_one_scheduled_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(state="scheduled"), name="notif_reminder_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.state}, due {self.due_at:%Y-%m-%d %H:%M})"


# Bulletins and the public site live in their own modules; importing them registers them.
from communications.bulletins.models import (  # noqa: E402, F401
    Bulletin,
    BulletinAttachment,
    BulletinAudience,
    BulletinComment,
    BulletinRead,
)
from communications.public.models import PublicItem  # noqa: E402, F401
