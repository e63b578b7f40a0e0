"""CSV for spreadsheets: UTF-8 with a byte-order mark, semicolons, and no formulas.

Text typed by people (comments, answers) must never run as a formula when the file is
opened in Excel or LibreOffice: a cell starting with = + - @ (or a tab or carriage
return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
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
