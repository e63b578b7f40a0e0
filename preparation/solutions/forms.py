"""The forms of the shared solutions' pages: every input of their views goes through one."""

from __future__ import annotations

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy

from network.form_fields import BoundedDateField, TitleField, form_field
from network.models import Region
from network.permissions import AnyUser, is_network_admin
from preparation.solutions.models import AdoptionStatus, Solution, SolutionKind
from preparation.solutions.permissions import bodies_run_by

#: Generous for a description; longer material belongs in the linked document.
DESCRIPTION_MAX = 20_000
REASON_MAX = 5_000
VERSION_MAX = 20


def _bodies() -> QuerySet[Model]:
    # The governance app's Body, reached through the relation (preparation does not
    # import governance); its default manager is its ``objects``.
    return Solution._meta.get_field("approved_by").related_model._default_manager.filter(
        closed_at__isnull=True
    )


def _description(label, *, required=False):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=required,
        max_length=DESCRIPTION_MAX,
    )


def _limit_approving_bodies(form: forms.BaseForm, user: AnyUser) -> None:
    bodies = _bodies()
    if not is_network_admin(user):
        bodies = bodies.filter(pk__in=bodies_run_by(user))
    field = form_field(form, "approved_by", forms.ModelChoiceField)
    field.queryset = bodies.order_by("kind", "name_fi")
    field.help_text = gettext_lazy("The bodies whose chair or secretary you are.")


class SolutionTextsForm(forms.Form):
    """What is corrected without a new version."""

    title_fi = TitleField(label=gettext_lazy("Title (Finnish)"), max_length=250)
    title_sv = TitleField(label=gettext_lazy("Title (Swedish)"), max_length=250, required=False)
    title_en = TitleField(label=gettext_lazy("Title (English)"), max_length=250, required=False)
    description_fi = _description(gettext_lazy("Description (Finnish)"), required=True)
    description_sv = _description(gettext_lazy("Description (Swedish)"))
    description_en = _description(gettext_lazy("Description (English)"))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=SolutionKind.choices)
    made_by: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=gettext_lazy("Made by (working group)"), queryset=None, required=False
    )
    link = forms.URLField(
        label=gettext_lazy("Link to the material"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Where the model, template or guideline itself is kept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "made_by", forms.ModelChoiceField).queryset = (
            Solution._meta.get_field("made_by")
            .related_model._default_manager.filter(kind="working_group")
            .order_by("name_fi")
        )


class SolutionForm(SolutionTextsForm):
    """A new shared solution with its first version."""

    version = TitleField(label=gettext_lazy("Version"), max_length=VERSION_MAX)
    approved_by: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=gettext_lazy("Approved by"), queryset=None
    )
    approved_on = BoundedDateField(label=gettext_lazy("Approved on"))

    field_order = [
        "title_fi", "title_sv", "title_en", "kind", "version", "approved_by", "approved_on",
        "made_by", "description_fi", "description_sv", "description_en", "link",
    ]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_approving_bodies(self, user)


class VersionForm(forms.Form):
    version = TitleField(label=gettext_lazy("New version"), max_length=VERSION_MAX)
    approved_by: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=gettext_lazy("Approved by"), queryset=None
    )
    approved_on = BoundedDateField(label=gettext_lazy("Approved on"))
    changes = forms.CharField(
        label=gettext_lazy("What changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=DESCRIPTION_MAX,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_approving_bodies(self, user)


class AdoptionForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=AdoptionStatus.choices, widget=forms.RadioSelect
    )
    planned_for = BoundedDateField(
        label=gettext_lazy("Planned to be in use by"),
        required=False,
        help_text=gettext_lazy("Needed when the adoption is planned."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Local changes and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=REASON_MAX,
        help_text=gettext_lazy("Needed when the solution is in use with local changes."),
    )
    to_current_version = forms.BooleanField(
        label=gettext_lazy("We now use the current version"), required=False
    )

    def __init__(self, *args, offer_current_version: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_current_version:
            del self.fields["to_current_version"]


class UniformityFilters(forms.Form):
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", required=False
    )
    format = forms.ChoiceField(choices=[("", ""), ("csv", "CSV")], required=False)
