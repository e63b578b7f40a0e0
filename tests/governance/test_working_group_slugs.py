"""A working group's address is chosen by the service, safely when two are set up at once
(real PostgreSQL, real parallel requests)."""

import threading

import pytest
from django.db import connections
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
