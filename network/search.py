"""Search over everything a person may see, in one indexed table.

Each app registers a ``SearchSource`` per kind of content in its ``AppConfig.ready()``
(``network`` never imports the apps): how to turn one object into a ``SearchDocument``,
and which objects a person may see (the app's ``visible_…`` selector). The app's
services call ``search_index(kind, pk)`` after a change, so ``SearchEntry`` stays
current; ``manage.py search_reindex`` rebuilds it all.

Finnish text is indexed as Voikko base forms and compound parts ("pelastuslaitoksen" →
"pelastuslaitos", "pelastus", "laitos") through the ``simple`` configuration; Swedish
and English through PostgreSQL's own stemmers. Without Voikko, Finnish goes through
PostgreSQL's ``finnish`` stemmer (``network.finnish`` says so in the log).

A search filters by visibility in SQL — per kind, ``object_id IN (visible objects)`` —
so no entry the person may not see ever leaves the database. Each kind's rule is compiled
from its selector and kept while nothing changes (``_visible_ids_sql``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models, transaction
from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.lookups import Lookup
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from network import finnish, page_cache
from network.models import SearchEntry, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

#: Stored text is for matching and snippets; very long texts are cut here.
MAX_TEXT = 20_000
MAX_WORDS = 8
#: A search ranks at most this many of the most recent matching entries.
MAX_CANDIDATES = 300
#: How many times ``MAX_CANDIDATES`` of the newest matches are asked who may see them.
WINDOW = 2
#: A snippet is looked for among a text's first words only (else its beginning is shown).
SNIPPET_SCAN_WORDS = 400
LANGUAGE_CONFIGS = {"sv": "swedish", "en": "english"}
QUERY_WORD = re.compile(r"[0-9a-zåäöéü]+")


@dataclass(frozen=True)
class SearchDocument:
    """What is matched and shown of one object. ``parts`` are (language, text).

    ``title`` is the Finnish title (or the only one); ``titles`` may add its Swedish and
    English versions (``{"sv": …, "en": …}``, as ``network.translations.versions`` gives
    them), which a reader of that language is shown."""

    title: str
    url: str
    titles: Mapping[str, str] = field(default_factory=dict)
    parts: list[tuple[str, str]] = field(default_factory=list)
    language: str = "fi"
    date: datetime | None = None
    body_id: int | None = None
    department_id: int | None = None


@dataclass(frozen=True)
class SearchSource[M: Model]:
    kind: str
    label: StrOrPromise
    #: The objects (a queryset) that this person may see: the app's one definition.
    visible: Callable[[User], QuerySet[M]]
    #: The document for one object, or None when it is not to be found (yet).
    document: Callable[[M], SearchDocument | None]
    #: Every object of this kind, for reindexing.
    objects: Callable[[], QuerySet[M]]
    order: int = 100


_sources: dict[str, SearchSource[Any]] = {}
_body_choices: list[Callable[[], list[tuple[int, str]]]] = []


def register_search_source[M: Model](source: SearchSource[M]) -> SearchSource[M]:
    _sources[source.kind] = source
    return source


def search_sources() -> list[SearchSource[Any]]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.kind))


def register_body_choices(choices: Callable[[], list[tuple[int, str]]]) -> None:
    """The app that knows bodies says which may be chosen as a filter (id, name)."""
    if choices not in _body_choices:
        _body_choices.append(choices)


def body_choices() -> list[tuple[int, str]]:
    return [choice for choices in _body_choices for choice in choices()]


# --- Indexing ---------------------------------------------------------------------------------


def _finnish_config() -> str:
    return "simple" if finnish.analyser_available() else "finnish"


def _vector_piece(text: str, language: str, weight: str) -> SearchVector:
    if language in LANGUAGE_CONFIGS:
        return SearchVector(Value(text), config=LANGUAGE_CONFIGS[language], weight=weight)
    if finnish.analyser_available():
        # Base forms are already normalised: the Finnish stemmer would only cut them again.
        return SearchVector(Value(finnish.base_forms(text)), config="simple", weight=weight)
    return SearchVector(Value(text), config="finnish", weight=weight)


def _vector(document: SearchDocument) -> SearchVector | CombinedExpression:
    vector: SearchVector | CombinedExpression = _vector_piece(
        document.title, document.language, "A"
    )
    for language, text in document.parts:
        if text.strip():
            vector = vector + _vector_piece(text[:MAX_TEXT], language, "B")
    return vector


def search_index(kind: str, pk: int) -> None:
    """(Re)index one object of the kind, or remove it when it is gone or not findable."""
    source = _sources[kind]
    obj = source.objects().filter(pk=pk).first()
    document = source.document(obj) if obj is not None else None
    if document is None:
        search_remove(kind, pk)
        return
    text = "\n".join(text for _, text in document.parts if text.strip())[:MAX_TEXT]
    with transaction.atomic():
        SearchEntry.objects.update_or_create(
            kind=kind,
            object_id=pk,
            defaults={
                "title": document.title[:300],
                "title_sv": document.titles.get("sv", "")[:300],
                "title_en": document.titles.get("en", "")[:300],
                "text": text,
                "language": document.language,
                "url": document.url[:300],
                "date": document.date,
                "body_id": document.body_id,
                "department_id": document.department_id,
                "updated_at": timezone.now(),
            },
        )
        SearchEntry.objects.filter(kind=kind, object_id=pk).update(vector=_vector(document))


def search_index_many(kind: str, pks: Iterable[int]) -> None:
    for pk in pks:
        search_index(kind, pk)


def search_remove(kind: str, pk: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def search_reindex(kinds: Iterable[str] | None = None) -> int:
    """Rebuild the index for the given kinds (all by default); returns the entry count."""
    count = 0
    for source in search_sources():
        if kinds and source.kind not in kinds:
            continue
        pks = list(source.objects().values_list("pk", flat=True))
        SearchEntry.objects.filter(kind=source.kind).exclude(object_id__in=pks).delete()
        for pk in pks:
            search_index(source.kind, pk)
        count += SearchEntry.objects.filter(kind=source.kind).count()
    return count


# --- Searching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    words: list[str]
    #: Per word, the forms a match may have (base forms, the word itself).
    forms: list[set[str]]
    query: SearchQuery | None


def parse_query(text: str, *, prefix_last: bool = False) -> ParsedQuery:
    """The typed words as a tsquery, built from sanitised words only (never raw input):
    each word by its Finnish base forms, its Swedish and English stems, and — while
    typing — the last word as a prefix. All words must match."""
    words = [w for w in QUERY_WORD.findall((text or "").lower()) if len(w) > 1][:MAX_WORDS]
    combined = None
    all_forms = []
    config = _finnish_config()
    for index, word in enumerate(words):
        forms = set(finnish.query_forms(word)) | {word}
        all_forms.append(forms)
        alternatives = SearchQuery(word, config="swedish") | SearchQuery(word, config="english")
        for form in sorted(forms):
            alternatives |= SearchQuery(form, config=config)
        if prefix_last and index == len(words) - 1 and len(word) >= 3:
            alternatives |= SearchQuery(f"{word}:*", config="simple", search_type="raw")
        combined = alternatives if combined is None else combined & alternatives
    return ParsedQuery(words=words, forms=all_forms, query=combined)


def visible_entries(
    user: User,
    kinds: Iterable[str] | None = None,
    *,
    among: list[tuple[int, str, int]] | None = None,
) -> QuerySet[SearchEntry]:
    """Entries of the kinds asked for whose objects the person may see (in SQL).

    Per kind, ``object_id IN (the ids of the objects the person may see)``, that list
    being the kind's own selector (``SearchSource.visible``). ``among``: only these entries
    (``(pk, kind, object_id)``); each kind's visible objects are then asked among that
    kind's objects there only, which keeps the database from reading every object the
    person may see."""
    wanted: dict[str, list[int]] | None = None
    if among is not None:
        wanted = {}
        for _pk, kind, object_id in among:
            wanted.setdefault(kind, []).append(object_id)
    stamp = page_cache.content_stamp()
    condition = Q(pk__in=[])
    for source in search_sources():
        if kinds and source.kind not in kinds:
            continue
        if wanted is not None and source.kind not in wanted:
            continue
        ids = IdArray(wanted[source.kind]) if wanted is not None else None
        sql, params = _visible_ids_sql(source, user, stamp)
        this_kind = Q(kind=source.kind, object_id__in_ids_of=VisibleIds(sql, params, ids))
        if ids is not None:
            this_kind &= Q(object_id__any_of=ids)
        condition |= this_kind
    return SearchEntry.objects.filter(condition)


#: The compiled SQL of each kind's visible ids, per person, while the content stamp holds.
_compiled: dict[tuple[int, str], tuple[str, tuple]] = {}
_compiled_stamp: str | None = None
#: People × kinds kept at most (a few hundred people searching within one quiet minute).
_COMPILED_MAX = 2_000


def _visible_ids_sql(source: SearchSource[Any], user: User, stamp: str | None) -> tuple[str, tuple]:
    """The SQL (and its parameters) that lists the ids of the kind's objects the person may
    see, compiled from the app's selector.

    Building and compiling a rule's nested subqueries in the ORM costs more than the
    database takes to run them (a search asks up to 19 kinds), so the SQL is kept in this
    process while the content stamp holds (``page_cache.content_stamp``: no committed
    write anywhere and the same minute). The rules read only the content (the person's
    seats, roles and department) and the clock, so the content cannot have changed
    meanwhile; what the clock decides (a public item due at 10.00.30) is at most a
    minute late, as on a kept page."""
    global _compiled_stamp
    if stamp is not None:
        if stamp != _compiled_stamp or len(_compiled) >= _COMPILED_MAX:
            _compiled.clear()
            _compiled_stamp = stamp
        elif (kept := _compiled.get((user.pk, source.kind))) is not None:
            return kept
    # No order: it would keep PostgreSQL from merging the list into the query around it.
    compiled = source.visible(user).order_by().values("pk").query.sql_with_params()
    if stamp is not None:
        _compiled[(user.pk, source.kind)] = compiled
    return compiled


@dataclass(frozen=True, slots=True)
class IdArray:
    """Ids passed to SQL as one array parameter. Not a list: the ORM resolves each item of a
    list given to a filter, and a search's window holds hundreds."""

    ids: Sequence[int]


@dataclass(frozen=True, slots=True)
class VisibleIds:
    """The right-hand side of ``__in_ids_of``: compiled SQL listing ids, and optionally the
    only ids it need be asked about."""

    sql: str
    params: tuple
    among: IdArray | None = None


def _array(value: IdArray | Iterable[int]) -> list[int]:
    return [int(v) for v in (value.ids if isinstance(value, IdArray) else value)]


class _AnyOf(Lookup):
    """``field = ANY(%s)`` with the ids as one array parameter: a thousand ``%s`` of an
    ``IN`` list would cost more to build and to plan than the query takes to run, and the
    planner still sees the values."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [_array(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs}::bigint[])", [*lhs_params, *rhs_params]


class _InIdsOf(Lookup):
    """``field IN (compiled SQL of ids)``, asked among ``among`` only when given. The list
    is a derived table that PostgreSQL merges into the query around it (it has no order),
    so the ids reach the index of the objects' own table."""

    lookup_name = "in_ids_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", []

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        visible: VisibleIds = self.rhs
        sql = f"SELECT v.id FROM ({visible.sql}) AS v(id)"  # noqa: S608 - compiled by the ORM  # nosec B608
        params = [*visible.params]
        if visible.among is not None:
            sql += " WHERE v.id = ANY(%s::bigint[])"
            params.append(_array(visible.among))
        return f"{lhs} IN ({sql})", [*lhs_params, *params]


models.IntegerField.register_lookup(_AnyOf)
models.IntegerField.register_lookup(_InIdsOf)


def search(
    *,
    user: User,
    parsed: ParsedQuery,
    kinds: Iterable[str] | None = None,
    body_id: int | None = None,
    department_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[SearchEntry]:
    """Visible entries matching the query, best first (a title match above the text)."""
    if parsed.query is None:
        return SearchEntry.objects.none()
    entries = SearchEntry.objects.filter(vector=parsed.query)
    if kinds:
        entries = entries.filter(kind__in=list(kinds))
    if body_id:
        entries = entries.filter(body_id=body_id)
    if department_id:
        entries = entries.filter(department_id=department_id)
    if date_from:
        entries = entries.filter(date__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(date__lt=_start_of(date_to + timedelta(days=1)))
    # Ranked among the most recent matches only: a common word matches tens of thousands
    # of entries, and ranking them all would read them all (older matches are found with
    # the date filters). The window is wide (``WINDOW`` times the ranked number) so that
    # what the person may not see does not crowd out what they may; timeless entries
    # (people, departments, bodies) are ranked beside the dated ones, never pushed out.
    # The window comes from the date index without visibility; who may see what is then
    # asked of the window's own objects only, kind by kind, in the same query.
    window = [
        *recent_window(entries),
        # In no order: an order would walk the primary key past every match instead of
        # reading the timeless entries' own small index.
        *entries.filter(date__isnull=True)
        .order_by()
        .values_list("pk", "kind", "object_id")[:MAX_CANDIDATES],
    ]
    return (
        visible_entries(user, kinds, among=window)
        .annotate(rank=SearchRank(F("vector"), parsed.query))
        .order_by("-rank", F("date").desc(nulls_last=True), "pk")
    )


def recent_window(entries: QuerySet[SearchEntry]) -> QuerySet:
    """The newest dated matches asked who may see them: ``(pk, kind, object_id)``."""
    return (
        entries.filter(date__isnull=False)
        .order_by(F("date").desc(nulls_last=True), "-pk")
        .values_list("pk", "kind", "object_id")[: MAX_CANDIDATES * WINDOW]
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Highlighting -----------------------------------------------------------------------------


def _matches(word: str, parsed: ParsedQuery) -> bool:
    lower = word.lower()
    forms = set(finnish.word_forms(word)) | {lower}
    for wanted in parsed.forms:
        if forms & wanted:
            return True
        # Swedish and English inflect at the end: "räddningsverk" → "räddningsverket".
        if any(len(w) >= 4 and lower.startswith(w) for w in wanted):
            return True
    return False


def highlight(
    text: str, parsed: ParsedQuery, *, around: int = 12, whole: bool = False
) -> SafeString:
    """The text (or a short stretch around the first match) with matching words in
    ``<mark>``; every piece of the text is escaped, only the marks are ours."""
    tokens = list(finnish.WORD.finditer(text or ""))
    if whole or not tokens:
        marked = [i for i, token in enumerate(tokens) if _matches(token.group(), parsed)]
        start_char, end_char = 0, len(text or "")
    else:
        # Only the words up to the first match, and those shown around it, are analysed:
        # a long text's other words never reach the snippet.
        scanned = enumerate(tokens[:SNIPPET_SCAN_WORDS])
        first = next((i for i, token in scanned if _matches(token.group(), parsed)), 0)
        lo = max(0, first - around)
        hi = min(len(tokens) - 1, first + 2 * around)
        marked = [i for i in range(lo, hi + 1) if _matches(tokens[i].group(), parsed)]
        start_char = tokens[lo].start() if lo > 0 else 0
        end_char = tokens[hi].end() if hi < len(tokens) - 1 else len(text)
    pieces = ["…"] if start_char > 0 else []
    position = start_char
    for i in marked:
        token = tokens[i]
        if token.start() < start_char or token.end() > end_char:
            continue
        pieces.append(escape(text[position : token.start()]))
        pieces.append(format_html("<mark>{}</mark>", token.group()))
        position = token.end()
    pieces.append(escape(text[position:end_char]))
    if end_char < len(text or ""):
        pieces.append("…")
    # Each piece is escaped (or our own <mark>); format_html_join escapes any plain one.
    return format_html_join("", "{}", ((piece,) for piece in pieces))
