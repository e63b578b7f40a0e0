"""The strategy review: a round that departments comment on and the directors' meeting
decides, with the decision kept with the round."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Department, TranslatedNameMixin
from network.validators import validate_sensible_date


class ReviewState(models.TextChoices):
    OPEN = "open", _("Open for comments")
    DECIDED = "decided", _("Decided")


class ReviewRound(TranslatedNameMixin):
    """One review of the strategy: its title (``name_*``), the period it looks at, the
    deadline for the departments' comments, and the directors' meeting's decision."""

    introduction_fi = models.TextField(_("introduction (Finnish)"), blank=True)
    introduction_sv = models.TextField(_("introduction (Swedish)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    covers_from = models.DateField(
        _("looks at what was done since"), validators=[validate_sensible_date]
    )
    deadline = models.DateField(_("comments by"), validators=[validate_sensible_date])
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    decision_fi = models.TextField(_("decision (Finnish)"), blank=True)
    decision_sv = models.TextField(_("decision (Swedish)"), blank=True)
    decided_in = models.ForeignKey(
        "governance.Meeting",
        verbose_name=_("decided in the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("strategy review round")
        verbose_name_plural = _("strategy review rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("covers_from")),
                name="review_round_deadline_after_start",
                violation_error_message=_("The deadline must come after the period's start."),
            ),
            # A decided round carries its whole decision; an open one none of it.
            models.CheckConstraint(
                condition=(
                    Q(
                        state=ReviewState.DECIDED,
                        decided_at__isnull=False,
                        decided_in__isnull=False,
                        decided_by__isnull=False,
                    )
                    & ~Q(decision_fi="")
                )
                | Q(state=ReviewState.OPEN, decided_at__isnull=True, decided_in__isnull=True),
                name="review_round_decision_complete",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("review:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return self.name

    @property
    def introduction(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "fi")[:2]
        return getattr(self, f"introduction_{language}", "") or self.introduction_fi

    @property
    def decision(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fi")[:2] == "sv" and self.decision_sv:
            return self.decision_sv
        return self.decision_fi

    @property
    def is_open(self) -> bool:
        return self.state == ReviewState.OPEN

    @property
    def comments_open(self) -> bool:
        """Comments are taken until the end of the deadline day, and never after the
        decision."""
        return self.is_open and timezone.localdate() <= self.deadline


class ReviewComment(models.Model):
    """A department's comment in the round's one thread (a department may write again,
    e.g. to answer another)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="comments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["round", "department"], name="review_comment_department")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="review_comment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.department_id}"
