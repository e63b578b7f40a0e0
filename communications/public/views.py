from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.public import permissions, selectors, services
from communications.public.forms import PublicItemForm, PublishForm, TranslationOfForm
from communications.public.models import PublicItem, PublicState
from communications.public.registry import PublicEntry, public_entries, register_public_source
from network.access import member_required, public
from network.http import run_action, run_service
from network.page_cache import cached_page

LANGUAGES = dict(settings.LANGUAGES)


@register_public_source
def _news_and_press(language: str, limit: int) -> list[PublicEntry]:
    return [
        PublicEntry(
            title=item.title,
            url=item.get_absolute_url(),
            published_at=item.published_at,
            summary=item.lead,
            kind_label=str(item.get_kind_display()),
            language=item.language,
        )
        for item in selectors.live_items(language=language)[:limit]
        if item.published_at is not None  # always set on a live item
    ]


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise Http404
    return language


@public
@cached_page
def public_home(request, language: str):
    language = _language(language)
    with translation.override(language):
        return render(
            request,
            "communications/public/home.html",
            {"entries": public_entries(language, 30), "page_language": language},
        )


@public
def public_item(request, language: str, slug: str):
    language = _language(language)
    item = get_object_or_404(
        PublicItem.objects.select_related("author"), language=language, slug=slug
    )
    with translation.override(language):
        if item.unpublished_at is not None and item.state != PublicState.PUBLISHED:
            # Taken off the site (and perhaps being changed for a new review): the page
            # says so with the title as it was published, never with unreviewed text.
            return render(
                request,
                "communications/public/withdrawn.html",
                {"item": item, "page_language": language},
                status=410,
            )
        if not item.is_live:
            raise Http404
        return render(
            request,
            "communications/public/item.html",
            {
                "item": item,
                "versions": selectors.language_versions(item=item),
                "page_language": language,
                "absolute_url": request.build_absolute_uri(item.get_absolute_url()),
            },
        )


class LanguageFeed(Feed):
    """The public site's Atom feed in one language."""

    feed_type = Atom1Feed

    def get_object(self, request, language):
        return _language(language)

    def title(self, language):
        with translation.override(language):
            return _("Rescue departments' partnership network")

    def subtitle(self, language):
        with translation.override(language):
            return _("News, press releases and shared positions")

    def link(self, language):
        return reverse("public:home", kwargs={"language": language})

    def __call__(self, request, *args, **kwargs):
        # The feed's language (and its titles) follow the address, not the visitor.
        with translation.override(_language(kwargs.get("language", ""))):
            return super().__call__(request, *args, **kwargs)

    def items(self, language):
        return public_entries(language, 50)

    def item_title(self, entry: PublicEntry):
        return entry.title

    def item_description(self, entry: PublicEntry):
        return entry.summary

    def item_link(self, entry: PublicEntry):
        return entry.url

    def item_pubdate(self, entry: PublicEntry):
        return entry.published_at

    def item_updateddate(self, entry: PublicEntry):
        return entry.published_at


language_feed = public(cached_page(LanguageFeed(), shared=True))


# --- Publishing (communications officers and officials) ----------------------------------------


def _require_drafter(user):
    if not permissions.can_draft_public(user):
        raise PermissionDenied


@member_required
def manage(request):
    _require_drafter(request.user)
    return render(
        request,
        "communications/public/manage.html",
        {
            "items": PublicItem.objects.select_related("author", "reviewed_by").order_by(
                "-created_at"
            )[:200],
            "can_publish": permissions.can_publish_public(request.user),
            "publish_form": PublishForm(),
        },
    )


def _edit(request, item: PublicItem | None):
    _require_drafter(request.user)
    original = None
    if item is None:
        choice = TranslationOfForm(request.GET)
        if not choice.is_valid():
            raise Http404
        original = choice.cleaned_data["translation_of"]
    initial = {"kind": original.kind} if original else None
    if item is not None:
        initial = {
            "kind": item.kind,
            "language": item.language,
            "title": item.title,
            "lead": item.lead,
            "body": item.body,
        }
    form = PublicItemForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.public_item_save,
            actor=request.user,
            item=item,
            translation_of=original,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The item was saved."))
        return redirect("public:manage")
    return render(
        request,
        "communications/public/form.html",
        {"form": form, "item": item, "original": original},
    )


@member_required
def item_new(request):
    return _edit(request, None)


@member_required
def item_edit(request, pk: int):
    return _edit(request, get_object_or_404(PublicItem, pk=pk))


def _act(request, pk: int, service, success: str, **arguments):
    item = get_object_or_404(PublicItem, pk=pk)
    run_action(request, service, actor=request.user, item=item, success=success, **arguments)
    return redirect("public:manage")


@member_required
@require_POST
def item_submit(request, pk: int):
    _require_drafter(request.user)
    return _act(
        request,
        pk,
        services.public_item_submit,
        _("The item was sent for review."),
    )


@member_required
@require_POST
def item_publish(request, pk: int):
    if not permissions.can_publish_public(request.user):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The publishing time is not valid; nothing was published."))
        return redirect("public:manage")
    publish_at = form.cleaned_data["publish_at"]
    return _act(
        request,
        pk,
        services.public_item_publish,
        _("The item was published."),
        publish_at=publish_at,
    )


@member_required
@require_POST
def item_unpublish(request, pk: int):
    if not permissions.can_publish_public(request.user):
        raise PermissionDenied
    return _act(
        request,
        pk,
        services.public_item_unpublish,
        _("The item was taken off the public site."),
    )
