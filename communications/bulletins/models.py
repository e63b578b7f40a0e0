"""Internal bulletins (tiedotteet) with audiences, comments and read receipts."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.attachments import Attachment
from network.reform import Cornerstone
from network.validators import validate_sensible_date, validate_single_line


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class Bulletin(models.Model):
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    text = models.TextField(_("text"), help_text=_("Markdown: headings, lists, emphasis, links."))
    #: ``title`` and ``text`` are the Finnish ones (``network/translations.py``).
    title_sv = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    title_en = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    text_sv = models.TextField(blank=True, default="")
    text_en = models.TextField(blank=True, default="")
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Urgent bulletins are e-mailed at once to everyone."),
    )
    state = models.CharField(
        max_length=10, choices=BulletinState.choices, default=BulletinState.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, validators=[validate_sensible_date]
    )
    published_at = models.DateTimeField(null=True, blank=True)
    pinned_until = models.DateField(
        _("pinned until"), null=True, blank=True, validators=[validate_sensible_date]
    )
    cornerstones = ArrayField(
        models.CharField(max_length=20, choices=Cornerstone.choices),
        verbose_name=_("cornerstones"),
        default=list,
        blank=True,
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="bulletin_published"),
            models.Index(
                fields=["publish_at"], condition=Q(state="scheduled"), name="bulletin_due"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bulletins:detail", kwargs={"pk": self.pk})

    @property
    def is_pinned(self) -> bool:
        return self.pinned_until is not None and self.pinned_until >= timezone.localdate()


class BulletinAudience(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="audience")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "kind", "key"], name="bulletin_audience_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "key"], name="bulletin_audience_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class BulletinAttachment(Attachment):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="attachments")


class BulletinRead(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "user"], name="bulletin_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.bulletin_id}"


class BulletinComment(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:40]
