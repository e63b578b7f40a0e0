"""The request being answered, for what may be remembered while answering it.

Permission rules read the person's seats many times while one page is built; reading them
once per request is safe, since nothing that page shows changes the seats. Outside a
request (services called by tasks, commands and tests) nothing is remembered: a service
that seats someone and then asks what they may do must see the new seat.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_current: ContextVar[object | None] = ContextVar("verkosto_request", default=None)


def current() -> object | None:
    """A token of the request being answered (None outside a request)."""
    return _current.get()


class RequestScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(object())
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
