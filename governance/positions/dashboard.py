"""Positions on the personal dashboard: answers and votes waiting for this person."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communications.public.registry import PublicEntry, register_public_source
from governance.positions import permissions, selectors
from governance.positions.models import Position, PositionState
from network.dashboard import Panel, WaitingItem, register_dashboard_provider
from network.models import Department
from network.permissions import sees_network_overview
from network.strategy import StrategySource, register_strategy_source
from network.translations import translated


@register_dashboard_provider
def positions_waiting(request) -> Panel | None:
    user = request.user
    waiting = [
        WaitingItem(
            title=_("Consultation: %(title)s – your department's answer is missing")
            % {"title": translated(position, "title").text},
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
            title=_("Board vote: %(title)s") % {"title": translated(position, "title").text},
            url=position.get_absolute_url() + "#vote",
            severity="urgent",
        )
        for position in selectors.waiting_for_my_vote(user=user)[:10]
    ]
    if permissions.can_publish(user):
        waiting += [
            WaitingItem(
                title=_("Approved: %(title)s – publish it")
                % {"title": translated(position, "title").text},
                url=position.get_absolute_url() + "#publish-heading",
                detail=_("approved %(date)s")
                % {"date": formats.date_format(timezone.localtime(position.decided_at))},
            )
            for position in selectors.positions_to_publish()[:10]
        ]
    if not waiting:
        return None
    return Panel(
        title=_("Positions"),
        key="positions",
        template="governance/positions/dashboard.html",
        context={"count": len(waiting)},
        waiting=waiting,
        order=5,
    )


@register_dashboard_provider
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


register_strategy_source(
    StrategySource(
        key="positions",
        label=gettext_lazy("Shared positions"),
        dates_for=lambda cornerstone: [
            timezone.localtime(at).date()
            for at in Position.objects.filter(cornerstones__contains=[cornerstone])
            .exclude(state=PositionState.WITHDRAWN)
            .values_list("created_at", flat=True)
        ],
    )
)
