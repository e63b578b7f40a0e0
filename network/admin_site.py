from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network import permissions


class VerkostoAdminSite(admin.AdminSite):
    """The Django admin, open to network admins only."""

    site_header = _("Verkosto administration")
    site_title = _("Verkosto administration")
    index_title = _("Network data")

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin_site(request.user)
