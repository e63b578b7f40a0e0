from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from communications.following import register_followable
        from governance import (  # noqa: F401  (registries)
            audiences,
            dashboard,
            demo,
            jobs,
            kinds,
            large_data,
            person_page,
            search,
        )
        from governance.areas import demo as areas_demo  # noqa: F401
        from governance.models import Body, Meeting
        from governance.permissions import can_view_meeting, sits_on_the_board
        from governance.positions import dashboard as position_dashboard  # noqa: F401
        from governance.positions import demo as position_demo  # noqa: F401
        from governance.positions import kinds as position_kinds  # noqa: F401
        from governance.positions.models import Position
        from governance.positions.permissions import can_view as can_view_position
        from governance.review import dashboard as review_dashboard  # noqa: F401
        from governance.review import demo as review_demo  # noqa: F401
        from governance.review import kinds as review_kinds  # noqa: F401
        from network.permissions import is_member, register_board_rule

        register_board_rule(sits_on_the_board)
        search.register()
        register_followable(Body, can_follow=lambda user, body: is_member(user))
        register_followable(Meeting, can_follow=can_view_meeting)
        register_followable(Position, can_follow=can_view_position)
