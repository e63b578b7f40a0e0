"""Promises kept while a service fails: with Redis down a director still signs in and
answers a consultation (the e-mail waits in the outbox); after PostgreSQL has dropped the
portal's connection, the next request opens a new one instead of failing."""

import time
from datetime import timedelta

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from communications.local_processes import free_port, use_broker
from communications.models import Notification
from governance.positions.models import ConsultationAnswer

pytestmark = pytest.mark.django_db(transaction=True)


def test_with_redis_down_people_sign_in_open_and_answer_and_the_e_mail_waits(
    draft, cast, as_person
):
    deadline = (timezone.localtime() + timedelta(days=14)).strftime("%d.%m.%Y %H.%M")
    use_broker(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    try:
        started = time.monotonic()
        opened = as_person(cast["official"]).post(
            reverse("positions:consultation_open", args=[draft.pk]),
            {"deadline": deadline, "questions": ""},
        )
        director = as_person(cast["m2"])
        answered = director.post(
            reverse("positions:answer", args=[draft.pk]),
            {"stance": "supports", "comment": "Kannatamme."},
        )
        took = time.monotonic() - started
    finally:
        use_broker(None)

    assert (opened.status_code, answered.status_code) == (302, 302)
    assert ConsultationAnswer.objects.get(position=draft).stance == "supports"
    assert director.get(reverse("dashboard")).status_code == 200
    assert took < 30  # the down broker is not waited for on every request
    told = Notification.objects.filter(kind="consultation_opened")
    assert told.count() >= 5  # every department's director was asked
    assert not told.exclude(email_state="pending").exists()  # their e-mails wait


def test_after_the_database_drops_the_connection_the_next_request_succeeds(
    in_consultation, cast, as_person
):
    client = as_person(cast["m2"])
    assert client.get(in_consultation.get_absolute_url()).status_code == 200
    pid = connection.connection.info.backend_pid

    server = {
        k: v
        for k, v in connection.get_connection_params().items()
        if k in ("host", "port", "user", "password")
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # What Django runs when a request starts (the test client leaves it out): with
    # CONN_HEALTH_CHECKS the dead connection is found and replaced, not used.
    close_old_connections()

    assert client.get(in_consultation.get_absolute_url()).status_code == 200
    assert connection.connection.info.backend_pid != pid
