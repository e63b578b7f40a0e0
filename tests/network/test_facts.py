import json

import pytest

from network.facts import FACTS_PATH, network_load_facts
from network.models import Department, Region

pytestmark = pytest.mark.django_db


def test_loading_creates_the_22_rescue_departments_of_2017_with_three_names_and_a_region():
    result = network_load_facts()

    assert result.departments_created == 22
    assert Department.objects.count() == 22
    pirkanmaa = Department.objects.get(slug="pirkanmaa")
    assert pirkanmaa.name_fi == "Pirkanmaan pelastuslaitos"
    assert pirkanmaa.name_sv == "Birkalands räddningsverk"
    assert pirkanmaa.name_en == "Pirkanmaa Rescue Department"
    assert pirkanmaa.region.code == "MK06"
    assert pirkanmaa.region.name_sv == "Birkaland"


def test_loading_twice_duplicates_nothing_and_updates_in_place():
    network_load_facts()
    Department.objects.filter(slug="lappi").update(name_fi="Väärä nimi")

    result = network_load_facts()

    assert (result.departments_created, result.departments_updated) == (0, 22)
    assert Department.objects.count() == 22
    assert Region.objects.count() == len(json.loads(FACTS_PATH.read_text())["regions"])
    assert Department.objects.get(slug="lappi").name_fi == "Lapin pelastuslaitos"


def test_a_department_serving_two_regions_keeps_both():
    network_load_facts()

    department = Department.objects.get(slug="keski-pohjanmaa-pietarsaari")

    assert department.region.code == "MK16"
    assert [r.code for r in department.other_regions.all()] == ["MK15"]


def test_aland_outside_the_22_is_not_a_member():
    network_load_facts()

    assert not Department.objects.filter(slug="ahvenanmaa").exists()


def test_a_department_without_a_swedish_name_falls_back_to_finnish():
    from django.utils import translation

    network_load_facts()
    department = Department.objects.get(slug="jokilaaksot")

    with translation.override("sv"):
        assert department.name == "Jokilaaksojen pelastuslaitos"


def test_the_project_reads_its_own_copy_of_the_facts_not_the_shared_folder():
    assert FACTS_PATH.is_relative_to(FACTS_PATH.parents[1])
    assert "shared" not in FACTS_PATH.parts


def test_the_load_command_can_be_run_again(capsys):
    from django.core.management import call_command

    call_command("load_network")
    call_command("load_network")

    assert Department.objects.count() == 22
    assert "0 created, 22 updated" in capsys.readouterr().out
