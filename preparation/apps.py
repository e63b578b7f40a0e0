from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreparationConfig(AppConfig):
    name = "preparation"
    verbose_name = _("Preparation")

    def ready(self) -> None:
        from communications.following import register_followable
        from network.permissions import is_member
        from preparation import dashboard, demo, kinds, large_data, search  # noqa: F401
        from preparation.models import Workstream

        search.register()
        register_followable(Workstream, can_follow=lambda user, workstream: is_member(user))
