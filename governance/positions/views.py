from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.selectors import is_following
from governance import selectors as governance_selectors
from governance.positions import permissions, selectors, services
from governance.positions.diff import side_by_side
from governance.positions.forms import (
    AnswerForm,
    CloseEarlyForm,
    ConsultationForm,
    DecisionFromMeetingForm,
    PositionForm,
    PublishForm,
    ReasonForm,
    VoteForm,
)
from governance.positions.models import (
    ConsultationAnswer,
    Position,
    PositionState,
    Publication,
    Vote,
)
from governance.views import _form_page, _run
from network.access import member_required, public
from network.csv_export import csv_response
from network.models import User
from network.reform import Cornerstone, Workstream
from network.views import _add_errors


def _position_for(user, pk: int) -> Position:
    try:
        position = selectors.position_get(pk=pk)
    except Position.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view(user, position):
        raise Http404
    return position


def _done(request, position, call, success: str, anchor: str = ""):
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(position.get_absolute_url() + anchor)


@member_required
def position_list(request):
    filters = {
        "state": request.GET.get("state", "")
        if request.GET.get("state") in PositionState.values
        else "",
        "cornerstone": request.GET.get("cornerstone", "")
        if request.GET.get("cornerstone") in Cornerstone.values
        else "",
        "workstream": request.GET.get("workstream", "")
        if request.GET.get("workstream") in Workstream.values
        else "",
        "waiting": request.GET.get("waiting", "")
        if request.GET.get("waiting") in {"answer", "vote"}
        else "",
    }
    return render(
        request,
        "governance/positions/list.html",
        {
            "positions": selectors.positions_list(user=request.user, **filters)[:200],
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
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        position = _run(form, services.position_create, actor=request.user, **form.cleaned_data)
        if position:
            messages.success(request, _("The draft was saved."))
            return redirect(position)
    return _form_page(
        request,
        form,
        title=_("New shared position"),
        submit=_("Save the draft"),
        cancel="/positions/",
    )


@member_required
def position_detail(request, pk: int):
    position = _position_for(request.user, pk)
    user = request.user
    my_answer = None
    if permissions.can_answer_for(user):
        my_answer = ConsultationAnswer.objects.filter(
            position=position, department_id=user.department_id
        ).first()
    my_vote = Vote.objects.filter(position=position, round=position.vote_round, member=user).first()
    context = {
        "position": position,
        "version": position.current_version,
        "versions": position.versions.select_related("created_by").order_by("-number"),
        "matrix": selectors.consultation_matrix(position=position)
        if position.state != PositionState.DRAFT
        else None,
        "questions": position.questions.all(),
        "votes": selectors.current_votes(position=position),
        "tally": services.vote_tally(position) if position.vote_round else None,
        "audit": selectors.audit_trail(position=position),
        "my_answer": my_answer,
        "my_vote": my_vote,
        "can_edit": permissions.can_edit(user, position),
        "can_run": permissions.can_run_process(user),
        "can_answer": permissions.can_answer(user, position),
        "can_vote": position.state == PositionState.BOARD_VOTE and permissions.can_vote(user),
        "can_close": position.state == PositionState.BOARD_VOTE
        and permissions.can_close_vote(user),
        "decision_form": DecisionFromMeetingForm(items=_decision_items(user))
        if position.state == PositionState.BOARD_VOTE and permissions.can_run_process(user)
        else None,
        "can_publish": position.state in (PositionState.APPROVED, PositionState.PUBLISHED)
        and permissions.can_publish(user)
        and not (position.internal_published_at and position.public_published_at),
        "can_withdraw": permissions.can_withdraw(user, position),
        "following": is_following(user=user, about=position),
    }
    if context["can_answer"]:
        initial = None
        if my_answer:
            initial = {"stance": my_answer.stance, "comment": my_answer.comment}
            initial.update(
                {f"question_{qa.question_id}": qa.text for qa in my_answer.question_answers.all()}
            )
        context["answer_form"] = AnswerForm(initial=initial, questions=context["questions"])
    if context["can_vote"]:
        context["vote_form"] = _vote_form(user, None)
    if context["can_publish"]:
        track = Publication.INTERNAL if position.public_published_at else Publication.PUBLIC
        context["publish_form"] = PublishForm(initial={"publication": track})
    return render(request, "governance/positions/detail.html", context)


def _vote_form(user, data):
    principal_ids = permissions.board_principal_ids(user)
    principals = User.objects.filter(pk__in=principal_ids).order_by("last_name")
    return VoteForm(
        data,
        principals=principals if principal_ids else None,
        own_seat=permissions.has_board_seat(user),
    )


def _decision_items(user):
    """Board meetings of the last half year: a vote is not left open longer than that."""
    since = timezone.now() - timedelta(days=183)
    return governance_selectors.decision_items(user=user).filter(meeting__starts_at__gte=since)


@member_required
def position_edit(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_edit(request.user, position):
        raise PermissionDenied
    version = position.current_version
    initial = {
        "title": version.title,
        "summary": version.summary,
        "text": version.text,
        "background": version.background,
        "text_sv": version.text_sv,
        "prepared_by": position.prepared_by_id,
        "cornerstones": position.cornerstones,
        "workstreams": position.workstreams,
        "request_from": position.request_from,
        "request_reference": position.request_reference,
        "request_deadline": position.request_deadline,
        "request_link": position.request_link,
    }
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("prepared_by")
        if _run(form, services.position_revise, actor=request.user, position=position, **data):
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
    return _form_page(
        request,
        form,
        title=_("Edit: %(title)s") % {"title": position.title},
        submit=_("Save a new version"),
        cancel=position.get_absolute_url(),
        intro=intro,
    )


@member_required
def position_compare(request, pk: int):
    position = _position_for(request.user, pk)
    versions = {v.number: v for v in position.versions.select_related("created_by")}
    try:
        a = versions[int(request.GET.get("a", max(1, len(versions) - 1)))]
        b = versions[int(request.GET.get("b", len(versions)))]
    except (KeyError, ValueError):
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
        if _run(
            form,
            services.consultation_open,
            actor=request.user,
            position=position,
            deadline=form.cleaned_data["deadline"],
            questions=questions,
        ):
            messages.success(request, _("The consultation is open; every department was asked."))
            return redirect(position)
    return _form_page(
        request,
        form,
        title=_("Open a consultation: %(title)s") % {"title": position.title},
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
    if form.is_valid():
        try:
            services.consultation_answer(
                user=request.user,
                position=position,
                stance=form.cleaned_data["stance"],
                comment=form.cleaned_data["comment"],
                question_answers=form.question_answers(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
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
    matrix = selectors.consultation_matrix(position=position)
    questions = list(position.questions.all())
    header = [_("Rescue department"), _("Region"), _("Position"), _("Answered"), _("Comment")]
    rows = []
    for department, answer in matrix["rows"]:
        by_question = (
            {qa.question_id: qa.text for qa in answer.question_answers.all()} if answer else {}
        )
        rows.append(
            [
                department.name,
                department.region.name,
                answer.get_stance_display() if answer else _("No answer"),
                answer.answered_at.date().isoformat() if answer else "",
                answer.comment if answer else "",
            ]
            + [by_question.get(q.pk, "") for q in questions]
        )
    return csv_response(
        f"consultation-{position.pk}.csv", header + [q.text for q in questions], rows
    )


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
    form = _vote_form(request.user, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you vote."))
        return redirect(position.get_absolute_url() + "#vote")
    return _done(
        request,
        position,
        lambda: services.vote_cast(
            user=request.user,
            position=position,
            choice=form.cleaned_data["choice"],
            reason=form.cleaned_data["reason"],
            in_place_of=form.cleaned_data.get("in_place_of"),
        ),
        _("Your vote was recorded."),
        "#vote",
    )


@member_required
@require_POST
def vote_close(request, pk: int):
    position = _position_for(request.user, pk)
    return _done(
        request,
        position,
        lambda: services.vote_close(actor=request.user, position=position),
        _("The vote was closed and the decision recorded."),
        "#vote",
    )


def _with_reason(request, position, service, *, success: str, title: str, submit: str):
    """A step that needs a reason: the reason goes through a form, and a reason that is
    refused is shown again as typed, with the error next to it."""
    form = ReasonForm(request.POST)
    if form.is_valid() and _run(
        form, service, actor=request.user, position=position, reason=form.cleaned_data["reason"]
    ):
        messages.success(request, success)
        return redirect(position)
    return _form_page(request, form, title=title, submit=submit, cancel=position.get_absolute_url())


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
        title=_("Return to draft: %(title)s") % {"title": position.title},
        submit=_("Return to draft"),
    )


@member_required
@require_POST
def position_publish(request, pk: int):
    position = _position_for(request.user, pk)
    if not permissions.can_publish(request.user):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid() and _run(
        form, services.position_publish, actor=request.user, position=position, **form.cleaned_data
    ):
        messages.success(request, _("The position was published."))
        return redirect(position)
    # Shown again with the text as typed and the error next to its field.
    return _form_page(
        request,
        form,
        title=_("Publish: %(title)s") % {"title": position.title},
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
        Position.objects.select_related("decided_version")
        .filter(pk=pk, state=PositionState.PUBLISHED, public_published_at__isnull=False)
        .first()
    )
    if position is None:
        raise Http404
    return render(
        request,
        "governance/positions/public.html",
        {"position": position, "version": position.decided_version},
    )


@member_required
@require_POST
def decision_from_meeting(request, pk: int):
    """Record the decision a board meeting took on the position (from its agenda item)."""
    position = _position_for(request.user, pk)
    if not permissions.can_run_process(request.user):
        raise PermissionDenied
    form = DecisionFromMeetingForm(request.POST, items=_decision_items(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(position.get_absolute_url() + "#vote")
    item = form.cleaned_data["agenda_item"]
    approved = form.cleaned_data["outcome"] == "approved"
    return _done(
        request,
        position,
        lambda: services.decision_record_from_meeting(
            actor=request.user, position=position, agenda_item=item, approved=approved
        ),
        _("The board's decision was recorded."),
        "#vote",
    )
