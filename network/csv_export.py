"""CSV for spreadsheets that Finnish Excel opens correctly: UTF-8 with a byte-order mark,
semicolons between cells, numbers with the reader's decimal separator (a comma in Finnish
and Swedish), dates as 12.3.2018, and no formulas.

Numbers are written without a thousands separator (Excel reads "50000,5" as a number but
"50 000,5" as text). Text typed by people (comments, answers) must never run as a
formula when the file is opened in Excel or LibreOffice: a text cell starting with
= + - @ (or a tab or carriage return) is prefixed with an apostrophe. Numbers are not
text: a negative figure stays a number.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _decimal_separator() -> str:
    return "." if (get_language() or "fi")[:2] == "en" else ","


def number_cell(value: int | float | Decimal) -> str:
    """A figure as Excel in the reader's locale reads it: ``9,333`` in Finnish."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value.is_finite() else str(value)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value)
    return text.replace(".", _decimal_separator())


def date_cell(value: date) -> str:
    """A date (or time, in the portal's time zone) as Finnish Excel reads it: 12.3.2018
    (13:05); the same day-first form in every language, so no column is ambiguous."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value.day}.{value.month}.{value.year} {value:%H:%M}"
    return f"{value.day}.{value.month}.{value.year}"


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_cell(value)
    if isinstance(value, date):
        return date_cell(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a byte-order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
