import pytest

from preparation.facts import preparation_load_facts
from preparation.models import Indicator, Workstream
from tests.factories import make_director, make_user


@pytest.fixture
def prep(departments):
    preparation_load_facts()
    from network.models import NetworkRole

    return {
        "workstreams": {w.code: w for w in Workstream.objects.all()},
        "indicator": Indicator.objects.get(code="VALVONTA_TOTEUMA"),
        "pirkanmaa": make_director(
            departments["pirkanmaa"], first_name="Minna", last_name="Virtanen"
        ),
        "kainuu": make_director(departments["kainuu"], first_name="Ville", last_name="Heikkinen"),
        "official": make_user(
            first_name="Jukka", last_name="Salonen", roles=[NetworkRole.OFFICIAL]
        ),
        "member": make_user(),
    }
