"""Time the search page's server time on a large index of bulletins.

    python manage.py search_benchmark --entries 50000 --requests 60

Creates throw-away published bulletins to the whole network (indexed like real ones,
in bulk; each searched word is in about one bulletin in twenty), asks the search page
as a member for Finnish words, and prints the median and 95th percentile of the server
time. Everything runs in one transaction that
is rolled back at the end, so nothing stays. Refused in production mode.
"""

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.bulletins.models import Bulletin, BulletinAudience
from network.finnish import base_forms
from network.models import SearchEntry, User

WORDS = [
    "pelastuslaitoksen",
    "kokouksen",
    "hallituksen",
    "valvontasuunnitelman",
    "rahoitusmallin",
    "valmiussuunnitelma",
    "ensihoidon",
    "sopimuksen",
    "lausunnon",
    "yhteistyön",
    "harjoituksen",
    "riskianalyysin",
    "palotarkastuksen",
    "henkilöstön",
    "koulutuksen",
    "hankinnan",
    "tietojärjestelmän",
    "kalustohankinnat",
    "onnettomuuksien",
    "ehkäisyn",
    "väestönsuojelun",
    "häiriötilanteiden",
]
#: Other words, so that each searched word matches a realistic share of the bulletins.
FILLER = [f"aihe{number}" for number in range(3000)]
QUERIES = ["pelastuslaitos", "kokous", "hallitus", "valvonta", "ensihoito", "hankinta"]


class Command(BaseCommand):
    help = "Time the search page (median and 95th percentile) on a large, throw-away index."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=50_000)
        parser.add_argument("--requests", type=int, default=60)
        parser.add_argument("--explain", action="store_true", help="print the query plan")

    def handle(self, *args, entries: int, requests: int, explain: bool = False, **options):
        if settings.PRODUCTION:
            raise CommandError("The benchmark creates throw-away content; not in production.")
        with transaction.atomic():
            self._run(entries, requests, explain)
            transaction.set_rollback(True)

    def _run(self, entries: int, requests: int, explain: bool) -> None:
        random.seed(12)
        author = User.objects.create_user(
            email="search-bench@benchmark.invalid", first_name="Haku", last_name="Testi"
        )
        now = timezone.now()
        started = time.perf_counter()
        bulletins = Bulletin.objects.bulk_create(
            [
                Bulletin(
                    title=f"Tiedote {number} {random.choice(WORDS) if number % 10 == 0 else ''}",
                    # Each subject word is in about one bulletin in twenty, among others.
                    text=" ".join([*random.choices(FILLER, k=40), random.choice(WORDS)]),
                    state="published",
                    published_at=now,
                    author=author,
                )
                for number in range(entries)
            ],
            batch_size=2000,
        )
        BulletinAudience.objects.bulk_create(
            [BulletinAudience(bulletin=b, kind="network", key="all") for b in bulletins],
            batch_size=2000,
        )
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    kind="bulletin",
                    object_id=b.pk,
                    title=b.title,
                    text=f"{base_forms(b.title)}\n{base_forms(b.text)}",
                    url=b.get_absolute_url(),
                    date=now,
                )
                for b in bulletins
            ],
            batch_size=2000,
        )
        with connection.cursor() as cursor:
            # The same vector as search_index makes, in one statement for speed: the text
            # column holds the title's and the text's base forms on two lines.
            cursor.execute(
                "UPDATE network_searchentry SET vector ="
                " setweight(to_tsvector('simple', split_part(text, E'\\n', 1)), 'A') ||"
                " setweight(to_tsvector('simple', split_part(text, E'\\n', 2)), 'B')"
                " WHERE vector IS NULL"
            )
            for table in ("network_searchentry", "communications_bulletin"):
                cursor.execute(f"ANALYZE {table}")
            cursor.execute("ANALYZE communications_bulletinaudience")
        self.stdout.write(
            f"{entries} bulletins indexed in {time.perf_counter() - started:.1f} s; "
            f"{SearchEntry.objects.count()} entries in all"
        )

        reader = User.objects.create_user(
            email="search-reader@benchmark.invalid", first_name="Lukija", last_name="Testi"
        )
        if explain:
            from network.search import parse_query, search

            parsed = parse_query("kokous", prefix_last=True)
            self.stdout.write(search(user=reader, parsed=parsed)[:20].explain(analyze=True))
        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        client.force_login(reader)
        url = reverse("search")
        client.get(url, {"q": "kokous"})  # warm up caches
        times = []
        for number in range(requests):
            query = QUERIES[number % len(QUERIES)]
            begun = time.perf_counter()
            response = client.get(url, {"q": query})
            times.append((time.perf_counter() - begun) * 1000)
            if response.status_code != 200:
                raise CommandError(f"The search page answered {response.status_code}.")
        p95 = statistics.quantiles(times, n=20)[-1]
        self.stdout.write(
            f"search page, {requests} requests: median {statistics.median(times):.0f} ms, "
            f"95th percentile {p95:.0f} ms"
        )
