"""The preparation on the personal dashboard: dip alerts and the reform's coming deadlines."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.dashboard import Panel, WaitingItem, register_dashboard_provider
from network.strategy import StrategySource, register_strategy_source
from preparation import selectors
from preparation.models import ReformEvent, WorkItem


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


def _dates(queryset, field: str) -> list:
    from django.utils import timezone

    dates = []
    for value in queryset.values_list(field, flat=True):
        dates.append(timezone.localtime(value).date() if hasattr(value, "hour") else value)
    return dates


register_strategy_source(
    StrategySource(
        key="work_items",
        label=gettext_lazy("Shared work items"),
        dates_for=lambda cornerstone: _dates(
            WorkItem.objects.filter(cornerstones__contains=[cornerstone]), "created_at"
        ),
    )
)
register_strategy_source(
    StrategySource(
        key="events",
        label=gettext_lazy("Reform events followed"),
        dates_for=lambda cornerstone: _dates(
            ReformEvent.objects.filter(cornerstones__contains=[cornerstone]), "date"
        ),
    )
)
