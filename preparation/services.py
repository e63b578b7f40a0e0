"""State changes of the preparation."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.expressions import CombinedExpression
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.audiences import people_in
from communications.services import followers_of, notifications_mark_done, notify
from network.finnish import base_forms
from network.models import Department, User
from network.permissions import department_leaders_q, require
from network.search import search_index
from network.translations import versions
from preparation import permissions
from preparation.kinds import DIP_ALERT, REFORM_EVENT
from preparation.models import (
    DepartmentReporter,
    DipAlert,
    DipReason,
    Indicator,
    IndicatorValue,
    Readiness,
    ReadinessChange,
    ReadinessStatus,
    ReformEvent,
    WorkItem,
    WorkItemParticipant,
    Workstream,
)
from preparation.periods import previous_periods, validate_period

# --- Situational awareness ---------------------------------------------------------------------


def reform_event_save(
    *,
    actor: User,
    event: ReformEvent | None = None,
    workstreams: Iterable[Workstream] = (),
    **fields: Any,
) -> ReformEvent:
    """Add or update an event; followers of its workstreams hear of new ones."""
    require(permissions.can_manage(actor))
    is_new = event is None
    event = event or ReformEvent(created_by=actor)
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    with transaction.atomic():
        event.save()
        event.workstreams.set(workstreams)
        search_index("reform_event", event.pk)
        if is_new:
            # One notification per person, however many of its workstreams they follow.
            notify(
                recipients=followers_of(event.workstreams.all()),
                kind=REFORM_EVENT,
                about=event,
                params={"title": versions(event, "title")},
                url=reverse("preparation:timeline"),
                exclude=[actor],
            )
    return event


# --- Readiness ---------------------------------------------------------------------------------


def readiness_set(
    *, actor: User, department: Department, workstream: Workstream, status: str, note: str = ""
) -> Readiness:
    """Set a department's readiness in a workstream; every change is kept as history."""
    require(permissions.can_report_for(actor, department))
    if status not in ReadinessStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    with transaction.atomic():
        current = (
            Readiness.objects.select_for_update()
            .filter(department=department, workstream=workstream)
            .first()
        )
        before = current.status if current else ""
        if current is None:
            current = Readiness(department=department, workstream=workstream)
        current.status, current.note = status, note.strip()
        current.updated_by, current.updated_at = actor, timezone.now()
        current.save()
        ReadinessChange.objects.create(
            department=department,
            workstream=workstream,
            from_status=before,
            to_status=status,
            note=note.strip(),
            changed_by=actor,
        )
    return current


# --- Work items --------------------------------------------------------------------------------


def _search_vector(title: str, description: str) -> CombinedExpression:
    # Base forms (Voikko) go through the 'simple' configuration: they are already
    # normalised, and the Finnish stemmer would only cut them differently again.
    return SearchVector(Value(base_forms(title)), weight="A", config="simple") + SearchVector(
        Value(base_forms(description)), weight="B", config="simple"
    )


def work_item_create(
    *,
    actor: User,
    title: str,
    description: str,
    workstream: Workstream,
    lead_department: Department | None = None,
    due_date: date | None = None,
    deliverables: str = "",
    cornerstones: list[str] | None = None,
) -> WorkItem:
    require(permissions.can_start_work(actor))
    lead = lead_department or actor.department
    if lead is None:
        raise ValidationError({"lead_department": _("Choose the lead department.")})
    item = WorkItem(
        title=title.strip(),
        description=description.strip(),
        workstream=workstream,
        lead_department=lead,
        due_date=due_date,
        deliverables=deliverables.strip(),
        created_by=actor,
        cornerstones=sorted(set(cornerstones or [])),
    )
    item.full_clean(exclude=["search"])
    with transaction.atomic():
        item.save()
        WorkItem.objects.filter(pk=item.pk).update(
            search=_search_vector(item.title, item.description)
        )
        WorkItemParticipant.objects.create(work_item=item, department=lead, joined_by=actor)
        search_index("work_item", item.pk)
    return item


def work_item_join(
    *, actor: User, item: WorkItem, instead_of_new: bool = False
) -> WorkItemParticipant:
    """The person's department joins existing work (counted when it replaced a new item)."""
    require(permissions.can_start_work(actor) and actor.department_id is not None)
    try:
        with transaction.atomic():
            return WorkItemParticipant.objects.create(
                work_item=item,
                # Not None: require() above refused a person without a department.
                department_id=actor.department_id,  # type: ignore[misc]
                joined_instead_of_new=instead_of_new,
                joined_by=actor,
            )
    except IntegrityError:
        raise ValidationError(_("Your department already takes part in this work.")) from None


# --- Indicators and dip alerts -----------------------------------------------------------------


def dip_check(value: IndicatorValue) -> tuple[list[str], Decimal | None]:
    """Why a value is a dip: it misses the target, or it is worse than the average of the
    department's previous four periods by more than the tolerance (needs a baseline)."""
    indicator = value.indicator
    reasons = []
    if indicator.target is not None and indicator.worse(value.value, indicator.target):
        reasons.append(DipReason.TARGET.value)
    previous = list(
        IndicatorValue.objects.filter(
            indicator=indicator,
            department_id=value.department_id,
            period__in=previous_periods(value.period),
        ).values_list("value", flat=True)
    )
    baseline: Decimal | None = None
    if previous:
        baseline = sum(previous, Decimal(0)) / len(previous)
        margin = indicator.tolerance
        limit = baseline - margin if indicator.higher_is_better else baseline + margin
        if indicator.worse(value.value, limit):
            reasons.append(DipReason.BASELINE.value)
    return reasons, baseline


def _board_ids() -> list[int]:
    # The board lives in governance; communications' audience registry knows it.
    return people_in([("board", "members")])


def _record(
    indicator: Indicator, department: Department, period: str, value: Decimal, actor: User
) -> IndicatorValue:
    """Save a value and keep its dip alert true: a new dip, or a corrected value that
    still dips, opens the alert (again) and tells the director and the board; the same
    value recorded again (the same file imported twice) is no new dip, so an
    acknowledged alert stays acknowledged and nobody is told twice."""
    key: dict[str, Any] = {"indicator": indicator, "department": department, "period": period}
    earlier = IndicatorValue.objects.filter(**key).values_list("value", flat=True).first()
    row, _created = IndicatorValue.objects.update_or_create(
        **key, defaults={"value": value, "entered_by": actor, "entered_at": timezone.now()}
    )
    reasons, baseline = dip_check(row)
    if not reasons:
        DipAlert.objects.filter(value=row).delete()  # corrected: no longer a dip
        return row
    unchanged = DipAlert.objects.filter(value=row).first() if earlier == value else None
    if unchanged is not None:
        unchanged.reasons, unchanged.baseline = reasons, baseline
        unchanged.save(update_fields=["reasons", "baseline"])
        return row
    alert, _created = DipAlert.objects.update_or_create(
        value=row,
        defaults={
            "reasons": reasons,
            "baseline": baseline,
            "created_at": timezone.now(),
            "acknowledged_by": None,
            "acknowledged_at": None,
            "comment": "",
        },
    )
    directors = User.objects.filter(department_leaders_q(), department=department).values_list(
        "pk", flat=True
    )
    notify(
        recipients=set(directors) | set(_board_ids()),
        kind=DIP_ALERT,
        about=alert,
        params={
            "indicator": versions(indicator, "name"),
            "department": versions(department, "name"),
            "period": period,
        },
        url=alert.get_absolute_url(),
    )
    return row


def indicator_value_record(
    *, actor: User, indicator: Indicator, department: Department, period: str, value: Decimal
) -> IndicatorValue:
    require(permissions.can_report_for(actor, department) or permissions.can_manage(actor))
    _validate_period(period)
    _validate_value(value)
    with transaction.atomic():
        return _record(indicator, department, period, value, actor)


def _validate_period(period: str) -> None:
    try:
        validate_period(period)
    except ValidationError as error:
        raise ValidationError({"period": error}) from None


#: IndicatorValue.value holds 12 digits, 3 of them decimals.
LARGEST_VALUE = Decimal("999999999.999")


def _validate_value(value: Decimal) -> None:
    if not value.is_finite():
        raise ValidationError({"value": _("Give a number.")})
    if abs(value) > LARGEST_VALUE:
        raise ValidationError({"value": _("The number is too large.")})


#: One import is at most this many rows (a year of every indicator of every department,
#: quarter by quarter, is about a thousand), so that one request checks and saves it
#: in seconds.
IMPORT_MAX_ROWS = 2_000
#: Errors past these are counted, not listed: the first ones show what is wrong.
IMPORT_ERRORS_SHOWN = 50


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[str] = field(default_factory=list)
    #: Errors found beyond those in ``errors``.
    more_errors: int = 0


def _is_header(row: list[str]) -> bool:
    return bool(row) and row[0].strip().lower() in {"department", "pelastuslaitos"}


def indicator_values_import(*, actor: User, file: File) -> ImportResult:
    """Import values from CSV (department;indicator;period;value). Every row is checked
    first; one bad row and nothing is imported, with an error per row (the first
    ``IMPORT_ERRORS_SHOWN`` listed, the rest counted). A file of more than
    ``IMPORT_MAX_ROWS`` rows is refused whole."""
    require(permissions.can_manage(actor) or actor.department_id is not None)
    result = ImportResult()
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not UTF-8 text."))
        return result
    sample = text[:1000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = list(islice(reader, IMPORT_MAX_ROWS + 2))
    except csv.Error:
        raise ValidationError(
            {"file": _("Line %(n)s of the file is not valid CSV.") % {"n": reader.line_num}}
        ) from None
    if len(lines) - (1 if lines and _is_header(lines[0]) else 0) > IMPORT_MAX_ROWS:
        raise ValidationError(
            {
                "file": _(
                    "The file has more than %(max)s rows. Split it and import at most "
                    "%(max)s rows at a time."
                )
                % {"max": IMPORT_MAX_ROWS}
            }
        )
    departments = {d.slug: d for d in Department.objects.filter(is_active=True)}
    indicators = {i.code: i for i in Indicator.objects.all()}
    rows, seen = [], set()
    for number, row in enumerate(lines, start=1):
        if not row or (number == 1 and _is_header(row)):
            continue
        if len(row) != 4:
            result.errors.append(
                _("Row %(n)s: expected 4 columns, found %(count)s.")
                % {"n": number, "count": len(row)}
            )
            continue
        slug, code, period, raw = (cell.strip() for cell in row)
        department, indicator = departments.get(slug), indicators.get(code)
        if department is None:
            result.errors.append(
                _("Row %(n)s: unknown department “%(value)s”.") % {"n": number, "value": slug}
            )
        elif not (permissions.can_manage(actor) or permissions.can_report_for(actor, department)):
            result.errors.append(
                _("Row %(n)s: you cannot report for %(value)s.") % {"n": number, "value": slug}
            )
        if indicator is None:
            result.errors.append(
                _("Row %(n)s: unknown indicator “%(value)s”.") % {"n": number, "value": code}
            )
        try:
            _validate_period(period)
        except ValidationError:
            result.errors.append(
                _("Row %(n)s: bad period “%(value)s”.") % {"n": number, "value": period}
            )
        try:
            value = Decimal(raw.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
            _validate_value(value)  # NaN, Infinity and 1e999 parse, but cannot be stored
        except (InvalidOperation, ValidationError) as error:
            too_large = isinstance(error, ValidationError) and value.is_finite()
            result.errors.append(
                (
                    _("Row %(n)s: “%(value)s” is too large; the largest value is %(largest)s.")
                    if too_large
                    else _("Row %(n)s: “%(value)s” is not a number.")
                )
                % {"n": number, "value": raw, "largest": LARGEST_VALUE}
            )
            continue
        key = (slug, code, period)
        if key in seen:
            result.errors.append(_("Row %(n)s: the same period twice in the file.") % {"n": number})
        seen.add(key)
        if indicator is not None and department is not None:  # else its error is listed
            rows.append((indicator, department, period, value))
    if result.errors:
        result.more_errors = max(0, len(result.errors) - IMPORT_ERRORS_SHOWN)
        del result.errors[IMPORT_ERRORS_SHOWN:]
        return result
    with transaction.atomic():
        for indicator, department, period, value in sorted(rows, key=lambda r: r[2]):
            _record(indicator, department, period, value, actor)
    result.imported = len(rows)
    return result


def alert_acknowledge(*, actor: User, alert: DipAlert, comment: str) -> DipAlert:
    department = alert.value.department
    require(
        permissions.can_report_for(actor, department)
        or permissions.can_manage(actor)
        or actor.pk in _board_ids()
    )
    if not comment.strip():
        raise ValidationError({"comment": _("Say what is done about it.")})
    alert.acknowledged_by, alert.acknowledged_at, alert.comment = (
        actor,
        timezone.now(),
        comment.strip(),
    )
    with transaction.atomic():
        alert.save(update_fields=["acknowledged_by", "acknowledged_at", "comment"])
        notifications_mark_done(users=[actor], about=alert, kinds=[DIP_ALERT])
    return alert


def reporter_name(*, actor: User, department: Department, user: User) -> DepartmentReporter:
    """A director names someone to keep the department's readiness and values current."""
    require(permissions.is_director_of(actor, department))
    reporter, _created = DepartmentReporter.objects.get_or_create(
        department=department, user=user, defaults={"named_by": actor}
    )
    return reporter


def reporter_remove(*, actor: User, department: Department, user_id: int) -> None:
    require(permissions.is_director_of(actor, department))
    DepartmentReporter.objects.filter(department=department, user_id=user_id).delete()


def reference_data_save(*, actor: User, instance: Workstream | Indicator) -> Workstream | Indicator:
    """Officials keep the workstreams and the indicator definitions."""
    require(permissions.can_manage(actor))
    instance.full_clean()
    instance.save()
    if isinstance(instance, Indicator):
        search_index("indicator", instance.pk)
    return instance
