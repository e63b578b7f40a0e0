"""Communications on the personal dashboard: new bulletins, urgent ones first."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communications.bulletins.models import BulletinState
from communications.bulletins.selectors import bulletins_for, visible_bulletins
from communications.public import selectors as public_selectors
from network.dashboard import Panel, WaitingItem, first_of, register_dashboard_provider
from network.permissions import is_communications_officer
from network.strategy import COMMUNICATION, StrategyItem, StrategySource, register_strategy_source
from network.translations import translated


@register_dashboard_provider
def bulletins_panel(request) -> Panel | None:
    # Urgent ones first, so that an urgent bulletin is never hidden behind five newer
    # ordinary ones. is_read is annotated by bulletins_for(); the plugin sees only
    # Bulletin's own fields.
    unread, more_unread = first_of(
        bulletins_for(user=request.user)
        .filter(is_read=False)  # type: ignore[misc]
        .order_by("-urgent", "-pinned", "-published_at", "-pk"),
        5,
    )
    urgent = [
        WaitingItem(
            title=_("Urgent bulletin: %(title)s") % {"title": translated(b, "title").text},
            url=b.get_absolute_url(),
            severity="urgent",
        )
        for b in unread
        if b.urgent
    ]
    more_to_review = False
    if is_communications_officer(request.user):
        to_review, more_to_review = first_of(public_selectors.items_to_review(), 10)
        urgent += [
            WaitingItem(
                title=_("Public site: %(title)s – review it") % {"title": item.title},
                url=reverse("public:manage") + f"#item-{item.pk}",
                detail=_("sent by %(name)s") % {"name": item.author.full_name},
            )
            for item in to_review
        ]
    return Panel(
        title=_("Bulletins"),
        key="bulletins",
        template="communications/bulletins/dashboard.html",
        context={"bulletins": unread, "more_unread": more_unread},
        waiting=urgent,
        # Five urgent ones shown and more unread: the next may be urgent too.
        more_waiting=more_to_review or (more_unread and all(b.urgent for b in unread)),
        order=30,
    )


def bulletin_items(*, user, since=None, until=None, limit: int = 50) -> list[StrategyItem]:
    """Published bulletins the person may read: all of them are communication, and those
    tagged with a cornerstone serve it too."""
    bulletins = visible_bulletins(user=user).filter(state=BulletinState.PUBLISHED)
    if since:
        bulletins = bulletins.filter(published_at__date__gte=since)
    if until:
        bulletins = bulletins.filter(published_at__date__lte=until)
    return [
        StrategyItem(
            title=title,
            url=reverse("bulletins:detail", args=[pk]),
            day=timezone.localtime(at).date(),
            themes=(*cornerstones, COMMUNICATION),
        )
        for pk, title, at, cornerstones in bulletins.order_by("-published_at", "-pk").values_list(
            "pk", "title", "published_at", "cornerstones"
        )[:limit]
    ]


def public_items(*, user, since=None, until=None, limit: int = 50) -> list[StrategyItem]:
    """News and press releases on the public site: the network's external communication."""
    items = public_selectors.visible_public_items(user=user)
    if since:
        items = items.filter(published_at__date__gte=since)
    if until:
        items = items.filter(published_at__date__lte=until)
    return [
        StrategyItem(
            title=title,
            url=reverse("public:item", kwargs={"language": language, "slug": slug}),
            day=timezone.localtime(at).date(),
            themes=(COMMUNICATION,),
        )
        for title, language, slug, at in items.order_by("-published_at", "-pk").values_list(
            "title", "language", "slug", "published_at"
        )[:limit]
    ]


register_strategy_source(
    StrategySource(key="bulletins", label=gettext_lazy("Bulletins"), items_for=bulletin_items)
)
register_strategy_source(
    StrategySource(
        key="public_items", label=gettext_lazy("News on the public site"), items_for=public_items
    )
)
