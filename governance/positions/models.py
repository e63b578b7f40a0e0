"""Shared positions: versions, consultation answers, board votes and the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from network.models import Department
from network.reform import Cornerstone, Workstream
from network.validators import validate_sensible_date, validate_single_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django_stubs_ext import StrOrPromise


class PositionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Consultation")
    BOARD_VOTE = "board_vote", _("Board vote")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_STATES = (PositionState.DRAFT, PositionState.CONSULTATION, PositionState.BOARD_VOTE)
#: The network's positions in force: approved by the board, published or not yet.
IN_FORCE_STATES = (PositionState.APPROVED, PositionState.PUBLISHED)


class Publication(models.TextChoices):
    INTERNAL = "internal", _("Inside the network")
    PUBLIC = "public", _("On the public site")


class Position(models.Model):
    """A shared position (yhteinen kanta) or statement (lausunto) of the network."""

    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    #: The current version's title in Swedish and English (``title`` is the Finnish one).
    title_sv = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    title_en = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    state = models.CharField(
        max_length=15, choices=PositionState.choices, default=PositionState.DRAFT
    )
    prepared_by = models.ForeignKey(
        "governance.Body",
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    cornerstones = ArrayField(
        models.CharField(max_length=20, choices=Cornerstone.choices), default=list, blank=True
    )
    workstreams = ArrayField(
        models.CharField(max_length=20, choices=Workstream.choices), default=list, blank=True
    )
    request_from = models.CharField(_("statement requested by"), max_length=200, blank=True)
    request_reference = models.CharField(_("their reference"), max_length=100, blank=True)
    request_deadline = models.DateField(
        _("their deadline"), null=True, blank=True, validators=[validate_sensible_date]
    )
    request_link = models.URLField(_("link to the request"), blank=True)

    current_version = models.ForeignKey(
        "PositionVersion", on_delete=models.PROTECT, null=True, related_name="+"
    )
    consultation_deadline = models.DateTimeField(
        null=True, blank=True, validators=[validate_sensible_date]
    )
    vote_round = models.PositiveIntegerField(default=0)
    vote_version = models.ForeignKey(
        "PositionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_version = models.ForeignKey(
        "PositionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reference = models.CharField(max_length=300, blank=True)
    #: Two tracks: the internal change-management brief and the external advocacy text.
    #: Each in Finnish (the bare column), Swedish and English (``network/translations.py``).
    internal_brief = models.TextField(_("change-management brief"), blank=True)
    internal_brief_sv = models.TextField(blank=True, default="")
    internal_brief_en = models.TextField(blank=True, default="")
    internal_published_at = models.DateTimeField(null=True, blank=True)
    public_text = models.TextField(_("advocacy text"), blank=True)
    public_text_sv = models.TextField(blank=True, default="")
    public_text_en = models.TextField(blank=True, default="")
    public_published_at = models.DateTimeField(null=True, blank=True)
    review_date = models.DateField(
        _("review date"), null=True, blank=True, validators=[validate_sensible_date]
    )
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    #: When the board's approval of its replacement superseded this position.
    superseded_at = models.DateTimeField(null=True, blank=True)
    #: When a decided (approved or published) position was withdrawn, and why.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "-created_at"], name="position_state")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("positions:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def tag_labels(self) -> Sequence[StrOrPromise]:
        return [Cornerstone(c).label for c in self.cornerstones] + [
            Workstream(w).label for w in self.workstreams
        ]

    @property
    def in_force(self) -> bool:
        """Approved by the board and neither superseded nor withdrawn since."""
        return self.state in IN_FORCE_STATES

    @property
    def is_frozen(self) -> bool:
        """Decided texts never change."""
        return self.state not in (
            PositionState.DRAFT,
            PositionState.CONSULTATION,
            PositionState.BOARD_VOTE,
        )


class PositionVersion(models.Model):
    """One revision of the text; every revision is kept."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    summary = models.TextField(_("summary"))
    text = models.TextField(_("text"), help_text=_("Markdown: headings, lists, emphasis, links."))
    background = models.TextField(_("background"), blank=True)
    #: Swedish and English versions; the bare columns above are the Finnish reference
    #: (``network/translations.py``).
    title_sv = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    title_en = models.CharField(
        max_length=250, blank=True, default="", validators=[validate_single_line]
    )
    summary_sv = models.TextField(blank=True, default="")
    summary_en = models.TextField(blank=True, default="")
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(blank=True, default="")
    background_sv = models.TextField(blank=True, default="")
    background_en = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["position", "number"], name="position_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.position_id} v{self.number}"


class ConsultationQuestion(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField()
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    SUPPORTS_WITH_CHANGES = "supports_with_changes", _("Supports with changes")
    OPPOSES = "opposes", _("Opposes")
    NO_OPINION = "no_opinion", _("No opinion")


class ConsultationAnswer(models.Model):
    """A department's one answer: every department counts once, whatever its size."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="answers")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("position"), max_length=25, choices=Stance.choices)
    comment = models.TextField(_("comment"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)
    revised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["position", "department"], name="position_one_answer_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.stance}"


class QuestionAnswer(models.Model):
    answer = models.ForeignKey(
        ConsultationAnswer, on_delete=models.CASCADE, related_name="question_answers"
    )
    question = models.ForeignKey(ConsultationQuestion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "question"], name="position_question_once")
        ]

    def __str__(self) -> str:
        return self.text[:40]


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """A board seat's vote on one exact version, in one round of voting."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="votes")
    version = models.ForeignKey(PositionVersion, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveIntegerField()
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whose seat the vote is for.",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member, or the deputy voting in their place.",
    )
    choice = models.CharField(max_length=10, choices=VoteChoice.choices)
    reason = models.TextField(blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["position", "round", "member"], name="position_one_vote_per_seat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.choice}"


class AuditAction(models.TextChoices):
    CREATED = "created", _("Drafted")
    REVISED = "revised", _("Text revised")
    CONSULTATION_OPENED = "consultation_opened", _("Consultation opened")
    CONSULTATION_CLOSED_EARLY = "consultation_closed_early", _("Consultation closed early")
    ANSWERED = "answered", _("Department answered")
    ANSWER_REVISED = "answer_revised", _("Department revised its answer")
    VOTE_OPENED = "vote_opened", _("Board vote opened")
    VOTED = "voted", _("Voted")
    VOTE_RESTARTED = "vote_restarted", _("Vote started over on the new text")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED_TO_DRAFT = "returned_to_draft", _("Returned to draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded by a newer position")
    REPLACEMENT_DRAFTED = "replacement_drafted", _("A replacement was drafted")
    REPLACEMENT_DROPPED = "replacement_dropped", _("The replacement was rejected or withdrawn")
    RETRACTED = "retracted", _("Withdrawn after the board's decision")
    INFLUENCE_RECORDED = "influence_recorded", _("Influence recorded")
    INFLUENCE_DONE = "influence_done", _("Influence done")


class AuditEntry(models.Model):
    """Append-only: the database refuses UPDATE and DELETE on this table (a trigger)."""

    position = models.ForeignKey(Position, on_delete=models.DO_NOTHING, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        related_name="+",
        db_constraint=True,
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    version_number = models.PositiveIntegerField(null=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(action=""), name="audit_action_named")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class InfluenceKind(models.TextChoices):
    STATEMENT = "statement", _("Statement given")
    MEETING = "meeting", _("Meeting with decision-makers")
    OTHER = "other", _("Other influence")


class InfluenceState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class InfluenceEntry(models.Model):
    """One act of influence resting on a shared position: a statement the network gives
    (e.g. to a ministry's request, by its deadline), a meeting with decision-makers, or
    other advocacy, with its outcome."""

    position = models.ForeignKey(
        Position,
        verbose_name=_("position it rests on"),
        on_delete=models.PROTECT,
        related_name="influence",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=InfluenceKind.choices)
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=250, validators=[validate_single_line]
    )
    counterpart = models.CharField(
        _("to whom or with whom"), max_length=200, validators=[validate_single_line]
    )
    reference = models.CharField(
        _("their reference"), max_length=100, blank=True, validators=[validate_single_line]
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, validators=[validate_sensible_date]
    )
    happened_on = models.DateField(
        _("given or held on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    outcome = models.TextField(_("outcome"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="influence_responsibilities",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=InfluenceState.choices, default=InfluenceState.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [
            models.Index(fields=["responsible", "state", "deadline"], name="influence_waiting")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("positions:influence_edit", kwargs={"pk": self.pk})


class KeyMessage(models.Model):
    """Short approved wording drawn from an approved position, for the departments to use
    in their own communication: the same words everywhere."""

    position = models.ForeignKey(
        Position,
        verbose_name=_("position it rests on"),
        on_delete=models.PROTECT,
        related_name="key_messages",
    )
    text_fi = models.TextField(_("message in Finnish"), max_length=600)
    text_sv = models.TextField(_("message in Swedish"), max_length=600)
    text_en = models.TextField(_("message in English"), max_length=600, blank=True)
    approved_on = models.DateField(_("wording approved on"), validators=[validate_sensible_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-approved_on", "-pk"]

    def __str__(self) -> str:
        return self.text_fi[:60]

    @property
    def text(self) -> str:
        """The message in the active language, falling back to Finnish."""
        language = (get_language() or "fi")[:2]
        return getattr(self, f"text_{language}", "") or self.text_fi

    @property
    def text_language(self) -> str:
        """The language ``text`` is in (for the ``lang`` attribute)."""
        language = (get_language() or "fi")[:2]
        return language if getattr(self, f"text_{language}", "") else "fi"
