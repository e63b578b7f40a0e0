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


@pytest.fixture
def sol(prep, departments):
    """A shared solution approved by the board, whose secretary publishes it; a reporter
    named by Kainuu's director; the board's chair and an admin."""
    from datetime import date, timedelta

    from django.utils import timezone

    from governance.models import Body, BodyKind, Membership, Role
    from preparation.models import DepartmentReporter
    from preparation.solutions import services as solution_services
    from tests.factories import make_network_admin

    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    group = Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="valvontasuunnitelma",
        name_fi="Valvontasuunnitelmatyöryhmä",
        parent=board,
    )
    secretary = make_user(first_name="Sanna", last_name="Sihteeri")
    group_chair = make_user(first_name="Outi", last_name="Työryhmä")
    start = timezone.localdate() - timedelta(days=30)
    Membership.objects.create(body=board, user=secretary, role=Role.SECRETARY, start_date=start)
    Membership.objects.create(body=group, user=group_chair, role=Role.CHAIR, start_date=start)
    reporter = make_user(first_name="Raija", last_name="Raportoija")
    DepartmentReporter.objects.create(
        department=departments["kainuu"], user=reporter, named_by=prep["kainuu"]
    )
    admin = make_network_admin()
    solution = solution_services.solution_publish(
        actor=secretary,
        title_fi="Valvontasuunnitelman malli",
        title_sv="Modell för tillsynsplan",
        description_fi="Yhteinen malli riskiperusteiselle valvontasuunnitelmalle.",
        kind="model",
        version="1.2",
        approved_by=board,
        approved_on=date(2011, 6, 15),
        made_by=group,
    )
    return {
        **prep,
        "board": board,
        "group": group,
        "secretary": secretary,
        "group_chair": group_chair,
        "reporter": reporter,
        "admin": admin,
        "solution": solution,
    }
