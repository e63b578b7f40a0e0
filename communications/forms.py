from django import forms
from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, all_kinds
from network.form_fields import form_field


class PreferencesForm(forms.Form):
    """One choice per kind of notification, and the hour of the daily digest."""

    digest_hour = forms.TypedChoiceField(
        label=_("Daily digest is sent at"),
        coerce=int,
        choices=[(hour, f"{hour:02d}.00") for hour in range(24)],
        help_text=_("Finnish time. The digest comes only on days with something new."),
    )

    def __init__(self, *args, current: dict[str, str], digest_hour: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].initial = digest_hour
        for kind in all_kinds():
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.key, kind.default_delivery),
                widget=forms.RadioSelect,
            )

    def kind_choices(self) -> dict[str, str]:
        return {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_")
        }


class OneKindForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-mail about this"), choices=Delivery.choices, widget=forms.RadioSelect
    )


class RetryForm(forms.Form):
    kind = forms.ChoiceField(choices=[("notification", "notification"), ("outgoing", "outgoing")])
    pk = forms.IntegerField(min_value=1, max_value=2**62)


class InboxFilterForm(forms.Form):
    """Narrow the inbox to one kind of notification, or to the unread ones."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unread = forms.BooleanField(label=_("Only unread"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "kind", forms.ChoiceField).choices = [("", _("All kinds"))] + [
            (kind.key, kind.label) for kind in all_kinds()
        ]


class OneClickUnsubscribeForm(forms.Form):
    """RFC 8058: a mail client's one-click unsubscribe posts ``List-Unsubscribe=One-Click``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["List-Unsubscribe"] = forms.CharField(required=False)

    def is_one_click(self) -> bool:
        return self.is_valid() and self.cleaned_data["List-Unsubscribe"] == "One-Click"


class FollowForm(forms.Form):
    """Follow (1) or stop following (anything else) an item, and the page to go back to."""

    follow = forms.CharField(required=False)
    next = forms.CharField(required=False)

    def following(self) -> bool:
        return self.is_valid() and self.cleaned_data["follow"] == "1"

    def next_url(self) -> str:
        return self.cleaned_data.get("next", "") if self.is_valid() else ""
