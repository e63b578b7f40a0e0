"""The network's pages ask the same, exactly pinned number of questions of the database
with a little or a lot of data: the directory, a department's page, a person's page and
the search."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from communications.bulletins import services as bulletins
from governance.models import Body, BodyKind, Role
from network.models import DepartmentRole, NetworkRole
from tests.factories import make_director, make_user, sign_in
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db

#: Each page's exact number of queries for a signed-in member, pinned.
DIRECTORY_QUERIES = 6
DEPARTMENT_PAGE_QUERIES = 7
PERSON_PAGE_QUERIES = 6
SEARCH_QUERIES = 10


@pytest.fixture
def pinned(django_assert_num_queries):
    """Counts from a cold content-type cache, as in a fresh process: the same every time."""

    def pinned(number):
        ContentType.objects.clear_cache()
        return django_assert_num_queries(number)

    return pinned


@pytest.mark.parametrize("size", [2, 20])
def test_the_directory_asks_the_same_questions_with_2_or_20_directors(
    client, member, departments, pinned, size
):
    for department in list(departments.values())[:size]:
        make_director(department)
        make_user(department=department, department_role=DepartmentRole.DEPUTY)
    sign_in(client, member)

    with pinned(DIRECTORY_QUERIES):
        assert client.get(reverse("directory")).status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_a_department_page_asks_the_same_questions_with_2_or_40_people(
    client, member, departments, pinned, size
):
    department = departments["kainuu"]
    make_director(department)
    for _n in range(size):
        make_user(department=department)
    sign_in(client, member)

    with pinned(DEPARTMENT_PAGE_QUERIES):
        response = client.get(reverse("department_detail", args=["kainuu"]))

    assert len(response.context["people"]) == size + 1


@pytest.mark.parametrize("size", [1, 25])
def test_a_person_page_asks_the_same_questions_with_1_or_25_seats(
    client, member, departments, pinned, size
):
    person = make_director(departments["lappi"])
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    for n in range(size):
        group = Body.objects.create(
            kind=BodyKind.WORKING_GROUP, slug=f"ryhma-{n}", name_fi=f"Ryhmä {n}", parent=board
        )
        seat(group, person, Role.CHAIR if n % 2 else Role.MEMBER, personal_deputy=make_user())
    sign_in(client, member)

    with pinned(PERSON_PAGE_QUERIES):
        assert client.get(reverse("person_detail", args=[person.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_the_search_asks_the_same_questions_with_2_or_30_hits(
    client, member, departments, pinned, size
):
    comms = make_user(roles=[NetworkRole.COMMUNICATIONS])
    for n in range(size):
        bulletin = bulletins.bulletin_save(
            actor=comms,
            title=f"Yhteistyö {n}",
            text="Tiedote verkostolle yhteistyöstä.",
            audience=[("network", "all")],
        )
        bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
        make_user(last_name=f"Yhteistyö{n}")
    sign_in(client, member)

    with pinned(SEARCH_QUERIES):
        response = client.get(reverse("search"), {"q": "yhteistyö"})

    assert response.context["page"].paginator.count >= size
