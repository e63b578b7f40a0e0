"""The preparation on the personal dashboard: dip alerts and the reform's coming deadlines."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.dashboard import (
    Panel,
    WaitingItem,
    first_of,
    register_dashboard_provider,
    register_lazy_panel,
)
from network.permissions import sees_network_overview
from preparation import selectors
from preparation.solutions.selectors import MissingAdoption, department_duties


@register_dashboard_provider
def preparation_panel(request) -> Panel | None:
    user = request.user
    departments = selectors.reported_departments(user=user)
    alerts = selectors.open_alerts().filter(
        acknowledged_at__isnull=True, value__department_id__in=departments.values("pk")
    )
    duties = department_duties(departments=departments)
    alerts_listed, more_alerts = first_of(alerts, 5)
    waiting = [
        WaitingItem(
            title=_("Dip alert: %(indicator)s, %(period)s")
            % {"indicator": alert.value.indicator.name, "period": alert.value.period},
            url=alert.get_absolute_url(),
            severity="warning",
        )
        for alert in alerts_listed
    ]
    waiting += [
        WaitingItem(
            title=_("Readiness of %(department)s: %(count)s workstreams not updated")
            % {"department": row.department.name, "count": row.stale},
            url=reverse("preparation:readiness") + f"#department-{row.department.slug}",
            detail=_("nothing recorded in %(days)s days") % {"days": row.days},
        )
        for row in duties.stale_readiness
    ]
    waiting += _adoptions_waiting(duties.adoptions_missing)
    return Panel(
        title=_("Reform deadlines"),
        key="deadlines",
        template="preparation/dashboard.html",
        context={"deadlines": list(selectors.upcoming_deadlines(days=365, limit=5))},
        waiting=waiting,
        more_waiting=more_alerts,
        order=20,
    )


#: At most this many missing adoptions are listed one by one; the rest are counted.
ADOPTIONS_LISTED = 3


def _adoptions_waiting(missing: list[MissingAdoption]) -> list[WaitingItem]:
    """Published shared solutions whose adoption the person's department has not recorded."""
    items = [
        WaitingItem(
            title=_("Record whether %(department)s has adopted: %(solution)s")
            % {"department": row.department.name, "solution": row.solution.title},
            url=reverse("preparation:adoption", args=[row.solution.pk, row.department.slug]),
            detail=_("shared solution, version %(version)s") % {"version": row.solution.version},
        )
        for row in missing[:ADOPTIONS_LISTED]
    ]
    if len(missing) > ADOPTIONS_LISTED:
        items.append(
            WaitingItem(
                title=ngettext(
                    "%(count)s more shared solution without a recorded adoption",
                    "%(count)s more shared solutions without a recorded adoption",
                    len(missing) - ADOPTIONS_LISTED,
                )
                % {"count": len(missing) - ADOPTIONS_LISTED},
                url=reverse("preparation:uniformity"),
            )
        )
    return items


@register_lazy_panel("readiness")
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
