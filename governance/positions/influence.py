"""The influence log's state changes: statements given, meetings with decision-makers and
other advocacy, each resting on a shared position (see ``permissions.can_record_influence``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.positions import permissions
from governance.positions.models import (
    AuditEntry,
    InfluenceEntry,
    InfluenceKind,
    InfluenceState,
    Position,
)
from network.models import User
from network.permissions import is_member, require
from network.validators import check_sensible_dates


def _check(
    *, actor: User, position: Position, kind: str, state: str, outcome: str, responsible: User
) -> None:
    if not permissions.can_view(actor, position):
        raise ValidationError({"position": _("Choose a position you may see.")})
    if kind not in InfluenceKind.values:
        raise ValidationError({"kind": _("Choose the kind of influence.")})
    if state not in InfluenceState.values:
        raise ValidationError({"state": _("Choose whether it is open or done.")})
    if state == InfluenceState.DONE and not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of it before marking it done.")})
    if not is_member(responsible):
        raise ValidationError({"responsible": _("Choose a person with an active account.")})


def _audit(entry: InfluenceEntry, actor: User, action: str) -> None:
    AuditEntry.objects.create(
        position=entry.position,
        actor=actor,
        action=action,
        detail={"influence": entry.pk, "kind": entry.kind, "title": entry.title},
    )


def influence_record(
    *,
    actor: User,
    position: Position,
    kind: str,
    title: str,
    counterpart: str,
    responsible: User,
    reference: str = "",
    deadline: date | None = None,
    happened_on: date | None = None,
    outcome: str = "",
    state: str = InfluenceState.OPEN,
) -> InfluenceEntry:
    """Record an act of influence on a position; an open one with a deadline waits on the
    dashboard of the person named responsible until it is done."""
    require(permissions.can_record_influence(actor))
    check_sensible_dates(deadline=deadline, happened_on=happened_on)
    _check(
        actor=actor,
        position=position,
        kind=kind,
        state=state,
        outcome=outcome,
        responsible=responsible,
    )
    entry = InfluenceEntry(
        position=position,
        kind=kind,
        title=title.strip(),
        counterpart=counterpart.strip(),
        reference=reference.strip(),
        deadline=deadline,
        happened_on=happened_on,
        outcome=outcome.strip(),
        responsible=responsible,
        state=state,
        recorded_by=actor,
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        _audit(entry, actor, "influence_recorded")
        if state == InfluenceState.DONE:
            _audit(entry, actor, "influence_done")
    return entry


def influence_update(
    *,
    actor: User,
    entry: InfluenceEntry,
    position: Position,
    kind: str,
    title: str,
    counterpart: str,
    responsible: User,
    reference: str = "",
    deadline: date | None = None,
    happened_on: date | None = None,
    outcome: str = "",
    state: str = InfluenceState.OPEN,
) -> InfluenceEntry:
    """Change an entry, e.g. record that the statement was given and what came of it."""
    check_sensible_dates(deadline=deadline, happened_on=happened_on)
    with transaction.atomic():
        entry = InfluenceEntry.objects.select_for_update().get(pk=entry.pk)
        require(permissions.can_record_influence(actor, entry))
        _check(
            actor=actor,
            position=position,
            kind=kind,
            state=state,
            outcome=outcome,
            responsible=responsible,
        )
        was_done = entry.state == InfluenceState.DONE
        entry.position, entry.kind, entry.title = position, kind, title.strip()
        entry.counterpart, entry.reference = counterpart.strip(), reference.strip()
        entry.deadline, entry.happened_on = deadline, happened_on
        entry.outcome, entry.responsible, entry.state = outcome.strip(), responsible, state
        entry.updated_by, entry.updated_at = actor, timezone.now()
        entry.full_clean()
        entry.save()
        if state == InfluenceState.DONE and not was_done:
            _audit(entry, actor, "influence_done")
    return entry
