"""Identical invitations sent at the same moment: one person, and a clear answer for the
other submissions, never a 500 (real PostgreSQL, real parallel transactions)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.test import Client
from django.urls import reverse

from network import services
from network.models import DepartmentRole, User
from tests.factories import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def at_the_same_moment(count: int, attempt) -> list:
    """Run ``attempt(number)`` in ``count`` threads released together; their results."""
    barrier = threading.Barrier(count)
    results: list = []
    lock = threading.Lock()

    def run(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = attempt(number)
        except ValidationError as error:
            result = error
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == count, "an attempt failed with an unexpected error"
    return results


def test_two_identical_invitation_forms_sent_together_make_one_person_and_one_form_error(
    network_admin, departments
):
    clients = [sign_in(Client(), network_admin) for _ in range(2)]
    data = {
        "email": "samaan.aikaan@example.org",
        "first_name": "Samaan",
        "last_name": "Aikaan",
        "language": "fi",
        "department": departments["kainuu"].pk,
        "department_role": DepartmentRole.STAFF,
    }

    responses = at_the_same_moment(2, lambda n: clients[n].post(reverse("invite"), data))

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert refused.context["form"].errors["email"]
    assert 'value="Samaan"' in refused.content.decode()  # what was typed is kept
    assert User.objects.filter(email="samaan.aikaan@example.org").count() == 1


def test_eight_identical_invitations_at_once_make_one_person_and_seven_refusals(network_admin):
    def invite(number: int):
        return services.person_invite(
            invited_by=network_admin,
            email="Kahdeksan@Example.org",
            first_name="K",
            last_name=str(number),
        )

    results = at_the_same_moment(8, invite)

    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(refusals) == 7
    assert all("email" in r.error_dict for r in refusals)
    assert User.objects.filter(email="kahdeksan@example.org").count() == 1


def test_two_directors_invited_at_once_for_one_department_make_one_director(
    network_admin, departments
):
    def invite(number: int):
        return services.person_invite(
            invited_by=network_admin,
            email=f"johtaja{number}@example.org",
            first_name="J",
            last_name=str(number),
            department=departments["kainuu"],
            department_role=DepartmentRole.DIRECTOR,
        )

    results = at_the_same_moment(8, invite)

    assert len([r for r in results if isinstance(r, ValidationError)]) == 7
    assert (
        User.objects.filter(
            department=departments["kainuu"], department_role=DepartmentRole.DIRECTOR
        ).count()
        == 1
    )
