"""Bodies as bulletin audiences: communications asks, governance answers."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communications.audiences import AudienceKind, register_audience
from governance.models import Body, BodyKind, Membership
from governance.permissions import MANAGING_ROLES, my_seats
from network.permissions import is_network_admin


def _people(key: str) -> Q:
    return Q(pk__in=Membership.objects.active().filter(body_id=int(key)).values("user_id"))


def _active_seats(user) -> list[tuple[int, str]]:
    """The person's own current seats as (body id, body kind), oldest first (read once
    per request with the rest of their seats)."""
    return [(seat.body_id, seat.body_kind) for seat in my_seats(user) if seat.holder_id == user.pk]


def _keys_for(user) -> list[str]:
    return [str(pk) for pk, _kind in _active_seats(user)]


def _addressable_keys(user) -> set[str]:
    """The open bodies the person runs (a network admin: every open body)."""
    bodies = Body.objects.filter(closed_at__isnull=True)
    if not is_network_admin(user):
        managed = Membership.objects.active().filter(user=user, role__in=MANAGING_ROLES)
        bodies = bodies.filter(pk__in=managed.values("body_id"))
    return {str(pk) for pk in bodies.values_list("pk", flat=True)}


register_audience(
    AudienceKind(
        kind="board",
        label=_("The board"),
        choices=lambda: [("members", str(_("Board of rescue directors")))],
        people=lambda key: Q(
            pk__in=Membership.objects.active().filter(body__kind=BodyKind.BOARD).values("user_id")
        ),
        keys_for=lambda user: (
            ["members"] if any(kind == BodyKind.BOARD for _pk, kind in _active_seats(user)) else []
        ),
    )
)
register_audience(
    AudienceKind(
        kind="body",
        label=_("Bodies"),
        choices=lambda: [(str(b.pk), b.name) for b in Body.objects.filter(closed_at__isnull=True)],
        people=_people,
        keys_for=_keys_for,
        addressable_keys=_addressable_keys,
    )
)
