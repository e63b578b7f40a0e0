"""Delivering the outbox: e-mail for notifications, and the daily digests.

The notification rows are the truth; Celery only carries "please look at these rows".
Every delivery claims its row with ``SELECT … FOR UPDATE SKIP LOCKED`` and only acts on
rows still waiting, so a task that runs twice, or two workers racing, never send an
e-mail twice while the first is being sent. The e-mail is handed to the mail server
inside the claiming transaction: a worker that dies after handing it over and before
its commit leaves the row waiting, and it is sent again (with the same Message-ID).
Whatever a lost task or a broker outage leaves waiting, ``waiting_emails_relay`` (a
scheduled job, see ``communications.jobs``) asks for again.

This module only claims and delivers rows; what is due when (reminders, scheduled
bulletins) belongs to the services that own it.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from communications.emails import digest_message, notification_message
from communications.models import (
    DeliverySettings,
    EmailState,
    Notification,
    OutgoingEmail,
)

logger = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
#: A pending e-mail this old is asked for again by the relay (its task may be lost).
RELAY_AFTER = timedelta(minutes=2)
BATCH_SIZE = 100


#: After a failed enqueue, events skip the broker for this long (the relay delivers).
BROKER_BACKOFF_SECONDS = 30.0
_broker_unavailable_until = 0.0


DELIVER_TASK = "communications.tasks.deliver_emails"
DELIVER_OUTGOING_TASK = "communications.tasks.deliver_outgoing_emails"


def request_delivery(notification_ids: list[int], *, from_relay: bool = False) -> None:
    """Ask the workers to e-mail these notifications. Never raises.

    Runs after the event's commit. If the broker cannot be reached the rows stay
    waiting and the relay asks again later; the person who caused the event must not
    see an error, or wait, for something that has already happened. So after one
    failure, events skip the broker for a while and leave the work to the relay, which
    always tries.
    """
    global _broker_unavailable_until
    # By name from the app's registry: the tasks module imports this one, not the reverse.
    deliver_emails = current_app.tasks[DELIVER_TASK]

    if not from_relay and time.monotonic() < _broker_unavailable_until:
        logger.info(
            "Broker recently unreachable; %d e-mails wait for the relay.", len(notification_ids)
        )
        return
    for start in range(0, len(notification_ids), BATCH_SIZE):
        batch = notification_ids[start : start + BATCH_SIZE]
        try:
            deliver_emails.delay(batch)
        except Exception:
            _broker_unavailable_until = time.monotonic() + BROKER_BACKOFF_SECONDS
            logger.warning(
                "Could not enqueue e-mail for %d notifications; the relay will retry.",
                len(notification_ids) - start,
                exc_info=True,
            )
            return
    _broker_unavailable_until = 0.0


def retry_due(*, attempts: int, last_attempt: datetime | None, now: datetime) -> bool:
    """Whether a failed e-mail is tried again now: the wait doubles after each failure
    (2, 4, 8 … minutes) up to ``EMAIL_RETRY_CAP_MINUTES``."""
    if last_attempt is None:
        return True
    wait = min(
        RELAY_AFTER * 2 ** max(attempts - 1, 0),
        timedelta(minutes=settings.EMAIL_RETRY_CAP_MINUTES),
    )
    return last_attempt <= now - wait


def given_up(*, since: datetime, now: datetime) -> bool:
    """An e-mail is tried for ``EMAIL_GIVE_UP_HOURS`` (48 by default) before it is marked
    failed; an admin can then ask for it again from the deliveries page."""
    return now - since >= timedelta(hours=settings.EMAIL_GIVE_UP_HOURS)


def deliver(notification_ids: list[int]) -> list[int]:
    """E-mail each waiting notification once. Returns the ids that failed but will be
    tried again by the relay."""
    # What each e-mail says, and to whom, is read once for the batch; whether it is
    # still to be sent is decided row by row under the row's lock.
    notifications = Notification.objects.select_related("recipient").in_bulk(notification_ids)
    retry: list[int] = []
    connection = mailers.default
    try:
        connection.open()  # one connection for the batch
    except Exception:
        logger.warning("Mail server unreachable; each e-mail records its own failure.")
    try:
        for notification_id in notification_ids:
            notification = notifications.get(notification_id)
            if notification is None or notification.email_state != EmailState.PENDING:
                continue  # sent already, or not for e-mail
            if not _deliver_one(notification, connection):
                retry.append(notification_id)
    finally:
        connection.close()
    return retry


def _deliver_one(notification: Notification, connection) -> bool:
    """True when the notification needs nothing more (sent, not ours, or given up)."""
    with transaction.atomic():
        # The row is found by its primary key alone: with the state in the condition the
        # planner may walk the whole outbox index for each row (its statistics say the
        # outbox is empty just when a fan-out has filled it).
        claimed = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification.pk)
            .order_by()
            .values_list("email_state", "email_attempts", "email_requeued_at")
        )
        if not claimed or claimed[0][0] != EmailState.PENDING:
            return True  # sent already, being sent by another worker, or not for e-mail
        _state, attempts, requeued_at = claimed[0]
        now = timezone.now()
        row = Notification.objects.filter(pk=notification.pk)
        try:
            connection.send_messages([notification_message(notification)])
        except Exception as error:
            logger.warning("E-mail for notification %s failed: %s", notification.pk, error)
            gave_up = given_up(since=requeued_at or notification.created_at, now=timezone.now())
            if gave_up:
                logger.error(
                    "Gave up e-mailing notification %s after %d attempts: %s",
                    notification.pk,
                    attempts + 1,
                    error,
                )
            row.update(
                email_attempts=attempts + 1,
                email_last_attempt_at=now,
                email_error=str(error)[:2000],
                email_state=EmailState.FAILED if gave_up else EmailState.PENDING,
            )
            return gave_up
        row.update(
            email_state=EmailState.SENT,
            emailed_at=timezone.now(),
            email_error="",
            email_attempts=attempts + 1,
            email_last_attempt_at=now,
        )
        return True


def waiting_emails_relay(*, now: datetime | None = None) -> int:
    """Ask again for e-mail left waiting (its task lost, or the broker down), backing off
    after failures. Returns how many were asked for."""
    now = now or timezone.now()
    candidates = (
        Notification.objects.filter(email_state=EmailState.PENDING)
        .filter(
            Q(email_last_attempt_at__isnull=True, created_at__lte=now - RELAY_AFTER)
            | Q(email_last_attempt_at__lte=now - RELAY_AFTER)
        )
        .order_by("id")
        .values_list("id", "email_attempts", "email_last_attempt_at")[:5000]
    )
    stale = [
        notification_id
        for notification_id, attempts, last_attempt in candidates
        if retry_due(attempts=attempts, last_attempt=last_attempt, now=now)
    ]
    if stale:
        logger.info("Relay asks again for %d waiting e-mails.", len(stale))
        request_delivery(stale, from_relay=True)
    outgoing = [
        email_id
        for email_id, attempts, last_attempt in OutgoingEmail.objects.filter(
            state=EmailState.PENDING, created_at__lte=now - RELAY_AFTER
        )
        .order_by("id")
        .values_list("id", "attempts", "last_attempt_at")[:5000]
        if retry_due(attempts=attempts, last_attempt=last_attempt, now=now)
    ]
    if outgoing:
        request_outgoing_delivery(outgoing)
    return len(stale) + len(outgoing)


# --- E-mail that is not a notification: invitations, password resets ----------------------


def outgoing_queue(message: EmailMessage) -> list[OutgoingEmail]:
    """Write the message as one outbox row per recipient, in the caller's transaction,
    and ask the workers for it after commit (``network.mail.send_later`` lands here)."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    rows = OutgoingEmail.objects.bulk_create(
        [
            OutgoingEmail(
                to=address,
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                subject=" ".join(str(message.subject).split())[:500],
                body=str(message.body),
                html=html,
            )
            for address in message.to
        ]
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: request_outgoing_delivery(ids))
    return rows


def request_outgoing_delivery(email_ids: list[int]) -> None:
    """Never raises: with the broker down, the relay asks again later."""
    try:
        current_app.tasks[DELIVER_OUTGOING_TASK].delay(email_ids)
    except Exception:
        logger.warning(
            "Could not enqueue %d e-mails; the relay will retry.", len(email_ids), exc_info=True
        )


def deliver_outgoing(email_ids: list[int]) -> None:
    """Send each waiting outgoing e-mail once (claimed like the notifications' e-mail)."""
    connection = mailers.default
    try:
        connection.open()
    except Exception:
        logger.warning("Mail server unreachable; each e-mail records its own failure.")
    try:
        for email_id in email_ids:
            _deliver_outgoing_one(email_id, connection)
    finally:
        connection.close()


def _deliver_outgoing_one(email_id: int, connection) -> None:
    with transaction.atomic():
        # By the primary key alone, as a notification's row (see ``_deliver_one``).
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None or email.state != EmailState.PENDING:
            return  # sent already, or being sent by another worker
        email.attempts += 1
        email.last_attempt_at = timezone.now()
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body,
            from_email=email.from_email,
            to=[email.to],
            # The same Message-ID on a resend, as the notifications' e-mail has.
            headers={"Message-ID": f"<outgoing-{email.pk}@verkosto>"},
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        try:
            connection.send_messages([message])
        except Exception as error:
            logger.warning("Outgoing e-mail %s failed: %s", email_id, error)
            email.error = str(error)[:2000]
            if given_up(since=email.requeued_at or email.created_at, now=timezone.now()):
                email.state = EmailState.FAILED
                logger.error(
                    "Gave up sending e-mail %s after %d attempts: %s",
                    email_id,
                    email.attempts,
                    error,
                )
            email.save(update_fields=["attempts", "last_attempt_at", "error", "state"])
            return
        email.state = EmailState.SENT
        email.sent_at = timezone.now()
        email.error = ""
        # The text may carry a secret (an invitation's link): it goes with the e-mail.
        email.body = email.html = ""
        email.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "error",
                "state",
                "sent_at",
                "body",
                "html",
            ]
        )


def digest_due_since(*, hour: int, now: datetime) -> datetime:
    """The most recent moment (Finnish time) at which a digest at ``hour`` was due."""
    local = now.astimezone(HELSINKI)
    due = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if due > local:
        due -= timedelta(days=1)
    return due


def digests_send_due(*, now: datetime | None = None) -> int:
    """Send each person's daily digest if its hour has come and it has not gone today.

    One e-mail per person per day, with everything waiting since the last one.
    """
    now = now or timezone.now()
    waiting_user_ids = (
        Notification.objects.filter(email_state=EmailState.DIGEST)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(waiting_user_ids):
        try:
            if _send_digest(user_id, now):
                sent += 1
        except Exception:
            # One person's failing digest must not hold up everyone else's.
            logger.exception("The digest for user %s failed; it is tried again later.", user_id)
    return sent


def _send_digest(user_id: int, now: datetime) -> bool:
    with transaction.atomic():
        created_settings, _created = DeliverySettings.objects.get_or_create(user_id=user_id)
        delivery_settings = (
            DeliverySettings.objects.select_for_update(skip_locked=True)
            .select_related("user")
            .filter(pk=created_settings.pk)
            .first()
        )
        if delivery_settings is None:
            return False  # another worker is sending this person's digest
        due_since = digest_due_since(hour=delivery_settings.digest_hour, now=now)
        last = delivery_settings.last_digest_at
        if last is not None and last >= due_since:
            return False  # today's digest has gone
        waiting = Notification.objects.filter(
            recipient_id=user_id, email_state=EmailState.DIGEST, created_at__lte=now
        ).order_by("created_at", "id")
        if not waiting.filter(created_at__lt=due_since).exists():
            return False  # nothing has waited across a digest hour yet
        notifications = list(waiting)
        user = delivery_settings.user
        if user.is_active:
            with mailers.default as connection:
                connection.send_messages([digest_message(user, notifications)])
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_state=EmailState.SENT if user.is_active else EmailState.NONE, emailed_at=now
        )
        delivery_settings.last_digest_at = now
        delivery_settings.save(update_fields=["last_digest_at"])
        return True
