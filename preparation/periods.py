"""Indicator periods: a year ("2017") or a quarter ("2017Q3"), within the sensible years."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.validators import EARLIEST_YEAR, LATEST_YEAR

PERIOD_PATTERN = re.compile(r"[0-9]{4}(Q[1-4])?")


def validate_period(period: str) -> None:
    if not PERIOD_PATTERN.fullmatch(period or ""):
        raise ValidationError(_("Write the period as 2017 or 2017Q3."), code="invalid")
    if not EARLIEST_YEAR <= int(period[:4]) <= LATEST_YEAR:
        raise ValidationError(
            _("Give a period between the years %(earliest)s and %(latest)s."),
            code="invalid",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def previous_periods(period: str, count: int = 4) -> list[str]:
    """The ``count`` periods before this one, nearest first ("2017Q1" → 2016Q4, 2016Q3…)."""
    year = int(period[:4])
    if len(period) == 4:
        return [str(year - n) for n in range(1, count + 1)]
    quarter = int(period[5])
    found = []
    for _n in range(count):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        found.append(f"{year}Q{quarter}")
    return found
