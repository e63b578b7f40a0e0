from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = _("Communications")

    def ready(self) -> None:
        # Registries, and the Celery tasks (the outbox enqueues them by name).
        from communications import (  # noqa: F401  (registries)
            audiences,
            dashboard,
            jobs,
            kinds,
            large_data,
            search,
            tasks,
        )
        from communications.outbox import outgoing_queue
        from network.mail import register_mail_sender

        register_mail_sender(outgoing_queue)
        search.register()
