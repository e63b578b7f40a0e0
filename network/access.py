"""View decorators that apply the rules in ``permissions`` to requests.

Anonymous visitors are sent to sign in; signed-in people who lack the right get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from network import permissions


def require(rule: Callable[..., bool]):
    """Let a request through only if ``rule(user)`` holds."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Read by the test that every URL is guarded (a function attribute mypy can't see).
        wrapped.access_rule = rule  # type: ignore[attr-defined]
        return wrapped

    return decorator


member_required = require(permissions.is_member)


def public(view):
    """Mark a view as open to everyone, on purpose."""
    view.access_rule = "public"
    return view
