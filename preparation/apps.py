from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreparationConfig(AppConfig):
    name = "preparation"
    verbose_name = _("Preparation")

    def ready(self) -> None:
        from communications.following import register_followable
        from network.permissions import is_member, register_reporter_rule
        from preparation import dashboard, demo, kinds, large_data, search, strategy  # noqa: F401
        from preparation.models import DepartmentReporter, Workstream
        from preparation.solutions import demo as solution_demo  # noqa: F401

        search.register()
        register_reporter_rule(
            lambda user: DepartmentReporter.objects.filter(user=user).values_list(
                "department_id", flat=True
            )
        )
        register_followable(Workstream, can_follow=lambda user, workstream: is_member(user))
