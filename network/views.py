from __future__ import annotations

from typing import Any

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import permissions, selectors, services
from network import search as site_search
from network.access import member_required, public, require
from network.dashboard import dashboard_panels, lazy_panel
from network.forms import (
    AcceptInvitationForm,
    DashboardPanelForm,
    InviteForm,
    LanguageForm,
    PageForm,
    PeopleSearchForm,
    ProfileForm,
    SearchForm,
)
from network.http import run_action, run_service
from network.middleware import health_response, readiness_response
from network.models import Department, SearchEntry, User
from network.page_cache import cached_page
from network.person_page import person_sections
from network.translations import translated


@public
@cached_page
def landing(request):
    """The public front page: what the network is and who its members are."""
    return render(
        request,
        "network/landing.html",
        {"regions": selectors.regions_with_departments()},
    )


@member_required
@cached_page
def dashboard(request):
    """What waits for the person, and their panels. Panels that are not needed at once
    come after the page (``?panel=<key>``: only that panel to htmx, or the whole page with
    it filled in without JavaScript)."""
    form = DashboardPanelForm(request.GET)
    wanted = form.cleaned_data["panel"] if form.is_valid() else ""
    if wanted and request.headers.get("HX-Request"):
        panel = lazy_panel(request, wanted)  # that panel's provider only
        if panel is None:
            raise Http404
        response = render(request, "network/dashboard.html#panel", {"panel": panel})
        patch_vary_headers(response, ("HX-Request",))
        return response
    panels = [p.loaded() if p.key == wanted else p for p in dashboard_panels(request)]
    response = render(
        request,
        "network/dashboard.html",
        {
            "panels": panels,
            "waiting": [item for p in panels for item in p.waiting],
            "more_waiting": any(p.more_waiting for p in panels),
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@member_required
def directory(request):
    return render(
        request,
        "network/directory.html",
        {"departments": selectors.departments_for_directory()},
    )


@member_required
def department_detail(request, slug: str):
    try:
        department = selectors.department_get(slug=slug)
    except Department.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "network/department_detail.html",
        {
            "department": department,
            "people": selectors.department_people(department=department),
        },
    )


@member_required
def people(request):
    search = PeopleSearchForm(request.GET)
    if not search.is_valid():
        raise BadRequest(" ".join(map(str, search.errors.get("q", []))))
    query = search.cleaned_data["q"][:100]
    page = Paginator(selectors.people_search(query=query), 50).get_page(
        PageForm(request.GET).page_number()
    )
    context = {"query": query, "page": page}
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "network/people.html#results" if partial else "network/people.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@member_required
@cached_page
def search(request):
    """One search over everything the person may see; htmx swaps in the results."""
    form = SearchForm(request.GET)
    context: dict[str, Any] = {"form": form, "page": None, "results": [], "query": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        kind = form.cleaned_data["kind"]
        department = form.cleaned_data["department"]
        parsed = site_search.parse_query(query, prefix_last=True)
        entries = site_search.search(
            user=request.user,
            parsed=parsed,
            kinds=[kind] if kind else None,
            body_id=form.cleaned_data["body"],
            department_id=department.pk if department else None,
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
        )
        labels = {source.kind: source.label for source in site_search.search_sources()}
        # The ranked ids once (at most MAX_CANDIDATES), then the page's entries by id:
        # no second pass of ranking and visibility for the count.
        ranked = list(entries.values_list("pk", flat=True))
        page = Paginator(ranked, 20).get_page(PageForm(request.GET).page_number())
        found = SearchEntry.objects.defer("vector").in_bulk(page.object_list)
        results = [_search_result(found[pk], parsed, labels) for pk in page.object_list]
        context |= {
            "query": query,
            "page": page,
            "results": results,
            # Only the most recent matches are ranked (``site_search.search``): say so.
            "capped": len(ranked) >= site_search.MAX_CANDIDATES,
        }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "network/search.html#results" if partial else "network/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _search_result(entry: SearchEntry, parsed, labels: dict) -> dict:
    """One result as the reader sees it: the title in their language where the content
    has one, else as written (its language marked for screen readers)."""
    title = translated(entry, "title")
    # The bare title is Finnish, except for content written in one language only.
    language = entry.language if title.language == "fi" else title.language
    return {
        "entry": entry,
        "kind": labels.get(entry.kind, entry.kind),
        "title": site_search.highlight(title.text, parsed, whole=True),
        "title_language": language if language != title.wanted else "",
        "snippet": site_search.highlight(entry.text, parsed),
    }


@member_required
def person_detail(request, pk: int):
    person = get_object_or_404(
        User.objects.select_related("department", "department__region"), pk=pk, is_active=True
    )
    pending = None
    if permissions.can_invite_people(request.user) and not person.has_usable_password():
        pending = person.invitations.filter(accepted_at=None, revoked_at=None).first()
    return render(
        request,
        "network/person_detail.html",
        {"person": person, "pending": pending, "sections": person_sections(request, person)},
    )


@require(permissions.can_invite_people)
def invite(request):
    form = InviteForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            sent := run_service(
                form, services.person_invite, invited_by=request.user, **form.cleaned_data
            )
        )
    ):
        user = sent.result.invitation.user
        messages.success(
            request,
            _("Invitation sent to %(email)s.") % {"email": user.email},
        )
        return redirect(user)
    return render(
        request, "network/invite.html", {"form": form, "days": settings.INVITATION_VALID_DAYS}
    )


@require(permissions.can_invite_people)
@require_POST
def invitation_resend(request, pk: int):
    person = get_object_or_404(User, pk=pk, is_active=True)
    run_action(
        request,
        services.invitation_resend,
        invited_by=request.user,
        user=person,
        success=_("A new invitation was sent to %(email)s.") % {"email": person.email},
    )
    return redirect(person)


@public
def invitation_accept(request, token: str):
    invitation = services.invitation_get_usable(token=token)
    if invitation is None:
        return render(request, "network/invitation_invalid.html", status=410)
    form = AcceptInvitationForm(request.POST or None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        accepted = run_service(
            form, services.invitation_accept, token=token, password=form.cleaned_data["password1"]
        )
        if accepted:
            user = accepted.result
            messages.success(request, _("Welcome to Verkosto! Your password is set."))
            # Signed in through allauth's own flow, never Django's plain login: its
            # stages run as on the sign-in page, so a second factor is always asked.
            return perform_login(request, user, email=user.email, redirect_url=reverse("dashboard"))
    return render(
        request, "network/invitation_accept.html", {"form": form, "invitee": invitation.user}
    )


@member_required
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your details were saved."))
        return redirect("account")
    return render(request, "network/account.html", {"form": form})


@public
@require_POST
def language_switch(request):
    """Switch the interface language; remembered in a cookie and, if signed in, the account."""
    form = LanguageForm(request.POST)
    valid = form.is_valid()
    next_url = form.cleaned_data.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not valid:
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=False,
    )
    return response


@public
def health(request):
    """For load balancers (``HealthMiddleware`` answers first; this names the address)."""
    return health_response()


def csrf_failure(request, reason: str = ""):
    """The portal's own page when a form's security check fails (an old tab, cookies
    blocked): in the reader's language, without Django's developer hints."""
    return render(request, "403_csrf.html", status=403)


@public
def readiness(request):
    """For load balancers: the database answers; Redis is reported, not required."""
    return readiness_response()
