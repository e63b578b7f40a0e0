"""Two deliveries of the same e-mails at the same moment send each exactly once: each
claims its row with SELECT … FOR UPDATE SKIP LOCKED (real PostgreSQL, real threads)."""

import threading
import time
from collections import Counter

import pytest
from django.core import mail
from django.db import connections

from communications import outbox, services
from communications.models import EmailState, Notification
from tests.communications.conftest import VOTE_NEEDED
from tests.factories import make_user
from tests.support.holding_mail import hold_first_message

pytestmark = pytest.mark.django_db(transaction=True)


def sent_per_notification() -> Counter:
    return Counter(message.extra_headers["Message-ID"] for message in mail.outbox)


def test_two_deliveries_started_together_send_every_e_mail_exactly_once(settings, fault_figures):
    settings.MAILERS = {"default": {"BACKEND": "tests.support.holding_mail.EmailBackend"}}
    people = [make_user() for _ in range(50)]
    # As after a broker outage: the event's e-mails wait for delivery, none was sent.
    outbox._broker_unavailable_until = time.monotonic() + 60
    try:
        created = services.notify(recipients=people, kind=VOTE_NEEDED, params={"title": "Äänestys"})
    finally:
        outbox._broker_unavailable_until = 0.0
    ids = [n.pk for n in created]
    assert Notification.objects.filter(pk__in=ids, email_state=EmailState.PENDING).count() == 50
    mail.outbox = []
    # Whichever delivery sends first holds its claimed row until the other has finished.
    other_finished = threading.Event()
    hold_first_message(other_finished)
    barrier = threading.Barrier(2)
    finished = []

    def deliver() -> None:
        try:
            barrier.wait(timeout=30)
            outbox.deliver(ids)
        finally:
            connections.close_all()
            finished.append(True)
            if len(finished) == 1:
                other_finished.set()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        hold_first_message(None)

    counts = sent_per_notification()
    fault_figures("two deliveries of 50 at once", 50, counts, started, time.monotonic())
    assert len(finished) == 2
    assert set(counts) == {f"<notification-{pk}@verkosto>" for pk in ids}
    assert set(counts.values()) == {1}
    assert not Notification.objects.filter(pk__in=ids).exclude(email_state=EmailState.SENT).exists()
