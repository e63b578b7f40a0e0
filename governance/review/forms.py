from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Meeting
from governance.review.services import COMMENT_MAX, DECISION_MAX
from network.form_fields import BoundedDateField, TitleField, form_field
from network.models import Department

INTRODUCTION_MAX = 10_000


class RoundForm(forms.Form):
    name_fi = TitleField(label=_("Title in Finnish"), max_length=200)
    name_sv = TitleField(label=_("Title in Swedish"), max_length=200, required=False)
    name_en = TitleField(label=_("Title in English"), max_length=200, required=False)
    introduction_fi = forms.CharField(
        label=_("Introduction in Finnish"),
        help_text=_("What the departments are asked to comment on."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=INTRODUCTION_MAX,
        required=False,
    )
    introduction_sv = forms.CharField(
        label=_("Introduction in Swedish"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=INTRODUCTION_MAX,
        required=False,
    )
    covers_from = BoundedDateField(
        label=_("Looks at what was done since"),
        help_text=_("The items and evidence of the round are taken from this day on."),
    )
    deadline = BoundedDateField(label=_("Comments by"))


class CommentForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Department.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a department you speak for.")},
    )
    text = forms.CharField(
        label=_("Your department's comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=COMMENT_MAX,
    )

    def __init__(self, *args, departments: QuerySet[Department], **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "department", forms.ModelChoiceField).queryset = departments


class MeetingChoiceField(forms.ModelChoiceField):
    """A meeting, named by its day and title."""

    def label_from_instance(self, obj: Meeting) -> str:
        day = formats.date_format(timezone.localtime(obj.starts_at), "SHORT_DATE_FORMAT")
        return f"{day} {obj.title}"


class DecisionForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Meeting of the directors' meeting"),
        queryset=Meeting.objects.none(),
        error_messages={
            "required": _("Choose the meeting in which the decision was made."),
            "invalid_choice": _("Choose a meeting of the directors' meeting that has been held."),
        },
    )
    decision_fi = forms.CharField(
        label=_("Decision in Finnish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DECISION_MAX,
    )
    decision_sv = forms.CharField(
        label=_("Decision in Swedish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DECISION_MAX,
        required=False,
    )

    def __init__(self, *args, meetings: QuerySet[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "meeting", MeetingChoiceField).queryset = meetings
