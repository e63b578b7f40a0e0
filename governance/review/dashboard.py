"""The strategy review on the personal dashboard: rounds waiting for the department's
comment."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.review import selectors
from network.dashboard import Panel, WaitingItem, first_of, register_dashboard_provider


@register_dashboard_provider
def review_waiting(request) -> Panel | None:
    """Directors and deputies see each open round until their department has commented
    (or the round is decided or past its deadline)."""
    rounds, more = first_of(selectors.rounds_waiting_for_department(user=request.user), 10)
    if not rounds:
        return None
    waiting = [
        WaitingItem(
            title=_("Strategy review: %(title)s – your department's comment is missing")
            % {"title": review.title},
            url=review.get_absolute_url() + "#comments",
            due=timezone.make_aware(datetime.combine(review.deadline, time(23, 59))),
            severity="warning",
        )
        for review in rounds
    ]
    return Panel(
        title=_("Strategy review"),
        key="strategy-review",
        template="governance/review/dashboard.html",
        context={"count": len(waiting)},
        waiting=waiting,
        more_waiting=more,
        order=6,
    )
