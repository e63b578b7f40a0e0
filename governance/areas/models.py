"""Service areas at work: a yearly action plan (goals and key projects) and the year-end
report to the board."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from network.validators import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    validate_sensible_date,
    validate_single_line,
)


def _in_language(obj, field: str) -> str:
    language = (get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fi")


class ProjectStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    DONE = "done", _("Done")


#: The statuses that ask the board's attention.
TROUBLED_STATUSES = (ProjectStatus.AT_RISK, ProjectStatus.LATE)


class ActionPlan(models.Model):
    """A service area's action plan for one year: its goals (in Finnish, Swedish and
    English, read by the whole network) and its key projects."""

    body = models.ForeignKey(
        "governance.Body", on_delete=models.CASCADE, related_name="action_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    goals_fi = models.TextField(_("goals (Finnish)"), blank=True)
    goals_sv = models.TextField(_("goals (Swedish)"), blank=True)
    goals_en = models.TextField(_("goals (English)"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["body__name_fi", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="governance_plan_once_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_YEAR) & Q(year__lte=LATEST_YEAR),
                name="governance_plan_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("governance:action_plan", kwargs={"slug": self.body.slug, "year": self.year})

    @property
    def goals(self) -> str:
        return _in_language(self, "goals")


class KeyProject(models.Model):
    """A key project (kärkihanke) of a service area's year: its owner, schedule and status."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="projects")
    title_fi = models.CharField(
        _("title (Finnish)"), max_length=200, validators=[validate_single_line]
    )
    title_sv = models.CharField(
        _("title (Swedish)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    title_en = models.CharField(
        _("title (English)"), max_length=200, blank=True, validators=[validate_single_line]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="key_projects",
    )
    starts_on = models.DateField(_("starts"), validators=[validate_sensible_date])
    ends_on = models.DateField(_("ends"), validators=[validate_sensible_date])
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.NOT_STARTED
    )
    #: The latest progress note (every note is kept in the project's updates).
    progress = models.TextField(_("progress"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "title_fi"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="governance_key_project_in_order",
                violation_error_message=_("The project cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def is_troubled(self) -> bool:
        return self.status in TROUBLED_STATUSES


class KeyProjectUpdate(models.Model):
    """One change of a key project's status or one progress note: the project's history
    (rows are only added)."""

    project = models.ForeignKey(KeyProject, on_delete=models.CASCADE, related_name="updates")
    previous_status = models.CharField(max_length=12, choices=ProjectStatus.choices, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices)
    note = models.TextField(_("progress note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["project", "-created_at"], name="governance_project_update")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.previous_status} → {self.status}"

    @property
    def status_changed(self) -> bool:
        return self.previous_status != self.status


class AreaReport(models.Model):
    """A service area's report to the board at the end of a year: the chair's summary and,
    once submitted, what the key projects and working groups reported then."""

    body = models.ForeignKey(
        "governance.Body", on_delete=models.CASCADE, related_name="area_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    summary_fi = models.TextField(_("summary (Finnish)"), blank=True)
    summary_sv = models.TextField(_("summary (Swedish)"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: What the report said when it was submitted (key projects and groups' updates).
    content = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="governance_report_once_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_YEAR) & Q(year__lte=LATEST_YEAR),
                name="governance_report_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("governance:area_report", kwargs={"slug": self.body.slug, "year": self.year})

    @property
    def summary(self) -> str:
        return _in_language(self, "summary")

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
