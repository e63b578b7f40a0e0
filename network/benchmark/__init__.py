"""The benchmark's key pages (``manage.py benchmark``), registered by the apps that own them.

A page says how to find its address in the data set at hand (``path`` gets the signed-in
director and returns the address, or None when the data set has nothing to show) and
whether it is read signed in. ``network`` never imports the apps: they register here in
their ``AppConfig.ready()`` (from their ``large_data.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: The budgets of issue 15, on the large data set.
MAX_QUERIES = 15
MIN_SHARE_OF_HEALTH = 1 / 10
MAX_P95_MS = 150.0
MAX_SEARCH_P95_MS = 100.0
MAX_FANOUT_WRITE_S = 1.0
MAX_FANOUT_DELIVERY_S = 60.0
MAX_MEMORY_GROWTH_MB = 20.0


@dataclass(frozen=True)
class BenchmarkPage:
    name: str
    order: int
    path: Callable[[object], str | None]
    signed_in: bool = True
    #: The single-client 95th percentile allowed, in milliseconds.
    p95_ms: float = MAX_P95_MS


_pages: dict[str, BenchmarkPage] = {}


def register_benchmark_page(
    name: str,
    order: int,
    path: Callable[[object], str | None],
    *,
    signed_in: bool = True,
    p95_ms: float = MAX_P95_MS,
) -> None:
    _pages[name] = BenchmarkPage(name, order, path, signed_in, p95_ms)


def benchmark_pages() -> list[BenchmarkPage]:
    return sorted(_pages.values(), key=lambda page: (page.order, page.name))


register_benchmark_page("public landing", 10, lambda user: "/", signed_in=False)
register_benchmark_page("dashboard", 20, lambda user: "/dashboard/")
register_benchmark_page(
    "search (Finnish)",
    120,
    lambda user: "/search/?q=valvontasuunnitelman",
    p95_ms=MAX_SEARCH_P95_MS,
)
