"""Search keeps each kind's compiled visibility rule while nothing changes
(``network.search._visible_ids_sql``), on the machine's real Redis: a change of who may
see what, committed or still in the searching transaction, is searched under the new rule
at once, and a Redis that does not answer only makes the search slower.

The change used is one that the rule reads in Python, not in SQL: a network admin's
rule for meetings is "every meeting", anyone else's a query of their seats. A kept rule
that outlived the change would still leave the restricted meeting out."""

import pytest
from django.db import transaction

from governance import services as governance
from governance.models import Body, BodyKind, Role
from network.models import NetworkRole, User
from network.search import parse_query, search
from tests.factories import make_user
from tests.governance.conftest import seat, soon

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def restricted_meeting():
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    secretary = make_user(first_name="Seija", last_name="Sihteeri")
    seat(board, secretary, Role.SECRETARY)
    starts, ends = soon()
    meeting = governance.meeting_schedule(
        actor=secretary,
        body=board,
        title="Kokous lakritsista",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
        restricted=True,
    )
    governance.agenda_item_add(actor=secretary, meeting=meeting, title="Asia", background="")
    governance.meeting_publish(actor=secretary, meeting=meeting)
    return meeting


def found(person: User) -> bool:
    person = User.objects.get(pk=person.pk)  # as each request reads the person anew
    return search(user=person, parsed=parse_query("lakritsi")).filter(kind="meeting").exists()


def make_admin(person: User) -> None:
    User.objects.filter(pk=person.pk).update(roles=[NetworkRole.NETWORK_ADMIN])


def test_a_committed_change_of_who_may_see_what_is_searched_under_the_new_rule(
    pages, restricted_meeting
):
    person = make_user(first_name="Ulla", last_name="Ulkopuolinen")
    assert not found(person)
    assert not found(person)  # the rule as kept

    make_admin(person)

    assert found(person)


def test_a_change_not_yet_committed_is_searched_under_the_new_rule_in_its_transaction(
    pages, restricted_meeting
):
    person = make_user(first_name="Ulla", last_name="Ulkopuolinen")
    with transaction.atomic():
        assert not found(person)
        make_admin(person)

        assert found(person)


def test_search_works_when_redis_does_not_answer(pages, settings, restricted_meeting):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    person = make_user(first_name="Ulla", last_name="Ulkopuolinen")
    assert not found(person)
    make_admin(person)

    assert found(person)
