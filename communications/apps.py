from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = _("Communications")

    def ready(self) -> None:
        from communications import audiences, dashboard, kinds, search  # noqa: F401  (registries)

        search.register()
