"""Measure the key pages the production way and write the report (issue 15's budgets).

    python manage.py benchmark --dataset small=postgres://…/verkosto \\
                               --dataset large=postgres://…/verkosto_large

For each data set: counts the SQL queries of every key page in-process (a test client),
then serves the portal with gunicorn from ``gunicorn.conf.py`` (DEBUG off, static files
collected, a throw-away SECRET_KEY, the machine's Redis) on loopback, signs in as a rescue
director without a board seat (no second factor), and measures each page and ``/healthz``:
one client (median and 95th percentile), then 8 concurrent clients for a bounded time
(throughput, errors, share of ``/healthz``). Then the web workers' memory over 10,000
more requests, and the fan-out of one event to 5,000 people (``notifications_benchmark``).

Writes the Markdown report (``network/benchmark/REPORT.md`` by default) and exits
non-zero when a budget is missed. Refused in production mode.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from network import benchmark as budgets
from network import page_cache
from network.benchmark.loadgen import Client, concurrent, sequential

HOST = "127.0.0.1"
REPORT = Path(budgets.__file__).resolve().parent / "REPORT.md"


@dataclass
class PageResult:
    name: str
    path: str
    queries: int | None
    p50: float = 0.0
    p95: float = 0.0
    per_second: float = 0.0
    errors: int = 0
    requests: int = 0
    share: float = 0.0
    p95_budget: float = budgets.MAX_P95_MS


@dataclass
class DatasetResult:
    label: str
    health: PageResult | None = None
    pages: list[PageResult] = field(default_factory=list)
    rss_before: list[float] = field(default_factory=list)
    rss_after: list[float] = field(default_factory=list)
    memory_requests: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Command(BaseCommand):
    help = "Measure the key pages under gunicorn (production settings) and write the report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset",
            action="append",
            default=[],
            metavar="LABEL=DATABASE_URL",
            help="a data set to measure (repeat: small first, then large)",
        )
        parser.add_argument("--seconds", type=float, default=8.0, help="load per page")
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--single", type=int, default=40, help="one-client requests")
        parser.add_argument(
            "--memory-requests", type=int, default=10_000, help="0 skips the memory run"
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="measure only the pages whose name contains this (while working on one)",
        )
        parser.add_argument("--fanout", type=int, default=5000, help="0 skips the fan-out")
        parser.add_argument("--report", default=str(REPORT))
        parser.add_argument("--probe", action="store_true", help=  # internal
                            "(internal) count queries in-process and print JSON")  # fmt: skip

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The benchmark starts its own servers; not in production mode.")
        if options["probe"]:
            self.stdout.write(json.dumps(self._probe()))
            return
        datasets = []
        for value in options["dataset"] or [f"default={os.environ.get('DATABASE_URL', '')}"]:
            label, _, url = value.partition("=")
            if not url.startswith("postgres"):
                raise CommandError(f"Give each data set as LABEL=postgres://…, not {value!r}.")
            datasets.append((label, url))
        secret = secrets.token_urlsafe(40)
        redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        self._collectstatic(datasets[0][1], secret, redis_url)
        results = []
        for label, url in datasets:
            self.stdout.write(f"== {label}")
            results.append(self._measure(label, url, secret, redis_url, options))
        fanout = None
        if options["fanout"]:
            # On the last (largest) data set: the budgets are the large data set's.
            fanout = self._fanout(*datasets[-1], options["fanout"])
        misses = self._misses(results, fanout)
        report = self._report(results, fanout, misses, options)
        Path(options["report"]).write_text(report, encoding="utf-8")
        self.stdout.write(report)
        if misses:
            raise CommandError(f"{len(misses)} budget(s) missed; see {options['report']}.")
        self.stdout.write(self.style.SUCCESS("Every budget is met."))

    # --- in-process: the queries of each page ----------------------------------------------

    def _probe(self) -> dict:
        from django.db import connection
        from django.test import Client as TestClient
        from django.test.utils import CaptureQueriesContext

        from network.models import DepartmentRole, User
        from network.permissions import requires_mfa

        director = next(
            (
                user
                for user in User.objects.filter(
                    department_role=DepartmentRole.DIRECTOR, is_active=True
                ).order_by("department__slug")
                if not requires_mfa(user)
            ),
            None,
        )
        if director is None:
            raise CommandError("No rescue director without a board seat to sign in as.")
        signed_in = TestClient(HTTP_HOST=HOST)
        signed_in.force_login(director)
        anonymous = TestClient(HTTP_HOST=HOST)
        pages = []
        for page in budgets.benchmark_pages():
            path = page.path(director)
            if path is None:
                continue
            client = signed_in if page.signed_in else anonymous
            client.get(path)  # the first request fills what later ones reuse
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            pages.append(
                {
                    "name": page.name,
                    "path": path,
                    "signed_in": page.signed_in,
                    "p95_ms": page.p95_ms,
                    "queries": len(queries),
                    "status": response.status_code,
                }
            )
        # A separate session for the load: the server shares the SECRET_KEY.
        load = TestClient(HTTP_HOST=HOST)
        load.force_login(director)
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in load.cookies.items())
        counts = {}
        from django.apps import apps

        for label in (
            "network.User",
            "governance.Meeting",
            "governance.AgendaItem",
            "governance.StatusUpdate",
            "governance.Position",
            "governance.ConsultationAnswer",
            "communications.Bulletin",
            "communications.BulletinRead",
            "communications.Notification",
            "preparation.WorkItem",
            "preparation.IndicatorValue",
            "preparation.ReformEvent",
            "network.SearchEntry",
        ):
            model = apps.get_model(label)
            counts[model._meta.verbose_name_plural.title() if False else label] = (
                model.objects.count()
            )
        return {"pages": pages, "cookie": cookie, "user": director.email, "counts": counts}

    # --- the server ------------------------------------------------------------------------

    def _env(self, url: str, secret: str, redis_url: str, port: int = 0) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "DATABASE_URL", "SECRET_KEY", "REDIS_URL"}
        }
        env.update(
            DEBUG="false",
            SECRET_KEY=secret,
            DATABASE_URL=url,
            REDIS_URL=redis_url,
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            LOG_LEVEL="WARNING",
            WEB_CONCURRENCY="2",
            GUNICORN_BIND=f"{HOST}:{port}",
        )
        return env

    def _collectstatic(self, url: str, secret: str, redis_url: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env=self._env(url, secret, redis_url),
            check=True,
        )

    def _measure(self, label, url, secret, redis_url, options) -> DatasetResult:
        probe_env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secret, "DEBUG": "true"}
        probe_env.pop("REDIS_URL", None)
        probe = subprocess.run(
            [sys.executable, "manage.py", "benchmark", "--probe"],
            cwd=settings.BASE_DIR,
            env=probe_env,
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode != 0:
            raise CommandError(f"Counting the queries failed:\n{probe.stderr[-3000:]}")
        found = json.loads(probe.stdout.strip().splitlines()[-1])
        result = DatasetResult(label=label, counts=found["counts"])
        port = _free_port()
        # Pages kept by an earlier run (of another data set) are never served in this one.
        page_cache.make_all_old(redis_url)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                # No recycling while measuring: memory growth must show, not be hidden.
                "--max-requests",
                "0",
                "network.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=self._env(url, secret, redis_url, port),
            start_new_session=True,
        )
        try:
            self._wait_until_up(port)
            cookie = found["cookie"]
            health = PageResult("/healthz", "/healthz", None)
            if options["only"]:
                found["pages"] = [
                    page
                    for page in found["pages"]
                    if any(part in page["name"] for part in options["only"])
                ]
            for page in found["pages"]:
                client = Client(HOST, port, cookie if page["signed_in"] else "")
                for _ in range(5):
                    status, _ms, _body = client.get(page["path"])
                client.close()
                if status != 200:
                    raise CommandError(f"{page['path']} answered {status} under gunicorn.")
            self._time(health, port, "", options)
            result.health = health
            for page in found["pages"]:
                measured = PageResult(
                    page["name"], page["path"], page["queries"], p95_budget=page["p95_ms"]
                )
                self._time(measured, port, cookie if page["signed_in"] else "", options)
                measured.share = measured.per_second / health.per_second
                result.pages.append(measured)
                self.stdout.write(
                    f"{measured.name:<28} {measured.queries:>3} q  p50 {measured.p50:6.1f} ms"
                    f"  p95 {measured.p95:6.1f} ms  {measured.per_second:7.1f}/s"
                    f"  1/{1 / measured.share if measured.share else 0:.1f}"
                    f"  errors {measured.errors}"
                )
            if not options["memory_requests"]:
                return result
            workers = _children(server.pid)
            result.rss_before = [_rss_mb(pid) for pid in workers]
            signed = [p["path"] for p in found["pages"] if p["signed_in"]]
            load = concurrent(
                HOST,
                port,
                signed,
                clients=options["clients"],
                seconds=600,
                cookie=cookie,
                max_requests=options["memory_requests"],
            )
            result.memory_requests = load.requests
            result.rss_after = [_rss_mb(pid) for pid in workers if Path(f"/proc/{pid}").exists()]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        return result

    def _wait_until_up(self, port: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            client = Client(HOST, port)
            status, _ms, _body = client.get("/healthz")
            client.close()
            if status == 200:
                return
            time.sleep(0.5)
        raise CommandError("gunicorn did not answer /healthz within a minute.")

    def _time(self, result: PageResult, port: int, cookie: str, options) -> None:
        one = sequential(
            HOST, port, result.path, requests=options["single"], cookie=cookie, fresh=True
        )
        result.p50, result.p95 = one.median_ms, one.p95_ms
        many = concurrent(
            HOST,
            port,
            [result.path],
            clients=options["clients"],
            seconds=options["seconds"],
            cookie=cookie,
        )
        result.per_second = many.per_second
        result.errors = one.errors + many.errors
        result.requests = one.requests + many.requests

    # --- fan-out ---------------------------------------------------------------------------

    def _fanout(self, label: str, url: str, recipients: int) -> dict:
        self.stdout.write(f"== fan-out to {recipients} people on the {label} data set")
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
        env.pop("REDIS_URL", None)
        run = subprocess.run(  # noqa: S603 - our own interpreter and command
            [
                sys.executable,
                "manage.py",
                "notifications_benchmark",
                "--recipients",
                str(recipients),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        output = run.stdout + run.stderr
        written = re.search(r"write (\d+) notifications: (\d+) ms", output)
        delivered = re.search(r"until all delivered by one worker: ([\d.]+) s", output)
        if run.returncode != 0 or not written or not delivered:
            return {"recipients": recipients, "error": output[-2000:]}
        return {
            "dataset": label,
            "recipients": int(written.group(1)),
            "write_s": int(written.group(2)) / 1000,
            "delivery_s": float(delivered.group(1)),
        }

    # --- budgets and the report ------------------------------------------------------------

    def _misses(self, results: list[DatasetResult], fanout: dict | None) -> list[str]:
        misses = []
        by_page: dict[str, dict[str, int | None]] = {}
        for result in results:
            for page in result.pages:
                by_page.setdefault(page.name, {})[result.label] = page.queries
                where = f"{result.label}: {page.name}"
                if page.queries is not None and page.queries > budgets.MAX_QUERIES:
                    misses.append(
                        f"{where}: {page.queries} queries (at most {budgets.MAX_QUERIES})"
                    )
                if page.share < budgets.MIN_SHARE_OF_HEALTH:
                    misses.append(
                        f"{where}: throughput 1/{1 / page.share:.1f} of /healthz (at least 1/10)"
                        if page.share
                        else f"{where}: no throughput"
                    )
                if page.p95 > page.p95_budget:
                    misses.append(
                        f"{where}: 95th percentile {page.p95:.0f} ms"
                        f" (at most {page.p95_budget:.0f})"
                    )
                if page.errors:
                    misses.append(f"{where}: {page.errors} errors")
            growth = [a - b for a, b in zip(result.rss_after, result.rss_before, strict=False)]
            if any(g > budgets.MAX_MEMORY_GROWTH_MB for g in growth):
                misses.append(
                    f"{result.label}: a web worker grew {max(growth):.0f} MB over "
                    f"{result.memory_requests} requests"
                    f" (at most {budgets.MAX_MEMORY_GROWTH_MB:.0f})"
                )
        for name, counts in by_page.items():
            if len(set(counts.values())) > 1:
                misses.append(f"{name}: queries differ between data sets ({counts})")
        if fanout is not None:
            if "error" in fanout:
                misses.append("fan-out: the benchmark failed")
            else:
                if fanout["write_s"] > budgets.MAX_FANOUT_WRITE_S:
                    misses.append(f"fan-out: written in {fanout['write_s']:.2f} s (at most 1 s)")
                if fanout["delivery_s"] > budgets.MAX_FANOUT_DELIVERY_S:
                    misses.append(
                        f"fan-out: delivered in {fanout['delivery_s']:.1f} s (at most 60 s)"
                    )
        return misses

    def _report(self, results, fanout, misses, options) -> str:
        lines = [
            "# Benchmark report",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `manage.py benchmark` "
            f"(issue 15): gunicorn from `gunicorn.conf.py` with 2 sync workers, DEBUG off, "
            f"static files collected, signed in as a rescue director; one client for "
            f"{options['single']} requests per page, each to an address of its own (a page "
            "never served as kept: the time to build it), then "
            f"{options['clients']} concurrent clients, each keeping its cookies like a "
            f"browser, reading the page again for {options['seconds']:g} s on loopback "
            "(after the first, pages are served as kept: `network.page_cache`). The queries "
            "are those of building the page. The machine (2 cores) is shared with other "
            "work, so absolute times are noisy: the budget is the share of `/healthz` "
            "measured in the same run.",
            "",
            f"Budgets: at most {budgets.MAX_QUERIES} queries and the same on every data set; "
            f"single-client 95th percentile at most {budgets.MAX_P95_MS:.0f} ms (search "
            f"{budgets.MAX_SEARCH_P95_MS:.0f} ms); 8-client throughput at least 1/10 of "
            "`/healthz`; no errors.",
            "",
        ]
        for result in results:
            health = result.health
            lines += [
                f"## Data set: {result.label}",
                "",
                ", ".join(
                    f"{label.split('.')[-1]} {count:,}" for label, count in result.counts.items()
                ),
                "",
                "| page | queries | p50 ms | p95 ms | req/s (8 clients) | share of `/healthz` "
                "| errors |",
                "|---|---:|---:|---:|---:|---:|---:|",
                f"| `/healthz` | – | {health.p50:.1f} | {health.p95:.1f} | "
                f"{health.per_second:,.0f} | 1 | {health.errors} |",
            ]  # fmt: skip
            for page in result.pages:
                share = f"1/{1 / page.share:.1f}" if page.share else "–"
                lines.append(
                    f"| {page.name} `{page.path}` | {page.queries} | {page.p50:.1f} | "
                    f"{page.p95:.1f} | {page.per_second:,.0f} | {share} | {page.errors} |"
                )
            memory = (
                f"Web workers' resident memory after warm-up and after {result.memory_requests:,} "
                "more requests (no recycling): "
                + ", ".join(
                    f"{b:.0f} → {a:.0f} MB"
                    for b, a in zip(result.rss_before, result.rss_after, strict=False)
                )
                + "."
                if result.rss_before
                else "Web workers' memory not measured (`--memory-requests 0`)."
            )
            lines += ["", memory, ""]
        if fanout is not None:
            lines += ["## Fan-out", ""]
            if "error" in fanout:
                lines += ["The fan-out benchmark failed:", "", "```", fanout["error"], "```", ""]
            else:
                lines += [
                    f"One event to {fanout['recipients']:,} people on the {fanout['dataset']} "
                    f"data set: written in "
                    f"{fanout['write_s']:.2f} s inside the transaction (budget 1 s), delivered "
                    f"by one worker in {fanout['delivery_s']:.1f} s (budget 60 s).",
                    "",
                ]
        lines += ["## Budgets missed", ""]
        lines += [f"- {miss}" for miss in misses] or ["None."]
        return "\n".join(lines) + "\n"
