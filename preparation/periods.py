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
