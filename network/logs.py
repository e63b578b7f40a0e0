"""Structured logs: one JSON object a line, in UTC with its offset, with the request's id,
secrets removed, and a repeated identical error written once a minute with its count.

Wired in ``settings.LOGGING`` (formatter and filters) and ``RequestLogMiddleware``.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import threading
import time
import uuid
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

#: What must never reach a log: secrets in addresses (invitation and reset links),
#: passwords, codes and tokens in key=value or JSON form, session and CSRF cookies.
_SECRETS = [
    (re.compile(r"(/invitation/)[^/\s\"']+"), r"\1[redacted]"),
    (re.compile(r"(/password/reset/key/)[^/\s\"']+"), r"\1[redacted]"),
    (re.compile(r"(/email-preference/)[^/\s\"']+"), r"\1[redacted]"),
    (re.compile(r"(/calendar/)[^/\s\"'.]+(\.ics)"), r"\1[redacted]\2"),
    (
        re.compile(
            r"((?:password\d?|oldpassword|passwd|token|secret|code|sessionid|csrftoken|key)"
            r"[\"']?\s*[:=]\s*[\"']?)[^\"'&\s,;}]+",
            re.IGNORECASE,
        ),
        r"\1[redacted]",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """Remove secrets from the message and its arguments before anything formats them."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still written, as it is
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RepeatFilter(logging.Filter):
    """An identical error or warning (same logger and the same message, its arguments
    filled in) is written once a minute; the next line says how many were left out. A
    database outage does not print hundreds of identical tracebacks, while the failures
    of different e-mails, which name their e-mail, are each written."""

    window = 60.0

    def __init__(self, name: str = ""):
        super().__init__(name)
        self._seen: dict[tuple[str, str], tuple[float, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the message
            message = str(record.msg)
        key = (record.name, message)
        now = time.monotonic()
        with self._lock:
            first, skipped = self._seen.get(key, (0.0, 0))
            if now - first < self.window:
                self._seen[key] = (first, skipped + 1)
                return False
            self._seen[key] = (now, 0)
            if len(self._seen) > 10_000:
                self._seen.clear()
        if skipped:
            record.repeated = skipped
        return True


class JsonFormatter(logging.Formatter):
    _standard = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if rid := request_id.get():
            entry["request_id"] = rid
        for name, value in vars(record).items():
            if name not in self._standard and not name.startswith("_") and name != "request":
                plain = isinstance(value, (int, float, bool, type(None)))
                entry[name] = value if plain else redact(str(value))
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["error"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("verkosto.requests")


class RequestLogMiddleware:
    """Give each request an id (the load balancer's ``X-Request-ID`` when it is sane) for
    every line it logs, return it in the response, and log the request itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if _VALID_ID.match(given) else uuid.uuid4().hex)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": getattr(user, "pk", None),
                },
            )
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)


def log_sign_in(sender, request, user, **_kwargs) -> None:
    logging.getLogger("verkosto.security").info(
        "Signed in", extra={"user_id": user.pk, "client": _client(request)}
    )


def log_sign_in_failed(sender, credentials, request=None, **_kwargs) -> None:
    # The credentials are never logged, not even the address typed.
    logging.getLogger("verkosto.security").warning(
        "Sign-in failed", extra={"client": _client(request) if request else ""}
    )


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""
