"""The regional preparation of the reform: situational awareness (the timeline),
joint preparation (workstreams and readiness), shared work items, and safety indicators."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.models import Department, TranslatedNameMixin
from network.reform import Cornerstone
from network.translations import translated_property
from network.validators import validate_sensible_date, validate_single_line


class Workstream(TranslatedNameMixin):
    """A workstream of the preparation (organisation, finance, personnel, …); editable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "name_fi"]
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")


# --- Situational awareness ---------------------------------------------------------------------


class EventKind(models.TextChoices):
    LAW = "law", _("Law or government proposal")
    DECISION = "decision", _("Government decision")
    DEADLINE = "deadline", _("Deadline")
    HEARING = "hearing", _("Hearing or consultation")
    NEWS = "news", _("News")
    MILESTONE = "milestone", _("Milestone")


class ReformEvent(models.Model):
    date = models.DateField(_("date"), validators=[validate_sensible_date])
    #: Some facts are known only to the month.
    month_only = models.BooleanField(default=False)
    kind = models.CharField(_("type"), max_length=12, choices=EventKind.choices)
    title_fi = models.CharField(
        _("title (Finnish)"), max_length=300, validators=[validate_single_line]
    )
    title_sv = models.CharField(
        _("title (Swedish)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    title_en = models.CharField(
        _("title (English)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    impact = models.TextField(_("what it means for rescue services"), blank=True)
    impact_sv = models.TextField(blank=True, default="")
    impact_en = models.TextField(blank=True, default="")
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    workstreams = models.ManyToManyField(Workstream, verbose_name=_("workstreams"), blank=True)
    is_network_deadline = models.BooleanField(_("the network's own deadline"), default=False)
    cornerstones = ArrayField(
        models.CharField(max_length=20, choices=Cornerstone.choices),
        verbose_name=_("cornerstones"),
        default=list,
        blank=True,
    )
    uncertain = models.BooleanField(_("date or detail uncertain"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        indexes = [models.Index(fields=["date"], name="prep_event_date")]

    def __str__(self) -> str:
        return self.title

    #: In the active language, falling back to Finnish.
    title = translated_property("title")


# --- Joint preparation: readiness ----------------------------------------------------------------


class ReadinessStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    READY = "ready", _("Ready")
    AT_RISK = "at_risk", _("At risk")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Readiness(models.Model):
    """A department's current readiness in one workstream; its changes are kept below."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="readiness")
    status = models.CharField(_("status"), max_length=15, choices=ReadinessStatus.choices)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "workstream"], name="prep_readiness_once")
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.workstream_id}: {self.status}"


class ReadinessChange(models.Model):
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="+")
    from_status = models.CharField(max_length=15, choices=ReadinessStatus.choices, blank=True)
    to_status = models.CharField(max_length=15, choices=ReadinessStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["department", "workstream"], name="prep_readiness_history")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


# --- No overlapping work -------------------------------------------------------------------------


class WorkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    DONE = "done", _("Done")


class WorkItem(models.Model):
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    description = models.TextField(_("description"))
    workstream = models.ForeignKey(
        Workstream,
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="work_items",
    )
    lead_department = models.ForeignKey(
        Department, verbose_name=_("lead department"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(
        Department, through="WorkItemParticipant", related_name="+", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    due_date = models.DateField(
        _("due"), null=True, blank=True, validators=[validate_sensible_date]
    )
    deliverables = models.TextField(
        _("deliverables"), blank=True, help_text=_("Links to results, one per line.")
    )
    cornerstones = ArrayField(
        models.CharField(max_length=20, choices=Cornerstone.choices),
        verbose_name=_("cornerstones"),
        default=list,
        blank=True,
    )
    #: Base forms of the title and description (Voikko), for finding similar work.
    search = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            GinIndex(fields=["search"], name="prep_work_search"),
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="prep_work_title_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("preparation:work_item", kwargs={"pk": self.pk})


class DepartmentReporter(models.Model):
    """An official a director names to keep the department's readiness and values current."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "user"], name="prep_reporter_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} reports for {self.department_id}"


class WorkItemParticipant(models.Model):
    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="participations")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    #: Joined from the "similar work exists" suggestion instead of starting again.
    joined_instead_of_new = models.BooleanField(default=False)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_item", "department"], name="prep_participant_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_id} in {self.work_item_id}"


# --- The safety level must not dip ---------------------------------------------------------------


class Indicator(TranslatedNameMixin):
    code = models.CharField(_("code"), max_length=60, unique=True)
    #: ``unit`` is the Finnish one (``network/translations.py``).
    unit = models.CharField(_("unit"), max_length=60)
    unit_sv = models.CharField(max_length=60, blank=True, default="")
    unit_en = models.CharField(max_length=60, blank=True, default="")
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=12,
        decimal_places=3,
        default=0,
        help_text=_("How much worse than the department's own recent average is still no dip."),
    )
    definition = models.TextField(_("definition"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def get_absolute_url(self) -> str:
        return reverse("preparation:indicator", kwargs={"code": self.code})

    def worse(self, value, reference) -> bool:
        return value < reference if self.higher_is_better else value > reference


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    #: "2017" or "2017Q3".
    period = models.CharField(_("period"), max_length=7)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "department", "period"], name="prep_value_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period__regex=r"^[0-9]{4}(Q[1-4])?$"), name="prep_value_period_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.department_id} {self.period}: {self.value}"


class DipReason(models.TextChoices):
    TARGET = "target", _("Misses the target")
    BASELINE = "baseline", _("Worse than the department's own recent average")


class DipAlert(models.Model):
    value = models.OneToOneField(IndicatorValue, on_delete=models.CASCADE, related_name="alert")
    reasons = models.JSONField(default=list)
    baseline = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"dip {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("preparation:alerts") + f"#alert-{self.pk}"


# Shared solutions live in their own module; importing them here registers them.
from preparation.solutions.models import (  # noqa: E402, F401
    Adoption,
    AdoptionChange,
    AdoptionStatus,
    Solution,
    SolutionKind,
    SolutionVersion,
)
