"""Pages of the network's advocacy built on its positions: the influence log, the
key-messages library and the guiding view of the future rescue departments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.positions import influence, key_messages, permissions, selectors
from governance.positions.forms import (
    GuidingViewForm,
    InfluenceFilterForm,
    InfluenceForm,
    KeyMessageFilterForm,
    KeyMessageForm,
)
from governance.positions.models import InfluenceKind, InfluenceState
from network.access import member_required
from network.http import form_page, run_service

#: Rows a page of the influence log or the key-messages library shows.
PAGE_SIZE = 25


def _visible_position(user, pk):
    if not pk:
        return None
    position = selectors.visible_positions(user=user).filter(pk=pk).first()
    if position is None:
        raise Http404
    return position


# --- The influence log -------------------------------------------------------------------------


@member_required
def influence_list(request):
    filters_form = InfluenceFilterForm(request.GET)
    filters = filters_form.filters()
    position = _visible_position(request.user, filters["position"])
    entries = selectors.influence_list(
        user=request.user, position=position, kind=filters["kind"], state=filters["state"]
    )
    page = Paginator(entries, PAGE_SIZE).get_page(filters_form.page_number())
    query = "&".join(
        f"{name}={value.pk if name == 'position' else value}"
        for name, value in (("position", position), ("kind", filters["kind"]))
        if value
    )
    if filters["state"]:
        query = "&".join(filter(None, [query, f"state={filters['state']}"]))
    return render(
        request,
        "governance/positions/influence_list.html",
        {
            "page": page,
            "position": position,
            "filters": filters,
            "kinds": InfluenceKind.choices,
            "states": InfluenceState.choices,
            "query": query,
            "can_record": permissions.can_record_influence(request.user),
        },
    )


@member_required
def influence_new(request):
    if not permissions.can_record_influence(request.user):
        raise PermissionDenied
    positions = selectors.influence_positions(user=request.user)
    initial = {"responsible": request.user.pk, "state": InfluenceState.OPEN}
    chosen = InfluenceFilterForm(request.GET).filters()["position"]
    position = positions.filter(pk=chosen).first() if chosen else None
    if position is not None:
        initial["position"] = position.pk
        if position.request_from:
            initial.update(
                kind=InfluenceKind.STATEMENT,
                counterpart=position.request_from,
                reference=position.request_reference,
                deadline=position.request_deadline,
            )
    form = InfluenceForm(request.POST or None, positions=positions, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = run_service(
            form, influence.influence_record, actor=request.user, **form.cleaned_data
        )
        if entry:
            messages.success(request, _("The influence was recorded."))
            return redirect(entry.result.position.get_absolute_url() + "#influence")
    return form_page(
        request,
        form,
        title=_("Record influence"),
        submit=_("Save"),
        cancel=reverse("positions:influence"),
        intro=_(
            "A statement the network gives, a meeting with decision-makers or other "
            "advocacy, and the position it rests on."
        ),
    )


@member_required
def influence_edit(request, pk: int):
    entry = (
        selectors.visible_influence_entries(user=request.user)
        .select_related("position")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    if not permissions.can_record_influence(request.user, entry):
        raise PermissionDenied
    initial = {
        name: getattr(entry, name)
        for name in (
            "kind",
            "title",
            "counterpart",
            "reference",
            "deadline",
            "happened_on",
            "outcome",
            "state",
        )
    }
    initial.update(position=entry.position_id, responsible=entry.responsible_id)
    form = InfluenceForm(
        request.POST or None,
        positions=selectors.influence_positions(user=request.user),
        initial=initial,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            influence.influence_update,
            actor=request.user,
            entry=entry,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The influence entry was saved."))
        return redirect(reverse("positions:influence") + f"?position={entry.position_id}")
    return form_page(
        request,
        form,
        title=_("Influence: %(title)s") % {"title": entry.title},
        submit=_("Save"),
        cancel=entry.position.get_absolute_url() + "#influence",
        intro=_(
            "When the statement is given or the meeting held, write the outcome and mark it done."
        ),
    )


# --- Key messages -------------------------------------------------------------------------------


@member_required
def key_message_list(request):
    filters_form = KeyMessageFilterForm(request.GET)
    filters = filters_form.filters()
    position = _visible_position(request.user, filters["position"])
    found = selectors.key_messages_list(
        user=request.user,
        query=filters["query"],
        position=position,
        current=not filters["all"],
    )
    page = Paginator(found, PAGE_SIZE).get_page(filters_form.page_number())
    return render(
        request,
        "governance/positions/key_messages.html",
        {
            "page": page,
            "filters": filters,
            "position": position,
            "can_manage": permissions.can_manage_key_messages(request.user),
        },
    )


@member_required
def key_message_new(request):
    if not permissions.can_manage_key_messages(request.user):
        raise PermissionDenied
    positions = selectors.key_message_positions()
    initial = {"approved_on": timezone.localdate()}
    chosen = KeyMessageFilterForm(request.GET).filters()["position"]
    if chosen and positions.filter(pk=chosen).exists():
        initial["position"] = chosen
    form = KeyMessageForm(request.POST or None, positions=positions, initial=initial)
    if request.method == "POST" and form.is_valid():
        message = run_service(
            form, key_messages.key_message_create, actor=request.user, **form.cleaned_data
        )
        if message:
            messages.success(request, _("The key message was saved."))
            return redirect("positions:key_messages")
    return form_page(
        request,
        form,
        title=_("New key message"),
        submit=_("Save"),
        cancel=reverse("positions:key_messages"),
        intro=_(
            "Short wording the departments use as such in their own communication, drawn "
            "from a position the board has approved."
        ),
    )


@member_required
def key_message_edit(request, pk: int):
    if not permissions.can_manage_key_messages(request.user):
        raise PermissionDenied
    message = selectors.visible_key_messages(user=request.user).filter(pk=pk).first()
    if message is None:
        raise Http404
    initial = {
        "position": message.position_id,
        "text_fi": message.text_fi,
        "text_sv": message.text_sv,
        "text_en": message.text_en,
        "approved_on": message.approved_on,
    }
    form = KeyMessageForm(
        request.POST or None, positions=selectors.key_message_positions(), initial=initial
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            key_messages.key_message_update,
            actor=request.user,
            message=message,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The key message was saved."))
        return redirect("positions:key_messages")
    return form_page(
        request,
        form,
        title=_("Edit the key message"),
        submit=_("Save"),
        cancel=reverse("positions:key_messages"),
    )


# --- The guiding view ------------------------------------------------------------------------


@member_required
def guiding_view(request):
    form = GuidingViewForm(request.GET or None)
    by, since = "cornerstone", None
    if form.is_valid():
        by = form.cleaned_data["by"] or "cornerstone"
        since = form.cleaned_data["since"]
    view = selectors.guiding_view(user=request.user, by=by, since=since)
    return render(
        request,
        "governance/positions/guiding_view.html",
        {"form": form, "view": view, "by": by, "since": since, "today": timezone.localdate()},
    )
