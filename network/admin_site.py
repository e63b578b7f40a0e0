from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network import permissions


class VerkostoAdminSite(admin.AdminSite):
    """The Django admin, open to network admins only."""

    site_header = _("Verkosto administration")
    site_title = _("Verkosto administration")
    index_title = _("Network data")

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin_site(request.user)

    def login(self, request, extra_context=None):
        """Everyone signs in through allauth, so that two-factor authentication applies."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get(REDIRECT_FIELD_NAME, reverse("admin:index")), reverse("account_login")
        )
