"""The mail server down: no request fails or waits for it, every e-mail (invitations and
password resets too) follows from the outbox when the server is back, retries go on for
the configured hours, giving up is an error in the log, and an admin can try again."""

import logging
import socket
import time
from collections import Counter
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from communications import outbox
from communications.models import EmailState, OutgoingEmail
from tests.factories import make_user
from tests.network.test_invitations import invite_form

pytestmark = pytest.mark.django_db


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, down until the test starts it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5, "use_tls": False},
        }
    }
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    yield controller, collector
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def relay_later(minutes: int = 5) -> int:
    return outbox.waiting_emails_relay(now=timezone.now() + timedelta(minutes=minutes))


def test_an_invitation_succeeds_while_the_mail_server_is_down_and_follows_later(
    admin_client_mfa, departments, smtp, fault_figures
):
    controller, collector = smtp
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client_mfa.post(reverse("invite"), invite_form(departments))

    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert (email.state, email.attempts) == (EmailState.PENDING, 1)
    assert email.error

    back = time.monotonic()
    controller.start()
    relay_later()
    fault_figures(
        "SMTP down during an invitation",
        1,
        Counter(tuple(r) for r, _ in collector.messages),
        back,
        time.monotonic(),
    )

    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert email.body == email.html == ""  # the link's secret does not stay in the database
    ((recipients, content),) = collector.messages
    assert recipients == [email.to]
    assert "/invitation/" in content or "kutsu" in content.lower()


def test_a_password_reset_succeeds_while_the_mail_server_is_down_and_follows_later(
    client, member, smtp, fault_figures
):
    controller, collector = smtp
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": member.email})

    assert response.status_code == 302
    assert OutgoingEmail.objects.get().state == EmailState.PENDING

    back = time.monotonic()
    controller.start()
    relay_later()
    fault_figures(
        "SMTP down during a password reset",
        1,
        Counter(tuple(r) for r, _ in collector.messages),
        back,
        time.monotonic(),
    )

    ((recipients, content),) = collector.messages
    assert recipients == [member.email]
    assert "/accounts/password/reset/key/" in content


def test_retries_back_off_to_a_cap_and_go_on_for_the_configured_hours(settings):
    settings.EMAIL_RETRY_CAP_MINUTES = 60
    now = timezone.now()

    waits = []
    for attempts in range(1, 12):
        wait = next(
            minutes
            for minutes in range(1, 200)
            if outbox.retry_due(
                attempts=attempts, last_attempt=now - timedelta(minutes=minutes), now=now
            )
        )
        waits.append(wait)

    assert waits[:5] == [2, 4, 8, 16, 32]
    assert set(waits[5:]) == {60}
    assert not outbox.given_up(since=now - timedelta(hours=47), now=now)
    assert outbox.given_up(since=now - timedelta(hours=48), now=now)


def test_giving_up_is_an_error_and_an_admin_tries_again(admin_client_mfa, smtp, caplog):
    controller, collector = smtp
    person = make_user(email="odottaa@example.org")
    email = OutgoingEmail.objects.create(
        to=person.email, from_email="verkosto@localhost", subject="Kutsu", body="Linkki"
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(hours=49)
    )

    with caplog.at_level(logging.ERROR, logger="communications.outbox"):
        outbox.deliver_outgoing([email.pk])

    email.refresh_from_db()
    assert email.state == EmailState.FAILED
    assert any("Gave up" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
    page = admin_client_mfa.get(reverse("notifications:deliveries"))
    assert email in page.context["outgoing"]

    controller.start()
    with TestCase.captureOnCommitCallbacks(execute=True):
        admin_client_mfa.post(
            reverse("notifications:delivery_retry"), {"kind": "outgoing", "pk": email.pk}
        )

    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert len(collector.messages) == 1


def test_a_retry_of_nothing_or_of_bad_input_answers_clearly(admin_client_mfa):
    url = reverse("notifications:delivery_retry")

    assert admin_client_mfa.post(url, {"kind": "outgoing", "pk": 999999}).status_code == 302
    assert admin_client_mfa.post(url, {"kind": "x", "pk": "abc"}).status_code == 400
