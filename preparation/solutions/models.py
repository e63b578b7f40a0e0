"""Shared solutions, their versions, and each department's adoption with its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from network.models import Department
from network.validators import validate_sensible_date, validate_single_line


class SolutionKind(models.TextChoices):
    MODEL = "model", _("Model")
    TEMPLATE = "template", _("Template")
    PRACTICE = "practice", _("Practice")
    GUIDELINE = "guideline", _("Guideline")


class Solution(models.Model):
    """A shared solution of the network; its current version is kept here, every version
    (with the body that approved it) in ``SolutionVersion``."""

    title_fi = models.CharField(
        _("title (Finnish)"), max_length=250, validators=[validate_single_line]
    )
    title_sv = models.CharField(
        _("title (Swedish)"), max_length=250, blank=True, validators=[validate_single_line]
    )
    title_en = models.CharField(
        _("title (English)"), max_length=250, blank=True, validators=[validate_single_line]
    )
    description_fi = models.TextField(_("description (Finnish)"))
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=SolutionKind.choices)
    version = models.CharField(_("version"), max_length=20, validators=[validate_single_line])
    approved_by = models.ForeignKey(
        "governance.Body",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), validators=[validate_sensible_date])
    made_by = models.ForeignKey(
        "governance.Body",
        verbose_name=_("made by (working group)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    link = models.URLField(_("link to the material"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title_fi"]
        verbose_name = _("shared solution")
        verbose_name_plural = _("shared solutions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("preparation:solution", kwargs={"pk": self.pk})

    def _translated(self, field: str) -> str:
        language = (get_language() or "fi")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_fi")

    @property
    def title(self) -> str:
        return self._translated("title")

    @property
    def description(self) -> str:
        return self._translated("description")


class SolutionVersion(models.Model):
    """One version of a solution, as approved: kept for good, newest first."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=20, validators=[validate_single_line])
    approved_by = models.ForeignKey(
        "governance.Body", verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), validators=[validate_sensible_date])
    changes = models.TextField(_("what changed"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "version"], name="prep_solution_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.solution_id} v{self.version}"


class AdoptionStatus(models.TextChoices):
    NOT_PLANNED = "not_planned", _("Not planned")
    PLANNED = "planned", _("Planned")
    IN_USE = "in_use", _("In use")
    LOCAL = "in_use_local", _("In use with local changes")


#: The statuses that count as adopted.
IN_USE_STATUSES = (AdoptionStatus.IN_USE, AdoptionStatus.LOCAL)


class Adoption(models.Model):
    """A department's current adoption of a solution; its changes are kept below."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="adoptions")
    status = models.CharField(_("status"), max_length=15, choices=AdoptionStatus.choices)
    planned_for = models.DateField(
        pgettext_lazy("adoption", "planned for"),
        null=True,
        blank=True,
        validators=[validate_sensible_date],
    )
    reason = models.TextField(_("local changes and why"), blank=True)
    #: The version taken into use (none while not in use).
    version = models.ForeignKey(
        SolutionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "solution"], name="prep_adoption_once"),
            models.CheckConstraint(
                condition=~Q(status="planned") | Q(planned_for__isnull=False),
                name="prep_adoption_planned_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="in_use_local") | ~Q(reason=""),
                name="prep_adoption_local_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.solution_id}: {self.status}"

    @property
    def in_use(self) -> bool:
        return self.status in IN_USE_STATUSES


class AdoptionChange(models.Model):
    """Append-only: every recorded adoption, as it was recorded."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="+")
    from_status = models.CharField(max_length=15, choices=AdoptionStatus.choices, blank=True)
    to_status = models.CharField(max_length=15, choices=AdoptionStatus.choices)
    planned_for = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    version = models.ForeignKey(
        SolutionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["department", "solution"], name="prep_adoption_history")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
