"""Search: Finnish and Swedish forms, ranking, highlighting, bad input and the index."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from communications.bulletins import services as bulletins
from network.finnish import analyser_available
from network.models import NetworkRole, SearchEntry
from network.search import (
    highlight,
    parse_query,
    recent_window,
    search,
    search_index,
    search_reindex,
)
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db

needs_voikko = pytest.mark.skipif(not analyser_available(), reason="Voikko is not installed")


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


@pytest.fixture
def publish(comms):
    """A bulletin to the whole network, written and published through the services."""

    def publish(title, text="Tiedote verkostolle."):
        bulletin = bulletins.bulletin_save(
            actor=comms, title=title, text=text, audience=[("network", "all")]
        )
        return bulletins.bulletin_publish(actor=comms, bulletin=bulletin)

    return publish


def titles(user, query, *, prefix_last=True, **filters):
    parsed = parse_query(query, prefix_last=prefix_last)  # the page asks with a prefix
    return [entry.title for entry in search(user=user, parsed=parsed, **filters)]


@needs_voikko
@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("pelastuslaitos", "Pelastuslaitosten yhteistyö"),
        ("pelastuslaitos", "Terveiset pelastuslaitokselle"),
        ("kokous", "Kokouksen siirto"),
        ("hallitus", "Hallituksen esitys"),
        ("valvonta", "Uusi valvontasuunnitelma"),
        ("kokouksen", "Kokous pidetään Tampereella"),
        ("laitos", "Pelastuslaitoksen kalusto"),
    ],
)
def test_finnish_base_forms_and_compound_parts_are_found(member, publish, typed, written):
    publish(written)
    publish("Aivan muuta asiaa")

    # Whole words only: no help from matching the last word as a prefix.
    assert titles(member, typed, prefix_last=False) == [written]


def publish_swedish_news(comms, title: str, lead: str, body: str) -> None:
    """A news item in Swedish on the public site, written, reviewed and published."""
    from communications.public import services as public

    item = public.public_item_save(
        actor=comms, kind="news", language="sv", title=title, lead=lead, body=body
    )
    public.public_item_submit(actor=comms, item=item)
    public.public_item_publish(actor=comms, item=item)


def test_swedish_text_is_found_through_the_swedish_stemmer(member, comms):
    publish_swedish_news(
        comms,
        "Nytt från räddningsverket",
        lead="Räddningsverket samarbetar.",
        body="Samarbete mellan räddningsverken.",
    )

    assert titles(member, "räddningsverk") == ["Nytt från räddningsverket"]
    # Whole words, no prefix: only the Swedish stemmer makes "räddningsverken" (in the
    # text) and the typed "räddningsverk" or "räddningsverks" the same word.
    for typed in ("räddningsverk", "räddningsverks"):
        assert titles(member, typed, prefix_last=False) == ["Nytt från räddningsverket"]


def test_a_title_match_ranks_above_a_match_in_the_text(member, publish):
    # The title match is older (newer first among equals) and its text says nothing of
    # it: only the title's weight puts it first.
    publish("Valvontasuunnitelma valmistui", text="Lue lisää muualta.")
    publish("Tiedote", text="Valvontasuunnitelma, valvontasuunnitelmaa, valvontasuunnitelman.")

    assert titles(member, "valvontasuunnitelma") == [
        "Valvontasuunnitelma valmistui",
        "Tiedote",
    ]


def test_every_word_typed_must_match(member, publish):
    publish("Kokouksen siirto", text="Hallitus kokoontuu myöhemmin.")
    publish("Kokouksen pöytäkirja")

    assert titles(member, "kokous hallitus") == ["Kokouksen siirto"]


def test_the_last_word_is_matched_as_a_prefix_while_typing(member, publish):
    publish("Valmiussuunnitelma")

    assert titles(member, "valmius") == ["Valmiussuunnitelma"]
    assert titles(member, "valmiussuunn") == ["Valmiussuunnitelma"]


def test_matching_words_are_marked_and_everything_else_is_escaped(member, publish):
    publish("Kokous <script>alert(1)</script>", text="<b>Kokouksen</b> & muuta")
    parsed = parse_query("kokous")
    entry = SearchEntry.objects.get(kind="bulletin")

    title = highlight(entry.title, parsed, whole=True)
    snippet = highlight(entry.text, parsed)

    assert str(title) == "<mark>Kokous</mark> &lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(snippet) == "&lt;b&gt;<mark>Kokouksen</mark>&lt;/b&gt; &amp; muuta"


def test_a_long_text_is_cut_to_a_snippet_around_the_first_match(member):
    words = ["sana"] * 100 + ["kokouksen"] + ["sana"] * 100
    snippet = str(highlight(" ".join(words), parse_query("kokous")))

    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>kokouksen</mark>" in snippet
    assert len(snippet) < 400


def test_the_search_page_shows_marked_results(member, publish, client):
    publish("Kokouksen siirto", text="Hallituksen kokous siirtyy viikolla.")
    sign_in(client, member)

    response = client.get(reverse("search"), {"q": "kokous"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Kokouksen</mark> siirto" in page
    assert "1 tulos" in page  # the person reads Finnish


def test_htmx_gets_only_the_results(member, publish, client):
    publish("Kokouksen siirto")
    sign_in(client, member)

    response = client.get(reverse("search"), {"q": "kokous"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert "<mark>Kokouksen</mark>" in page
    assert "<html" not in page
    assert response["Vary"].count("HX-Request") == 1


def test_results_can_be_limited_to_one_kind(member, publish, comms):
    from governance.models import Body, BodyKind

    publish("Hallituksen tiedote")
    body = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    search_index("body", body.pk)

    assert set(titles(member, "hallitus")) == {"Hallitus", "Hallituksen tiedote"}
    assert titles(member, "hallitus", kinds=["body"]) == ["Hallitus"]


def test_results_are_paginated(member, publish, client):
    for number in range(23):
        publish(f"Kokous {number}")
    sign_in(client, member)

    first = client.get(reverse("search"), {"q": "kokous"}).content.decode()
    second = client.get(reverse("search"), {"q": "kokous", "page": "2"}).content.decode()

    assert "23 tulosta" in first and first.count('class="search-result"') == 20
    assert "page=2" in first
    assert second.count('class="search-result"') == 3


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # The person reads Finnish.
        ("a", "vähintään kaksi kirjainta"),
        ("& | ! :*", "vähintään kaksi kirjainta"),
        ("k" * 10_000, "enintään 200 merkillä"),
    ],
)
def test_bad_queries_get_a_clear_answer_and_keep_what_was_typed(member, client, typed, message):
    sign_in(client, member)

    response = client.get(reverse("search"), {"q": typed})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{escape(typed)}"' in page


def test_a_nul_byte_is_refused_with_400(member, client):
    sign_in(client, member)

    assert client.get(reverse("search"), {"q": "kokous\x00"}).status_code == 400


@pytest.mark.parametrize(
    "typed",
    ['"kokous"', "kokous & hallitus", "kokous | hallitus", "!kokous", "kokous:*", "-kokous"],
)
def test_quotes_and_operators_are_read_as_words(member, publish, client, typed):
    publish("Hallituksen kokous")
    sign_in(client, member)

    response = client.get(reverse("search"), {"q": typed})

    assert response.status_code == 200
    assert "Hallituksen" in response.content.decode()


def test_an_empty_query_says_what_to_type(member, client):
    sign_in(client, member)

    page = client.get(reverse("search")).content.decode()

    assert "Kirjoita, mitä etsit" in page


def test_the_header_on_every_page_has_the_search_box(member, client):
    sign_in(client, member)

    page = client.get(reverse("dashboard")).content.decode()

    assert f'action="{reverse("search")}"' in page
    assert 'role="search"' in page


def test_reindexing_rebuilds_the_index_and_drops_what_is_gone(member, publish):
    bulletin = publish("Kokouksen siirto")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="bulletin", object_id=bulletin.pk + 1000, title="x", url="/")

    search_reindex(["bulletin"])

    assert list(SearchEntry.objects.values_list("object_id", flat=True)) == [bulletin.pk]
    assert titles(member, "kokous") == ["Kokouksen siirto"]


def test_the_reindex_command_runs(member, publish):
    from django.core.management import call_command

    publish("Kokouksen siirto")
    SearchEntry.objects.all().delete()

    call_command("search_reindex")

    assert titles(member, "kokous") == ["Kokouksen siirto"]


def test_the_query_uses_the_gin_index_with_many_entries(member, publish):
    """A word in few entries is found through the full-text index (a word in very many
    is found through the date index, among the most recent: ``MAX_CANDIDATES``)."""
    publish("Kokouksen siirto")
    entries = [
        SearchEntry(
            kind="bulletin",
            object_id=100_000 + n,
            title=f"Muu asia {n}",
            url="/",
            date=timezone.now() - timedelta(minutes=n),
        )
        for n in range(30_000)
    ]
    SearchEntry.objects.bulk_create(entries)
    with connection.cursor() as cursor:
        cursor.execute(
            # Entries as long as real ones (forty words of a large vocabulary each).
            "UPDATE network_searchentry SET vector = to_tsvector('simple', title || ' asia"
            " ' || object_id::text || ' ' || (SELECT string_agg('sana' || ((object_id * 7919"
            " + n * 104729) % 3000)::text, ' ') FROM generate_series(1, 40) n))"
            " WHERE vector IS NULL"
        )
        cursor.execute("ANALYZE network_searchentry")

    matching = SearchEntry.objects.filter(vector=parse_query("kokous").query)
    plan = recent_window(matching).explain()

    assert "search_entry_vector" in plan
    assert [e.title for e in search(user=member, parsed=parse_query("kokous"))] == [
        "Kokouksen siirto"
    ]


@pytest.fixture
def without_voikko(monkeypatch):
    """As on a server without libvoikko: its import fails."""
    import sys

    from network import finnish

    caches = (finnish._voikko, finnish._forms, finnish.query_forms)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setitem(sys.modules, "libvoikko", None)
    yield
    monkeypatch.undo()
    for cached in caches:
        cached.cache_clear()


def test_without_voikko_the_stemmer_still_answers_and_the_log_says_so(
    without_voikko, member, publish, caplog
):
    with caplog.at_level("WARNING", logger="network.finnish"):
        publish("Kokouksen siirto")

    assert not analyser_available()
    assert "Voikko is not available" in caplog.text
    # PostgreSQL's Finnish stemmer unifies some forms ("kokoukset", "kokouksen").
    assert titles(member, "kokoukset", prefix_last=False) == ["Kokouksen siirto"]


def test_results_can_be_filtered_by_body_department_and_date(member, client, departments):
    from datetime import timedelta

    from django.utils import timezone

    from governance.models import Body, BodyKind, Meeting
    from tests.factories import make_director

    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    group = Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="ict", name_fi="ICT")
    now = timezone.now()
    for body, days in ((board, 0), (group, 40)):
        meeting = Meeting.objects.create(
            body=body,
            title=f"Kokous {body.name_fi}",
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=1),
            state="published",
            created_by=member,
        )
        search_index("meeting", meeting.pk)
    lapland = make_director(departments["lappi"], first_name="Kokous", last_name="Lappi")
    search_index("person", lapland.pk)
    sign_in(client, member)

    def found(**filters):
        page = client.get(reverse("search"), {"q": "kokous", **filters}).content.decode()
        return page.count('class="search-result"')

    today = timezone.localdate()
    assert found() == 3
    assert found(body=board.pk) == 1
    assert found(department=departments["lappi"].pk) == 1
    assert found(date_from=today + timedelta(days=10)) == 1
    assert found(date_from=today, date_to=today + timedelta(days=1)) == 1


def test_the_chosen_filters_stay_chosen_and_names_are_shown_as_text(member, client, departments):
    import re

    from governance.models import Body, BodyKind

    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="ict", name_fi="ICT <b>& data</b>")
    sign_in(client, member)
    lapland = departments["lappi"]

    page = client.get(
        reverse("search"),
        {"q": "kokous", "kind": "meeting", "body": board.pk, "department": lapland.pk},
    ).content.decode()

    assert re.findall(r'<option value="([^"]*)" selected>', page) == [
        "meeting",
        str(board.pk),
        str(lapland.pk),
    ]
    assert "ICT &lt;b&gt;&amp; data&lt;/b&gt;</option>" in page
    assert '<details class="search-filters" open>' in page

    refused = client.get(reverse("search"), {"q": "kokous", "body": "x"}).content.decode()
    # The kind and the department at their "any", the refused body at none.
    assert re.findall(r'<option value="([^"]*)" selected>', refused) == ["", ""]
    assert 'aria-invalid="true" aria-describedby="search-body-error"' in refused
    assert 'id="search-body-error"' in refused


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"body": "not-a-number"}, "Select a valid choice"),
        ({"department": "99999"}, "Select a valid choice"),
        ({"date_from": "2026-02-31"}, "Write the date as day.month.year"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "cannot be before"),
        ({"kind": "secrets"}, "Select a valid choice"),
    ],
)
def test_bad_filters_get_a_clear_answer(member, client, departments, filters, message):
    from django.utils import translation

    sign_in(client, member)
    member.language = "en"
    member.save()

    with translation.override("en"):
        response = client.get(reverse("search"), {"q": "kokous", **filters})

    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_page_asks_the_same_number_of_queries_for_3_or_60_results(member, publish, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, member)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("search"), {"q": "kokous"}).status_code == 200
        return len(captured)

    for number in range(3):
        publish(f"Kokous {number}")
    few = queries()
    for number in range(57):
        publish(f"Kokous {number}")

    assert queries() == few


def test_the_portals_connections_run_without_jit_compilation(member, publish, client):
    """JIT compiling the visibility look-ups cost seconds (see search_benchmark); every
    connection the portal opens turns it off."""
    from django.db import connections

    publish("Kokous")
    sign_in(client, member)
    assert client.get(reverse("search"), {"q": "kokous"}).status_code == 200

    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)


def test_the_benchmark_reports_median_and_95th_percentile_and_leaves_nothing(member, capsys):
    from django.core.management import call_command

    from communications.bulletins.models import Bulletin

    call_command("search_benchmark", entries=60, requests=4)

    out = capsys.readouterr().out
    assert "60 bulletins indexed" in out
    assert "median" in out and "95th percentile" in out
    assert not Bulletin.objects.exists() and not SearchEntry.objects.exists()


def test_a_department_renamed_in_the_admin_is_found_by_its_new_name(
    admin_client_mfa, network_admin, departments
):
    department = departments["kainuu"]
    person = make_user(first_name="Kalle", last_name="Kainuulainen", department=department)
    data = {
        "name_fi": "Kainuun sammutuslaitos",
        "name_sv": department.name_sv,
        "name_en": department.name_en,
        "slug": department.slug,
        "region": department.region_id,
        "host_municipality": department.host_municipality,
        "email": department.email,
        "phone": department.phone,
        "website": department.website,
        "is_active": "on",
    }

    response = admin_client_mfa.post(
        reverse("admin:network_department_change", args=[department.pk]), data
    )

    assert response.status_code == 302
    assert titles(network_admin, "sammutuslaitos", kinds=["department"]) == [
        "Kainuun sammutuslaitos"
    ]
    assert titles(network_admin, "sammutuslaitos", kinds=["person"]) == [person.full_name]


def test_what_the_person_may_not_see_never_crowds_out_what_they_may(
    member, comms, publish, monkeypatch
):
    """Only the most recent matches are ranked, in a window wider than what is ranked (the
    newest ones the person may not see leave room for those they may), and timeless
    entries (people) are ranked beside them."""
    import network.search as site_search

    monkeypatch.setattr(site_search, "MAX_CANDIDATES", 3)
    publish("Vanha kalustetiedote")  # the oldest, to everyone
    for n in range(4):
        publish(f"Uusi kalustetiedote {n}")
    for n in range(3):  # the newest, to the communications officers only
        bulletin = bulletins.bulletin_save(
            actor=comms,
            title=f"Sisäinen kalustetiedote {n}",
            text="Vain viestinnälle.",
            audience=[("role", "communications")],
        )
        bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
    search_index("person", make_user(first_name="Kalle", last_name="Kalustetiedote").pk)

    member_sees = titles(member, "kalustetiedote", prefix_last=False)
    comms_sees = titles(comms, "kalustetiedote", prefix_last=False)

    assert not any(title.startswith("Sisäinen") for title in member_sees)
    assert "Kalle Kalustetiedote" in member_sees  # the person, beside the dated ones
    assert sum(title.startswith("Uusi") for title in member_sees) == 3  # the 3 most recent
    assert sum(title.startswith("Sisäinen") for title in comms_sees) == 3


def test_a_search_says_when_only_the_most_recent_matches_are_listed(
    member, publish, client, monkeypatch
):
    import network.search as site_search

    monkeypatch.setattr(site_search, "MAX_CANDIDATES", 2)
    for n in range(3):
        publish(f"Kalustetiedote {n}")
    sign_in(client, member)

    capped = client.get(reverse("search"), {"q": "kalustetiedote"}).content.decode()
    monkeypatch.setattr(site_search, "MAX_CANDIDATES", 10)
    whole = client.get(reverse("search"), {"q": "kalustetiedote"}).content.decode()

    note = "vain uusimmat"
    assert note in capped
    assert note not in whole


def test_each_reader_finds_the_title_in_their_own_language_and_the_fallback_is_marked(
    client, comms, departments
):
    """A bulletin written in Finnish and Swedish is listed by its Swedish title to a Swedish
    reader; one written in Finnish only is listed in Finnish, marked as Finnish text."""
    both = bulletins.bulletin_save(
        actor=comms,
        title="Maastopalovaroitus koko maahan",
        title_sv="Varning för terrängbrand i hela landet",
        text="Varoitus. Varning.",
        text_sv="Varning för terrängbrand.",
        audience=[("network", "all")],
    )
    bulletins.bulletin_publish(actor=comms, bulletin=both)
    only_finnish = bulletins.bulletin_save(
        actor=comms,
        title="Maastopalon jälkitorjunta",
        text="Varning: jälkitorjunta kestää.",
        audience=[("network", "all")],
    )
    bulletins.bulletin_publish(actor=comms, bulletin=only_finnish)
    publish_swedish_news(
        comms, "Varning från räddningsverket", lead="Räddningsverket varnar.", body="Varning."
    )

    def results(reader) -> str:
        sign_in(client, reader)
        response = client.get(reverse("search"), {"q": "varning"})
        assert response.status_code == 200
        client.logout()
        return response.content.decode()

    swedish = results(make_user(language="sv"))
    assert "<mark>Varning</mark> för terrängbrand i hela landet</a>" in swedish
    assert "Maastopalovaroitus" not in swedish
    assert 'lang="fi">Maastopalon jälkitorjunta</a>' in swedish
    assert '"><mark>Varning</mark> från räddningsverket</a>' in swedish  # Swedish: no lang

    finnish = results(make_user(language="fi"))
    assert '">Maastopalovaroitus koko maahan</a>' in finnish
    assert 'lang="fi"' not in finnish.split('class="search-results"')[1]
    assert 'lang="sv"><mark>Varning</mark> från räddningsverket</a>' in finnish

    english = results(make_user(language="en"))
    assert 'lang="fi">Maastopalovaroitus koko maahan</a>' in english
