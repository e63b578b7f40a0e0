"""Logs an operator can read and trust: one JSON object a line, in UTC with its offset and
the request's id; sign-ins, failed sign-ins and decisions in them; and never a password,
token or session id."""

import io
import json
import logging
import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from governance.services import calendar_feed_get_or_create
from network.logs import JsonFormatter, RedactFilter, RepeatFilter
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the production handler writes, as configured in settings.LOGGING."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    yield lambda: [line for line in buffer.getvalue().splitlines() if line]
    root.removeHandler(handler)
    root.setLevel(level)


def test_no_password_token_or_session_id_ever_reaches_a_log(log_lines, network_admin):
    from network import services as network_services

    person = make_user(email="lokit@example.org")
    client = Client()
    client.post("/accounts/login/", {"login": person.email, "password": "väärä-salasana-123"})
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    session_id = client.cookies["sessionid"].value
    feed = calendar_feed_get_or_create(user=person)
    client.get(reverse("governance:calendar_feed", args=[feed.token]))
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = network_services.person_invite(
            invited_by=network_admin,
            email="uusi@example.org",
            first_name="Uusi",
            last_name="Henkilö",
        )
    Client().get(sent.path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": person.email})
    logging.getLogger("test").warning("password=%s token: %s", "hunter2-salainen", "abc123secret")

    text = "\n".join(log_lines())
    for secret in [
        PASSWORD,
        "väärä-salasana-123",
        session_id,
        feed.token,
        sent.token,
        "hunter2-salainen",
        "abc123secret",
    ]:
        assert secret not in text, secret
    assert re.search(r"/invitation/\[redacted\]", text)


def test_each_line_is_json_in_utc_with_the_requests_id(log_lines, member):
    client = Client()
    client.post("/accounts/login/", {"login": member.email, "password": "väärin-123456"})
    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    response = client.get(reverse("dashboard"), headers={"X-Request-ID": "lb-request-123456"})

    entries = [json.loads(line) for line in log_lines()]
    assert all(entry["time"].endswith("+00:00") for entry in entries)
    messages = [entry["message"] for entry in entries]
    assert "Sign-in failed" in messages
    assert "Signed in" in messages
    (page,) = [
        e for e in entries if e["logger"] == "verkosto.requests" and "/dashboard/" in e["message"]
    ]
    assert page["request_id"] == "lb-request-123456" == response["X-Request-ID"]
    assert page["status"] == 200
    assert page["user_id"] == member.pk


def test_decisions_are_logged(log_lines):
    from governance.positions import services
    from network.models import NetworkRole

    official = make_user(roles=[NetworkRole.OFFICIAL])
    services.position_create(actor=official, title="Kanta", summary="T.", text="T.")

    entries = [json.loads(line) for line in log_lines()]
    assert any(e["logger"] == "verkosto.decisions" and "created" in e["message"] for e in entries)


def test_a_repeated_identical_error_is_written_once_a_minute_with_its_count():
    repeat = RepeatFilter()
    records = [
        logging.makeLogRecord({"name": "db", "msg": "connection lost", "levelno": logging.ERROR})
        for _ in range(300)
    ]

    written = [r for r in records if repeat.filter(r)]

    assert len(written) == 1
    repeat._seen[("db", "connection lost")] = (0.0, 299)
    later = logging.makeLogRecord({"name": "db", "msg": "connection lost", "levelno": 40})
    assert repeat.filter(later)
    assert later.repeated == 299


def test_failures_of_different_e_mails_are_each_written():
    repeat = RepeatFilter()
    records = [
        logging.makeLogRecord(
            {
                "name": "communications.outbox",
                "msg": "E-mail %s failed: %s",
                "args": (pk, "Connection refused"),
                "levelno": logging.WARNING,
            }
        )
        for pk in (1, 2, 3, 1)
    ]

    written = [r.args[0] for r in records if repeat.filter(r)]

    assert written == [1, 2, 3]
