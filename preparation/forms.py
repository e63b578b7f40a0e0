"""The forms of the preparation pages: every input of its views goes through one."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from network.form_fields import BoundedDateField, TitleField, form_field
from network.models import Department, Region, User
from network.reform import Cornerstone
from network.translations import TranslatedFieldsMixin
from preparation.models import (
    DepartmentReporter,
    EventKind,
    Indicator,
    ReadinessStatus,
    ReformEvent,
    Workstream,
)
from preparation.periods import validate_period


class TimelineFilters(forms.Form):
    kind = forms.ChoiceField(choices=[("", ""), *EventKind.choices], required=False)
    workstream = forms.ModelChoiceField(
        queryset=Workstream.objects.all(), to_field_name="code", required=False
    )


class EventForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "impact")
    translated_labels = {"title": pgettext_lazy("heading", "Title")}

    class Meta:
        model = ReformEvent
        fields = [
            "date", "kind", "title_fi", "title_sv", "title_en", "impact", "impact_sv",
            "impact_en", "source_url",
            "workstreams", "cornerstones", "is_network_deadline", "uncertain",
        ]  # fmt: skip
        field_classes = {"date": BoundedDateField}
        widgets = {"workstreams": forms.CheckboxSelectMultiple}

    cornerstones = forms.MultipleChoiceField(
        label=gettext_lazy("Cornerstones"),
        choices=Cornerstone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReadinessFilters(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", required=False
    )
    format = forms.ChoiceField(choices=[("", ""), ("csv", "CSV")], required=False)


class ReadinessForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=ReadinessStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


#: Generous for a description of shared work; longer material belongs in a linked document.
WORK_ITEM_DESCRIPTION_MAX = 20_000


WORK_ITEM_DELIVERABLES_MAX = 5_000


class WorkItemFilters(forms.Form):
    workstream = forms.ModelChoiceField(
        queryset=Workstream.objects.all(), to_field_name="code", required=False
    )


class WorkItemForm(forms.Form):
    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=250)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        widget=forms.Textarea,
        max_length=WORK_ITEM_DESCRIPTION_MAX,
    )
    workstream = forms.ModelChoiceField(
        label=gettext_lazy("Workstream"), queryset=Workstream.objects.filter(is_active=True)
    )
    due_date = BoundedDateField(label=gettext_lazy("Due"), required=False)
    deliverables = forms.CharField(
        label=gettext_lazy("Deliverables"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=WORK_ITEM_DELIVERABLES_MAX,
        help_text=gettext_lazy("Links to results, one per line."),
    )
    cornerstones = forms.MultipleChoiceField(
        label=pgettext_lazy("work item", "Cornerstones it serves"),
        choices=Cornerstone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SimilarWorkForm(forms.Form):
    """What has been typed so far, to look for similar work by (a NUL byte or the like
    leaves it empty: the work item form itself says what is wrong)."""

    title = forms.CharField(required=False)
    description = forms.CharField(required=False)


class PeriodField(forms.CharField):
    """A year (2017) or a quarter (2017Q3), within the sensible years."""

    default_error_messages = {"invalid": gettext_lazy("Write the period as 2017 or 2017Q3.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("help_text", gettext_lazy("A year (2017) or a quarter (2017Q3)."))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            validate_period(value)


class IndicatorFilters(forms.Form):
    period = PeriodField(required=False)


class ValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.all()
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Rescue department"), queryset=Department.objects.filter(is_active=True)
    )
    period = PeriodField(label=gettext_lazy("Period"))
    value = forms.DecimalField(
        label=gettext_lazy("Value"), max_digits=12, decimal_places=3, localize=True
    )


#: A CSV file of the largest import allowed (2,000 rows) is under 100 kB.
IMPORT_MAX_BYTES = 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: department identifier; indicator code; period; value. UTF-8."
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(max)s. Split it and import the parts one by one.")
                % {"max": filesizeformat(IMPORT_MAX_BYTES)}
            )
        return file


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What is done about it"),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say what is done about it.")},
    )


class ReporterForm(forms.Form):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Person"),
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
    )


class ReporterRemoveForm(forms.Form):
    remove = forms.ModelChoiceField(queryset=User.objects.none())

    def __init__(self, *args, department: Department, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "remove", forms.ModelChoiceField).queryset = User.objects.filter(
            pk__in=DepartmentReporter.objects.filter(department=department).values("user_id")
        )


class WorkstreamForm(forms.ModelForm):
    class Meta:
        model = Workstream
        fields = ["code", "name_fi", "name_sv", "name_en", "order", "is_active"]


class IndicatorForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "unit")
    translated_labels = {"name": gettext_lazy("Name"), "unit": gettext_lazy("Unit")}

    class Meta:
        model = Indicator
        fields = [
            "code", "name_fi", "name_sv", "name_en", "unit", "unit_sv", "unit_en",
            "higher_is_better", "target",
            "tolerance", "definition",
        ]  # fmt: skip


class WorkItemConfirmForm(forms.Form):
    """Sent with a new work item once its author has seen the similar existing work."""

    confirmed = forms.ChoiceField(choices=[("1", "1")], required=False)

    def says_yes(self) -> bool:
        return self.is_valid() and self.cleaned_data["confirmed"] == "1"


class WorkItemJoinForm(forms.Form):
    """Joining existing work, and whether it was chosen instead of starting new work."""

    instead_of_new = forms.ChoiceField(choices=[("1", "1")], required=False)

    def says_instead_of_new(self) -> bool:
        return self.is_valid() and self.cleaned_data["instead_of_new"] == "1"
