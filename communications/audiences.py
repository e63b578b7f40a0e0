"""Who a bulletin is addressed to, without communications knowing what a body is.

An audience is a (kind, key) pair: ("network", "all"), ("department", "12"),
("role", "director"), ("body", "7"). Each kind has a provider, registered by the app
that knows it (governance registers "body" in its ``AppConfig.ready()``), that can
list the choices, resolve a key to people, say which keys a person belongs to, and
say whether a person may address that audience.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models import Department, NetworkRole, User
from network.permissions import DEPARTMENT_LEADERS, leads_a_department


@dataclass(frozen=True)
class AudienceKind:
    kind: str
    label: object
    choices: Callable[[], list[tuple[str, str]]]
    #: The active people a key reaches.
    people: Callable[[str], Q]
    #: The keys of this kind a person belongs to.
    keys_for: Callable[[User], list[str]]
    #: The keys a person may address (besides communications officers, who address all),
    #: found in one query whatever the number of keys.
    addressable_keys: Callable[[User], set[str]] = lambda user: set()


_kinds: dict[str, AudienceKind] = {}


def register_audience(kind: AudienceKind) -> None:
    _kinds[kind.kind] = kind


def audience_kinds() -> list[AudienceKind]:
    return list(_kinds.values())


def get_audience_kind(kind: str) -> AudienceKind:
    return _kinds[kind]


def people_in(audience: Iterable[tuple[str, str]]) -> list[int]:
    """Active people reached by any of the (kind, key) pairs, each once."""
    condition = Q(pk__in=[])
    for kind, key in audience:
        if kind in _kinds:
            condition |= _kinds[kind].people(key)
    return list(
        User.objects.filter(condition, is_active=True).values_list("pk", flat=True).distinct()
    )


def keys_for(user: User) -> list[tuple[str, str]]:
    return [(kind.kind, key) for kind in _kinds.values() for key in kind.keys_for(user)]


def labels_for(audience: Iterable[tuple[str, str]]) -> list[str]:
    """The label of each (kind, key) pair, in order: each kind's choices are asked once,
    however many keys of that kind there are (a bulletin to 22 departments: one query)."""
    pairs = list(audience)
    choices = {
        kind: dict(_kinds[kind].choices())
        for kind in {kind for kind, _key in pairs}
        if kind in _kinds
    }
    return [choices.get(kind, {}).get(key, key) for kind, key in pairs]


ROLE_CHOICES = [
    ("director", _("Rescue directors and deputies")),
    (NetworkRole.OFFICIAL.value, NetworkRole.OFFICIAL.label),
    (NetworkRole.COMMUNICATIONS.value, NetworkRole.COMMUNICATIONS.label),
]


def _role_people(key: str) -> Q:
    if key == "director":
        return Q(department_role__in=DEPARTMENT_LEADERS)
    return Q(roles__contains=[key])


def _role_keys(user: User) -> list[str]:
    keys = [
        role for role in user.roles if role in {NetworkRole.OFFICIAL, NetworkRole.COMMUNICATIONS}
    ]
    if leads_a_department(user):
        keys.append("director")
    return keys


register_audience(
    AudienceKind(
        kind="network",
        label=_("The whole network"),
        choices=lambda: [("all", str(_("Everyone in the network")))],
        people=lambda key: Q(pk__isnull=False),
        keys_for=lambda user: ["all"],
    )
)
register_audience(
    AudienceKind(
        kind="department",
        label=_("Rescue departments"),
        choices=lambda: [(str(d.pk), d.name) for d in Department.objects.filter(is_active=True)],
        people=lambda key: Q(department_id=int(key)),
        keys_for=lambda user: [str(user.department_id)] if user.department_id else [],
    )
)
register_audience(
    AudienceKind(
        kind="role",
        label=_("Roles"),
        choices=lambda: [(key, str(label)) for key, label in ROLE_CHOICES],
        people=_role_people,
        keys_for=_role_keys,
    )
)
