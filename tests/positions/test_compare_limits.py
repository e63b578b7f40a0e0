"""The comparison of two versions is bounded whatever their length, and the position form
limits the text with a clear message."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.positions import diff, services
from governance.positions.forms import POSITION_TEXT_MAX
from governance.positions.models import Position
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def words(count: int, prefix: str = "w") -> list[str]:
    return [f"{prefix}{n}" for n in range(count)]


def test_normal_paragraphs_are_compared_word_by_word_without_a_notice():
    comparison = diff.side_by_side(
        "Rahoitus perustuu riskiin.\n\nSiirtymäaika on kolme vuotta.",
        "Rahoitus perustuu väestöön.\n\nSiirtymäaika on kolme vuotta.",
    )

    assert [row.kind for row in comparison.rows] == ["changed", "same"]
    assert comparison.rows[0].left == "Rahoitus perustuu <del>riskiin.</del>"
    assert comparison.rows[0].right == "Rahoitus perustuu <ins>väestöön.</ins>"
    assert comparison.notice == ""


def test_a_huge_changed_paragraph_is_shown_whole_with_a_notice():
    old = words(16_000)
    new = list(old)
    new[8_000] = "muutettu"

    comparison = diff.side_by_side(" ".join(old), " ".join(new))

    (row,) = comparison.rows
    assert row.kind == "changed"
    assert row.left == f"<del>{' '.join(old)}</del>"
    assert row.right == f"<ins>{' '.join(new)}</ins>"
    assert comparison.notice


@pytest.mark.parametrize(("before", "marked"), [(500, True), (501, False)])
def test_a_changed_paragraph_is_marked_word_by_word_up_to_its_own_limit(before, marked):
    assert diff.MAX_WORD_PAIRS == 500 * 500
    old = words(before)
    new = [*words(499), "muutettu"]

    comparison = diff.side_by_side(" ".join(old), " ".join(new))

    (row,) = comparison.rows
    assert row.left.startswith("<del>") is not marked
    assert bool(comparison.notice) is not marked


def test_word_marks_stop_when_the_pages_budget_is_spent():
    side = round(diff.MAX_WORD_PAIRS**0.5)  # each pair of paragraphs just within its limit
    count = diff.WORD_PAIRS_BUDGET // diff.MAX_WORD_PAIRS + 2
    old = [words(side, prefix=f"p{n}x") for n in range(count)]
    new = [[*paragraph[:-1], "muutettu"] for paragraph in old]

    comparison = diff.side_by_side(
        "\n\n".join(" ".join(p) for p in old), "\n\n".join(" ".join(p) for p in new)
    )

    marked = [row for row in comparison.rows if not row.left.startswith("<del>")]
    assert len(comparison.rows) == count
    assert len(marked) == diff.WORD_PAIRS_BUDGET // diff.MAX_WORD_PAIRS
    assert comparison.rows[-1].left == f"<del>{' '.join(old[-1])}</del>"
    assert comparison.notice


def test_too_many_paragraphs_are_not_compared_and_say_so():
    many = "\n\n".join(f"Kappale {n}." for n in range(diff.MAX_PARAGRAPHS + 1))

    comparison = diff.side_by_side(many, many + "\n\nUusi kappale.")

    assert comparison.rows == []
    assert str(diff.MAX_PARAGRAPHS) in comparison.notice


def test_the_compare_page_of_a_huge_version_answers_with_the_notice(draft, cast):
    services.position_revise(
        actor=cast["official"],
        position=draft,
        title=draft.title,
        summary=draft.current_version.summary,
        text=" ".join(words(16_000)),
    )

    response = sign_in(Client(), cast["official"]).get(
        reverse("positions:compare", kwargs={"pk": draft.pk}) + "?a=1&b=2"
    )

    assert response.status_code == 200
    assert response.context["comparison"].notice in response.content.decode()


def test_a_position_text_over_the_limit_is_a_form_error_that_keeps_what_was_typed(cast):
    response = sign_in(Client(), cast["official"]).post(
        reverse("positions:new"),
        {
            "title": "Pelastustoimen rahoitusmalli",
            "summary": "Tiivistelmä.",
            "text": "a" * (POSITION_TEXT_MAX + 1),
        },
    )

    assert response.status_code == 200
    (error,) = response.context["form"].errors["text"]
    assert str(POSITION_TEXT_MAX) in error
    assert "Pelastustoimen rahoitusmalli" in response.content.decode()
    assert not Position.objects.exists()


def test_a_position_text_at_the_limit_is_saved(cast):
    response = sign_in(Client(), cast["official"]).post(
        reverse("positions:new"),
        {
            "title": "Pelastustoimen rahoitusmalli",
            "summary": "Tiivistelmä.",
            "text": "a" * POSITION_TEXT_MAX,
        },
    )

    assert response.status_code == 302
    assert len(Position.objects.get().current_version.text) == POSITION_TEXT_MAX
