"""A large, realistic data set: ten years of the network's work (``manage.py large_data``).

Each app registers builder steps here (in its ``AppConfig.ready()``, from its own
``large_data.py``), like demo steps: ``network`` never imports the apps. A step is a
function taking the ``Build``; it reads what earlier steps left in ``build.shared``
(departments, people, bodies…) and adds what later steps need. Steps run in their
``order``; each draws from its own random generator, seeded from the build's seed and the
step's name, so that adding a step (the strategy issue's solutions and influence log, for
example) changes no other step's data.

Sizes are those of ten years at ``scale`` 1.0 (``build.n(30_000)`` agenda items); the rows
go in with ``bulk_create`` or, for the largest tables, PostgreSQL's ``COPY``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from network import finnish
from network.facts import network_load_facts
from network.large_text import Text
from network.models import Department, DepartmentRole, NetworkRole, User

#: Every person of the large data set signs in with this password.
LARGE_PASSWORD = "suuri-aineisto-2017"  # noqa: S105 - a benchmark data set, never production  # nosec B105
LARGE_DOMAIN = "suuri.example"
YEARS = 10


@dataclass
class Build:
    scale: float
    seed: int
    today: date
    shared: dict = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)
    text: Text = field(default_factory=lambda: Text(random.Random()))

    def for_step(self, name: str) -> None:
        self.rng = random.Random(f"{self.seed}:{name}")
        self.text = Text(self.rng)

    def n(self, full: int, minimum: int = 1) -> int:
        """The number of rows for this scale of a table that has ``full`` at scale 1."""
        return max(minimum, round(full * self.scale))

    @property
    def start(self) -> date:
        return self.today - timedelta(days=365 * YEARS)

    def day(self, low: date | None = None, high: date | None = None) -> date:
        low = low or self.start
        high = high or self.today
        return low + timedelta(days=self.rng.randrange(max(1, (high - low).days + 1)))

    def moment(self, day: date, hour: int | None = None) -> datetime:
        hour = self.rng.randrange(8, 17) if hour is None else hour
        return timezone.make_aware(datetime.combine(day, clock(hour, self.rng.randrange(60))))

    def count(self, name: str, rows: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + rows


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write rows with PostgreSQL's COPY (values as Python objects; None is NULL)."""
    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def set_search_vectors(table: str, column: str, rows: Iterable[tuple[int, str, str]]) -> None:
    """Set a search vector column from (pk, title's base forms, text's base forms), as
    the app's own services do (Voikko base forms through the ``simple`` configuration)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE large_vectors (pk bigint, a text, b text) ON COMMIT DROP")
    copy_rows("large_vectors", ("pk", "a", "b"), rows)
    config = "simple" if finnish.analyser_available() else "finnish"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} t SET {column} ="  # noqa: S608 - our own names  # nosec B608
            f" setweight(to_tsvector('{config}', v.a), 'A') ||"
            f" setweight(to_tsvector('{config}', v.b), 'B')"
            " FROM large_vectors v WHERE t.id = v.pk"
        )
        cursor.execute("DROP TABLE large_vectors")


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    run: Callable[[Build], None]


_steps: dict[str, Step] = {}


def register_large_data_step(name: str, order: int):
    """Register a builder step (a decorator): ``@register_large_data_step("bulletins", 60)``."""

    def decorate(function: Callable[[Build], None]) -> Callable[[Build], None]:
        _steps[name] = Step(name=name, order=order, run=function)
        return function

    return decorate


def large_data_steps() -> list[Step]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def large_data_build(
    *, scale: float = 1.0, seed: int = 2017, log: Callable[[str], None] | None = None
) -> Build:
    """Build the data set into an empty database (refused in production mode)."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("The large data set is never built in production mode.")
    if User.objects.exists():
        raise ImproperlyConfigured("The database is not empty: build into a fresh database.")
    build = Build(scale=scale, seed=seed, today=timezone.localdate())
    for step in large_data_steps():
        began = time.perf_counter()
        build.for_step(step.name)
        step.run(build)
        if log:
            log(f"{step.name}: {time.perf_counter() - began:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return build


# --- The network's own steps ---------------------------------------------------------------------


def _email(first: str, last: str, number: int) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", " ": "", "-": ""})
    return (
        f"{first.lower().translate(table)}.{last.lower().translate(table)}.{number}@{LARGE_DOMAIN}"
    )


@register_large_data_step("people", 10)
def build_people(build: Build) -> None:
    """The 22 real departments; a director for each, deputies and staff (about 2,000
    people in all), and the network's officials."""
    network_load_facts()
    departments = list(Department.objects.order_by("slug"))
    password = make_password(LARGE_PASSWORD, salt="large-data")
    swedish = {"lansi-uusimaa", "ita-uusimaa", "pohjanmaa", "keski-pohjanmaa-pietarsaari"}
    people: list[User] = []
    total = build.n(2000, minimum=len(departments) * 2 + 6)

    def person(department, role, title, roles=()):
        is_sv = department is not None and department.slug in swedish and build.rng.random() < 0.7
        first, last = build.text.person_name(swedish=is_sv)
        number = len(people) + 1
        people.append(
            User(
                email=_email(first, last, number),
                first_name=first,
                last_name=last,
                title=title,
                language="sv" if is_sv else "fi",
                department=department,
                department_role=role,
                roles=list(roles),
                password=password,
                date_joined=build.moment(build.start),
            )
        )

    for department in departments:
        person(department, DepartmentRole.DIRECTOR, "Pelastusjohtaja")
        person(department, DepartmentRole.DEPUTY, "Apulaispelastusjohtaja")
    person(None, "", "Kumppanuusverkoston pääsihteeri", (NetworkRole.OFFICIAL,))
    person(None, "", "Kehittämispäällikkö", (NetworkRole.OFFICIAL,))
    person(None, "", "Viestintäpäällikkö", (NetworkRole.OFFICIAL, NetworkRole.COMMUNICATIONS))
    person(None, "", "Verkoston ylläpitäjä", (NetworkRole.NETWORK_ADMIN,))
    while len(people) < total:
        person(build.rng.choice(departments), DepartmentRole.STAFF, build.text.job_title())
    people = User.objects.bulk_create(people, batch_size=2000)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people],
        batch_size=2000,
    )
    build.count("people", len(people))
    directors = {p.department_id: p for p in people if p.department_role == "director"}
    build.shared.update(
        departments=departments,
        people=people,
        directors=directors,
        deputies={p.department_id: p for p in people if p.department_role == "deputy"},
        officials=[p for p in people if p.roles],
        # The benchmark signs in as this director: no board seat, so no second factor.
        benchmark_director=directors[
            next(d.pk for d in departments if d.slug == "pohjois-karjala")
        ],
    )


@register_large_data_step("search_index", 1000)
def build_search_index(build: Build) -> None:
    """Fill the search index from every registered source, in bulk."""
    from network.search import LANGUAGE_CONFIGS, MAX_TEXT, search_sources

    fi_config = "simple" if finnish.analyser_available() else "finnish"

    def forms(text: str) -> str:
        return finnish.base_forms(text) if finnish.analyser_available() else text

    def rows():
        for source in search_sources():
            for obj in source.objects().iterator(chunk_size=2000):
                document = source.document(obj)
                if document is None:
                    continue
                by_language: dict[str, list[str]] = {}
                for language, text in document.parts:
                    if text.strip():
                        by_language.setdefault(language, []).append(text[:MAX_TEXT])
                text = "\n".join(t for _, t in document.parts if t.strip())[:MAX_TEXT]
                title_config = LANGUAGE_CONFIGS.get(document.language, fi_config)
                title_text = (
                    document.title
                    if document.language in LANGUAGE_CONFIGS
                    else forms(document.title)
                )
                build.count(f"search entries ({source.kind})", 1)
                yield (
                    source.kind,
                    obj.pk,
                    document.title[:300],
                    document.titles.get("sv", "")[:300],
                    document.titles.get("en", "")[:300],
                    text,
                    document.language,
                    document.url[:300],
                    document.date,
                    document.body_id,
                    document.department_id,
                    title_config,
                    title_text,
                    forms(" ".join(by_language.pop("fi", []))),
                    " ".join(by_language.pop("sv", [])),
                    " ".join(by_language.pop("en", [])),
                )

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE large_search (kind text, object_id bigint, title text,"
            " title_sv text, title_en text, text text,"
            " language text, url text, date timestamptz, body_id bigint, department_id bigint,"
            " title_config text, title_text text, fi text, sv text, en text) ON COMMIT DROP"
        )
    columns = (
        "kind",
        "object_id",
        "title",
        "title_sv",
        "title_en",
        "text",
        "language",
        "url",
        "date",
        "body_id",
        "department_id",
        "title_config",
        "title_text",
        "fi",
        "sv",
        "en",
    )
    # COPY holds the connection: read a chunk of objects, then write it.
    chunk: list = []
    for row in rows():
        chunk.append(row)
        if len(chunk) >= 2000:
            copy_rows("large_search", columns, chunk)
            chunk = []
    copy_rows("large_search", columns, chunk)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO network_searchentry (kind, object_id, title, title_sv, title_en, text,"  # noqa: S608 - the configuration name is ours  # nosec B608
            " language, url, date, body_id, department_id, updated_at, vector)"
            " SELECT kind, object_id, title, title_sv, title_en, text, language, url, date,"
            " body_id, department_id,"
            " now(),"
            " setweight(to_tsvector(title_config::regconfig, title_text), 'A')"
            f" || setweight(to_tsvector('{fi_config}', fi), 'B')"
            " || setweight(to_tsvector('swedish', sv), 'B')"
            " || setweight(to_tsvector('english', en), 'B')"
            " FROM large_search"
        )
        cursor.execute("DROP TABLE large_search")


def fingerprint() -> dict[str, object]:
    """Row counts and a digest of the built content (no ids, no times): the same seed
    builds the same fingerprint."""
    import hashlib

    from django.apps import apps

    result: dict[str, object] = {}
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.app_label not in {"network", "communications", "governance", "preparation"}:
            continue
        rows = model._default_manager
        result[model._meta.label] = rows.count()
        for name in ("title", "title_fi", "email", "text", "progress", "comment"):
            if any(f.name == name for f in model._meta.get_fields()):
                for value in rows.order_by(name).values_list(name, flat=True)[:500]:
                    digest.update(str(value).encode())
                break
    result["digest"] = digest.hexdigest()
    return result


__all__ = [
    "Build",
    "copy_rows",
    "fingerprint",
    "large_data_build",
    "register_large_data_step",
    "set_search_vectors",
]
