"""The network's own part of the dashboard: invitations a network admin is waiting on."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network import selectors
from network.dashboard import Panel, WaitingItem, first_of, register_dashboard_provider
from network.permissions import can_invite_people


@register_dashboard_provider
def invitations_waiting(request) -> Panel | None:
    if not can_invite_people(request.user):
        return None
    invitations, more = first_of(selectors.invitations_not_accepted(), 10)
    waiting = [
        WaitingItem(
            title=_("%(name)s has not accepted the invitation") % {"name": invitation.user},
            url=invitation.user.get_absolute_url(),
            detail=(
                _("the link expired %(date)s")
                if invitation.expires_at < timezone.now()
                else _("invited %(date)s")
            )
            % {
                "date": formats.date_format(
                    timezone.localtime(
                        invitation.expires_at
                        if invitation.expires_at < timezone.now()
                        else invitation.created_at
                    )
                )
            },
        )
        for invitation in invitations
    ]
    if not waiting:
        return None
    return Panel(
        title=_("Invitations"),
        key="invitations",
        template="network/dashboard_invitations.html",
        context={"count": len(waiting), "more": more},
        waiting=waiting,
        more_waiting=more,
        order=90,
    )
