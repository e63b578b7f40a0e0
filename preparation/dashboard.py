"""The preparation on the personal dashboard: dip alerts and the reform's coming deadlines."""

from django.urls import reverse
from django.utils.translation import gettext as _

from network.dashboard import Panel, WaitingItem, register_dashboard_provider
from network.permissions import sees_network_overview
from preparation import selectors


@register_dashboard_provider
def preparation_panel(request) -> Panel | None:
    user = request.user
    departments = selectors.departments_reported_by(user=user)
    alerts = selectors.open_alerts().filter(
        acknowledged_at__isnull=True, value__department_id__in=departments
    )
    waiting = [
        WaitingItem(
            title=_("Dip alert: %(indicator)s, %(period)s")
            % {"indicator": alert.value.indicator.name, "period": alert.value.period},
            url=alert.get_absolute_url(),
            severity="warning",
        )
        for alert in alerts[:5]
    ]
    waiting += [
        WaitingItem(
            title=_("Readiness of %(department)s: %(count)s workstreams not updated")
            % {"department": row.department.name, "count": row.stale},
            url=reverse("preparation:readiness") + f"#department-{row.department.slug}",
            detail=_("nothing recorded in %(days)s days") % {"days": row.days},
        )
        for row in selectors.stale_readiness(departments=departments)
    ]
    return Panel(
        title=_("Reform deadlines"),
        key="deadlines",
        template="preparation/dashboard.html",
        context={"deadlines": list(selectors.upcoming_deadlines(days=365, limit=5))},
        waiting=waiting,
        order=20,
    )


@register_dashboard_provider
def network_readiness(request) -> Panel | None:
    """For the board and the officials: readiness by region and the open dip alerts."""
    if not sees_network_overview(request.user):
        return None
    return Panel(
        title=_("Readiness and safety level"),
        template="preparation/dashboard_overview.html",
        key="readiness",
        load=lambda: {
            "regions": selectors.readiness_by_region(),
            "alerts": list(
                selectors.open_alerts()
                .filter(acknowledged_at__isnull=True)
                .select_related("value__department", "value__indicator")[:5]
            ),
            "alert_count": selectors.open_alerts().filter(acknowledged_at__isnull=True).count(),
        },
        order=50,
    )
