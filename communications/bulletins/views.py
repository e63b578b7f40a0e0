from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.audiences import labels_for
from communications.bulletins import permissions, selectors, services
from communications.bulletins.forms import BulletinActionForm, BulletinForm, CommentForm
from communications.bulletins.models import Bulletin, BulletinAttachment
from communications.public.permissions import can_draft_public
from network.access import member_required
from network.http import run_service
from network.page_cache import cached_page


def _bulletin_for(user, pk: int) -> Bulletin:
    bulletin = (
        Bulletin.objects.select_related("author").prefetch_related("audience").filter(pk=pk).first()
    )
    if bulletin is None or not permissions.can_view(user, bulletin):
        raise Http404
    return bulletin


@member_required
@cached_page
def bulletin_list(request):
    return render(
        request,
        "communications/bulletins/list.html",
        {
            "bulletins": selectors.bulletins_for(user=request.user)[:100],
            "mine": selectors.bulletins_by(user=request.user)[:20]
            if permissions.can_write(request.user)
            else [],
            "can_write": permissions.can_write(request.user),
            "can_draft_public": can_draft_public(request.user),
        },
    )


def _edit(request, bulletin: Bulletin | None):
    if not permissions.can_write(request.user):
        raise PermissionDenied
    initial = None
    if bulletin is not None:
        initial = {
            "title": bulletin.title,
            "text": bulletin.text,
            "title_sv": bulletin.title_sv,
            "title_en": bulletin.title_en,
            "text_sv": bulletin.text_sv,
            "text_en": bulletin.text_en,
            "urgent": bulletin.urgent,
            "pinned_until": bulletin.pinned_until,
            "publish_at": bulletin.publish_at,
            "audience": [f"{a.kind}:{a.key}" for a in bulletin.audience.all()],
            "cornerstones": bulletin.cornerstones,
        }
    form = BulletinForm(
        request.POST or None, request.FILES or None, initial=initial, user=request.user
    )
    action = BulletinActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and action.is_valid():
        saved = run_service(
            form,
            services.bulletin_save,
            actor=request.user,
            bulletin=bulletin,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            **{
                name: form.cleaned_data[name]
                for name in ("title_sv", "title_en", "text_sv", "text_en")
            },
            audience=form.audience_pairs(),
            urgent=form.cleaned_data["urgent"],
            pinned_until=form.cleaned_data["pinned_until"],
            attachments=form.cleaned_data["attachments"],
            cornerstones=form.cleaned_data["cornerstones"],
        ).result
        if saved and not action.publishes():
            messages.success(request, _("The draft was saved."))
            return redirect(saved)
        if saved and run_service(
            form,
            services.bulletin_publish,
            actor=request.user,
            bulletin=saved,
            publish_at=form.cleaned_data["publish_at"],
        ):
            messages.success(
                request,
                _("The bulletin was scheduled.")
                if saved.state == "scheduled"
                else _("The bulletin was published and its audience told."),
            )
            return redirect(saved)
    return render(
        request, "communications/bulletins/form.html", {"form": form, "bulletin": bulletin}
    )


@member_required
def bulletin_new(request):
    return _edit(request, None)


@member_required
def bulletin_edit(request, pk: int):
    bulletin = _bulletin_for(request.user, pk)
    if not permissions.can_edit(request.user, bulletin):
        raise PermissionDenied
    return _edit(request, bulletin)


@member_required
def bulletin_detail(request, pk: int):
    bulletin = _bulletin_for(request.user, pk)
    services.bulletin_mark_read(user=request.user, bulletin=bulletin)
    is_author = bulletin.author_id == request.user.pk or permissions.is_communications_officer(
        request.user
    )
    return render(
        request,
        "communications/bulletins/detail.html",
        {
            "bulletin": bulletin,
            "audience": labels_for((a.kind, a.key) for a in bulletin.audience.all()),
            "attachments": bulletin.attachments.all(),
            "comments": bulletin.comments.select_related("author"),
            "comment_form": CommentForm() if bulletin.state == "published" else None,
            "receipts": selectors.receipts(bulletin=bulletin) if is_author else None,
            "can_edit": permissions.can_edit(request.user, bulletin),
        },
    )


@member_required
@require_POST
def bulletin_comment(request, pk: int):
    bulletin = _bulletin_for(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.bulletin_comment(
            user=request.user, bulletin=bulletin, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(bulletin.get_absolute_url() + "#comments")


@member_required
def bulletin_attachment(request, pk: int):
    attachment = get_object_or_404(BulletinAttachment.objects.select_related("bulletin"), pk=pk)
    _bulletin_for(request.user, attachment.bulletin_id)
    return attachment.response()
