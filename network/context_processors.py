from django.conf import settings

from network import permissions


def portal(request):
    """What the page layout needs on every page."""
    user = getattr(request, "user", None)
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "is_network_admin": permissions.is_network_admin(user) if user else False,
        "can_use_admin_site": permissions.can_use_admin_site(user) if user else False,
    }
