"""The kinds of notification, registered by the apps that cause them.

``communications`` knows nothing of positions or meetings: an app registers a kind
(its key, a name people see in their preferences, the default delivery, and the title
shown in the inbox and e-mails) in its ``AppConfig.ready()`` and then calls
``communications.services.notify`` with that key.

Titles are lazy translations with ``%(name)s`` placeholders, so that each recipient
reads them in their own language, whenever and wherever they are shown. The params fill
the placeholders; content written in several languages goes in as a dict of its versions,
``{"fi": ..., "sv": ..., "en": ...}`` (``network.translations.versions``), and a date or
time as ``{"datetime": "<ISO>"}`` (``datetime_param``): both are resolved when the title
is rendered, in the language then active (the recipient's), not the actor's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from network.translations import pick

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Delivery(models.TextChoices):
    """How a person wants e-mail about one kind of notification."""

    IMMEDIATE = "immediate", _("E-mail immediately")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("No e-mail (inbox only)")


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: StrOrPromise
    title: StrOrPromise
    default_delivery: str = Delivery.DIGEST
    #: Position in the preferences page.
    order: int = 100

    def render_title(self, params: dict) -> str:
        try:
            return str(self.title) % {key: resolve_param(value) for key, value in params.items()}
        except (KeyError, TypeError, ValueError):
            # A title must never break the inbox; show it without the details.
            return str(self.label)


def datetime_param(value: datetime) -> dict[str, str]:
    """A date or time for a title's params, formatted later in the reader's language."""
    return {"datetime": value.isoformat()}


def resolve_param(value):
    """A stored param as the active language reads it."""
    if isinstance(value, dict):
        if "datetime" in value:
            moment = datetime.fromisoformat(value["datetime"])
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        return pick(value).text
    return value


_kinds: dict[str, NotificationKind] = {}


def register_kind(kind: NotificationKind) -> NotificationKind:
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.key!r} is already registered differently")
    _kinds[kind.key] = kind
    return kind


def unregister_kind(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def get_kind(key: str) -> NotificationKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}; register it first") from None


def all_kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


# Kinds that belong to communications itself.
FOLLOWED_CHANGED = register_kind(
    NotificationKind(
        key="followed_changed",
        label=_("Changes to items I follow"),
        title=_("Updated: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=800,
    )
)
REMINDER = register_kind(
    NotificationKind(
        key="reminder",
        label=_("Reminders of deadlines"),
        title=_("Reminder: %(title)s"),
        default_delivery=Delivery.IMMEDIATE,
        order=50,
    )
)
BULLETIN = "bulletin"
register_kind(
    NotificationKind(
        key=BULLETIN,
        label=_("Bulletins"),
        title=_("Bulletin: %(title)s"),
        default_delivery=Delivery.DIGEST,
        order=40,
    )
)
