"""Positions on the personal dashboard: answers and votes waiting for this person."""

from django.utils.translation import gettext as _

from governance.positions import selectors
from network.dashboard import Panel, WaitingItem, register_dashboard_provider


@register_dashboard_provider
def positions_waiting(request) -> Panel | None:
    user = request.user
    waiting = [
        WaitingItem(
            title=_("Consultation: %(title)s – your department's answer is missing")
            % {"title": position.title},
            url=position.get_absolute_url() + "#consultation",
            due=position.consultation_deadline,
            severity="urgent",
        )
        for position in selectors.waiting_for_my_department(user=user).order_by(
            "consultation_deadline"
        )[:10]
    ]
    waiting += [
        WaitingItem(
            title=_("Board vote: %(title)s") % {"title": position.title},
            url=position.get_absolute_url() + "#vote",
            severity="urgent",
        )
        for position in selectors.waiting_for_my_vote(user=user)[:10]
    ]
    if not waiting:
        return None
    return Panel(
        title=_("Positions"),
        template="governance/positions/dashboard.html",
        context={"count": len(waiting)},
        waiting=waiting,
        order=5,
    )
