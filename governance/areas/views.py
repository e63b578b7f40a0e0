"""Pages of the service areas' work: the board's overview, a service area's action plan
for a year, its key projects and its year-end report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import permissions
from governance.areas import selectors, services
from governance.areas.forms import (
    ActionPlanForm,
    AreaReportForm,
    KeyProjectForm,
    KeyProjectStatusForm,
    YearForm,
)
from governance.areas.models import KeyProject
from governance.models import Body
from network.access import member_required
from network.http import form_page, run_action, run_service
from network.validators import EARLIEST_YEAR, LATEST_YEAR


def _area(slug: str, year: int) -> Body:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise Http404
    try:
        return selectors.service_area_get(slug=slug)
    except Body.DoesNotExist:
        raise Http404 from None


def _editable_area(user, slug: str, year: int) -> Body:
    area = _area(slug, year)
    if not permissions.can_edit_action_plan(user, area):
        raise PermissionDenied
    return area


def _project_for_editor(user, pk: int) -> KeyProject:
    try:
        project = selectors.key_project_get(pk=pk)
    except KeyProject.DoesNotExist:
        raise Http404 from None
    if not permissions.can_edit_action_plan(user, project.plan.body):
        raise PermissionDenied
    return project


def _plan_url(area: Body, year: int) -> str:
    return reverse("governance:action_plan", kwargs={"slug": area.slug, "year": year})


@member_required
def service_areas(request):
    """The board's view: every service area's plan and progress for a year on one page."""
    if not permissions.can_view_service_areas(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    form = YearForm(request.GET or None, initial={"year": year})
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    return render(
        request,
        "governance/service_areas.html",
        {
            "form": form,
            "year": year,
            "rows": selectors.service_areas_overview(year=year),
            "previous_year": year - 1 if year > EARLIEST_YEAR else None,
            "next_year": year + 1 if year < LATEST_YEAR else None,
        },
    )


@member_required
def action_plan(request, slug: str, year: int):
    area = _area(slug, year)
    plan = selectors.action_plan_for(body=area, year=year)
    return render(
        request,
        "governance/action_plan.html",
        {
            "area": area,
            "year": year,
            "plan": plan,
            "histories": selectors.project_histories(plan=plan),
            "groups": selectors.area_working_groups(body=area),
            "report": selectors.area_report_get(body=area, year=year),
            "can_edit": permissions.can_edit_action_plan(request.user, area),
            "previous_year": year - 1 if year > EARLIEST_YEAR else None,
            "next_year": year + 1 if year < LATEST_YEAR else None,
        },
    )


@member_required
def action_plan_edit(request, slug: str, year: int):
    area = _editable_area(request.user, slug, year)
    plan = selectors.action_plan_for(body=area, year=year)
    initial = (
        {"goals_fi": plan.goals_fi, "goals_sv": plan.goals_sv, "goals_en": plan.goals_en}
        if plan
        else {}
    )
    form = ActionPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.action_plan_save,
            actor=request.user,
            body=area,
            year=year,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, _("The action plan's goals were saved."))
            return redirect(_plan_url(area, year))
    return form_page(
        request,
        form,
        title=_("Goals of %(area)s for %(year)s") % {"area": area.name, "year": year},
        submit=_("Save the goals"),
        cancel=_plan_url(area, year),
    )


@member_required
def key_project_new(request, slug: str, year: int):
    area = _editable_area(request.user, slug, year)
    form = KeyProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.key_project_add,
            actor=request.user,
            body=area,
            year=year,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, _("The key project was added."))
            return redirect(_plan_url(area, year) + f"#project-{done.result.pk}")
    return form_page(
        request,
        form,
        title=_("New key project of %(area)s for %(year)s") % {"area": area.name, "year": year},
        submit=_("Add the key project"),
        cancel=_plan_url(area, year),
    )


@member_required
def key_project_edit(request, pk: int):
    project = _project_for_editor(request.user, pk)
    area, year = project.plan.body, project.plan.year
    form = KeyProjectForm(
        request.POST or None,
        initial={
            "title_fi": project.title_fi,
            "title_sv": project.title_sv,
            "title_en": project.title_en,
            "owner": project.owner_id,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.key_project_update,
            actor=request.user,
            project=project,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, _("The key project was saved."))
            return redirect(_plan_url(area, year) + f"#project-{project.pk}")
    return form_page(
        request,
        form,
        title=_("Edit the key project %(title)s") % {"title": project.title},
        submit=_("Save the key project"),
        cancel=_plan_url(area, year),
    )


@member_required
def key_project_status(request, pk: int):
    project = _project_for_editor(request.user, pk)
    area, year = project.plan.body, project.plan.year
    form = KeyProjectStatusForm(request.POST or None, initial={"status": project.status})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.key_project_set_status,
            actor=request.user,
            project=project,
            **form.cleaned_data,
        )
        if done:
            messages.success(request, _("The key project's progress was recorded."))
            return redirect(_plan_url(area, year) + f"#project-{project.pk}")
    return form_page(
        request,
        form,
        title=_("Progress of the key project %(title)s") % {"title": project.title},
        intro=_("Every status and note is kept in the project's history."),
        submit=_("Record the progress"),
        cancel=_plan_url(area, year),
    )


@member_required
def area_report(request, slug: str, year: int):
    """The year-end report to the board: the chair's summary and what the key projects
    and working groups reported (as submitted, or as it stands now for a draft)."""
    area = _area(slug, year)
    report = selectors.area_report_get(body=area, year=year)
    can_write = (
        permissions.can_write_area_report(request.user, area)
        and not (report and report.is_submitted)
        and year <= timezone.localdate().year
    )
    form = None
    if can_write:
        form = AreaReportForm(
            request.POST or None,
            initial={"summary_fi": report.summary_fi, "summary_sv": report.summary_sv}
            if report
            else {},
        )
        if request.method == "POST" and form.is_valid():
            done = run_service(
                form,
                services.area_report_save,
                actor=request.user,
                body=area,
                year=year,
                **form.cleaned_data,
            )
            if done:
                messages.success(request, _("The summary was saved as a draft."))
                return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    content = (
        report.content
        if report and report.is_submitted
        else selectors.area_report_content(body=area, year=year)
    )
    return render(
        request,
        "governance/area_report.html",
        {
            "area": area,
            "year": year,
            "report": report,
            "content": selectors.report_for_reading(content),
            "form": form,
        },
    )


@member_required
@require_POST
def area_report_submit(request, slug: str, year: int):
    area = _area(slug, year)
    if not permissions.can_write_area_report(request.user, area):
        raise PermissionDenied
    run_action(
        request,
        services.area_report_submit,
        actor=request.user,
        body=area,
        year=year,
        success=_("The report was submitted to the board."),
    )
    return redirect(reverse("governance:area_report", kwargs={"slug": area.slug, "year": year}))
