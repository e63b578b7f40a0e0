from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from communications import selectors, services
from communications.following import follow_rule
from communications.forms import (
    FollowForm,
    InboxFilterForm,
    OneClickUnsubscribeForm,
    OneKindForm,
    PreferencesForm,
    RetryForm,
)
from communications.kinds import Delivery, get_kind
from communications.models import Notification
from communications.preference_links import read_preference_token
from network.access import member_required, public, require
from network.forms import PageForm
from network.http import run_action
from network.models import User
from network.page_cache import cached_page
from network.permissions import can_manage_deliveries


@member_required
@cached_page
def inbox(request):
    form = InboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    notifications = selectors.inbox(
        user=request.user, kind=filters.get("kind", ""), unread=filters.get("unread", False)
    )
    page = Paginator(notifications, 30).get_page(PageForm(request.GET).page_number())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "communications/inbox.html",
        {
            "page": page,
            "unread": selectors.unread_count(user=request.user),
            "filter_form": form,
            "filtered": bool(filters.get("kind") or filters.get("unread")),
            "query": query.urlencode(),
        },
    )


@require(can_manage_deliveries)
def deliveries(request):
    """E-mail that waits or was given up, with the last error; a network admin retries."""
    return render(
        request,
        "communications/deliveries.html",
        {
            **selectors.deliveries_waiting_or_failed(),
            "give_up_hours": settings.EMAIL_GIVE_UP_HOURS,
        },
    )


@require(can_manage_deliveries)
@require_POST
def delivery_retry(request):
    form = RetryForm(request.POST)
    if not form.is_valid():
        raise BadRequest("Choose an e-mail to try again.")
    run_action(
        request,
        services.email_retry,
        actor=request.user,
        success=_("The e-mail is tried again."),
        **form.cleaned_data,
    )
    return redirect("notifications:deliveries")


@member_required
@require_GET
def unread_badge(request):
    """The header's unread count, refreshed by htmx without a full page load."""
    response = render(
        request,
        "communications/unread_badge.html",
        {"notification_unread": selectors.unread_count(user=request.user)},
    )
    patch_vary_headers(response, ("HX-Request",))
    response["Cache-Control"] = "no-store"
    return response


@member_required
@require_POST
def open_notification(request, pk: int):
    """Mark a notification read and go to what it is about."""
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    target = notification.url or "notifications:inbox"
    if notification.url and not url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        target = "notifications:inbox"
    return redirect(target)


@member_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect("notifications:inbox")


@member_required
def preferences(request):
    current = {
        kind.key: delivery for kind, delivery in selectors.preferences_for(user=request.user)
    }
    form = PreferencesForm(
        request.POST or None,
        current=current,
        digest_hour=selectors.digest_hour_for(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind, delivery in form.kind_choices().items():
                services.preference_set(user=request.user, kind=kind, delivery=delivery)
            services.digest_hour_set(user=request.user, hour=form.cleaned_data["digest_hour"])
        messages.success(request, _("Your notification choices were saved."))
        return redirect("notifications:preferences")
    return render(request, "communications/preferences.html", {"form": form})


@public
@csrf_exempt  # authorised by the signed token, and mail clients post without a CSRF token
def email_preference(request, token: str):
    """The one-click link in every e-mail: change one kind for one person, no sign-in."""
    try:
        user_id, kind_key = read_preference_token(token)
        kind = get_kind(kind_key)
        person = User.objects.get(pk=user_id, is_active=True)
    except (signing.BadSignature, LookupError, User.DoesNotExist):
        return render(request, "communications/email_preference_invalid.html", status=400)
    current = {k.key: d for k, d in selectors.preferences_for(user=person)}[kind.key]
    if request.method == "POST" and OneClickUnsubscribeForm(request.POST).is_one_click():
        services.preference_set(user=person, kind=kind.key, delivery=Delivery.OFF)
        return HttpResponse(status=204)
    form = OneKindForm(request.POST or None, initial={"delivery": Delivery.OFF})
    saved = False
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=person, kind=kind.key, delivery=form.cleaned_data["delivery"])
        current, saved = form.cleaned_data["delivery"], True
    return render(
        request,
        "communications/email_preference.html",
        {
            "form": form,
            "kind": kind,
            "person": person,
            "current_label": Delivery(current).label,
            "saved": saved,
        },
    )


@member_required
@require_POST
def follow(request, content_type_id: int, object_id: str):
    """Follow or stop following an item the person may see; others are not found."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    rule = follow_rule(model) if model else None
    if model is None or rule is None:
        raise Http404
    try:
        about = model._default_manager.filter(pk=object_id).first()
    except (ValueError, ValidationError):
        about = None
    if about is None or not rule(request.user, about):
        raise Http404
    form = FollowForm(request.POST)
    following = services.follow_set(user=request.user, about=about, following=form.following())
    if request.headers.get("HX-Request"):
        return render(
            request, "components/follow_button.html", {"about": about, "following": following}
        )
    messages.success(
        request,
        _("You now follow this item.") if following else _("You no longer follow this item."),
    )
    next_url = form.next_url()
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("notifications:inbox")
    return redirect(next_url)
