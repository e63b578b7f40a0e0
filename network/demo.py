"""Realistic demo people for development and demonstrations (never in production).

Every department gets a rescue director; a few get a deputy. The board's chair and
vice-chair and the service areas' chairs are directors too (their body memberships
are filled in by the governance app's demo data). The network's officials, a
communications officer and a network admin complete the cast. Everyone shares one
demo password.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from network.facts import network_load_facts
from network.models import Department, DepartmentRole, NetworkRole, User

DEMO_PASSWORD = "demo-salasana-2017"  # noqa: S105 - printed to the person running the demo  # nosec B105
DEMO_DOMAIN = "verkosto.example"

# (department slug, first name, last name, language): one rescue director each.
DIRECTORS: list[tuple[str, str, str, str]] = [
    ("helsinki", "Jari", "Honkanen", "fi"),
    ("lansi-uusimaa", "Erik", "Lindholm", "sv"),
    ("keski-uusimaa", "Päivi", "Korhonen", "fi"),
    ("ita-uusimaa", "Mikael", "Nyberg", "sv"),
    ("varsinais-suomi", "Tiina", "Laaksonen", "fi"),
    ("satakunta", "Markku", "Aaltonen", "fi"),
    ("kanta-hame", "Heikki", "Rantanen", "fi"),
    ("pirkanmaa", "Minna", "Virtanen", "fi"),
    ("paijat-hame", "Kari", "Lehtonen", "fi"),
    ("kymenlaakso", "Jussi", "Koskinen", "fi"),
    ("etela-karjala", "Satu", "Hämäläinen", "fi"),
    ("etela-savo", "Pekka", "Savolainen", "fi"),
    ("pohjois-savo", "Anne", "Miettinen", "fi"),
    ("pohjois-karjala", "Timo", "Turunen", "fi"),
    ("keski-suomi", "Hannu", "Nieminen", "fi"),
    ("etela-pohjanmaa", "Marja", "Hautala", "fi"),
    ("pohjanmaa", "Johan", "Sundqvist", "sv"),
    ("keski-pohjanmaa-pietarsaari", "Ulla", "Backman", "sv"),
    ("jokilaaksot", "Esa", "Kangas", "fi"),
    ("oulu-koillismaa", "Riitta", "Karjalainen", "fi"),
    ("kainuu", "Ville", "Heikkinen", "fi"),
    ("lappi", "Arto", "Rovanperä", "fi"),
]

# Directors with a named deputy who may answer for the department.
DEPUTIES: list[tuple[str, str, str, str]] = [
    ("pirkanmaa", "Janne", "Mäkinen", "fi"),
    ("helsinki", "Kaisa", "Lahtinen", "fi"),
    ("pohjanmaa", "Anna-Lena", "Fors", "sv"),
]


@dataclass(frozen=True)
class NetworkPerson:
    first_name: str
    last_name: str
    title_fi: str
    roles: tuple[str, ...]
    is_staff: bool = False
    language: str = "fi"


NETWORK_STAFF: list[NetworkPerson] = [
    NetworkPerson(
        "Sanna",
        "Mäkelä",
        "Kumppanuusverkoston pääsihteeri",
        (NetworkRole.OFFICIAL,),
    ),
    NetworkPerson(
        "Jukka",
        "Salonen",
        "Kehittämispäällikkö, maakuntavalmistelu",
        (NetworkRole.OFFICIAL,),
    ),
    NetworkPerson(
        "Laura",
        "Heikkilä",
        "Viestintäpäällikkö",
        (NetworkRole.OFFICIAL, NetworkRole.COMMUNICATIONS),
    ),
    NetworkPerson(
        "Anna",
        "Lindqvist",
        "Verkoston ylläpitäjä",
        (NetworkRole.NETWORK_ADMIN,),
        is_staff=True,
        language="sv",
    ),
]


def demo_email(first_name: str, last_name: str) -> str:
    """``Päivi Hämäläinen`` → ``paivi.hamalainen@verkosto.example``."""
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", " ": "", "-": ""})
    return (
        f"{first_name.lower().translate(table)}.{last_name.lower().translate(table)}@{DEMO_DOMAIN}"
    )


def _person(
    *,
    first_name: str,
    last_name: str,
    title: str,
    language: str,
    department: Department | None = None,
    department_role: str = "",
    roles: tuple[str, ...] = (),
    is_staff: bool = False,
) -> User:
    email = demo_email(first_name, last_name)
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "title": title,
            "language": language,
            "department": department,
            "department_role": department_role,
            "roles": list(roles),
            "is_staff": is_staff,
            "phone": "+358 40 " + str(zlib.crc32(email.encode()) % 10_000_000).zfill(7),
        },
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


#: Other apps add their demo data here (in their ``AppConfig.ready()``); each step gets
#: the key people and runs after the people exist.
_demo_steps: list = []


def register_demo_step(step):
    if step not in _demo_steps:
        _demo_steps.append(step)
    return step


def demo_data_create() -> dict[str, User]:
    """Create (or refresh) the demo people. Refused in production mode.

    Returns the key people by role so that the caller can say how to sign in.
    """
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo data is never created in production mode (DEBUG=false).")
    network_load_facts()
    departments = {d.slug: d for d in Department.objects.all()}
    key: dict[str, User] = {}
    with transaction.atomic():
        for slug, first, last, language in DIRECTORS:
            user = _person(
                first_name=first,
                last_name=last,
                title="Pelastusjohtaja" if language == "fi" else "Räddningsdirektör",
                language=language,
                department=departments[slug],
                department_role=DepartmentRole.DIRECTOR,
            )
            if slug == "pirkanmaa":
                key["director"] = user
        for slug, first, last, language in DEPUTIES:
            _person(
                first_name=first,
                last_name=last,
                title="Apulaispelastusjohtaja"
                if language == "fi"
                else "Biträdande räddningsdirektör",
                language=language,
                department=departments[slug],
                department_role=DepartmentRole.DEPUTY,
            )
        for person in NETWORK_STAFF:
            user = _person(
                first_name=person.first_name,
                last_name=person.last_name,
                title=person.title_fi,
                language=person.language,
                roles=person.roles,
                is_staff=person.is_staff,
            )
            if NetworkRole.COMMUNICATIONS in person.roles:
                key["communications"] = user
            elif NetworkRole.NETWORK_ADMIN in person.roles:
                key["admin"] = user
            else:
                key.setdefault("official", user)
        for step in _demo_steps:
            step(key)
        # Demo rows are made directly, not through every service: index them all at the end.
        from network.search import search_reindex

        search_reindex()
    return key
