"""The position's page shows the departments' answers to the consultation's questions; the
list says who prepared each position; the comparison of versions shows the text as text."""

import pytest
from django.urls import reverse

from governance.positions import diff, services
from governance.positions.models import Stance

pytestmark = pytest.mark.django_db


def test_the_answers_to_the_questions_are_on_the_page_for_those_who_see_the_position(
    in_consultation, cast, as_person
):
    question = in_consultation.questions.get()
    services.consultation_answer(
        user=cast["m1"],
        position=in_consultation,
        stance=Stance.SUPPORTS,
        question_answers={question.pk: "Lapissa siirtymäaika on liian lyhyt."},
    )

    body = as_person(cast["outsider"]).get(in_consultation.get_absolute_url()).content.decode()

    assert "Vastaukset kysymyksiin" in body
    assert question.text in body
    assert "Lapissa siirtymäaika on liian lyhyt." in body
    assert cast["m1"].department.name_fi in body


def test_the_answers_stay_hidden_with_a_draft_from_those_who_may_not_see_it(cast, as_person):
    draft = services.position_create(actor=cast["official"], title="Luonnos", summary="S", text="T")

    assert as_person(cast["outsider"]).get(draft.get_absolute_url()).status_code == 404


def test_the_list_says_who_prepared_each_position(in_consultation, cast, as_person):
    body = as_person(cast["m2"]).get(reverse("positions:list")).content.decode()

    assert cast["official"].full_name in body  # no body prepared it: its drafter


def test_the_comparison_keeps_lists_as_lists_and_escapes_the_text():
    comparison = diff.side_by_side(
        "## Esitys\n\n- Rahoitus **riskin** mukaan\n- Siirtymäaika kolme vuotta",
        "## Esitys\n\n- Rahoitus **riskin** mukaan\n- Siirtymäaika neljä vuotta\n- <b>uusi</b>",
    )

    assert [(r.kind, r.right_block.kind) for r in comparison.rows] == [
        ("same", "heading"),
        ("same", "ul"),
        ("changed", "ul"),
        ("changed", "ul"),
    ]
    assert comparison.rows[3].left == ""
    assert comparison.rows[1].right == "Rahoitus <strong>riskin</strong> mukaan"
    assert comparison.rows[2].right == "Siirtymäaika <ins>neljä</ins> vuotta"
    assert comparison.rows[3].right == "<ins>&lt;b&gt;uusi&lt;/b&gt;</ins>"


def test_the_compare_page_renders_the_markdown(draft, cast, as_person):
    services.position_revise(
        actor=cast["official"],
        position=draft,
        title=draft.title,
        summary=draft.current_version.summary,
        text="## Esitys\n\n- Rahoitus perustuu riskiin\n- Siirtymäaika on neljä vuotta",
    )

    body = (
        as_person(cast["official"])
        .get(reverse("positions:compare", args=[draft.pk]) + "?a=1&b=2")
        .content.decode()
    )

    assert "<ul><li>Rahoitus perustuu riskiin</li></ul>" in body
    assert "## Esitys" not in body
