from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.selectors import is_following
from network.access import member_required
from network.csv_export import csv_response
from network.http import form_page, run_action, run_service
from network.models import Department
from network.page_cache import cached_page
from preparation import permissions, selectors, services
from preparation.charts import line_chart
from preparation.forms import (
    AcknowledgeForm,
    EventForm,
    ImportForm,
    IndicatorFilters,
    IndicatorForm,
    ReadinessFilters,
    ReadinessForm,
    ReporterForm,
    ReporterRemoveForm,
    SimilarWorkForm,
    TimelineFilters,
    ValueForm,
    WorkItemConfirmForm,
    WorkItemFilters,
    WorkItemForm,
    WorkItemJoinForm,
    WorkstreamForm,
)
from preparation.models import (
    DepartmentReporter,
    DipAlert,
    EventKind,
    Indicator,
    Readiness,
    ReformEvent,
    WorkItem,
    WorkStatus,
    Workstream,
)

# --- Home and timeline ------------------------------------------------------------------------


@member_required
def home(request):
    return render(
        request,
        "preparation/home.html",
        {
            "deadlines": selectors.upcoming_deadlines(days=365, limit=8),
            "alerts": selectors.open_alerts().filter(acknowledged_at__isnull=True)[:5],
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _filters(form_class, request) -> dict:
    """The page's filters from the address, through a form; a value no link of ours
    would carry (a typo, a NUL byte, an unknown code) answers 400, not 500."""
    form = form_class(request.GET)
    if not form.is_valid():
        raise BadRequest(" ".join(m for errors in form.errors.values() for m in errors))
    return form.cleaned_data


def _code(value) -> str:
    return value.code if value is not None else ""


@member_required
def timeline(request):
    filters = _filters(TimelineFilters, request)
    kind, workstream = filters["kind"], _code(filters["workstream"])
    upcoming, past = selectors.timeline(kind=kind, workstream=workstream)
    return render(
        request,
        "preparation/timeline.html",
        {
            "upcoming": upcoming,
            "past": past,
            "kinds": EventKind.choices,
            "workstreams": Workstream.objects.filter(is_active=True),
            "filters": {"kind": kind, "workstream": workstream},
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _event_form(request, event):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        workstreams = data.pop("workstreams")
        if run_service(
            form,
            services.reform_event_save,
            actor=request.user,
            event=event,
            workstreams=workstreams,
            **data,
        ):
            messages.success(request, _("The event was saved."))
            return redirect("preparation:timeline")
    return form_page(
        request,
        form,
        title=_("Reform event"),
        submit=_("Save the event"),
        cancel=reverse("preparation:timeline"),
    )


@member_required
def event_new(request):
    return _event_form(request, None)


@member_required
def event_edit(request, pk: int):
    return _event_form(request, get_object_or_404(ReformEvent, pk=pk))


# --- Readiness --------------------------------------------------------------------------------


@member_required
@cached_page
def readiness(request):
    filters = _filters(ReadinessFilters, request)
    region = _code(filters["region"])
    matrix = selectors.readiness_matrix(region=region)
    if filters["format"] == "csv":
        return csv_response(
            "readiness.csv",
            [_("Rescue department"), _("Region")] + [w.name for w in matrix["workstreams"]],
            [
                [department.name, department.region.name]
                + [cell.get_status_display() if cell else "" for cell in cells]
                for department, cells in matrix["rows"]
            ],
        )
    return render(
        request,
        "preparation/readiness.html",
        {
            **matrix,
            "regions": selectors.regions(),
            "region": region,
            "can_manage": permissions.can_manage(request.user),
            "can_name_reporters": permissions.can_name_reporters(request.user),
        },
    )


@member_required
def readiness_cell(request, department, workstream):  # slugs, then their objects
    department = get_object_or_404(Department, slug=department, is_active=True)
    workstream = get_object_or_404(Workstream, code=workstream)
    current = Readiness.objects.filter(department=department, workstream=workstream).first()
    can_edit = permissions.can_report_for(request.user, department)
    form = None
    if can_edit:
        initial = {"status": current.status, "note": current.note} if current else None
        form = ReadinessForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            services.readiness_set(
                actor=request.user,
                department=department,
                workstream=workstream,
                **form.cleaned_data,
            )
            messages.success(request, _("The readiness was updated."))
            return redirect("preparation:readiness")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "preparation/readiness_cell.html",
        {
            "department": department,
            "workstream": workstream,
            "current": current,
            "history": selectors.readiness_history(department=department, workstream=workstream),
            "form": form,
        },
    )


# --- Work items -------------------------------------------------------------------------------


@member_required
def work_items(request):
    workstream = _code(_filters(WorkItemFilters, request)["workstream"])
    return render(
        request,
        "preparation/work_items.html",
        {
            "items": selectors.work_items(workstream=workstream)[:200],
            "workstreams": Workstream.objects.filter(is_active=True),
            "workstream": workstream,
            "can_start": permissions.can_start_work(request.user),
        },
    )


@member_required
def work_item_new(request):
    if not permissions.can_start_work(request.user):
        raise PermissionDenied
    form = WorkItemForm(request.POST or None)
    valid = form.is_bound and form.is_valid()
    # Only what passed the form's limits is compared with existing work.
    typed = form.cleaned_data if form.is_bound else {}
    text = " ".join([typed.get("title", ""), typed.get("description", "")]).strip()
    similar = list(selectors.similar_work_items(text=text)) if text else []
    # First the suggestions: a new item is created only once the person has seen them.
    confirm = WorkItemConfirmForm(request.POST or None)
    confirmed = confirm.says_yes() or not similar
    if valid and confirmed:
        item = run_service(form, services.work_item_create, actor=request.user, **form.cleaned_data)
        if item:
            messages.success(request, _("The work item was started."))
            return redirect(item.result)
    return render(
        request,
        "preparation/work_item_form.html",
        {"form": form, "similar": similar, "asked": bool(similar)},
    )


@member_required
def work_item_similar(request):
    """htmx: similar existing work while the title is being typed."""
    typed = SimilarWorkForm(request.GET)
    text = typed.cleaned_data["title"][:250] if typed.is_valid() else ""
    response = render(
        request,
        "preparation/work_item_form.html#similar",
        {"similar": list(selectors.similar_work_items(text=text)) if len(text) >= 4 else []},
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@member_required
def work_item(request, pk: int):
    try:
        item = selectors.work_item_get(pk=pk)
    except WorkItem.DoesNotExist:
        raise Http404 from None
    mine = request.user.department_id in {p.department_id for p in item.participations.all()}
    return render(
        request,
        "preparation/work_item.html",
        {
            "item": item,
            "can_join": request.user.department_id is not None and not mine,
            "statuses": WorkStatus,
        },
    )


@member_required
@require_POST
def work_item_join(request, pk: int):
    item = get_object_or_404(WorkItem, pk=pk)
    form = WorkItemJoinForm(request.POST)
    run_action(
        request,
        services.work_item_join,
        actor=request.user,
        item=item,
        instead_of_new=form.says_instead_of_new(),
        success=_("Your department joined the work."),
    )
    return redirect(item)


# --- Indicators -------------------------------------------------------------------------------


@member_required
@cached_page
def indicators(request):
    return render(
        request,
        "preparation/indicators.html",
        {"indicators": Indicator.objects.all(), "can_manage": permissions.can_manage(request.user)},
    )


def _latest_period(indicator: Indicator) -> str:
    return indicator.values.order_by("-period").values_list("period", flat=True).first() or ""


@member_required
def indicator(request, code: str):
    indicator = get_object_or_404(Indicator, code=code)
    period = _filters(IndicatorFilters, request)["period"] or _latest_period(indicator)
    periods = list(indicator.values.values_list("period", flat=True).distinct().order_by("-period"))
    return render(
        request,
        "preparation/indicator.html",
        {
            "indicator": indicator,
            "period": period,
            "periods": periods,
            "rows": selectors.national_overview(indicator=indicator, period=period)
            if period
            else [],
        },
    )


@member_required
def indicator_department(request, code: str, department):  # a slug, then its object
    indicator = get_object_or_404(Indicator, code=code)
    department = get_object_or_404(Department, slug=department, is_active=True)
    series = selectors.department_series(indicator=indicator, department=department)
    return render(
        request,
        "preparation/indicator_department.html",
        {
            "indicator": indicator,
            "department": department,
            "series": series,
            "chart": line_chart(series, target=indicator.target),
        },
    )


def _value_recorded(request, row):
    if hasattr(row, "alert"):
        messages.warning(
            request,
            _("The value was saved. It is a dip: the director and the board were alerted."),
        )
    else:
        messages.success(request, _("The value was saved."))
    return redirect(
        "preparation:indicator_department",
        code=row.indicator.code,
        department=row.department.slug,
    )


@member_required
def value_new(request):
    initial = {"department": request.user.department_id}
    form = ValueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = run_service(
                form, services.indicator_value_record, actor=request.user, **form.cleaned_data
            )
        except PermissionDenied:
            form.add_error("department", _("You can enter values only for your own department."))
        else:
            if recorded:
                return _value_recorded(request, recorded.result)
    return form_page(
        request,
        form,
        title=_("Enter an indicator value"),
        submit=_("Save the value"),
        cancel=reverse("preparation:indicators"),
    )


@member_required
def values_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            services.indicator_values_import,
            actor=request.user,
            file=form.cleaned_data["file"],
        ).result
        if result is not None and not result.errors:
            messages.success(
                request, _("%(count)s values were imported.") % {"count": result.imported}
            )
            return redirect("preparation:indicators")
    return render(request, "preparation/import.html", {"form": form, "result": result})


@member_required
def alerts(request):
    return render(request, "preparation/alerts.html", {"alerts": selectors.open_alerts()[:200]})


@member_required
@require_POST
def alert_acknowledge(request, pk: int):
    alert = get_object_or_404(
        DipAlert.objects.select_related("value__department", "value__indicator"), pk=pk
    )
    form = AcknowledgeForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.alert_acknowledge,
        actor=request.user,
        alert=alert,
        comment=form.cleaned_data["comment"],
    ):
        messages.success(request, _("The alert was acknowledged."))
        return redirect("preparation:alerts")
    # Shown again with what was typed and the error next to it.
    return form_page(
        request,
        form,
        title=_("Acknowledge the dip: %(indicator)s, %(department)s, %(period)s")
        % {
            "indicator": alert.value.indicator.name,
            "department": alert.value.department.name,
            "period": alert.value.period,
        },
        submit=_("Acknowledge"),
        cancel=reverse("preparation:alerts"),
    )


@member_required
def workstream_follow(request, code: str):
    workstream = get_object_or_404(Workstream, code=code)
    return render(
        request,
        "preparation/workstream.html",
        {"workstream": workstream, "following": is_following(user=request.user, about=workstream)},
    )


# --- Strategy review, reporters, workstreams and indicators -------------------------------------


@member_required
def strategy_review(request):
    """For each cornerstone, what the network did for it, counted per quarter."""
    review = selectors.strategy_review(user=request.user)
    return render(
        request,
        "preparation/strategy.html",
        {"sections": review.sections, "quarters": review.quarters},
    )


@member_required
def reporters(request):
    """A director names the officials who may keep the department's figures current."""
    department = request.user.department
    if department is None or not permissions.is_director_of(request.user, department):
        raise PermissionDenied
    form = ReporterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            removal = ReporterRemoveForm(request.POST, department=department)
            if removal.is_valid():
                run_action(
                    request,
                    services.reporter_remove,
                    success=_("The person no longer reports for the department."),
                    actor=request.user,
                    department=department,
                    user_id=removal.cleaned_data["remove"].pk,
                )
                return redirect("preparation:reporters")
            messages.error(request, _("Choose a person who reports for the department."))
            form, status = ReporterForm(), 400
        elif form.is_valid() and run_service(
            form,
            services.reporter_name,
            actor=request.user,
            department=department,
            user=form.cleaned_data["user"],
        ):
            messages.success(request, _("The person may now report for the department."))
            return redirect("preparation:reporters")
    return render(
        request,
        "preparation/reporters.html",
        {
            "department": department,
            "reporters": DepartmentReporter.objects.filter(department=department).select_related(
                "user"
            ),
            "form": form,
        },
        status=status,
    )


def _reference_edit(request, form_class, instance, *, title, submit, back: str):
    """Add or change a workstream or an indicator (officials only)."""
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=instance)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.reference_data_save, actor=request.user, instance=form.instance
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(back)
    return form_page(request, form, title=title, submit=submit, cancel=reverse(back))


@member_required
def workstream_edit(request, code: str | None = None):
    workstream = get_object_or_404(Workstream, code=code) if code else None
    return _reference_edit(
        request,
        WorkstreamForm,
        workstream,
        title=_("Workstream"),
        submit=_("Save the workstream"),
        back="preparation:readiness",
    )


@member_required
def indicator_edit(request, code: str | None = None):
    indicator = get_object_or_404(Indicator, code=code) if code else None
    return _reference_edit(
        request,
        IndicatorForm,
        indicator,
        title=_("Indicator"),
        submit=_("Save the indicator"),
        back="preparation:indicators",
    )
