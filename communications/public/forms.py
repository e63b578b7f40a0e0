from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communications.public.models import PublicItem, PublicKind
from network.form_fields import BoundedDateTimeField, TitleField


class PublicItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = TitleField(label=pgettext_lazy("heading", "Title"), max_length=250)
    lead = forms.CharField(
        label=_("Lead"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences; also shown when the link is shared."),
    )
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))


class PublishForm(forms.Form):
    publish_at = BoundedDateTimeField(
        label=_("Publish at"),
        required=False,
        help_text=_("Leave empty to publish now."),
    )


class TranslationOfForm(forms.Form):
    """The address's ``?translation_of=``: the item a new language version belongs to."""

    translation_of = forms.ModelChoiceField(queryset=PublicItem.objects.all(), required=False)
