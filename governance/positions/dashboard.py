"""Positions on the personal dashboard: answers and votes waiting for this person."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communications.public.registry import PublicEntry, register_public_source
from governance.positions import permissions, selectors
from governance.positions.models import PositionState
from network.dashboard import (
    Panel,
    WaitingItem,
    first_of,
    register_dashboard_provider,
    register_lazy_panel,
)
from network.models import Department
from network.permissions import sees_network_overview
from network.strategy import StrategyItem, StrategySource, register_strategy_source
from network.translations import translated


@register_dashboard_provider
def positions_waiting(request) -> Panel | None:
    user = request.user
    answers, more_answers = first_of(
        selectors.waiting_for_my_department(user=user).order_by("consultation_deadline"), 10
    )
    votes, more_votes = first_of(selectors.waiting_for_my_vote(user=user), 10)
    influence, more_influence = first_of(selectors.influence_waiting_for(user=user), 10)
    to_publish, more_to_publish = (
        first_of(selectors.positions_to_publish(), 10)
        if permissions.can_publish(user)
        else ([], False)
    )
    waiting = [
        WaitingItem(
            title=_("Consultation: %(title)s – your department's answer is missing")
            % {"title": translated(position, "title").text},
            url=position.get_absolute_url() + "#consultation",
            due=position.consultation_deadline,
            severity="urgent",
        )
        for position in answers
    ]
    waiting += [
        WaitingItem(
            title=_("Board vote: %(title)s") % {"title": translated(position, "title").text},
            url=position.get_absolute_url() + "#vote",
            severity="urgent",
        )
        for position in votes
    ]
    waiting += [
        WaitingItem(
            title=_("%(kind)s: %(title)s")
            % {"kind": entry.get_kind_display(), "title": entry.title},
            url=entry.get_absolute_url(),
            detail=_("on the position “%(position)s”")
            % {"position": translated(entry.position, "title").text},
            due=entry.deadline,
            severity="urgent" if entry.deadline <= timezone.localdate() else "warning",
        )
        for entry in influence
        if entry.deadline is not None  # always: the selector asks for entries with one
    ]
    waiting += [
        WaitingItem(
            title=_("Approved: %(title)s – publish it")
            % {"title": translated(position, "title").text},
            url=position.get_absolute_url() + "#publish-heading",
            detail=_("approved %(date)s")
            % {"date": formats.date_format(timezone.localtime(position.decided_at))},
        )
        for position in to_publish
    ]
    more = more_answers or more_votes or more_influence or more_to_publish
    if not waiting:
        return None
    return Panel(
        title=_("Positions"),
        key="positions",
        template="governance/positions/dashboard.html",
        context={"count": len(waiting), "more": more},
        waiting=waiting,
        more_waiting=more,
        order=5,
    )


@register_lazy_panel("decisions")
def network_decisions(request) -> Panel | None:
    """For the board and the officials: open consultations and votes in progress."""
    if not sees_network_overview(request.user):
        return None
    return Panel(
        title=_("Consultations and votes"),
        template="governance/positions/dashboard_overview.html",
        key="decisions",
        load=lambda: {
            "consultations": list(selectors.open_consultations()),
            "votes": list(selectors.votes_in_progress()),
            "departments": Department.objects.filter(is_active=True).count(),
            "seats": selectors.board_seat_count(),
        },
        order=40,
    )


@register_public_source
def published_positions(language: str, limit: int) -> list[PublicEntry]:
    """Positions published on the public site: in Finnish always, in Swedish and English
    where their text is written in that language."""
    entries = []
    for position in selectors.publicly_published(language=language)[:limit]:
        # Both are set on every published position.
        if position.decided_version is None or position.public_published_at is None:
            continue
        title = translated(position.decided_version, "title", language)
        entries.append(
            PublicEntry(
                title=title.text,
                url=reverse("public_positions:public", args=[position.pk]),
                published_at=position.public_published_at,
                summary=translated(position.decided_version, "summary", language).text,
                kind_label=_("Shared position"),
                language=title.language,
            )
        )
    return entries


def strategy_items(*, user, since=None, until=None, limit: int = 50) -> list[StrategyItem]:
    """Positions tagged with a cornerstone that the person may see: never a draft, nor a
    withdrawn one (the review lists what the network did)."""
    positions = (
        selectors.visible_positions(user=user)
        .exclude(cornerstones=[])
        .exclude(state__in=[PositionState.DRAFT, PositionState.WITHDRAWN])
    )
    if since:
        positions = positions.filter(created_at__date__gte=since)
    if until:
        positions = positions.filter(created_at__date__lte=until)
    return [
        StrategyItem(
            title=title,
            url=reverse("positions:detail", args=[pk]),
            day=timezone.localtime(created_at).date(),
            themes=tuple(cornerstones),
        )
        for pk, title, created_at, cornerstones in positions.order_by(
            "-created_at", "-pk"
        ).values_list("pk", "title", "created_at", "cornerstones")[:limit]
    ]


register_strategy_source(
    StrategySource(
        key="positions", label=gettext_lazy("Shared positions"), items_for=strategy_items
    )
)
