"""The notifications of the strategy review."""

from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, NotificationKind, register_kind

REVIEW_OPENED = "review_opened"
REVIEW_DECIDED = "review_decided"

register_kind(
    NotificationKind(
        key=REVIEW_OPENED,
        label=_("Strategy reviews asking for my department's comments"),
        title=_("Your department's comments are asked: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=16,
    )
)
register_kind(
    NotificationKind(
        key=REVIEW_DECIDED,
        label=_("Decisions of strategy reviews"),
        title=_("The directors' meeting decided: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=17,
    )
)
