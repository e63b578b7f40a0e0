from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communications.bulletins.permissions import addressable
from network.form_fields import (
    BoundedDateField,
    BoundedDateTimeField,
    MultipleFileField,
    TitleField,
    form_field,
)
from network.reform import Cornerstone
from network.translations import TranslatedFieldsMixin


class BulletinForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("title", "text")

    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=250)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: # headings, - lists, **bold**, [links](https://…)."),
    )
    title_sv = TitleField(max_length=250, required=False)
    text_sv = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    title_en = TitleField(max_length=250, required=False)
    text_en = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    audience = forms.MultipleChoiceField(
        label=_("Audience"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone who belongs to any of these gets the bulletin once."),
    )
    urgent = forms.BooleanField(label=_("Urgent: e-mail it to everyone at once"), required=False)
    pinned_until = BoundedDateField(
        label=_("Pinned until"),
        required=False,
        help_text=_("Optional; shown first on the bulletins page until this day."),
    )
    publish_at = BoundedDateTimeField(
        label=_("Publish later at"),
        required=False,
        help_text=_("Leave empty to publish now."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    cornerstones = forms.MultipleChoiceField(
        label=pgettext_lazy("bulletin", "Cornerstones it serves"),
        choices=Cornerstone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For the strategy review."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "audience", forms.MultipleChoiceField).choices = [
            (f"{kind}:{key}", label) for kind, key, label in addressable(user)
        ]

    def audience_pairs(self) -> list[tuple[str, str]]:
        return [tuple(value.split(":", 1)) for value in self.cleaned_data["audience"]]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class BulletinActionForm(forms.Form):
    """Which button wrote the bulletin: publish it, or only save the draft."""

    action = forms.ChoiceField(
        choices=[("publish", _("Publish")), ("save", _("Save the draft"))], required=False
    )

    def publishes(self) -> bool:
        return self.cleaned_data.get("action") == "publish"
