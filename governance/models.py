"""The network's bodies, their members, meetings, assignments and status updates."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.attachments import Attachment
from network.models import Department, TranslatedNameMixin
from network.validators import validate_sensible_date, validate_single_line


class BodyKind(models.TextChoices):
    DIRECTORS_MEETING = "directors_meeting", _("Directors' meeting")
    BOARD = "board", _("Board of rescue directors")
    SERVICE_AREA = "service_area", _("Service area")
    WORKING_GROUP = "working_group", _("Working group")


class Body(TranslatedNameMixin):
    """A body of the network: the directors' meeting, the board, a service area or a
    working group (set up under a service area or the board for a fixed term)."""

    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("set up by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    #: In Finnish; Swedish and English beside it (``network/translations.py``).
    mandate = models.TextField(_("mandate"), blank=True)
    mandate_sv = models.TextField(blank=True, default="")
    mandate_en = models.TextField(blank=True, default="")
    term_start = models.DateField(
        _("term starts"), null=True, blank=True, validators=[validate_sensible_date]
    )
    term_end = models.DateField(
        _("term ends"), null=True, blank=True, validators=[validate_sensible_date]
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    last_overdue_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="governance_body_term_in_order",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="working_group") | Q(parent__isnull=False),
                name="governance_working_group_has_parent",
                violation_error_message=_("A working group is set up by another body."),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"slug": self.slug})

    @property
    def is_working_group(self) -> bool:
        return self.kind == BodyKind.WORKING_GROUP

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy member")
    OFFICIAL = "official", _("Official")


ROLE_ORDER = [Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY, Role.MEMBER, Role.DEPUTY, Role.OFFICIAL]

#: The seats that carry a vote, and so count towards a quorum.
VOTING_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)
#: Bodies whose seats carry the network's decisions: their seats have personal deputies and
#: are managed by network admins only.
DECIDING_BODY_KINDS = ("directors_meeting", "board")


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(models.Model):
    """A person's seat in a body, with dates: history is kept, nothing is deleted."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    department = models.ForeignKey(
        Department,
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(
        _("from"), default=timezone.localdate, validators=[validate_sensible_date]
    )
    #: The last day of the seat. A seat ended before its first day has the day before
    #: its start here: it never took effect.
    end_date = models.DateField(
        _("until"), null=True, blank=True, validators=[validate_sensible_date]
    )
    personal_deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal deputy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_seats",
        help_text=_("Acts for this member only, when the member cannot."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date") - timedelta(days=1)),
                name="governance_membership_dates_in_order",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(personal_deputy__isnull=True) | ~Q(personal_deputy=F("user")),
                name="governance_membership_deputy_not_self",
                violation_error_message=_("A member cannot be their own deputy."),
            ),
        ]
        indexes = [models.Index(fields=["user", "body"], name="governance_membership_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.body})"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    @property
    def is_voting_seat(self) -> bool:
        return self.role in VOTING_ROLES

    @property
    def takes_personal_deputy(self) -> bool:
        return self.is_voting_seat and self.body.kind in DECIDING_BODY_KINDS


class MembershipAction(models.TextChoices):
    SEATED = "seated", _("Seated")
    ENDED = "ended", _("Seat ended")
    DEPUTY_NAMED = "deputy_named", _("Personal deputy named")
    DEPUTY_REMOVED = "deputy_removed", _("Personal deputy removed")


class MembershipChange(models.Model):
    """Append-only trail of every change to a body's seats (a trigger refuses UPDATE and
    DELETE), so the body's history says who sat, who deputised and who changed it."""

    body = models.ForeignKey(Body, on_delete=models.DO_NOTHING, related_name="seat_changes")
    membership = models.ForeignKey(Membership, on_delete=models.DO_NOTHING, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=MembershipAction.choices)
    #: Names as they were at the time: the trail reads the same after people leave.
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["body", "-created_at"], name="governance_seatchange_body")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.action}"


class MeetingState(models.TextChoices):
    DRAFT = "draft", _("Agenda in preparation")
    PUBLISHED = "published", _("Agenda published")
    CANCELLED = "cancelled", _("Cancelled")


class MinutesState(models.TextChoices):
    NONE = "none", _("Not started")
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Sent to attendees for comments")
    APPROVED = "approved", _("Approved")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    #: ``title`` is the Finnish one (``network/translations.py``).
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=200, validators=[validate_single_line]
    )
    title_sv = models.CharField(
        max_length=200, blank=True, default="", validators=[validate_single_line]
    )
    title_en = models.CharField(
        max_length=200, blank=True, default="", validators=[validate_single_line]
    )
    starts_at = models.DateTimeField(_("starts"), validators=[validate_sensible_date])
    ends_at = models.DateTimeField(_("ends"), validators=[validate_sensible_date])
    location = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only the body's members see the agenda, documents and minutes."),
    )
    state = models.CharField(
        max_length=12, choices=MeetingState.choices, default=MeetingState.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    minutes_state = models.CharField(
        max_length=12, choices=MinutesState.choices, default=MinutesState.NONE
    )
    minutes_approved_at = models.DateTimeField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    #: iCalendar SEQUENCE: raised on every change so calendars update the event.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="governance_meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["body", "-starts_at"], name="governance_meeting_body")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pk": self.pk})

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_state == MinutesState.APPROVED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    #: ``title`` is the Finnish one (``network/translations.py``).
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=300, validators=[validate_single_line]
    )
    title_sv = models.CharField(
        max_length=300, blank=True, default="", validators=[validate_single_line]
    )
    title_en = models.CharField(
        max_length=300, blank=True, default="", validators=[validate_single_line]
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    background = models.TextField(_("background"), blank=True)
    proposed_decision = models.TextField(_("proposed decision"), blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="governance_agenda_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AgendaDocument(Attachment):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")


class AttendanceResponse(models.TextChoices):
    ATTENDING = "attending", _("Attends")
    NOT_ATTENDING = "not_attending", _("Cannot attend")
    DEPUTY = "deputy", _("Cannot attend; a deputy attends instead")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    response = models.CharField(max_length=15, choices=AttendanceResponse.choices)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="governance_attendance_once"),
            models.CheckConstraint(
                condition=Q(response="deputy", deputy__isnull=False)
                | (~Q(response="deputy") & Q(deputy__isnull=True)),
                name="governance_attendance_deputy_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_response_display()}"


class PresenceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    DEPUTY = "deputy", _("Absent; the personal deputy attended")


class Presence(models.Model):
    """Who actually attended, recorded by the secretary once the meeting has started (the
    RSVP answers are only where the record starts from)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=PresenceStatus.choices)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="governance_presence_once"),
            models.CheckConstraint(
                condition=Q(status="deputy", deputy__isnull=False)
                | (~Q(status="deputy") & Q(deputy__isnull=True)),
                name="governance_presence_deputy_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.status}"


class MinutesComment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class MinutesCorrection(models.Model):
    """A change to approved minutes, recorded with what was there before."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="corrections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=20)
    before = models.TextField()
    after = models.TextField()
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.item}: {self.field}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("assignment status", "Open")
    DONE = "done", pgettext_lazy("assignment status", "Done")
    DROPPED = "dropped", pgettext_lazy("assignment status", "Dropped")


class Assignment(models.Model):
    """Work a body gives a working group, with a due date and a status (dropped only with
    a reason)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="assignments_given")
    working_group = models.ForeignKey(
        Body,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    title = models.CharField(
        pgettext_lazy("heading", "title"), max_length=200, validators=[validate_single_line]
    )
    description = models.TextField(_("description"))
    deadline = models.DateField(_("deadline"), validators=[validate_sensible_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN
    )
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["deadline"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(status_reason=""),
                name="governance_assignment_dropped_with_reason",
                violation_error_message=_("Say why the assignment is dropped."),
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status", "deadline"], name="governance_assignment_body"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == AssignmentStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class StatusUpdate(models.Model):
    working_group = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="status_updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"), validators=[validate_sensible_date])
    period_end = models.DateField(_("period to"), validators=[validate_sensible_date])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    progress = models.TextField(_("progress"))
    next_steps = models.TextField(_("next steps"), blank=True)
    blockers = models.TextField(_("blockers"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="governance_status_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["working_group", "-created_at"], name="governance_status_group")
        ]

    def __str__(self) -> str:
        return f"{self.working_group}: {self.get_status_display()}"


class StatusAttachment(Attachment):
    update = models.ForeignKey(StatusUpdate, on_delete=models.CASCADE, related_name="attachments")


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address; replacing the token revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar of {self.user}"


# Shared positions live in their own module; importing them here registers them.
from governance.areas.models import (  # noqa: E402, F401
    ActionPlan,
    AreaReport,
    KeyProject,
    KeyProjectUpdate,
)
from governance.positions.models import (  # noqa: E402, F401
    AuditEntry,
    ConsultationAnswer,
    ConsultationQuestion,
    Position,
    PositionVersion,
    QuestionAnswer,
    Vote,
)

# The strategy review lives in its own module too.
from governance.review.models import ReviewComment, ReviewRound, ReviewState  # noqa: E402, F401
