"""State changes of bulletins."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communications.audiences import people_in
from communications.bulletins import permissions
from communications.bulletins.models import (
    Bulletin,
    BulletinAttachment,
    BulletinAudience,
    BulletinComment,
    BulletinRead,
    BulletinState,
)
from communications.due_rows import handle_due_rows
from communications.kinds import BULLETIN
from communications.services import notifications_mark_done, notify
from network.models import User
from network.search import search_index
from network.translations import versions
from network.validators import check_sensible_dates


def bulletin_save(
    *,
    actor: User,
    title: str,
    text: str,
    audience: list[tuple[str, str]],
    urgent: bool = False,
    pinned_until: date | None = None,
    attachments: list | None = None,
    bulletin: Bulletin | None = None,
    cornerstones: list[str] | None = None,
    title_sv: str = "",
    title_en: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> Bulletin:
    """Write or change a bulletin that is not published yet."""
    if not permissions.can_write(actor):
        raise PermissionDenied(_("You do not have the right to do this."))
    if bulletin is not None and not permissions.can_edit(actor, bulletin):
        raise ValidationError(_("A published bulletin cannot be changed."))
    if not title.strip() or not text.strip():
        raise ValidationError(_("A bulletin needs a title and a text."))
    if not audience:
        raise ValidationError({"audience": _("Choose who the bulletin is for.")})
    for kind, key in audience:
        if not permissions.can_address(actor, kind, key):
            raise PermissionDenied(_("You cannot address this audience."))
    try:
        files = [
            BulletinAttachment.from_upload(upload, uploaded_by=actor)
            for upload in attachments or []
        ]
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error
    with transaction.atomic():
        if bulletin is None:
            bulletin = Bulletin(author=actor)
        else:
            # The relay may have published it meanwhile: look again under a lock.
            bulletin.refresh_from_db(from_queryset=Bulletin.objects.select_for_update())
            if bulletin.state == BulletinState.PUBLISHED:
                raise ValidationError(_("A published bulletin cannot be changed."))
        bulletin.title, bulletin.text = title.strip(), text.strip()
        bulletin.title_sv, bulletin.title_en = title_sv.strip(), title_en.strip()
        bulletin.text_sv, bulletin.text_en = text_sv.strip(), text_en.strip()
        bulletin.urgent, bulletin.pinned_until = urgent, pinned_until
        bulletin.cornerstones = sorted(set(cornerstones or []))
        bulletin.full_clean()
        bulletin.save()
        bulletin.audience.all().delete()
        BulletinAudience.objects.bulk_create(
            [
                BulletinAudience(bulletin=bulletin, kind=kind, key=key)
                for kind, key in sorted(set(audience))
            ]
        )
        for file in files:
            file.bulletin = bulletin
            file.save()
        search_index("bulletin", bulletin.pk)
    return bulletin


def bulletin_publish(
    *, actor: User, bulletin: Bulletin, publish_at: datetime | None = None
) -> Bulletin:
    """Publish now, or schedule for later; the audience is told when it is published."""
    if not permissions.can_edit(actor, bulletin):
        raise PermissionDenied(_("You do not have the right to do this."))
    check_sensible_dates(publish_at=publish_at)
    with transaction.atomic():
        bulletin.refresh_from_db(from_queryset=Bulletin.objects.select_for_update())
        if bulletin.state == BulletinState.PUBLISHED:
            raise ValidationError(_("The bulletin is already published."))
        if publish_at is not None and publish_at > timezone.now():
            bulletin.state, bulletin.publish_at = BulletinState.SCHEDULED, publish_at
            bulletin.save(update_fields=["state", "publish_at"])
            return bulletin
        _publish(bulletin)
    return bulletin


def _publish(bulletin: Bulletin) -> None:
    bulletin.state = BulletinState.PUBLISHED
    bulletin.published_at = timezone.now()
    bulletin.save(update_fields=["state", "published_at"])
    search_index("bulletin", bulletin.pk)
    audience = [(a.kind, a.key) for a in bulletin.audience.all()]
    notify(
        recipients=people_in(audience),
        kind=BULLETIN,
        about=bulletin,
        params={"title": versions(bulletin, "title")},
        urgent=bulletin.urgent,
        exclude=[bulletin.author_id],
    )


def bulletins_publish_due(*, now: datetime | None = None) -> int:
    """Publish every scheduled bulletin whose time has come, each exactly once, each in
    its own transaction; one that fails is logged and skipped, and the others go out."""
    now = now or timezone.now()
    due = Bulletin.objects.filter(state=BulletinState.SCHEDULED, publish_at__lte=now).order_by(
        "publish_at", "id"
    )
    return handle_due_rows(
        due, lambda pk: _publish(Bulletin.objects.get(pk=pk)), what="Scheduled bulletin"
    )


def bulletin_mark_read(*, user: User, bulletin: Bulletin) -> None:
    if bulletin.state != BulletinState.PUBLISHED or user.pk == bulletin.author_id:
        return
    try:
        with transaction.atomic():
            BulletinRead.objects.get_or_create(bulletin=bulletin, user=user)
    except IntegrityError:
        pass  # read in two tabs at the same moment: once is enough
    notifications_mark_done(users=[user], about=bulletin, kinds=[BULLETIN])


def bulletin_comment(*, user: User, bulletin: Bulletin, text: str) -> BulletinComment:
    if not permissions.can_view(user, bulletin) or bulletin.state != BulletinState.PUBLISHED:
        raise PermissionDenied(_("You do not have the right to do this."))
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    comment = BulletinComment.objects.create(bulletin=bulletin, author=user, text=text.strip())
    search_index("bulletin", bulletin.pk)
    return comment
