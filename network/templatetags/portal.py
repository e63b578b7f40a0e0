from django import template
from django.forms import BoundField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: look a key up in a dict."""
    return mapping.get(key)


@register.filter
def from_now(value) -> str:
    """A date or time as "in 3 days", "today" or "5 days ago", in the active language."""
    from datetime import date, datetime

    from django.utils import timezone
    from django.utils.translation import gettext, ngettext

    if value in (None, ""):
        return ""
    day = timezone.localtime(value).date() if isinstance(value, datetime) else value
    if not isinstance(day, date):
        return ""
    days = (day - timezone.localdate()).days
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("tomorrow")
    if days == -1:
        return gettext("yesterday")
    if days > 0:
        return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
    return ngettext("%(days)s day ago", "%(days)s days ago", -days) % {"days": -days}


@register.filter
def markdown(text: str):
    """``{{ text|markdown }}``: Markdown rendered to sanitised HTML."""
    from network.markdown_text import render_markdown

    return render_markdown(text)


@register.filter
def index(sequence, position: int):
    """``{{ list|index:i }}``: the item at a position."""
    return sequence[position]


@register.filter
def machine_time(value) -> str:
    """``<time datetime="{{ when|machine_time }}">``: a date, or a time in the portal's time
    zone to the second, in the ISO form that HTML accepts (no microseconds)."""
    from datetime import date, datetime

    from django.utils import timezone

    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.filter
def quantity(value, decimals=1) -> str:
    """A figure as its reader writes it: ``50 000`` and ``9,3`` in Finnish and Swedish,
    ``50,000`` and ``9.3`` in English; at most ``decimals`` decimals, none trailing."""
    from decimal import Decimal, InvalidOperation

    from django.utils import formats

    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
        places = int(decimals)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    # normalize() drops trailing zeros; "f" keeps 50000 from becoming 5E+4.
    shown = Decimal(format(round(number, places).normalize(), "f"))
    return formats.number_format(shown, use_l10n=True, force_grouping=True)


@register.filter
def select_options(field: BoundField) -> SafeString:
    """A drop-down field's ``<option>`` elements, the field's value selected: for long lists
    (a hundred bodies), where the widget's template per option costs more than the page."""
    chosen = "" if field.value() is None else str(field.value())
    choices = getattr(field.field, "choices", ())  # flat (value, label) pairs, no groups
    options = []
    for value, label in choices:
        selected = " selected" if str(value) == chosen else ""
        options.append(f'<option value="{escape(value)}"{selected}>{escape(label)}</option>')
    return mark_safe("".join(options))  # noqa: S308 - the value and the label are escaped
