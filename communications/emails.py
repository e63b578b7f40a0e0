"""The e-mails of notifications and digests, in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from communications.kinds import get_kind
from communications.models import Notification
from communications.preference_links import preference_url
from network.models import User
from network.validators import one_line


def _absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _subject(text: str) -> str:
    # A title with a line break (stored before titles were checked, or from a
    # parameter nobody checked) would make the header invalid and the e-mail unsendable.
    return one_line(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text)


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    with translation.override(user.language):
        kind = get_kind(notification.kind)
        change_url = preference_url(user_id=user.pk, kind=notification.kind)
        title = kind.render_title(notification.params)
        context = {
            "user": user,
            "title": title,
            "kind_label": str(kind.label),
            "link": _absolute(notification.url) if notification.url else "",
            "inbox": settings.SITE_URL + reverse("notifications:inbox"),
            "change_url": change_url,
            "urgent": notification.urgent,
        }
        subject = title
        if notification.urgent:
            subject = _("Urgent: %(title)s") % {"title": subject}
        text = render_to_string("communications/email/notification.txt", context)
        html = render_to_string("communications/email/notification.html", context)
    message = EmailMultiAlternatives(
        subject=_subject(subject),
        body=text,
        to=[user.email],
        headers={
            # One message per notification: a resend would carry the same Message-ID,
            # so mail systems can drop a duplicate.
            "Message-ID": f"<notification-{notification.pk}@verkosto>",
            "List-Unsubscribe": f"<{change_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_message(user: User, notifications: list[Notification]) -> EmailMultiAlternatives:
    with translation.override(user.language):
        items = []
        for notification in notifications:
            kind = get_kind(notification.kind)
            items.append(
                {
                    "title": kind.render_title(notification.params),
                    "link": _absolute(notification.url) if notification.url else "",
                    "created_at": notification.created_at,
                    "kind_label": str(kind.label),
                    "change_url": preference_url(user_id=user.pk, kind=notification.kind),
                }
            )
        context = {
            "user": user,
            "items": items,
            "inbox": settings.SITE_URL + reverse("notifications:inbox"),
            "preferences": settings.SITE_URL + reverse("notifications:preferences"),
        }
        subject = _("Your daily summary: %(count)s new") % {"count": len(items)}
        text = render_to_string("communications/email/digest.txt", context)
        html = render_to_string("communications/email/digest.html", context)
    message = EmailMultiAlternatives(subject=_subject(subject), body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
