"""The preparation on the personal dashboard: dip alerts and the reform's coming deadlines."""

from django.utils.translation import gettext as _

from network.dashboard import Panel, WaitingItem, register_dashboard_provider
from preparation import selectors


@register_dashboard_provider
def preparation_panel(request) -> Panel | None:
    user = request.user
    alerts = selectors.open_alerts().filter(acknowledged_at__isnull=True)
    if user.department_id:
        mine = alerts.filter(value__department_id=user.department_id)
    else:
        mine = alerts.none()
    waiting = [
        WaitingItem(
            title=_("Dip alert: %(indicator)s, %(period)s")
            % {"indicator": alert.value.indicator.name, "period": alert.value.period},
            url=alert.get_absolute_url(),
            severity="warning",
        )
        for alert in mine[:5]
    ]
    return Panel(
        title=_("Reform deadlines"),
        template="preparation/dashboard.html",
        context={"deadlines": list(selectors.upcoming_deadlines(days=365, limit=5))},
        waiting=waiting,
        order=20,
    )
