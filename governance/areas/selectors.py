"""Reads of the service areas' plans, key projects and reports, with their queries
spelled out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from governance.areas.models import (
    ActionPlan,
    AreaReport,
    KeyProject,
    KeyProjectUpdate,
    ProjectStatus,
)
from governance.models import Body, BodyKind, Membership, Role, StatusUpdate
from governance.selectors import GroupStatus, working_groups_overview
from network.models import User
from network.permissions import is_member

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: A year-end report lists at most this many status updates per working group.
REPORT_UPDATES_PER_GROUP = 12
#: A key project's page lists at most this many of its updates.
PROJECT_HISTORY_LIMIT = 20


def visible_action_plans(*, user: User) -> QuerySet[ActionPlan]:
    """The service areas' plans are the network's internal content: every member reads them."""
    return ActionPlan.objects.all() if is_member(user) else ActionPlan.objects.none()


def visible_area_reports(*, user: User) -> QuerySet[AreaReport]:
    """Reports to the board are read by every member (drafts too: they are work in the open)."""
    return AreaReport.objects.all() if is_member(user) else AreaReport.objects.none()


def service_areas() -> QuerySet[Body]:
    return Body.objects.filter(kind=BodyKind.SERVICE_AREA).order_by("name_fi")


def service_area_get(*, slug: str) -> Body:
    return service_areas().get(slug=slug)


def _projects_prefetch() -> Prefetch:
    return Prefetch(
        "projects",
        queryset=KeyProject.objects.select_related("owner").order_by("starts_on", "title_fi"),
    )


def action_plan_for(*, body: Body, year: int) -> ActionPlan | None:
    """The year's plan with its key projects and their owners (two queries), or None."""
    return (
        ActionPlan.objects.filter(body=body, year=year)
        .select_related("updated_by")
        .prefetch_related(_projects_prefetch())
        .first()
    )


def project_histories(*, plan: ActionPlan | None) -> dict[int, list[KeyProjectUpdate]]:
    """Each key project's latest updates (one query)."""
    if plan is None:
        return {}
    histories: dict[int, list[KeyProjectUpdate]] = {}
    for update in KeyProjectUpdate.objects.filter(project__plan=plan).select_related("actor"):
        rows = histories.setdefault(update.project_id, [])
        if len(rows) < PROJECT_HISTORY_LIMIT:
            rows.append(update)
    return histories


def key_project_get(*, pk: int) -> KeyProject:
    return KeyProject.objects.select_related("plan__body", "owner").get(pk=pk)


def area_working_groups(*, body: Body) -> list[GroupStatus]:
    """The working groups the service area has set up (open ones), each with its latest
    status update and whether it is overdue."""
    return [row for row in working_groups_overview() if row.group.parent_id == body.pk]


def area_report_get(*, body: Body, year: int) -> AreaReport | None:
    return AreaReport.objects.filter(body=body, year=year).select_related("submitted_by").first()


@dataclass
class AreaRow:
    """One service area on the board's overview page."""

    area: Body
    chairs: list[Membership] = field(default_factory=list)
    plan: ActionPlan | None = None
    groups: list[GroupStatus] = field(default_factory=list)
    report: AreaReport | None = None

    @property
    def projects(self) -> list[KeyProject]:
        return list(self.plan.projects.all()) if self.plan else []

    @property
    def counts(self) -> list[tuple[str, StrOrPromise, int]]:
        """(status, label, count) for every status some key project has."""
        counted: dict[str, int] = {}
        for project in self.projects:
            counted[project.status] = counted.get(project.status, 0) + 1
        return [
            (status.value, status.label, counted[status.value])
            for status in ProjectStatus
            if status.value in counted
        ]


def service_areas_overview(*, year: int) -> list[AreaRow]:
    """Every service area with its chair and secretary, its plan and key projects for the
    year, its working groups' latest status and its report: eight queries whatever the
    number of areas, projects and groups."""
    rows = {area.pk: AreaRow(area=area) for area in service_areas()}
    for seat in (
        Membership.objects.active()
        .filter(body_id__in=rows, role__in=(Role.CHAIR, Role.SECRETARY))
        .select_related("user")
        .order_by("role", "user__last_name")
    ):
        rows[seat.body_id].chairs.append(seat)
    for plan in ActionPlan.objects.filter(body_id__in=rows, year=year).prefetch_related(
        _projects_prefetch()
    ):
        rows[plan.body_id].plan = plan
    for group in working_groups_overview():
        if group.group.parent_id in rows:
            rows[group.group.parent_id].groups.append(group)
    for report in AreaReport.objects.filter(body_id__in=rows, year=year):
        rows[report.body_id].report = report
    return list(rows.values())


# --- The year-end report -----------------------------------------------------------------


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def area_report_content(*, body: Body, year: int) -> dict:
    """What the year-end report says, built from the year's key projects and their notes
    and from the service area's working groups' status updates whose period falls in the
    year. Plain JSON values: the same shape is stored when the report is submitted."""
    first, last = _year_bounds(year)
    plan = action_plan_for(body=body, year=year)
    projects = []
    if plan is not None:
        notes: dict[int, list[dict]] = {}
        for update in KeyProjectUpdate.objects.filter(
            project__plan=plan, created_at__date__lte=last
        ).order_by("created_at", "id"):
            notes.setdefault(update.project_id, []).append(
                {
                    "date": timezone.localtime(update.created_at).date().isoformat(),
                    "status": update.status,
                    "note": update.note,
                }
            )
        for project in plan.projects.all():
            projects.append(
                {
                    "title_fi": project.title_fi,
                    "title_sv": project.title_sv,
                    "title_en": project.title_en,
                    "owner": project.owner.full_name,
                    "starts_on": project.starts_on.isoformat(),
                    "ends_on": project.ends_on.isoformat(),
                    "status": project.status,
                    "notes": [n for n in notes.get(project.pk, []) if n["note"]][-5:],
                }
            )
    groups = []
    group_bodies = (
        Body.objects.filter(kind=BodyKind.WORKING_GROUP, parent=body)
        .filter(Q(term_start__isnull=True) | Q(term_start__lte=last))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__date__gte=first))
        .order_by("name_fi")
    )
    updates: dict[int, list[dict]] = {}
    for status_update in StatusUpdate.objects.filter(
        working_group__in=group_bodies, period_end__gte=first, period_start__lte=last
    ).order_by("working_group_id", "period_start", "id"):
        updates.setdefault(status_update.working_group_id, []).append(
            {
                "period_start": status_update.period_start.isoformat(),
                "period_end": status_update.period_end.isoformat(),
                "status": status_update.status,
                "progress": status_update.progress,
                "next_steps": status_update.next_steps,
                "blockers": status_update.blockers,
            }
        )
    for group in group_bodies:
        groups.append(
            {
                "name_fi": group.name_fi,
                "name_sv": group.name_sv,
                "name_en": group.name_en,
                "slug": group.slug,
                "updates": updates.get(group.pk, [])[-REPORT_UPDATES_PER_GROUP:],
            }
        )
    return {"projects": projects, "groups": groups}


def report_for_reading(content: dict) -> dict:
    """The stored report content for a template: names in the reader's language, dates
    as dates, status labels in words."""
    from governance.models import Status

    language = (get_language() or "fi")[:2]
    project_labels = dict(ProjectStatus.choices)
    group_labels = dict(Status.choices)

    def pick(row: dict, name: str) -> str:
        return row.get(f"{name}_{language}") or row.get(f"{name}_fi", "")

    def day(value: str) -> date:
        return date.fromisoformat(value)

    return {
        "projects": [
            {
                "title": pick(row, "title"),
                "owner": row["owner"],
                "starts_on": day(row["starts_on"]),
                "ends_on": day(row["ends_on"]),
                "status": row["status"],
                "status_label": project_labels.get(row["status"], row["status"]),
                "notes": [
                    {
                        **note,
                        "date": day(note["date"]),
                        "status_label": project_labels.get(note["status"], note["status"]),
                    }
                    for note in row["notes"]
                ],
            }
            for row in content.get("projects", [])
        ],
        "groups": [
            {
                "name": pick(row, "name"),
                "slug": row["slug"],
                "updates": [
                    {
                        **update,
                        "period_start": day(update["period_start"]),
                        "period_end": day(update["period_end"]),
                        "status_label": group_labels.get(update["status"], update["status"]),
                    }
                    for update in row["updates"]
                ],
            }
            for row in content.get("groups", [])
        ],
    }
