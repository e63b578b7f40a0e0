from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from network import checks, large_data, waiting  # noqa: F401  (registries)
        from network.logs import log_sign_in, log_sign_in_failed
        from network.middleware import session_limits_start

        user_logged_in.connect(session_limits_start, dispatch_uid="verkosto-session-limits")
        user_logged_in.connect(log_sign_in, dispatch_uid="verkosto-log-sign-in")
        user_login_failed.connect(log_sign_in_failed, dispatch_uid="verkosto-log-sign-in-failed")
        from network.celery import log_task_mode

        log_task_mode()

        from network import search_sources

        search_sources.register()

        from django.db.backends.signals import connection_created

        from network.page_cache import watch_connection

        connection_created.connect(watch_connection, dispatch_uid="verkosto-page-cache")


class VerkostoAdminConfig(AdminConfig):
    default_site = "network.admin_site.VerkostoAdminSite"
