from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.areas.models import ProjectStatus
from governance.forms import PersonChoiceField, people_choices
from governance.models import AssignmentStatus
from network.form_fields import BoundedDateField, TitleField
from network.validators import EARLIEST_YEAR, LATEST_YEAR

#: Long enough for a year's goals or a summary, short enough to refuse a pasted book.
TEXT_LIMIT = 20_000
NOTE_LIMIT = 5_000


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, required=False
    )


class ActionPlanForm(forms.Form):
    goals_fi = forms.CharField(
        label=_("Goals (Finnish)"),
        widget=forms.Textarea,
        max_length=TEXT_LIMIT,
        help_text=_("One goal a line reads best."),
    )
    goals_sv = forms.CharField(
        label=_("Goals (Swedish)"), widget=forms.Textarea, max_length=TEXT_LIMIT, required=False
    )
    goals_en = forms.CharField(
        label=_("Goals (English)"), widget=forms.Textarea, max_length=TEXT_LIMIT, required=False
    )


class KeyProjectForm(forms.Form):
    title_fi = TitleField(label=_("Title (Finnish)"), max_length=200)
    title_sv = TitleField(label=_("Title (Swedish)"), max_length=200, required=False)
    title_en = TitleField(label=_("Title (English)"), max_length=200, required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=people_choices())
    starts_on = BoundedDateField(label=_("Starts"))
    ends_on = BoundedDateField(label=_("Ends"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned


class KeyProjectStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ProjectStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Progress note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE_LIMIT,
        required=False,
        help_text=_(
            "What has happened since the last note. Needed when the project is at risk or late."
        ),
    )


class AreaReportForm(forms.Form):
    summary_fi = forms.CharField(
        label=_("Summary (Finnish)"), widget=forms.Textarea, max_length=TEXT_LIMIT, required=False
    )
    summary_sv = forms.CharField(
        label=_("Summary (Swedish)"), widget=forms.Textarea, max_length=TEXT_LIMIT, required=False
    )


class AssignmentStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=AssignmentStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_LIMIT,
        required=False,
        help_text=_("Needed when the assignment is dropped."),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if (
            cleaned.get("status") == AssignmentStatus.DROPPED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Say why the assignment is dropped."))
        return cleaned
