"""The shared solutions' pages: the uniformity view, a solution, and a department's
adoption of it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.access import member_required
from network.csv_export import csv_response
from network.http import form_page, run_service
from network.models import Department
from preparation.charts import line_chart
from preparation.selectors import departments_reported_by, regions
from preparation.solutions import permissions, selectors, services
from preparation.solutions.forms import (
    AdoptionForm,
    SolutionForm,
    SolutionTextsForm,
    UniformityFilters,
    VersionForm,
)
from preparation.solutions.models import Adoption, Solution
from preparation.solutions.services import TEXT_FIELDS


def _filters(request) -> dict:
    form = UniformityFilters(request.GET)
    if not form.is_valid():
        raise BadRequest(" ".join(str(m) for errors in form.errors.values() for m in errors))
    return form.cleaned_data


def _csv(data: dict):
    rows = []
    for department, cells in data["rows"]:
        for solution, cell in zip(data["solutions"], cells, strict=True):
            rows.append(
                [
                    department.name,
                    department.region.name,
                    solution.title,
                    solution.version,
                    cell.get_status_display() if cell else _("Not recorded"),
                    cell.version.version if cell and cell.version else "",
                    formats.date_format(cell.planned_for, "SHORT_DATE_FORMAT")
                    if cell and cell.planned_for
                    else "",
                    cell.reason if cell else "",
                    formats.date_format(timezone.localtime(cell.updated_at), "SHORT_DATE_FORMAT")
                    if cell
                    else "",
                ]
            )
    return csv_response(
        "uniformity.csv",
        [
            _("Rescue department"),
            _("Region"),
            _("Shared solution"),
            _("Current version"),
            _("Status"),
            _("Version in use"),
            _("Planned for"),
            _("Local changes and why"),
            _("Recorded"),
        ],
        rows,
    )


@member_required
def uniformity(request):
    """How uniform the departments are: every department × every shared solution."""
    filters = _filters(request)
    region = filters["region"].code if filters["region"] else ""
    data = selectors.uniformity(region=region)
    if filters["format"] == "csv":
        return _csv(data)
    return render(
        request,
        "preparation/uniformity.html",
        {
            **data,
            "chart": line_chart(data["trend"], target=None, bounds=(0, 100)),
            "regions": regions(),
            "region": region,
            "can_publish": permissions.can_publish_solutions(request.user),
            "my_departments": departments_reported_by(user=request.user),
        },
    )


@member_required
def solution_new(request):
    if not permissions.can_publish_solutions(request.user):
        raise PermissionDenied
    form = SolutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        published = run_service(
            form, services.solution_publish, actor=request.user, **form.cleaned_data
        )
        if published:
            messages.success(request, _("The shared solution was published."))
            return redirect(published.result)
    return form_page(
        request,
        form,
        title=_("Publish a shared solution"),
        submit=_("Publish"),
        cancel=reverse("preparation:uniformity"),
    )


def _solution(pk: int) -> Solution:
    try:
        return selectors.solution_get(pk=pk)
    except Solution.DoesNotExist:
        raise Http404 from None


@member_required
def solution(request, pk: int):
    solution = _solution(pk)
    mine = set(departments_reported_by(user=request.user))
    return render(
        request,
        "preparation/solution.html",
        {
            "solution": solution,
            "versions": selectors.solution_versions(solution=solution),
            "adoptions": selectors.solution_adoptions(solution=solution),
            "mine": mine,
            "can_edit": permissions.can_edit_solution(request.user, solution),
        },
    )


@member_required
def solution_edit(request, pk: int):
    solution = _solution(pk)
    if not permissions.can_edit_solution(request.user, solution):
        raise PermissionDenied
    initial = {name: getattr(solution, name) for name in TEXT_FIELDS}
    form = SolutionTextsForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.solution_edit,
            actor=request.user,
            solution=solution,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The shared solution was saved."))
        return redirect(solution)
    return form_page(
        request,
        form,
        title=_("Edit %(title)s") % {"title": solution.title},
        intro=_("A new approved version is recorded separately, so that its history is kept."),
        submit=_("Save"),
        cancel=solution.get_absolute_url(),
    )


@member_required
def solution_version_new(request, pk: int):
    solution = _solution(pk)
    if not permissions.can_edit_solution(request.user, solution):
        raise PermissionDenied
    form = VersionForm(
        request.POST or None, user=request.user, initial={"approved_by": solution.approved_by_id}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.solution_new_version,
            actor=request.user,
            solution=solution,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The new version was recorded."))
        return redirect(solution)
    return form_page(
        request,
        form,
        title=_("New version of %(title)s (now %(version)s)")
        % {"title": solution.title, "version": solution.version},
        intro=_("Departments keep the version they took into use until they record the new one."),
        submit=_("Record the version"),
        cancel=solution.get_absolute_url(),
    )


@member_required
def adoption(request, pk: int, department: str):
    solution = _solution(pk)
    department_obj = get_object_or_404(Department, slug=department, is_active=True)
    current = (
        Adoption.objects.filter(department=department_obj, solution=solution)
        .select_related("version")
        .first()
    )
    form = None
    if permissions.can_record_adoption(request.user, department_obj):
        outdated = bool(
            current and current.in_use and current.version
            and current.version.version != solution.version
        )  # fmt: skip
        initial = (
            {"status": current.status, "planned_for": current.planned_for, "reason": current.reason}
            if current
            else None
        )
        form = AdoptionForm(request.POST or None, initial=initial, offer_current_version=outdated)
        if (
            request.method == "POST"
            and form.is_valid()
            and run_service(
                form,
                services.adoption_record,
                actor=request.user,
                department=department_obj,
                solution=solution,
                **form.cleaned_data,
            )
        ):
            messages.success(request, _("The adoption was recorded."))
            return redirect(
                reverse("preparation:uniformity") + f"#department-{department_obj.slug}"
            )
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "preparation/adoption.html",
        {
            "solution": solution,
            "department": department_obj,
            "current": current,
            "history": selectors.adoption_history(
                department=department_obj,
                solution=solution,
            )[:100],
            "form": form,
        },
    )
