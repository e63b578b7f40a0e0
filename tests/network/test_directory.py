import pytest
from django.urls import reverse

from network.models import DepartmentRole
from tests.factories import make_director, make_user

pytestmark = pytest.mark.django_db


def test_the_directory_lists_every_department_with_its_region_and_director(
    member_client, departments
):
    director = make_director(departments["lappi"], first_name="Arto", last_name="Rovanperä")

    response = member_client.get(reverse("directory"))

    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["departments"]) == 22
    assert "Lapin pelastuslaitos" in body
    assert "Arto Rovanperä" in body
    assert director.email in body


def test_the_directory_uses_the_same_number_of_queries_however_many_directors(
    member_client, departments, django_assert_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            member_client.get(reverse("directory"))
        return len(captured)

    few = count_queries()
    for department in list(departments.values())[:20]:
        make_director(department)
    many = count_queries()

    assert few == many


def test_a_department_page_shows_its_people_director_first(member_client, departments):
    department = departments["kainuu"]
    make_user(first_name="Aino", last_name="Aaltonen", department=department)
    make_director(department, first_name="Ville", last_name="Heikkinen")

    response = member_client.get(reverse("department_detail", args=["kainuu"]))

    people = response.context["people"]
    assert [p.last_name for p in people] == ["Heikkinen", "Aaltonen"]
    assert people[0].department_role == DepartmentRole.DIRECTOR


def test_an_unknown_department_is_not_found(member_client, departments):
    assert member_client.get(reverse("department_detail", args=["atlantis"])).status_code == 404


def test_people_can_be_searched_by_name(member_client, departments):
    make_user(first_name="Minna", last_name="Virtanen", department=departments["pirkanmaa"])
    make_user(first_name="Johan", last_name="Sundqvist", department=departments["pohjanmaa"])

    response = member_client.get(reverse("people"), {"q": "virta"})

    names = [p.full_name for p in response.context["page"].object_list]
    assert names == ["Minna Virtanen"]


def test_searching_by_first_and_last_name_together_narrows_the_result(member_client, departments):
    make_user(first_name="Minna", last_name="Virtanen")
    make_user(first_name="Minna", last_name="Korhonen")

    response = member_client.get(reverse("people"), {"q": "minna kor"})

    assert [p.last_name for p in response.context["page"].object_list] == ["Korhonen"]


def test_the_search_answers_htmx_with_only_the_results(member_client, departments):
    make_user(first_name="Minna", last_name="Virtanen")

    response = member_client.get(reverse("people"), {"q": "minna"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "Minna Virtanen" in body
    assert "<header" not in body
    assert "HX-Request" in response["Vary"]


def test_inactive_people_are_not_in_the_directory(member_client):
    gone = make_user(first_name="Poistunut", last_name="Henkilö", is_active=False)

    search = member_client.get(reverse("people"), {"q": "poistunut"})

    assert list(search.context["page"].object_list) == []
    assert member_client.get(reverse("person_detail", args=[gone.pk])).status_code == 404


def test_a_person_page_shows_contacts(member_client, departments):
    person = make_user(
        first_name="Satu", last_name="Hämäläinen", department=departments["etela-karjala"]
    )

    response = member_client.get(reverse("person_detail", args=[person.pk]))

    assert person.email in response.content.decode()
    assert "Etelä-Karjalan pelastuslaitos" in response.content.decode()


def test_a_member_edits_their_own_details_but_keeps_what_they_typed_on_error(member_client, member):
    bad = member_client.post(
        reverse("account"),
        {
            "first_name": "",
            "last_name": "Uusi",
            "title": "Palomestari",
            "phone": "",
            "language": "sv",
        },
    )
    good = member_client.post(
        reverse("account"),
        {
            "first_name": "Testi",
            "last_name": "Uusi",
            "title": "Palomestari",
            "phone": "",
            "language": "sv",
        },
    )

    assert bad.status_code == 200
    assert bad.context["form"].errors["first_name"]
    assert 'value="Palomestari"' in bad.content.decode()
    assert good.status_code == 302
    member.refresh_from_db()
    assert (member.last_name, member.title, member.language) == ("Uusi", "Palomestari", "sv")
