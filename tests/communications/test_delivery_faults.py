"""Delivery with a real Redis and real Celery worker processes, and their failures.

Each test starts its own Redis server (on a free port) and its own workers, so that
stopping and killing them disturbs nothing else.
"""

import re
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from communications import jobs, services
from communications.local_processes import RedisServer, Worker, use_broker
from communications.models import EmailState, Notification
from tests.factories import make_user

#: A kind the worker processes know too (tests' own kinds exist only in this process).
REMINDER = "reminder"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    use_broker(server.url)
    yield server
    use_broker(None)
    server.stop()


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def start_worker(redis_server, mail_dir):
    workers = []

    def start(**env):
        worker = Worker(
            broker_url=redis_server.url,
            env={
                "DJANGO_SETTINGS_MODULE": "tests.support.worker_settings",
                "EMAIL_FILE_PATH": str(mail_dir),
                # Short, so that a killed worker's task comes back within the test.
                "CELERY_VISIBILITY_TIMEOUT": "5",
                **env,
            },
        )
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        print(f"--- worker log ---\n{worker.log.read_text(errors='replace')}")  # shown on failure
        worker.stop()


def sent_message_ids(mail_dir: Path) -> Counter:
    found = Counter()
    for file in mail_dir.glob("*.log"):
        found.update(re.findall(r"Message-ID: <notification-(\d+)@verkosto>", file.read_text()))
    return Counter({int(k): v for k, v in found.items()})


def wait_until(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(message)


def all_sent(ids) -> bool:
    return not Notification.objects.filter(pk__in=ids).exclude(email_state=EmailState.SENT).exists()


def test_an_event_whose_transaction_rolls_back_sends_nothing(start_worker, mail_dir):
    start_worker()
    person = make_user()

    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(recipients=[person], kind=REMINDER, params={"title": "peruttu"})
        raise RuntimeError("the event failed")
    with transaction.atomic():
        (control,) = services.notify(
            recipients=[person], kind=REMINDER, params={"title": "toteutui"}
        )

    wait_until(lambda: all_sent([control.pk]), 30, "the committed event was not delivered")
    assert sent_message_ids(mail_dir) == Counter({control.pk: 1})
    assert Notification.objects.count() == 1


def test_events_created_while_redis_is_down_are_all_delivered_exactly_once_when_it_returns(
    redis_server, start_worker, mail_dir, fault_figures
):
    start_worker()
    people = [make_user() for _ in range(10)]
    redis_server.stop()

    created = []
    started = time.monotonic()
    for number in range(100):
        with transaction.atomic():  # each event commits; enqueueing fails quietly
            created += services.notify(
                recipients=[people[number % 10]], kind=REMINDER, params={"title": str(number)}
            )
    creating_took = time.monotonic() - started
    assert len(created) == 100
    assert Notification.objects.filter(email_state=EmailState.PENDING).count() == 100
    assert sent_message_ids(mail_dir) == Counter()

    redis_server.start()
    back = time.monotonic()
    jobs.run_all(now=timezone.now() + timedelta(minutes=3))  # what beat does
    ids = [n.pk for n in created]
    wait_until(lambda: all_sent(ids), 60, "not every notification was delivered")

    counts = sent_message_ids(mail_dir)
    fault_figures("Redis stopped while 100 events happen", 100, counts, back, time.monotonic())
    assert set(counts) == set(ids)
    assert set(counts.values()) == {1}
    assert creating_took < 30  # a down broker does not hang the events


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nothing_and_sends_nothing_twice(
    start_worker, mail_dir, fault_figures
):
    first = start_worker(EMAIL_STALL_AT="12")
    people = [make_user() for _ in range(30)]

    with transaction.atomic():
        created = services.notify(recipients=people, kind=REMINDER, params={"title": "erä"})
    ids = [n.pk for n in created]
    wait_until(lambda: (mail_dir / "STALLED").exists(), 60, "the worker never reached e-mail 12")
    first.kill()
    (mail_dir / "STALLED").unlink()

    assert len(sent_message_ids(mail_dir)) == 11
    assert Notification.objects.filter(pk__in=ids, email_state=EmailState.PENDING).count() == 19

    back = time.monotonic()
    start_worker()  # the killed worker's unacknowledged task comes back to this one
    wait_until(lambda: all_sent(ids), 90, "the rest of the batch was not delivered")

    counts = sent_message_ids(mail_dir)
    fault_figures("worker killed at e-mail 12 of 30", 30, counts, back, time.monotonic())
    assert set(counts) == set(ids)
    assert set(counts.values()) == {1}


def test_a_worker_killed_after_handing_an_e_mail_over_sends_that_one_again_with_its_message_id(
    start_worker, mail_dir, fault_figures
):
    """The documented window: the e-mail is handed over inside the transaction that marks it
    sent, so a crash between the two sends it once more, with the same Message-ID (mail
    systems drop such a duplicate). Nothing else is sent twice and nothing is lost."""
    first = start_worker(EMAIL_STALL_AFTER="5")
    people = [make_user() for _ in range(10)]

    with transaction.atomic():
        created = services.notify(recipients=people, kind=REMINDER, params={"title": "ikkuna"})
    ids = [n.pk for n in created]
    wait_until(lambda: (mail_dir / "STALLED").exists(), 60, "the worker never sent e-mail 5")
    first.kill()
    (mail_dir / "STALLED").unlink()
    assert len(sent_message_ids(mail_dir)) == 5
    assert Notification.objects.filter(pk__in=ids, email_state=EmailState.PENDING).count() == 6

    back = time.monotonic()
    start_worker()
    wait_until(lambda: all_sent(ids), 90, "the rest of the batch was not delivered")

    counts = sent_message_ids(mail_dir)
    fault_figures(
        "worker killed just after handing over e-mail 5 of 10", 10, counts, back, time.monotonic()
    )
    assert set(counts) == set(ids)
    assert sorted(counts.values()) == [1] * 9 + [2]
