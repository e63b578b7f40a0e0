"""The notifications of the preparation."""

from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, NotificationKind, register_kind

DIP_ALERT = "dip_alert"
REFORM_EVENT = "reform_event"

register_kind(
    NotificationKind(
        key=DIP_ALERT,
        label=_("Safety-level dip alerts"),
        title=_("Dip alert: %(indicator)s, %(department)s, %(period)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=15,
    )
)
register_kind(
    NotificationKind(
        key=REFORM_EVENT,
        label=_("New reform events in workstreams I follow"),
        title=_("Reform timeline: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=60,
    )
)
