"""Governance's part of the personal dashboard: meetings this week and what needs an answer."""

from django.utils.translation import gettext as _

from governance import selectors
from governance.models import BodyKind, Status
from governance.permissions import my_seats
from network.dashboard import (
    Panel,
    WaitingItem,
    first_of,
    register_dashboard_provider,
    register_lazy_panel,
)
from network.permissions import sees_network_overview
from network.translations import translated


@register_dashboard_provider
def meetings_panel(request) -> Panel | None:
    user = request.user
    ahead = selectors.meetings_ahead(user=user, days=7, limit=5)
    waiting = [
        WaitingItem(
            title=_("%(body)s: %(title)s – will you attend?")
            % {"body": meeting.body.name, "title": translated(meeting, "title").text},
            url=meeting.get_absolute_url() + "#attendance",
            due=meeting.starts_at,
        )
        for meeting in ahead.to_answer
    ]
    my_group_ids = {
        seat.body_id
        for seat in my_seats(user)
        if seat.holder_id == user.pk and seat.body_kind == BodyKind.WORKING_GROUP
    }
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
        for row in (selectors.working_groups_overview() if my_group_ids else [])
        if row.overdue and row.group.pk in my_group_ids
    ]
    work = selectors.meeting_work_for(user=user, limit=5)
    waiting += _work_on_meetings(work)
    assignments, more_assignments = first_of(selectors.open_assignments_for(user=user), 5)
    comments, more_comments = first_of(selectors.minutes_to_comment_for(user=user), 5)
    waiting += _minutes_to_comment(comments)
    waiting += [
        WaitingItem(
            title=_("Assignment to %(group)s: %(title)s")
            % {"group": assignment.working_group.name, "title": assignment.title},
            url=assignment.working_group.get_absolute_url() + f"#assignment-{assignment.pk}",
            due=assignment.deadline,
            detail=(
                _("overdue; given by %(body)s") if assignment.is_overdue else _("given by %(body)s")
            )
            % {"body": assignment.body.name},
            severity="warning" if assignment.is_overdue else "normal",
        )
        for assignment in assignments
    ]
    return Panel(
        title=_("This week"),
        key="meetings",
        template="governance/dashboard_meetings.html",
        context={"meetings": ahead.upcoming},
        waiting=waiting,
        more_waiting=ahead.more_to_answer or work.more or more_assignments or more_comments,
        order=10,
    )


@register_lazy_panel("groups")
def working_groups_at_risk(request) -> Panel | None:
    """For the board and the officials: working groups at risk, off track or overdue."""
    if not sees_network_overview(request.user):
        return None
    return Panel(
        title=_("Working groups needing attention"),
        template="governance/dashboard_groups.html",
        key="groups",
        load=lambda: {
            "rows": [
                row
                for row in selectors.working_groups_overview()
                if row.overdue
                or (row.latest and row.latest.status in (Status.AT_RISK, Status.OFF_TRACK))
            ]
        },
        order=60,
    )


def _work_on_meetings(work: selectors.MeetingWork) -> list[WaitingItem]:
    """Agendas to publish, attendance and minutes to record, and minutes to approve: each
    for the people whose work it is (minutes to comment on: ``_minutes_to_comment``)."""
    items = [
        WaitingItem(
            title=_("%(body)s: %(title)s – publish the agenda")
            % {"body": meeting.body.name, "title": translated(meeting, "title").text},
            url=meeting.get_absolute_url(),
            due=meeting.starts_at,
        )
        for meeting in work.drafts
    ]
    items += [
        WaitingItem(
            title=_("%(body)s: %(title)s – record who attended and the minutes")
            % {"body": meeting.body.name, "title": translated(meeting, "title").text},
            url=meeting.get_absolute_url() + "#attendance",
            detail=_("the meeting was held"),
            severity="warning",
        )
        for meeting in work.to_record
    ]
    items += [
        WaitingItem(
            title=_("%(body)s: %(title)s – approve the minutes")
            % {"body": meeting.body.name, "title": translated(meeting, "title").text},
            url=meeting.get_absolute_url() + "#minutes",
        )
        for meeting in work.to_approve
    ]
    return items


def _minutes_to_comment(meetings) -> list[WaitingItem]:
    """Circulated draft minutes waiting for this person's comment."""
    return [
        WaitingItem(
            title=_("%(body)s: %(title)s – comment on the draft minutes")
            % {"body": meeting.body.name, "title": translated(meeting, "title").text},
            url=meeting.get_absolute_url() + "#minutes",
        )
        for meeting in meetings
    ]
