"""A position is found by its current text, and by its public texts once published."""

from network.search import parse_query, search


def found(person, word):
    return [entry.kind for entry in search(user=person, parsed=parse_query(word))]


def test_a_position_is_found_by_its_revised_text_and_its_published_advocacy_text(in_vote, cast):
    from governance.positions import services

    services.position_revise(
        actor=cast["official"],
        position=in_vote,
        title=in_vote.title,
        summary="Tiivistelmä.",
        text="Rahoitus perustuu riskiin ja väestöön; myös kuntayhtymät.",
    )
    for key in ("chair", "vice", "m1", "m2"):
        services.vote_cast(user=cast[key], position=in_vote, choice="approve")
    services.vote_close(actor=cast["chair"], position=in_vote)
    assert found(cast["outsider"], "kuntayhtymä") == ["position"]
    assert found(cast["outsider"], "maakuntaliitoille") == []

    services.position_publish(
        actor=cast["comms"],
        position=in_vote,
        publication="public",
        text="Verkosto viestii maakuntaliitoille yhteisen kannan.",
    )

    assert found(cast["outsider"], "maakuntaliitoille") == ["position"]
