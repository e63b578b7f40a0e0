"""A working group's address is chosen by the service, safely when two are set up at once
(real PostgreSQL, real parallel requests)."""

import threading
import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from governance import services
from governance.models import Body, BodyKind
from tests.factories import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_group_with_the_same_name_gets_the_next_free_address(board, people):
    first = services.working_group_create(actor=people["chair"], parent=board, name_fi="Valmius")
    second = services.working_group_create(actor=people["chair"], parent=board, name_fi="Valmius")
    third = services.working_group_create(actor=people["chair"], parent=board, name_fi="Valmius")

    assert (first.slug, second.slug, third.slug) == ("valmius", "valmius-2", "valmius-3")


def _wait_until_someone_waits_for_a_lock(timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction the activity view is a snapshot: take a fresh one.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second set-up never waited for the first")


def test_a_set_up_racing_an_uncommitted_one_with_the_same_name_takes_the_next_address(
    board, people
):
    """The second request looks up a free address while the first group is inserted but
    not committed: its insert waits on the unique address, fails, and is retried."""
    client = Client()
    sign_in(client, people["chair"])
    url = reverse("governance:working_group_new", args=[board.slug])
    inserted = threading.Event()
    statuses: list[int] = []

    def first() -> None:
        try:
            with transaction.atomic():
                services.working_group_create(
                    actor=people["chair"], parent=board, name_fi="Yhteinen ryhmä"
                )
                inserted.set()
                _wait_until_someone_waits_for_a_lock()
        finally:
            inserted.set()
            connections.close_all()

    def second() -> None:
        try:
            inserted.wait(timeout=30)
            response = client.post(
                url,
                {
                    "name_fi": "Yhteinen ryhmä",
                    "mandate": "Valmistelee.",
                    "term_start": "2026-01-01",
                    "term_end": "2027-12-31",
                },
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    groups = Body.objects.filter(kind=BodyKind.WORKING_GROUP, name_fi="Yhteinen ryhmä")
    assert statuses == [302]
    assert sorted(groups.values_list("slug", flat=True)) == ["yhteinen-ryhma", "yhteinen-ryhma-2"]


def test_two_simultaneous_set_ups_with_the_same_name_give_two_groups_and_no_error(board, people):
    clients = [Client(), Client()]
    for client in clients:
        sign_in(client, people["chair"])
    url = reverse("governance:working_group_new", args=[board.slug])
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    lock = threading.Lock()

    def post(client: Client) -> None:
        try:
            barrier.wait(timeout=30)
            response = client.post(
                url,
                {
                    "name_fi": "Yhteinen ryhmä",
                    "mandate": "Valmistelee.",
                    "term_start": "2026-01-01",
                    "term_end": "2027-12-31",
                },
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    groups = Body.objects.filter(kind=BodyKind.WORKING_GROUP, name_fi="Yhteinen ryhmä")
    assert statuses == [302, 302]
    assert sorted(groups.values_list("slug", flat=True)) == ["yhteinen-ryhma", "yhteinen-ryhma-2"]
