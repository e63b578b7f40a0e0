"""Rendered pages kept for a short while, so that reading a page again costs next to nothing.

The key pages (the dashboard, a body's, a meeting's and a position's page, the lists, the
inbox, search, the public site) are read far more often than anything changes. A page
marked with ``@cached_page`` is kept in Redis after it is rendered, under a key made of

- the **content generation**: a counter raised after every committed transaction that
  wrote to the portal's tables, by any process (web, worker, command): a page is never
  served after a change that it may show, since it was rendered under an older generation;
- the current **minute**: what depends on the clock alone (a deadline passing, a meeting
  starting) is at most a minute late, and so is a change made outside the portal;
- **the browser**: its CSRF cookie, from which the token in the page's forms is made, and
  for a signed-in person their session (a page is never shared between people, nor
  between two browsers of one person); only a page without forms, such as a feed, is
  kept once for everyone (``shared``);
- the language, the full address and whether htmx asked.

Only a plain ``200`` of a ``GET`` is kept, and not when the page shows a message (which
is shown once), sets a cookie, or streams. Sessions, the cache table and the page cache
itself do not count as content (a session's clock is written once a minute).

Without ``REDIS_URL`` (development) nothing is kept. When Redis stops answering, pages are
rendered as if there were no cache, and the cache is not asked again for
``_RETRY_AFTER_S`` seconds, so that a request never waits for Redis more than once.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger("verkosto.page_cache")

GENERATION_KEY = "pages:generation"
#: Tables whose writes are not content: sessions and the database cache.
_NOT_CONTENT = ("django_session", "verkosto_cache")
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "COPY")
_RETRY_AFTER_S = 30.0
_down_until = 0.0


def _cache() -> BaseCache | None:
    if not settings.PAGE_CACHE_ENABLED or time.monotonic() < _down_until:
        return None
    return caches["pages"]


def _unreachable(error: Exception) -> None:
    global _down_until
    _down_until = time.monotonic() + _RETRY_AFTER_S
    logger.warning(
        "page cache unreachable, pages are rendered without it for %d s: %s",
        _RETRY_AFTER_S,
        error,
    )


def generation(cache: BaseCache) -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # From the clock, not 0: after Redis lost it, the generation must not return to a
        # value a process has already seen (``content_stamp``'s users keep what they built).
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return int(value)


def content_stamp(using: str = "default") -> str | None:
    """The content generation and the minute, for what is computed from the content and
    the clock alone and may be reused while both stay the same (a compiled rule, like a
    kept page). None when nothing may be reused: without the cache, when Redis does not
    answer, or while this connection holds content writes not yet committed (the
    generation is raised only after the commit)."""
    cache = _cache()
    if cache is None or _pending_write(connections[using]):
        return None
    try:
        current = generation(cache)
    except Exception as error:
        _unreachable(error)
        return None
    return f"{current}:{int(time.time() // 60)}"


def _pending_write(connection: BaseDatabaseWrapper) -> bool:
    return connection.in_atomic_block and any(
        entry[1] is bump_generation for entry in connection.run_on_commit
    )


def bump_generation() -> None:
    """Make every kept page old (after a commit that wrote content)."""
    cache = _cache()
    if cache is None:
        return
    try:
        _raise_generation(cache)
    except Exception as error:
        _unreachable(error)


def _raise_generation(cache: BaseCache) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or Redis restarted): a value never seen before
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def make_all_old(location: str) -> None:
    """Raise the generation in the Redis at ``location`` from a process whose own settings
    keep no pages (the benchmark, before it serves another data set)."""
    from django.core.cache.backends.redis import RedisCache

    _raise_generation(RedisCache(location, {"KEY_PREFIX": settings.PAGE_CACHE_KEY_PREFIX}))


def _is_content_write(sql: str) -> bool:
    head = sql.lstrip()[:8].upper()
    if not head.startswith(_WRITES):
        return False
    return not any(table in sql[:200] for table in _NOT_CONTENT)


def _watch_writes(connection: BaseDatabaseWrapper):
    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and _is_content_write(sql):
            pending = connection.run_on_commit
            if not any(entry[1] is bump_generation for entry in pending):
                # Outside a transaction this runs at once; inside, after the commit (and
                # not at all after a rollback, which changed nothing).
                transaction.on_commit(bump_generation, using=connection.alias, robust=True)
        return result

    return watch


def watch_connection(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """``connection_created``: every new database connection raises the generation after
    it commits content (connected in ``NetworkConfig.ready``)."""
    if settings.PAGE_CACHE_ENABLED and not any(
        getattr(wrapper, "verkosto_watch", False) for wrapper in connection.execute_wrappers
    ):
        watch = _watch_writes(connection)
        watch.verkosto_watch = True
        connection.execute_wrappers.append(watch)


def _key(request: HttpRequest, generation: int, *, shared: bool) -> str | None:
    if shared:
        scope = "shared"
    else:
        # Forms carry a CSRF token made from the browser's CSRF cookie: a page is kept for
        # that browser only, and for a signed-in person for that session only.
        csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        session_key = request.session.session_key or ""
        if not csrf_cookie or (request.user.is_authenticated and not session_key):
            return None
        scope = hashlib.sha256(f"{session_key}|{csrf_cookie}".encode()).hexdigest()[:40]
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    minute = int(time.time() // 60)
    htmx = "hx" if request.headers.get("HX-Request") else "page"
    return f"pages:{generation}:{minute}:{scope}:{get_language()}:{htmx}:{address}"


def _keepable(response: HttpResponse, *, shared: bool) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not (shared and b"csrfmiddlewaretoken" in response.content)
    )


def cached_page(view: Callable | None = None, *, shared: bool = False) -> Callable:
    """Keep the view's rendered page (see the module's docstring). ``shared``: the page is
    the same for everyone and has no form (a public feed), so it is kept once for all.

    Put it below the decorators that check who may see the page: they still run on every
    request; the kept page belongs to the session that was allowed to see it."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            cache = _cache() if request.method == "GET" else None
            if cache is None or len(messages.get_messages(request)):
                return view(request, *args, **kwargs)
            try:
                key = _key(request, generation(cache), shared=shared)
                kept = cache.get(key) if key else None
            except Exception as error:
                _unreachable(error)
                return view(request, *args, **kwargs)
            if kept is not None:
                content, headers = kept
                response = HttpResponse(content)
                for name, value in headers:
                    response.headers[name] = value
                response.headers["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if (
                key
                and _keepable(response, shared=shared)
                and not len(messages.get_messages(request))
            ):
                headers = [(n, v) for n, v in response.headers.items() if n != "Set-Cookie"]
                try:
                    cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
                except Exception as error:
                    _unreachable(error)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
