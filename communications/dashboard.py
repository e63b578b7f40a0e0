"""Communications on the personal dashboard: new bulletins, urgent ones first."""

from django.utils.translation import gettext as _

from communications.bulletins.selectors import bulletins_for
from network.dashboard import Panel, WaitingItem, register_dashboard_provider


@register_dashboard_provider
def bulletins_panel(request) -> Panel | None:
    unread = list(bulletins_for(user=request.user).filter(is_read=False)[:5])
    urgent = [
        WaitingItem(
            title=_("Urgent bulletin: %(title)s") % {"title": b.title},
            url=b.get_absolute_url(),
            severity="urgent",
        )
        for b in unread
        if b.urgent
    ]
    return Panel(
        title=_("Bulletins"),
        template="communications/bulletins/dashboard.html",
        context={"bulletins": unread},
        waiting=urgent,
        order=30,
    )
