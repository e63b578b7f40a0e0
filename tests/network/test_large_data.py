"""The large data set: built at a tiny scale with the sizes it promises, the same each time
for the same seed, findable in Finnish, and never in production."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from communications.models import Notification
from governance.models import AgendaItem, Body, Meeting, StatusUpdate
from governance.positions.models import ConsultationAnswer, Position
from network.large_data import fingerprint, large_data_build, large_data_steps
from network.models import Department, SearchEntry, User
from network.search import parse_query, search
from preparation.models import IndicatorValue, ReformEvent, WorkItem

pytestmark = pytest.mark.django_db


def _build_and_fingerprint(seed: int) -> dict:
    with transaction.atomic():
        large_data_build(scale=0.01, seed=seed)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


def test_the_tiny_scale_has_the_promised_sizes(capsys):
    call_command("large_data", scale=0.01, seed=7)

    assert Department.objects.count() == 22
    assert User.objects.count() == 50  # at least a director and a deputy per department
    assert Meeting.objects.count() == 30
    assert AgendaItem.objects.count() == 300
    assert StatusUpdate.objects.count() == 500
    assert Position.objects.count() == 20
    # Every department answers every consultation that is not still open or a draft.
    assert ConsultationAnswer.objects.count() >= 18 * 22 - 22
    assert Notification.objects.count() == 10_000
    assert WorkItem.objects.count() == 200
    assert IndicatorValue.objects.count() == 1000
    assert ReformEvent.objects.count() >= 20
    assert Body.objects.count() >= 9
    assert SearchEntry.objects.filter(kind="agenda_item").count() == 300
    assert "Large data set built" in capsys.readouterr().out


def test_the_same_seed_builds_the_same_data_and_another_seed_other_data():
    first = _build_and_fingerprint(7)
    again = _build_and_fingerprint(7)
    other = _build_and_fingerprint(8)

    assert first == again
    assert first["digest"] != other["digest"]


def test_the_text_is_finnish_that_the_search_finds():
    large_data_build(scale=0.01, seed=7)
    director = User.objects.filter(department_role="director").first()

    found = search(user=director, parsed=parse_query("valvontasuunnitelma"))

    assert found.exists()
    assert not AgendaItem.objects.filter(background__icontains="lorem").exists()


def test_it_is_refused_on_a_database_with_people_and_in_production(member):
    with pytest.raises(ImproperlyConfigured):
        large_data_build(scale=0.01)
    with override_settings(PRODUCTION=True), pytest.raises(ImproperlyConfigured):
        large_data_build(scale=0.01)


def test_every_app_registers_its_steps_in_order():
    names = [step.name for step in large_data_steps()]

    assert names[0] == "people"
    assert names[-1] == "search_index"
    assert {"bodies", "meetings", "positions", "bulletins", "preparation"} <= set(names)
