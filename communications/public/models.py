"""The network's public voice: news and press releases, in Finnish, Swedish and English."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.validators import validate_sensible_date, validate_single_line


class PublicKind(models.TextChoices):
    NEWS = "news", _("News item")
    PRESS_RELEASE = "press", _("Press release")


class PublicState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Taken off the site")


class PublicItem(models.Model):
    kind = models.CharField(
        _("kind"), max_length=10, choices=PublicKind.choices, default=PublicKind.NEWS
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    #: Language versions of the same item share this.
    translation_of = models.UUIDField(default=uuid.uuid4, db_index=True)
    slug = models.SlugField(_("address"), max_length=120)
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    lead = models.CharField(
        _("lead"),
        max_length=400,
        help_text=_("One or two sentences; also shown when the link is shared."),
    )
    body = models.TextField(_("text"), help_text=_("Markdown: headings, lists, emphasis, links."))
    state = models.CharField(max_length=12, choices=PublicState.choices, default=PublicState.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, validators=[validate_sensible_date]
    )
    published_at = models.DateTimeField(null=True, blank=True)
    #: The title as reviewed and published: the withdrawn page shows this, never a later
    #: edit that no communications officer has reviewed.
    published_title = models.CharField(max_length=250, blank=True, editable=False)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="public_item_slug_per_language"
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="public_item_one_per_language"
            ),
        ]
        indexes = [
            models.Index(
                fields=["language", "-published_at"],
                condition=Q(state="published"),
                name="public_item_live",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:item", kwargs={"language": self.language, "slug": self.slug})

    @property
    def is_live(self) -> bool:
        return (
            self.state == PublicState.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
