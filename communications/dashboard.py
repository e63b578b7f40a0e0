"""Communications on the personal dashboard: new bulletins, urgent ones first."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communications.bulletins.models import Bulletin, BulletinState
from communications.bulletins.selectors import bulletins_for
from communications.public import selectors as public_selectors
from network.dashboard import Panel, WaitingItem, register_dashboard_provider
from network.permissions import is_communications_officer
from network.strategy import StrategySource, register_strategy_source


@register_dashboard_provider
def bulletins_panel(request) -> Panel | None:
    # is_read is annotated by bulletins_for(); the plugin sees only Bulletin's own fields.
    unread = list(bulletins_for(user=request.user).filter(is_read=False)[:5])  # type: ignore[misc]
    urgent = [
        WaitingItem(
            title=_("Urgent bulletin: %(title)s") % {"title": b.title},
            url=b.get_absolute_url(),
            severity="urgent",
        )
        for b in unread
        if b.urgent
    ]
    if is_communications_officer(request.user):
        urgent += [
            WaitingItem(
                title=_("Public site: %(title)s – review it") % {"title": item.title},
                url=reverse("public:manage") + f"#item-{item.pk}",
                detail=_("sent by %(name)s") % {"name": item.author.full_name},
            )
            for item in public_selectors.items_to_review()[:10]
        ]
    return Panel(
        title=_("Bulletins"),
        key="bulletins",
        template="communications/bulletins/dashboard.html",
        context={"bulletins": unread},
        waiting=urgent,
        order=30,
    )


register_strategy_source(
    StrategySource(
        key="bulletins",
        label=gettext_lazy("Bulletins"),
        dates_for=lambda cornerstone: [
            timezone.localtime(at).date()
            for at in Bulletin.objects.filter(
                state=BulletinState.PUBLISHED, cornerstones__contains=[cornerstone]
            ).values_list("published_at", flat=True)
        ],
    )
)
