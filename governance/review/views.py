"""The strategy review's pages: the rounds, one round with its items, evidence, comments
and decision, and the forms that open, comment and decide."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.review import permissions, selectors, services
from governance.review.forms import CommentForm, DecisionForm, RoundForm
from governance.review.models import ReviewRound
from network.access import member_required
from network.http import form_page, run_service
from network.models import Department
from network.permissions import departments_spoken_for


def _round_for(user, pk: int) -> ReviewRound:
    try:
        return selectors.round_get(user=user, pk=pk)
    except ReviewRound.DoesNotExist:
        raise Http404 from None


def _comment_form(user, review, data=None) -> CommentForm | None:
    if not permissions.can_comment(user, review):
        return None
    departments = Department.objects.filter(
        pk__in=departments_spoken_for(user), is_active=True
    ).order_by("name_fi")
    return CommentForm(data, departments=departments)


@member_required
def round_list(request):
    return render(
        request,
        "governance/review/list.html",
        {
            "rounds": selectors.rounds_list(user=request.user),
            "can_open": permissions.can_open_round(request.user),
        },
    )


@member_required
def round_new(request):
    if not permissions.can_open_round(request.user):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, services.review_round_open, actor=request.user, **form.cleaned_data
        )
        if outcome:
            messages.success(request, _("The round was opened and the directors were told."))
            return redirect(outcome.result.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Open a strategy review round"),
        submit=_("Open the round"),
        cancel=reverse("review:list"),
        intro=_(
            "Every department's director is told, and the round waits on their dashboard "
            "until their department has commented."
        ),
        status=400 if form.errors else 200,
    )


def _detail(request, review, *, comment_form=None, status=200):
    user = request.user
    sections, truncated = selectors.round_items(user=user, review=review)
    commented = selectors.departments_commented(review=review)
    return render(
        request,
        "governance/review/detail.html",
        {
            "review": review,
            "sections": sections,
            "truncated": truncated,
            "evidence": selectors.round_evidence(user=user, review=review, request=request),
            "comments": selectors.round_comments(review=review),
            "commented_count": len(commented),
            "department_count": Department.objects.filter(is_active=True).count(),
            "comment_form": comment_form or _comment_form(user, review),
            "can_decide": review.is_open and permissions.can_record_decision(user),
        },
        status=status,
    )


@member_required
def round_detail(request, pk: int):
    return _detail(request, _round_for(request.user, pk))


@member_required
@require_POST
def round_comment(request, pk: int):
    review = _round_for(request.user, pk)
    form = _comment_form(request.user, review, request.POST)
    if form is None:
        if not review.comments_open:
            messages.error(request, _("Comments on this round are closed."))
            return redirect(review.get_absolute_url() + "#comments")
        raise PermissionDenied
    if form.is_valid() and run_service(
        form,
        services.review_comment_add,
        user=request.user,
        review=review,
        department=form.cleaned_data["department"],
        text=form.cleaned_data["text"],
    ):
        messages.success(request, _("Your department's comment was added."))
        return redirect(review.get_absolute_url() + "#comments")
    return _detail(request, review, comment_form=form, status=400)


@member_required
def round_decide(request, pk: int):
    review = _round_for(request.user, pk)
    if not permissions.can_record_decision(request.user):
        raise PermissionDenied
    if not review.is_open:
        messages.error(request, _("The round has already been decided."))
        return redirect(review.get_absolute_url() + "#decision")
    form = DecisionForm(
        request.POST or None, meetings=selectors.decision_meetings(user=request.user)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.review_decide, actor=request.user, review=review, **form.cleaned_data
        )
    ):
        messages.success(request, _("The decision was recorded and the round is closed."))
        return redirect(review.get_absolute_url() + "#decision")
    return form_page(
        request,
        form,
        title=_("Record the decision: %(title)s") % {"title": review.title},
        submit=_("Record the decision"),
        cancel=review.get_absolute_url(),
        intro=_("Recording the decision closes the round: no comments are taken after it."),
        status=400 if form.errors else 200,
    )
