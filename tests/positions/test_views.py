import csv
import io

import html5lib
import pytest
from django.urls import reverse

from governance.positions import services
from governance.positions.models import PositionState, Stance, VoteChoice
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def url(name, position, **extra):
    return reverse(f"positions:{name}", kwargs={"pk": position.pk, **extra})


# --- Who may do what ----------------------------------------------------------------------------


def test_a_director_answers_for_their_own_department_only(in_consultation, cast, as_person):
    response = as_person(cast["m1"]).post(
        url("answer", in_consultation), {"stance": Stance.OPPOSES, "comment": "Ei näin."}
    )

    assert response.status_code == 302
    (answer,) = in_consultation.answers.all()
    assert answer.department == cast["m1"].department  # never another department's


def test_people_who_are_not_directors_cannot_answer(in_consultation, cast, as_person):
    response = as_person(cast["secretary"]).post(
        url("answer", in_consultation), {"stance": Stance.SUPPORTS}
    )

    assert response.status_code == 403
    assert not in_consultation.answers.exists()


def test_a_bad_answer_is_shown_again_with_what_was_typed(in_consultation, cast, as_person):
    response = as_person(cast["m1"]).post(
        url("answer", in_consultation), {"stance": Stance.SUPPORTS_WITH_CHANGES, "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["answer_form"].errors["comment"]
    assert (
        'value="supports_with_changes" checked'
        in response.content.decode().replace('checked=""', "checked")
        or "supports_with_changes" in response.content.decode()
    )


def test_only_board_members_vote_through_the_page(in_vote, cast, as_person):
    refused = as_person(cast["outsider"]).post(url("vote", in_vote), {"choice": VoteChoice.APPROVE})
    accepted = as_person(cast["m1"]).post(url("vote", in_vote), {"choice": VoteChoice.APPROVE})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert in_vote.votes.get().member == cast["m1"]


def test_only_the_chair_closes_through_the_page(in_vote, cast, as_person):
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)

    refused = as_person(cast["m1"]).post(url("vote_close", in_vote))
    as_person(cast["chair"]).post(url("vote_close", in_vote))

    assert refused.status_code == 403
    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.APPROVED


def approved(in_vote, cast):
    for key in ("chair", "vice", "m1"):
        services.vote_cast(user=cast[key], position=in_vote, choice=VoteChoice.APPROVE)
    return services.vote_close(actor=cast["chair"], position=in_vote)


def test_only_communications_officers_publish(in_vote, cast, as_person):
    position = approved(in_vote, cast)

    refused = as_person(cast["official"]).post(url("publish", position), {"publication": "public"})
    as_person(cast["comms"]).post(url("publish", position), {"publication": "public"})

    assert refused.status_code == 403
    position.refresh_from_db()
    assert position.state == PositionState.PUBLISHED


def test_the_public_page_shows_only_publicly_published_positions(in_vote, cast, client):
    position = approved(in_vote, cast)
    public_url = reverse("public_positions:public", args=[position.pk])

    assert client.get(public_url).status_code == 404
    services.position_publish(actor=cast["comms"], position=position, publication="public")
    page = client.get(public_url)

    assert page.status_code == 200
    assert "Rahoitus perustuu riskiin" in page.content.decode()
    html5lib.HTMLParser(strict=True).parse(page.content)  # valid HTML, as every public page


def test_internally_published_positions_are_not_public(in_vote, cast, client):
    position = approved(in_vote, cast)
    services.position_publish(actor=cast["comms"], position=position, publication="internal")

    assert client.get(reverse("public_positions:public", args=[position.pk])).status_code == 404


def test_drafts_are_seen_only_by_those_who_work_on_them(draft, cast, as_person):
    assert as_person(cast["official"]).get(url("detail", draft)).status_code == 200
    assert as_person(cast["outsider"]).get(url("detail", draft)).status_code == 404
    listed = as_person(cast["outsider"]).get(reverse("positions:list"))
    assert draft not in listed.context["positions"]


@pytest.mark.parametrize(
    ("who", "edit", "open_consultation"),
    [("official", 200, 200), ("outsider", 404, 404), ("m1", 404, 404)],
)
def test_editing_and_opening_are_for_drafters_and_officials(
    draft, cast, as_person, who, edit, open_consultation
):
    client = as_person(cast[who])

    assert client.get(url("edit", draft)).status_code == edit
    assert client.get(url("consultation_open", draft)).status_code == open_consultation


def test_anyone_signed_in_reads_a_position_in_consultation_and_its_matrix(
    in_consultation, cast, as_person
):
    response = as_person(cast["outsider"]).get(url("detail", in_consultation))

    assert response.status_code == 200
    assert response.context["matrix"]["total"] == 22
    assert not response.context["can_answer"]


# --- Versions, exports ---------------------------------------------------------------------------


def test_two_versions_compare_side_by_side_with_the_changed_words_marked(draft, cast, as_person):
    services.position_revise(
        actor=cast["official"],
        position=draft,
        title=draft.title,
        summary=draft.current_version.summary,
        text=(
            "## Esitys\n\nRahoitus perustuu riskiin, väestöön ja pinta-alaan.\n\n"
            "Siirtymäaika on kolme vuotta."
        ),
    )

    response = as_person(cast["official"]).get(url("compare", draft) + "?a=1&b=2")

    body = response.content.decode()
    assert "Rahoitus perustuu <del>riskiin</del> ja <del>väestöön.</del>" in body
    assert "<ins>pinta-alaan.</ins>" in body
    assert "Siirtymäaika on kolme vuotta." in body  # unchanged paragraphs stay plain


def test_the_consultation_answers_export_as_csv_with_every_department(
    in_consultation, cast, as_person
):
    services.consultation_answer(
        user=cast["m1"], position=in_consultation, stance=Stance.OPPOSES, comment="Ei; liian nopea."
    )

    response = as_person(cast["official"]).get(url("consultation_csv", in_consultation))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 22
    assert any("Lapin pelastuslaitos" in row[0] and "Ei; liian nopea." in row[4] for row in rows)


def test_the_printable_statement_is_the_decided_version(in_vote, cast, as_person):
    position = approved(in_vote, cast)

    response = as_person(cast["outsider"]).get(url("statement", position))

    assert response.status_code == 200
    assert "Rahoitus perustuu riskiin" in response.content.decode()


# --- Query counts -------------------------------------------------------------------------------


# The exact, enlarged query pins of the detail and list pages: test_query_counts.py.


def test_the_waiting_lists_show_what_needs_me(in_consultation, cast, as_person):
    client = as_person(cast["m2"])

    waiting = client.get(reverse("positions:list") + "?waiting=answer")
    services.consultation_answer(user=cast["m2"], position=in_consultation, stance=Stance.SUPPORTS)
    after = client.get(reverse("positions:list") + "?waiting=answer")

    assert list(waiting.context["positions"]) == [in_consultation]
    assert list(after.context["positions"]) == []


def test_an_outsider_has_nothing_waiting(in_vote, cast, as_person):
    response = as_person(make_user()).get(reverse("positions:list") + "?waiting=vote")

    assert list(response.context["positions"]) == []


def test_revising_an_answer_starts_from_the_earlier_answers_to_the_questions(
    in_consultation, cast, as_person
):
    question = in_consultation.questions.get()
    services.consultation_answer(
        user=cast["m1"],
        position=in_consultation,
        stance=Stance.SUPPORTS,
        question_answers={question.pk: "Riittää."},
    )

    form = as_person(cast["m1"]).get(url("detail", in_consultation)).context["answer_form"]

    assert form.initial[f"question_{question.pk}"] == "Riittää."


def test_comments_that_look_like_formulas_are_neutralised_in_the_csv(
    in_consultation, cast, as_person
):
    services.consultation_answer(
        user=cast["m1"],
        position=in_consultation,
        stance=Stance.OPPOSES,
        comment='=HYPERLINK("http://evil.example","klikkaa")',
    )

    content = (
        as_person(cast["official"])
        .get(url("consultation_csv", in_consultation))
        .content.decode("utf-8-sig")
    )

    assert "'=HYPERLINK" in content


def test_an_official_records_the_decision_of_a_board_meeting_from_the_page(
    in_vote, cast, as_person
):
    from tests.positions.test_services import board_meeting

    item = board_meeting(cast)
    draft_item = board_meeting(cast, publish=False, started=False)
    client = as_person(cast["official"])

    page = client.get(url("detail", in_vote))
    offered = list(page.context["decision_form"].fields["agenda_item"].queryset)
    assert offered == [item]  # not the draft meeting's item, whose title is not shown
    for bad in ["abc", "", str(draft_item.pk), "99999999", "1\x00"]:
        response = client.post(
            url("decision_from_meeting", in_vote), {"agenda_item": bad, "outcome": "approved"}
        )
        assert response.status_code == 302
    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.BOARD_VOTE
    client.post(
        url("decision_from_meeting", in_vote), {"agenda_item": item.pk, "outcome": "rejected"}
    )
    refused = as_person(cast["outsider"]).post(
        url("decision_from_meeting", in_vote), {"agenda_item": item.pk}
    )

    in_vote.refresh_from_db()
    assert in_vote.state == PositionState.REJECTED
    assert refused.status_code in {302, 403}
