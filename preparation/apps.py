from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreparationConfig(AppConfig):
    name = "preparation"
    verbose_name = _("Preparation")

    def ready(self) -> None:
        from communications.following import register_followable
        from network.permissions import is_member
        from preparation import dashboard, demo, kinds, search  # noqa: F401  (registries)
        from preparation.models import Workstream
        from preparation.solutions import demo as solution_demo  # noqa: F401

        search.register()
        register_followable(Workstream, can_follow=lambda user, workstream: is_member(user))
