"""Rules every app applies to what people type: dates in a sensible range, titles on one
line. Model fields, form fields and services all use these, so each rule is written once.

A year such as 0001 passes Python's and PostgreSQL's date types, but turned into local
time it falls outside what either can read back, and then every page and job that loads
the row fails. A line break in a title ends up in an e-mail header, where it is invalid.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def validate_sensible_date(value: date | datetime | None) -> None:
    """Refuse a date or a time outside the years EARLIEST_YEAR..LATEST_YEAR."""
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a date between the years %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def check_sensible_dates(**values: date | datetime | None) -> None:
    """For services that do not run ``full_clean``: every named date in range, or a
    ValidationError naming the fields that are not."""
    errors = {}
    for name, value in values.items():
        try:
            validate_sensible_date(value)
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)


def has_line_break(value: str) -> bool:
    # str.splitlines knows every line boundary: CR, LF, VT, FF, the file/group/record
    # separators, NEL and the Unicode line and paragraph separators.
    return len(f"{value}x".splitlines()) > 1


def validate_single_line(value: str) -> None:
    """Refuse a line break in a title (it would end up in an e-mail subject)."""
    if value and has_line_break(value):
        raise ValidationError(
            _("Write the title on one line, without line breaks."), code="line_break"
        )


def one_line(value: str) -> str:
    """The text with every line break folded into a space (for headers and titles)."""
    if not value or not has_line_break(value):
        return value
    return " ".join(part.strip() for part in value.splitlines() if part.strip())
