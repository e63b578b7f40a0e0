"""Form widgets and fields the apps share: HTML date and time pickers, dates in a
sensible range, one-line titles, several files."""

from django import forms

from network.validators import one_line, validate_sensible_date

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BoundedDateField(forms.DateField):
    """A date picker whose year is within network.validators' range."""

    widget = DateInput
    default_validators = [validate_sensible_date]


class BoundedDateTimeField(forms.DateTimeField):
    """A date-and-time picker whose year is within network.validators' range."""

    widget = DateTimeLocalInput
    default_validators = [validate_sensible_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATETIME_FORMAT])
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
