from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from network.celery import log_task_mode

        log_task_mode()

        from network import search_sources

        search_sources.register()


class VerkostoAdminConfig(AdminConfig):
    default_site = "network.admin_site.VerkostoAdminSite"
