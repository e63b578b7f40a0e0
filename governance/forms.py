from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.models import (
    AttendanceResponse,
    Body,
    BodyKind,
    Membership,
    PresenceStatus,
    Role,
    Status,
)
from network.form_fields import (
    BoundedDateField,
    BoundedDateTimeField,
    MultipleFileField,
    TitleField,
    form_field,
)
from network.models import Department, User
from network.translations import TranslatedFieldsMixin, translated

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def people_choices():
    return (
        User.objects.filter(is_active=True)
        .select_related("department")
        .order_by("last_name", "first_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: User) -> str:
        department = f" ({person.department.name})" if person.department else ""
        return f"{person.last_name} {person.first_name}{department}"


class MembershipForm(forms.Form):
    """Seat someone in a body; the person filling it in is not offered (nobody seats
    themselves)."""

    user = PersonChoiceField(label=_("Person"), queryset=people_choices())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    department = forms.ModelChoiceField(
        label=_("Represents"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        help_text=_("Leave empty to use the person's own department."),
    )
    start_date = BoundedDateField(label=_("From"), initial=timezone.localdate)
    end_date = BoundedDateField(label=_("Until"), required=False)

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "user", forms.ModelChoiceField).queryset = people_choices().exclude(
            pk=actor.pk
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("A membership cannot end before it starts."))
        return data


class PersonalDeputyForm(forms.Form):
    """The personal deputy of one voting seat: a person of the department it represents."""

    deputy = PersonChoiceField(
        label=_("Personal deputy"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No personal deputy"),
        help_text=_(
            "A person of the department the seat represents. The deputy acts only for this "
            "member: attends in their place and votes for them while they have not voted."
        ),
    )

    def __init__(self, *args, membership: Membership, actor: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "deputy", forms.ModelChoiceField).queryset = (
            people_choices()
            .filter(department_id=membership.department_id)
            .exclude(pk__in=[membership.user_id, getattr(actor, "pk", None)])
        )


class MeetingForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("title",)

    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=200)
    title_sv = TitleField(max_length=200, required=False)
    title_en = TitleField(max_length=200, required=False)
    starts_at = BoundedDateTimeField(label=_("Starts"))
    ends_at = BoundedDateTimeField(label=_("Ends"))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        help_text=_("For example a Teams link. Give a place, a video link or both."),
    )
    restricted = forms.BooleanField(
        label=_("Restricted: only the body's members see the agenda and minutes"),
        required=False,
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not self.errors and not (data.get("location") or data.get("video_link")):
            self.add_error("location", _("Give a place or a video link."))
        return data


class AgendaItemForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("title",)

    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=300)
    title_sv = TitleField(max_length=300, required=False)
    title_en = TitleField(max_length=300, required=False)
    presenter = PersonChoiceField(label=_("Presenter"), queryset=people_choices(), required=False)
    background = forms.CharField(label=_("Background"), widget=forms.Textarea, required=False)
    proposed_decision = forms.CharField(
        label=_("Proposed decision"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, office documents, text or images."),
    )


class AttendanceForm(forms.Form):
    """A member's answer; "my deputy attends" is offered only with a personal deputy, and
    names exactly that person."""

    response = forms.ChoiceField(label=_("Do you attend?"), widget=forms.RadioSelect)

    def __init__(self, *args, personal_deputy: User | None, **kwargs):
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, StrOrPromise]] = [
            (AttendanceResponse.ATTENDING, AttendanceResponse.ATTENDING.label),
            (AttendanceResponse.NOT_ATTENDING, AttendanceResponse.NOT_ATTENDING.label),
        ]
        if personal_deputy is not None:
            choices.append(
                (
                    AttendanceResponse.DEPUTY,
                    _("Cannot attend; my personal deputy %(name)s attends instead")
                    % {"name": personal_deputy.full_name},
                )
            )
        form_field(self, "response", forms.ChoiceField).choices = choices


class AttendanceRecordForm(forms.Form):
    """The secretary's record of who attended: one answer for each person seated in the
    body, starting from their RSVP."""

    def __init__(self, *args, seats, rsvps: dict, recorded: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = list(seats)
        for seat in self.seats:
            choices: list[tuple[str, StrOrPromise]] = [
                (PresenceStatus.PRESENT, PresenceStatus.PRESENT.label),
                (PresenceStatus.ABSENT, PresenceStatus.ABSENT.label),
            ]
            if seat.personal_deputy_id:
                choices.append(
                    (
                        PresenceStatus.DEPUTY,
                        _("Absent; personal deputy %(name)s attended")
                        % {"name": seat.personal_deputy.full_name},
                    )
                )
            self.fields[f"seat_{seat.user_id}"] = forms.ChoiceField(
                label=f"{seat.user.full_name} ({seat.get_role_display()})",
                choices=choices,
                widget=forms.RadioSelect,
                initial=self._initial(seat, rsvps.get(seat.user_id), recorded.get(seat.user_id)),
                error_messages={"required": _("Say whether this person attended.")},
            )

    @staticmethod
    def _initial(seat, rsvp, recorded) -> str | None:
        if recorded is not None:
            return recorded.status
        if rsvp is None:
            return None
        if rsvp.response == AttendanceResponse.ATTENDING:
            return PresenceStatus.PRESENT
        if rsvp.response == AttendanceResponse.DEPUTY and seat.personal_deputy_id:
            return PresenceStatus.DEPUTY
        return PresenceStatus.ABSENT

    def entries(self) -> dict[int, str]:
        return {seat.user_id: self.cleaned_data[f"seat_{seat.user_id}"] for seat in self.seats}


class MinutesForm(forms.Form):
    """The discussion and decision of every agenda item, in one form."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=_("%(number)s. %(title)s – discussion")
                % {"number": item.position, "title": translated(item, "title").text},
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=item.discussion,
            )
            self.fields[f"decision_{item.pk}"] = forms.CharField(
                label=_("%(number)s. %(title)s – decision")
                % {"number": item.position, "title": translated(item, "title").text},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=item.decision or item.proposed_decision,
            )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment on the draft minutes"), widget=forms.Textarea)


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(
        label=_("What is corrected"),
        choices=[("decision", _("Decision")), ("discussion", _("Discussion"))],
    )
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)


class AssignmentForm(forms.Form):
    working_group = forms.ModelChoiceField(label=_("Working group"), queryset=Body.objects.none())
    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)
    deadline = BoundedDateField(label=_("Deadline"))

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "working_group", forms.ModelChoiceField).queryset = Body.objects.filter(
            kind=BodyKind.WORKING_GROUP, closed_at__isnull=True
        ).filter(parent=body) | Body.objects.filter(
            kind=BodyKind.WORKING_GROUP, closed_at__isnull=True, pk=body.pk
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class StatusUpdateForm(forms.Form):
    period_start = BoundedDateField(label=_("Period from"))
    period_end = BoundedDateField(label=_("Period to"))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    progress = forms.CharField(label=_("Progress"), widget=forms.Textarea)
    next_steps = forms.CharField(
        label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    blockers = forms.CharField(
        label=_("Blockers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What stands in the way, and what help the group needs."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("Optional; several files allowed.")
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class WorkingGroupForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("name", "mandate")
    translated_labels = {"name": _("Name")}

    name_fi = TitleField(label=_("Name in Finnish"), max_length=200)
    name_sv = TitleField(label=_("Name in Swedish"), max_length=200, required=False)
    name_en = TitleField(label=_("Name in English"), max_length=200, required=False)
    mandate = forms.CharField(label=_("Mandate"), widget=forms.Textarea)
    mandate_sv = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    mandate_en = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    term_start = BoundedDateField(label=_("Term starts"), initial=timezone.localdate)
    term_end = BoundedDateField(label=_("Term ends"))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("term_start")
            and data.get("term_end")
            and data["term_end"] < data["term_start"]
        ):
            self.add_error("term_end", _("The term cannot end before it starts."))
        return data


class AgendaItemMoveForm(forms.Form):
    """Which way an agenda item moves (the ↑ / ↓ buttons)."""

    direction = forms.ChoiceField(
        choices=[("up", _("Move up")), ("down", _("Move down"))],
        error_messages={"required": _("Say which way to move the item.")},
    )

    def step(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
