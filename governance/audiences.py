"""Bodies as bulletin audiences: communications asks, governance answers."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communications.audiences import AudienceKind, register_audience
from governance.models import Body, Membership
from governance.permissions import can_manage_body


def _people(key: str) -> Q:
    return Q(pk__in=Membership.objects.active().filter(body_id=int(key)).values("user_id"))


def _keys_for(user) -> list[str]:
    return [
        str(pk)
        for pk in Membership.objects.active().filter(user=user).values_list("body_id", flat=True)
    ]


def _may_address(user, key: str) -> bool:
    body = Body.objects.filter(pk=int(key)).first()
    return body is not None and can_manage_body(user, body)


register_audience(
    AudienceKind(
        kind="board",
        label=_("The board"),
        choices=lambda: [("members", str(_("Board of rescue directors")))],
        people=lambda key: Q(
            pk__in=Membership.objects.active().filter(body__kind="board").values("user_id")
        ),
        keys_for=lambda user: (
            ["members"]
            if Membership.objects.active().filter(user=user, body__kind="board").exists()
            else []
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
        may_address=_may_address,
    )
)
