"""The notifications of shared positions."""

from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, NotificationKind, register_kind

CONSULTATION_OPENED = "consultation_opened"
VOTE_NEEDED = "vote_needed"
VOTE_RESTARTED = "vote_restarted"
POSITION_DECIDED = "position_decided"
POSITION_PUBLISHED = "position_published"
POSITION_WITHDRAWN = "position_withdrawn"

register_kind(
    NotificationKind(
        key=CONSULTATION_OPENED,
        label=_("Consultations for my department"),
        title=_("Your department's answer is asked: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=10,
    )
)
register_kind(
    NotificationKind(
        key=VOTE_NEEDED,
        label=_("Board votes"),
        title=_("Your vote is needed: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=11,
    )
)
register_kind(
    NotificationKind(
        key=VOTE_RESTARTED,
        label=_("Votes restarted after a change of text"),
        title=_("The text changed and the vote starts over: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=12,
    )
)
register_kind(
    NotificationKind(
        key=POSITION_DECIDED,
        label=_("Board decisions on positions"),
        title=_("The board decided: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=13,
    )
)
register_kind(
    NotificationKind(
        key=POSITION_PUBLISHED,
        label=_("Published positions"),
        title=_("Published: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=14,
    )
)
register_kind(
    NotificationKind(
        key=POSITION_WITHDRAWN,
        label=_("Withdrawn positions"),
        title=_("Withdrawn: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=15,
    )
)
