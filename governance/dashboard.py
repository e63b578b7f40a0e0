"""Governance's part of the personal dashboard: meetings this week and what needs an answer."""

from django.utils.translation import gettext as _

from governance import selectors
from network.dashboard import Panel, WaitingItem, register_dashboard_provider


@register_dashboard_provider
def meetings_panel(request) -> Panel | None:
    user = request.user
    waiting = [
        WaitingItem(
            title=_("%(body)s: %(title)s – will you attend?")
            % {"body": meeting.body.name, "title": meeting.title},
            url=meeting.get_absolute_url() + "#attendance",
            due=meeting.starts_at,
        )
        for meeting in selectors.meetings_waiting_for_my_answer(user=user)[:5]
    ]
    my_group_ids = {body.pk for body in selectors.my_bodies(user=user)}
    waiting += [
        WaitingItem(
            title=_("Working group %(group)s: status update overdue") % {"group": row.group.name},
            url=row.group.get_absolute_url(),
            detail=(
                _("last %(days)s days ago") % {"days": row.age_days}
                if row.latest
                else _("no updates yet")
            ),
            severity="warning",
        )
        for row in selectors.working_groups_overview()
        if row.overdue and row.group.pk in my_group_ids
    ]
    return Panel(
        title=_("This week"),
        template="governance/dashboard_meetings.html",
        context={"meetings": list(selectors.my_upcoming_meetings(user=user))},
        waiting=waiting,
        order=10,
    )
