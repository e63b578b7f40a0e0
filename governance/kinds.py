"""The notifications governance sends (registered with communications at import)."""

from django.utils.translation import gettext_lazy as _

from communications.kinds import Delivery, NotificationKind, register_kind

AGENDA_PUBLISHED = "agenda_published"
DEPUTY_ASKED = "deputy_asked"
MINUTES_CIRCULATED = "minutes_circulated"
MINUTES_APPROVED = "minutes_approved"
ASSIGNMENT_GIVEN = "assignment_given"
STATUS_UPDATE_POSTED = "status_update_posted"
STATUS_OVERDUE = "status_update_overdue"

register_kind(
    NotificationKind(
        key=AGENDA_PUBLISHED,
        label=_("Meeting agendas and changes"),
        title=_("Meeting %(when)s: %(title)s – the agenda is published"),
        default_delivery=Delivery.IMMEDIATE,
        order=20,
    )
)
register_kind(
    NotificationKind(
        key=DEPUTY_ASKED,
        label=_("Requests to attend as a deputy"),
        title=_("You are asked to attend %(title)s (%(when)s) in place of %(member)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=21,
    )
)
register_kind(
    NotificationKind(
        key=MINUTES_CIRCULATED,
        label=_("Draft minutes for comments"),
        title=_("Draft minutes for your comments: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=22,
    )
)
register_kind(
    NotificationKind(
        key=MINUTES_APPROVED,
        label=_("Approved minutes"),
        title=_("Minutes approved: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=23,
    )
)
register_kind(
    NotificationKind(
        key=ASSIGNMENT_GIVEN,
        label=_("Assignments to my working groups"),
        title=_("New assignment from %(body)s: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=30,
    )
)
register_kind(
    NotificationKind(
        key=STATUS_UPDATE_POSTED,
        label=_("Working groups' status updates"),
        title=_("New status update: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=31,
    )
)
register_kind(
    NotificationKind(
        key=STATUS_OVERDUE,
        label=_("Overdue status updates of my working groups"),
        title=_("%(title)s has not posted a status update for %(days)s days"),
        default_delivery=Delivery.IMMEDIATE,
        order=32,
    )
)

AREA_REPORT_SUBMITTED = "area_report_submitted"

register_kind(
    NotificationKind(
        key=AREA_REPORT_SUBMITTED,
        label=_("Service areas' reports to the board"),
        title=_("%(body)s: the report for %(year)s was submitted to the board"),
        default_delivery=Delivery.DIGEST,
        order=33,
    )
)
