"""State changes of the service areas' work: the action plan, its key projects and their
progress, and the year-end report to the board. Each checks the actor's right (the rules
are in ``governance.permissions``), validates and writes in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.services import notify
from governance import permissions
from governance.areas.models import (
    ActionPlan,
    AreaReport,
    KeyProject,
    KeyProjectUpdate,
    ProjectStatus,
)
from governance.areas.selectors import area_report_content
from governance.kinds import AREA_REPORT_SUBMITTED
from governance.models import Body, BodyKind, Membership
from network.models import User
from network.permissions import require
from network.search import search_index
from network.translations import versions
from network.validators import EARLIEST_YEAR, LATEST_YEAR

#: Statuses that need a note saying why.
NEEDS_A_NOTE = (ProjectStatus.AT_RISK, ProjectStatus.LATE)


def _check_year(year: int) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a year between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
        )


def _plan_for_editing(actor: User, body: Body, year: int) -> ActionPlan:
    require(permissions.can_edit_action_plan(actor, body))
    _check_year(year)
    plan, _created = ActionPlan.objects.get_or_create(body=body, year=year)
    return plan


def action_plan_save(
    *,
    actor: User,
    body: Body,
    year: int,
    goals_fi: str,
    goals_sv: str = "",
    goals_en: str = "",
) -> ActionPlan:
    """Write the year's goals (the plan is made on its first save)."""
    with transaction.atomic():
        plan = _plan_for_editing(actor, body, year)
        plan.goals_fi = goals_fi.strip()
        plan.goals_sv = goals_sv.strip()
        plan.goals_en = goals_en.strip()
        plan.updated_at = timezone.now()
        plan.updated_by = actor
        plan.full_clean()
        plan.save()
        search_index("action_plan", plan.pk)
    return plan


def _check_schedule(year: int, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The project cannot end before it starts.")})
    if not starts_on.year <= year <= ends_on.year:
        raise ValidationError(
            {"starts_on": _("The schedule must include the plan's year %(year)s.") % {"year": year}}
        )


def _check_owner(owner: User) -> None:
    if not owner.is_active:
        raise ValidationError({"owner": _("Choose a person whose account is in use.")})


def key_project_add(
    *,
    actor: User,
    body: Body,
    year: int,
    title_fi: str,
    owner: User,
    starts_on: date,
    ends_on: date,
    title_sv: str = "",
    title_en: str = "",
) -> KeyProject:
    """Add a key project to the year's plan; it starts as not started."""
    _check_schedule(year, starts_on, ends_on)
    _check_owner(owner)
    with transaction.atomic():
        plan = _plan_for_editing(actor, body, year)
        project = KeyProject(
            plan=plan,
            title_fi=title_fi.strip(),
            title_sv=title_sv.strip(),
            title_en=title_en.strip(),
            owner=owner,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        project.full_clean()
        project.save()
        KeyProjectUpdate.objects.create(
            project=project, previous_status="", status=project.status, actor=actor
        )
        ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now(), updated_by=actor)
        search_index("action_plan", plan.pk)
    return project


def key_project_update(
    *,
    actor: User,
    project: KeyProject,
    title_fi: str,
    owner: User,
    starts_on: date,
    ends_on: date,
    title_sv: str = "",
    title_en: str = "",
) -> KeyProject:
    """Change a key project's title, owner or schedule (its status has its own service)."""
    require(permissions.can_edit_action_plan(actor, project.plan.body))
    _check_schedule(project.plan.year, starts_on, ends_on)
    _check_owner(owner)
    with transaction.atomic():
        project.title_fi = title_fi.strip()
        project.title_sv = title_sv.strip()
        project.title_en = title_en.strip()
        project.owner = owner
        project.starts_on = starts_on
        project.ends_on = ends_on
        project.updated_at = timezone.now()
        project.full_clean()
        project.save()
        search_index("action_plan", project.plan_id)
    return project


def key_project_set_status(
    *, actor: User, project: KeyProject, status: str, note: str = ""
) -> KeyProjectUpdate:
    """Record a key project's status and a progress note; the history keeps every one.

    Rules: a started project does not go back to "not started"; "at risk" and "late" say
    why in the note; reopening a done project says why; the same status again is only a
    progress note, and then the note is needed.
    """
    require(permissions.can_edit_action_plan(actor, project.plan.body))
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    note = note.strip()
    with transaction.atomic():
        project.refresh_from_db(from_queryset=KeyProject.objects.select_for_update())
        previous = project.status
        if status == previous and not note:
            raise ValidationError({"note": _("Write a progress note or change the status.")})
        if status == ProjectStatus.NOT_STARTED and previous != ProjectStatus.NOT_STARTED:
            raise ValidationError(
                {"status": _("A project that has started does not go back to not started.")}
            )
        if status in NEEDS_A_NOTE and status != previous and not note:
            raise ValidationError(
                {"note": _("Say in the note why the project is at risk or late.")}
            )
        if previous == ProjectStatus.DONE and status != previous and not note:
            raise ValidationError({"note": _("Say in the note why the project is reopened.")})
        update = KeyProjectUpdate.objects.create(
            project=project, previous_status=previous, status=status, note=note, actor=actor
        )
        project.status = status
        if note:
            project.progress = note
        project.updated_at = update.created_at
        project.save(update_fields=["status", "progress", "updated_at"])
        search_index("action_plan", project.plan_id)
    return update


# --- The year-end report -----------------------------------------------------------------


def _report_for_writing(actor: User, body: Body, year: int) -> AreaReport:
    require(permissions.can_write_area_report(actor, body))
    _check_year(year)
    if year > timezone.localdate().year:
        raise ValidationError(_("The report of a year is written once the year has begun."))
    report, _created = AreaReport.objects.select_for_update().get_or_create(body=body, year=year)
    if report.is_submitted:
        raise ValidationError(
            _("The report has been submitted to the board; it is no longer changed.")
        )
    return report


def area_report_save(
    *, actor: User, body: Body, year: int, summary_fi: str, summary_sv: str = ""
) -> AreaReport:
    """The chair writes the summary of the year (saved as a draft until submitted)."""
    with transaction.atomic():
        report = _report_for_writing(actor, body, year)
        report.summary_fi = summary_fi.strip()
        report.summary_sv = summary_sv.strip()
        report.updated_at = timezone.now()
        report.full_clean()
        report.save()
    return report


def area_report_submit(*, actor: User, body: Body, year: int) -> AreaReport:
    """Submit the year-end report to the board: what the key projects and the working
    groups report now is stored with it, and the board's members are told."""
    with transaction.atomic():
        report = _report_for_writing(actor, body, year)
        if not report.summary_fi:
            raise ValidationError(
                {"summary_fi": _("Write the summary in Finnish before submitting the report.")}
            )
        report.content = area_report_content(body=body, year=year)
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        report.save()
        board = Membership.objects.active().filter(body__kind=BodyKind.BOARD)
        notify(
            recipients=list(board.values_list("user_id", flat=True)),
            kind=AREA_REPORT_SUBMITTED,
            about=report,
            params={"body": versions(body, "name"), "year": year},
            exclude=[actor],
        )
    return report
