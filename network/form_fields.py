"""Form widgets and fields the apps share: dates typed as the reader writes them, dates in
a sensible range, one-line titles, several files.

Dates are typed into text inputs as 12.3.2018 (and times as 13.00), with the format in
the field's hint, rather than into the browser's ``type=date`` picker: the picker shows
the *browser's* locale (mm/dd/yyyy on an English browser) whatever the page's language,
and differs between browsers; a text input reads the same for every person and screen
reader, keeps what was typed after an error, and is parsed here. ISO dates (2018-03-12,
2018-03-12T13:00) are accepted too, so that links, scripts and tests keep working.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from network.validators import one_line, validate_sensible_date

DATE_FORMAT = "%-d.%-m.%Y"
DATETIME_FORMAT = "%-d.%-m.%Y %H.%M"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y klo %H.%M",
    "%d.%m.%Y kl. %H.%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
]
DATE_HINT = _("Day.month.year, for example 12.3.2018.")
DATETIME_HINT = _("Day.month.year and the time, for example 12.3.2018 13.00.")


class DateInput(forms.DateInput):
    """A date typed as 12.3.2018."""

    def __init__(self, attrs=None, **kwargs):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "size": 12, **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_FORMAT, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """A date and time typed as 12.3.2018 13.00."""

    def __init__(self, attrs=None, **kwargs):
        attrs = {"autocomplete": "off", "size": 18, **(attrs or {})}
        super().__init__(attrs=attrs, format=DATETIME_FORMAT, **kwargs)


#: The old name, for code that imports it.
DateTimeLocalInput = DateTimeInput


def _with_hint(help_text, hint):
    return format_lazy("{} {}", help_text, hint) if help_text else hint


class BoundedDateField(forms.DateField):
    """A date typed as 12.3.2018, whose year is within network.validators' range."""

    widget = DateInput
    default_validators = [validate_sensible_date]
    default_error_messages = {"invalid": _("Write the date as day.month.year, e.g. 12.3.2018.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs["help_text"] = _with_hint(kwargs.get("help_text", ""), DATE_HINT)
        super().__init__(**kwargs)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time typed as 12.3.2018 13.00, whose year is within the range."""

    widget = DateTimeInput
    default_validators = [validate_sensible_date]
    default_error_messages = {
        "invalid": _(
            "Write the date and time as day.month.year hours.minutes, e.g. 12.3.2018 13.00."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
        kwargs["help_text"] = _with_hint(kwargs.get("help_text", ""), DATETIME_HINT)
        super().__init__(**kwargs)


class TitleField(forms.CharField):
    """A title: one line. A line break (only a crafted request can send one from a
    one-line input) is folded into a space, so nothing typed is lost."""

    def to_python(self, value):
        text = super().to_python(value)
        return one_line(text) if text is not None else text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files; each is checked like a single one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def form_field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field ``name``, checked to be a ``kind`` (so that its choices or queryset
    can be set with their types known)."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field
