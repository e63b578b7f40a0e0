"""The network's own kinds of content in the search: people and rescue departments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from network import selectors
from network.models import Department, User
from network.search import SearchDocument, SearchSource, register_search_source
from network.translations import versions


def _person_document(person: User) -> SearchDocument:
    department = person.department
    return SearchDocument(
        title=f"{person.first_name} {person.last_name}",
        url=person.get_absolute_url(),
        parts=[("fi", person.title), ("fi", department.name_fi if department else "")],
        department_id=person.department_id,
    )


def _department_document(department: Department) -> SearchDocument:
    return SearchDocument(
        title=department.name_fi,
        titles=versions(department, "name"),
        url=department.get_absolute_url(),
        parts=[
            ("sv", department.name_sv),
            ("en", department.name_en),
            ("fi", f"{department.region.name_fi} {department.host_municipality}"),
        ],
        department_id=department.pk,
    )


def register() -> None:
    register_search_source(
        SearchSource(
            kind="person",
            label=_("People"),
            visible=lambda user: selectors.visible_people(user=user),
            document=_person_document,
            objects=lambda: User.objects.select_related("department"),
            order=90,
        )
    )
    register_search_source(
        SearchSource(
            kind="department",
            label=_("Rescue departments"),
            visible=lambda user: selectors.visible_departments(user=user),
            document=_department_document,
            objects=lambda: Department.objects.select_related("region"),
            order=91,
        )
    )
