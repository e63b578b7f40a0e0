"""Figures read as each reader writes them: Finnish and Swedish 50 000 and 9,3, English
50,000 and 9.3, without trailing zeros."""

from decimal import Decimal

import pytest
from django.utils import translation

from network.templatetags.portal import quantity

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", [f"50{NBSP}000", "9,3", "78,5", "0,1", f"-1{NBSP}234,6", ""]),
        ("sv", [f"50{NBSP}000", "9,3", "78,5", "0,1", f"-1{NBSP}234,6", ""]),
        ("en", ["50,000", "9.3", "78.5", "0.1", "-1,234.6", ""]),
    ],
)
def test_figures_in_the_readers_language(language, expected):
    values = [
        (Decimal("50000.000"), 3),
        (Decimal("9.333"), 1),
        (Decimal("78.500"), 3),
        (0.1, 1),
        (-1234.56, 1),
        (None, 1),
    ]
    with translation.override(language):
        assert [quantity(value, places) for value, places in values] == expected


def test_what_is_no_number_is_shown_as_it_is():
    assert quantity("abc") == "abc"
    assert quantity(Decimal("NaN")) == "NaN"


@pytest.mark.django_db
def test_the_indicator_page_shows_the_target_the_finnish_way(prep, client):
    from django.urls import reverse

    from tests.factories import sign_in

    indicator = prep["indicator"]
    indicator.target = Decimal("50000")
    indicator.save(update_fields=["target"])
    sign_in(client, prep["pirkanmaa"])

    page = client.get(reverse("preparation:indicator", args=[indicator.code])).content.decode()

    assert f"50{NBSP}000" in page
    assert "50,000" not in page
