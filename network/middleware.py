"""Request-wide behaviour: the interface language, refusing NUL bytes in addresses, and
the two-factor rule."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from network import permissions


class LanguageMiddleware:
    """Choose the interface language: the person's own choice, else the cookie, else Finnish.

    Browsers' Accept-Language is deliberately not used: Finnish is the portal's
    default and reference language, whatever the browser says.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = settings.LANGUAGE_CODE
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.supported:
            language = user.language
        elif cookie in self.supported:
            language = cookie
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response = _method_not_allowed_page(request, response)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def _method_not_allowed_page(request: HttpRequest, bare: HttpResponse) -> HttpResponse:
    """Django answers a wrong method with an empty 405; the reader gets the portal's own
    page in their language, with the same Allow header."""
    from django.template.loader import render_to_string

    response = HttpResponse(render_to_string("405.html", request=request), status=405)
    if "Allow" in bare.headers:
        response["Allow"] = bare["Allow"]
    return response


class HealthMiddleware:
    """Answer the load balancer's probes (``/healthz``, ``/readyz``) before the security
    middleware: a probe comes over plain HTTP, by IP address, without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz":
            return health_response()
        if request.path_info == "/readyz":
            return readiness_response()
        return self.get_response(request)


def health_response() -> HttpResponse:
    """Liveness: the process answers and the database is reachable."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unreachable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def readiness_response() -> HttpResponse:
    """Readiness: the database must answer; whether Redis (the task broker) answers is
    reported, not required, since pages work without it and e-mail waits in the outbox."""
    import json

    from django.conf import settings
    from django.db import connection

    report = {"database": "ok", "redis": "not configured"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        report["database"] = "unreachable"
        status = 503
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
            report["redis"] = "ok"
        except Exception:
            report["redis"] = "unreachable"
    return HttpResponse(json.dumps(report), status=status, content_type="application/json")


class SessionLimitsMiddleware:
    """End a signed-in session after ``SESSION_IDLE_MINUTES`` without a request, and in
    any case ``SESSION_MAX_HOURS`` after signing in; the person signs in again.

    The last request's time is written at most once a minute, so reading pages does not
    write the session on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            if "verkosto_started" not in session:
                session_limits_start(request)
            started = session["verkosto_started"]
            seen = session["verkosto_seen"]
            idle = now - seen > settings.SESSION_IDLE_MINUTES * 60
            too_old = now - started > settings.SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                messages.info(request, _("You were signed out after a while; sign in again."))
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if now - seen >= 60:
                session["verkosto_seen"] = now
        return self.get_response(request)


def session_limits_start(request: HttpRequest, **_kwargs) -> None:
    """Start a signed-in session's clocks (at sign-in, so the first page writes nothing)."""
    now = time.time()
    request.session["verkosto_started"] = now
    request.session["verkosto_seen"] = now


class RefuseNulMiddleware:
    """Answer 400 to an address with a NUL byte in its path or query string.

    PostgreSQL cannot store or compare text with NUL, so such a value reaching a query
    fails with a server error; no link of ours ever carries one. Forms still refuse NUL
    in what is posted (Django's CharField does), with a message next to the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)


class RequireMFAMiddleware:
    """Send whoever must use two-factor authentication and has none to set it up first.

    Who must is ``permissions.requires_mfa`` (staff, network admins, officials,
    communications officers, the board). allauth offers TOTP to everyone but has no
    switch that requires it, hence this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if permissions.requires_mfa(user) and not self._allowed(request.path):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect(reverse("mfa_activate_totp") + "?required=1")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed = (
            reverse("mfa_activate_totp"),
            reverse("mfa_view_recovery_codes"),
            reverse("mfa_download_recovery_codes"),
            reverse("mfa_generate_recovery_codes"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("language_switch"),
            settings.STATIC_URL,
        )
        return path.startswith(allowed)
