from __future__ import annotations

from dataclasses import fields

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.selectors import is_following
from governance.positions import permissions, selectors, services
from governance.positions.diff import side_by_side
from governance.positions.forms import (
    AnswerForm,
    CloseEarlyForm,
    CompareForm,
    ConsultationForm,
    DecisionFromMeetingForm,
    PositionEditForm,
    PositionFilterForm,
    PositionForm,
    PublishForm,
    ReasonForm,
    SupersedeForm,
    VoteForm,
)
from governance.positions.models import (
    Position,
    PositionState,
    Publication,
)
from network.access import member_required, public
from network.csv_export import csv_response
from network.forms import PageForm
from network.http import form_page, run_action, run_service
from network.page_cache import cached_page
from network.reform import Cornerstone, Workstream
from network.translations import translated


def _position_for(user, pk: int) -> Position:
    try:
        return selectors.position_get(pk=pk, user=user)
    except Position.DoesNotExist:
        raise Http404 from None


@member_required
@cached_page
def position_list(request):
    filters = PositionFilterForm(request.GET).filters()
    # A page at a time: ten years of the network's positions are thousands.
    page = Paginator(selectors.positions_list(user=request.user, **filters), 50).get_page(
        PageForm(request.GET).page_number()
    )
    return render(
        request,
        "governance/positions/list.html",
        {
            "page": page,
            "positions": page,
            "filters": filters,
            "states": PositionState.choices,
            "cornerstones": Cornerstone.choices,
            "workstreams": Workstream.choices,
            "can_draft": permissions.can_draft(request.user),
            "waiting_answer": selectors.waiting_for_my_department(user=request.user).count(),
            "waiting_vote": selectors.waiting_for_my_vote(user=request.user).count(),
        },
    )


@member_required
def position_new(request):
    if not permissions.can_draft(request.user):
        raise PermissionDenied
    replaces = SupersedeForm(request.GET)
    old = replaces.cleaned_data["supersedes"] if replaces.is_valid() else None
    initial = None
    if old is not None:
        if not permissions.can_view(request.user, old):
            raise Http404
        if not permissions.can_supersede(request.user, old):
            raise PermissionDenied
        version = old.decided_version or old.current_version
        initial = {
            "supersedes": old.pk,
            "title": version.title,
            "summary": version.summary,
            "text": version.text,
            "background": version.background,
            "text_sv": version.text_sv,
            "prepared_by": old.prepared_by_id,
            "cornerstones": old.cornerstones,
            "workstreams": old.workstreams,
        }
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        position = run_service(
            form, services.position_create, actor=request.user, **form.cleaned_data
        )
        if position:
            messages.success(request, _("The draft was saved."))
            return redirect(position.result)
    if old is not None:
        return form_page(
            request,
            form,
            title=_("Replacement for: %(title)s") % {"title": old.title},
            submit=_("Save the draft"),
            cancel=old.get_absolute_url(),
            intro=_(
                "The draft starts from the approved text. When the board approves it, it "
                "supersedes the earlier position, which is then marked superseded everywhere."
            ),
        )
    return form_page(
        request,
        form,
        title=_("New shared position"),
        submit=_("Save the draft"),
        cancel=reverse("positions:list"),
    )


@member_required
@cached_page
def position_detail(request, pk: int):
    position = _position_for(request.user, pk)
    page = selectors.position_page(user=request.user, position=position)
    context = {field.name: getattr(page, field.name) for field in fields(page)}
    context["following"] = is_following(user=request.user, about=position)
    if page.decision_items is not None:
        context["decision_form"] = DecisionFromMeetingForm(items=page.decision_items)
    if page.can_answer:
        initial = None
        if page.my_answer:
            initial = {"stance": page.my_answer.stance, "comment": page.my_answer.comment}
            initial.update(
                {
                    f"question_{qa.question_id}": qa.text
                    for qa in page.my_answer.question_answers.all()
                }
            )
        context["answer_form"] = AnswerForm(initial=initial, questions=page.questions)
    if page.can_vote:
        context["vote_form"] = VoteForm(
            principals=page.vote_principals, own_seat=page.has_board_seat
        )
    if page.can_publish:
        track = Publication.INTERNAL if position.public_published_at else Publication.PUBLIC
        context["publish_form"] = PublishForm(initial={"publication": track})
    return render(request, "governance/positions/detail.html", context)


@member_required
def position_edit(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_edit(request.user, position):
        raise PermissionDenied
    version = position.current_version
    if version is None:  # every saved position has its first version
        raise Http404
    initial = {
        **{
            name: getattr(version, name)
            for name in services.VERSION_FIELDS + services.TRANSLATED_VERSION_FIELDS
        },
        "cornerstones": position.cornerstones,
        "workstreams": position.workstreams,
        "request_from": position.request_from,
        "request_reference": position.request_reference,
        "request_deadline": position.request_deadline,
        "request_link": position.request_link,
    }
    form = PositionEditForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.position_revise,
            actor=request.user,
            position=position,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The new version was saved."))
        return redirect(position)
    intro = (
        _(
            "The board is voting on this text. "
            "Saving a change starts the vote over and tells the voters."
        )
        if position.state == PositionState.BOARD_VOTE
        else _("Every saved change becomes a new version; earlier versions stay.")
    )
    return form_page(
        request,
        form,
        title=_("Edit: %(title)s") % {"title": translated(position, "title").text},
        submit=_("Save a new version"),
        cancel=position.get_absolute_url(),
        intro=intro,
    )


@member_required
def position_compare(request, pk: int):
    position = _position_for(request.user, pk)
    versions = {v.number: v for v in position.versions.select_related("created_by")}
    form = CompareForm(request.GET)
    if not form.is_valid():
        raise Http404
    try:
        a = versions[form.cleaned_data["a"] or max(1, len(versions) - 1)]
        b = versions[form.cleaned_data["b"] or len(versions)]
    except KeyError:
        raise Http404 from None
    return render(
        request,
        "governance/positions/compare.html",
        {
            "position": position,
            "a": a,
            "b": b,
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "comparison": side_by_side(f"{a.summary}\n\n{a.text}", f"{b.summary}\n\n{b.text}"),
        },
    )


@member_required
def consultation_open(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_run_process(request.user):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questions = form.cleaned_data["questions"].splitlines()
        if run_service(
            form,
            services.consultation_open,
            actor=request.user,
            position=position,
            deadline=form.cleaned_data["deadline"],
            questions=questions,
        ):
            messages.success(request, _("The consultation is open; every department was asked."))
            return redirect(position)
    return form_page(
        request,
        form,
        title=_("Open a consultation: %(title)s") % {"title": translated(position, "title").text},
        submit=_("Open the consultation"),
        cancel=position.get_absolute_url(),
        intro=_("Every department's director is asked for one answer before the deadline."),
    )


@member_required
@require_POST
def consultation_answer(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_answer_for(request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST, questions=position.questions.all())
    if form.is_valid() and run_service(
        form,
        services.consultation_answer,
        user=request.user,
        position=position,
        stance=form.cleaned_data["stance"],
        comment=form.cleaned_data["comment"],
        question_answers=form.question_answers(),
    ):
        messages.success(request, _("Your department's answer was saved."))
        return redirect(position.get_absolute_url() + "#consultation")
    # Shown again with everything typed and the errors next to the fields.
    return render(
        request,
        "governance/positions/answer_again.html",
        {"position": position, "answer_form": form},
    )


@member_required
def consultation_csv(request, pk: int):
    position = _position_for(request.user, pk)
    table = selectors.consultation_rows(position=position)
    return csv_response(f"consultation-{position.pk}.csv", table.header, table.rows)


@member_required
@require_POST
def vote_open(request, pk: int):
    """Open the board vote; while the consultation is still open, first ask the person to
    confirm that they close it early (with how many departments have not answered)."""
    position = _position_for(request.user, pk)
    if not permissions.can_run_process(request.user):
        raise PermissionDenied
    form = CloseEarlyForm(request.POST)
    form.is_valid()
    try:
        services.vote_open(
            actor=request.user,
            position=position,
            close_consultation_early=form.cleaned_data.get("confirm", False),
        )
    except ValidationError as error:
        if getattr(error, "code", None) != "consultation_open":
            messages.error(request, " ".join(error.messages))
            return redirect(position.get_absolute_url() + "#vote")
        return render(
            request,
            "governance/positions/close_early.html",
            {
                "position": position,
                "warning": " ".join(error.messages),
                "form": form,
                "matrix": selectors.consultation_matrix(position=position),
            },
        )
    messages.success(request, _("The board vote is open; the members were told."))
    return redirect(position.get_absolute_url() + "#vote")


@member_required
@require_POST
def vote_cast(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_vote(request.user):
        raise PermissionDenied
    form = VoteForm(
        request.POST,
        principals=selectors.vote_principals(user=request.user),
        own_seat=permissions.has_board_seat(request.user),
    )
    if not form.is_valid():
        messages.error(request, _("Choose how you vote."))
        return redirect(position.get_absolute_url() + "#vote")
    run_action(
        request,
        services.vote_cast,
        user=request.user,
        position=position,
        choice=form.cleaned_data["choice"],
        reason=form.cleaned_data["reason"],
        in_place_of=form.cleaned_data.get("in_place_of"),
        success=_("Your vote was recorded."),
    )
    return redirect(position.get_absolute_url() + "#vote")


@member_required
@require_POST
def vote_close(request, pk: int):
    position = _position_for(request.user, pk)
    run_action(
        request,
        services.vote_close,
        actor=request.user,
        position=position,
        success=_("The vote was closed and the decision recorded."),
    )
    return redirect(position.get_absolute_url() + "#vote")


def _with_reason(request, position, service, *, success: str, title: str, submit: str):
    """A step that needs a reason: the reason goes through a form, and a reason that is
    refused is shown again as typed, with the error next to it."""
    form = ReasonForm(request.POST)
    if form.is_valid() and run_service(
        form, service, actor=request.user, position=position, reason=form.cleaned_data["reason"]
    ):
        messages.success(request, success)
        return redirect(position)
    return form_page(request, form, title=title, submit=submit, cancel=position.get_absolute_url())


@member_required
@require_POST
def vote_return(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_close_vote(request.user):
        raise PermissionDenied
    return _with_reason(
        request,
        position,
        services.vote_return_to_draft,
        success=_("The position was returned to draft."),
        title=_("Return to draft: %(title)s") % {"title": translated(position, "title").text},
        submit=_("Return to draft"),
    )


@member_required
@require_POST
def position_publish(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_publish(request.user):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid() and run_service(
        form, services.position_publish, actor=request.user, position=position, **form.cleaned_data
    ):
        messages.success(request, _("The position was published."))
        return redirect(position)
    # Shown again with the text as typed and the error next to its field.
    return form_page(
        request,
        form,
        title=_("Publish: %(title)s") % {"title": translated(position, "title").text},
        submit=_("Publish"),
        cancel=position.get_absolute_url(),
    )


@member_required
@require_POST
def position_withdraw(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_withdraw(request.user, position):
        raise PermissionDenied
    return _with_reason(
        request,
        position,
        services.position_withdraw,
        success=_("The position was withdrawn."),
        title=_("Withdraw: %(title)s") % {"title": translated(position, "title").text},
        submit=_("Withdraw the position"),
    )


@member_required
@require_POST
def position_retract(request, pk: int):
    """Withdraw a decided position (the board's decision, recorded by its chair)."""
    position = _position_for(request.user, pk)
    if not permissions.can_retract(request.user, position):
        raise PermissionDenied
    return _with_reason(
        request,
        position,
        services.position_retract,
        success=_("The position was withdrawn; its public page says so."),
        title=_("Withdraw: %(title)s") % {"title": position.title},
        submit=_("Withdraw the position"),
    )


@member_required
def statement(request, pk: int):
    position = _position_for(request.user, pk)
    if position.state not in (
        PositionState.APPROVED,
        PositionState.PUBLISHED,
        PositionState.SUPERSEDED,
    ):
        raise Http404
    return render(
        request,
        "governance/positions/statement.html",
        {"position": position, "version": position.decided_version},
    )


@public
def public_position(request, pk: int):
    """The public page of a position published on the public site (no sign-in)."""
    position = (
        Position.objects.select_related("decided_version", "superseded_by")
        .filter(
            pk=pk,
            state__in=[
                PositionState.PUBLISHED,
                PositionState.SUPERSEDED,
                PositionState.WITHDRAWN,
            ],
            public_published_at__isnull=False,
        )
        .first()
    )
    if position is None:
        raise Http404
    newer = getattr(position, "superseded_by", None)
    if newer is not None and newer.public_published_at is None:
        newer = None  # not (yet) on the public site: no link to follow
    return render(
        request,
        "governance/positions/public.html",
        {
            "position": position,
            "version": position.decided_version,
            "newer": newer,
            "text": selectors.public_text(position=position),
            "languages": selectors.public_languages(position=position),
        },
        # A withdrawn position is gone for good, and its page says why.
        status=410 if position.state == PositionState.WITHDRAWN else 200,
    )


@member_required
@require_POST
def decision_from_meeting(request, pk: int):
    """Record the decision a board meeting took on the position (from its agenda item)."""
    position = _position_for(request.user, pk)
    if not permissions.can_run_process(request.user):
        raise PermissionDenied
    form = DecisionFromMeetingForm(request.POST, items=selectors.decision_items(user=request.user))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(position.get_absolute_url() + "#vote")
    item = form.cleaned_data["agenda_item"]
    approved = form.cleaned_data["outcome"] == "approved"
    run_action(
        request,
        services.decision_record_from_meeting,
        actor=request.user,
        position=position,
        agenda_item=item,
        approved=approved,
        success=_("The board's decision was recorded."),
    )
    return redirect(position.get_absolute_url() + "#vote")
