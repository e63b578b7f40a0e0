"""The publishing step of the public site: drafted, reviewed and published (or
scheduled) by a communications officer; unpublishing leaves a "withdrawn" page."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communications.public.models import PublicItem, PublicState
from communications.public.permissions import can_draft_public, can_publish_public
from network.models import User
from network.search import search_index
from network.validators import check_sensible_dates


def _unique_slug(language: str, title: str, exclude: int | None = None) -> str:
    base = slugify(title)[:100] or "uutinen"
    slug, number = base, 2
    # pk=None excludes nothing (Django matches it as IS NULL); the stubs allow no None here.
    while PublicItem.objects.filter(language=language, slug=slug).exclude(pk=exclude).exists():  # type: ignore[misc]
        slug, number = f"{base}-{number}", number + 1
    return slug


def public_item_save(
    *,
    actor: User,
    kind: str,
    language: str,
    title: str,
    lead: str,
    body: str,
    item: PublicItem | None = None,
    translation_of: PublicItem | None = None,
) -> PublicItem:
    """Write or change an item that is not live yet; a translation joins its original.
    The address (slug) is made here from the title, unique in the language; if another
    item takes the same address at the same moment, this one is refused with a
    ValidationError (the form keeps what was typed) instead of failing."""
    if not can_draft_public(actor):
        raise PermissionDenied(_("You do not have the right to do this."))
    if item is not None and item.state == PublicState.PUBLISHED:
        raise ValidationError(_("Unpublish the item before changing it."))
    if not title.strip() or not lead.strip() or not body.strip():
        raise ValidationError(_("An item needs a title, a lead and a text."))
    if (
        translation_of is not None
        and PublicItem.objects.filter(
            translation_of=translation_of.translation_of, language=language
        )
        .exclude(pk=getattr(item, "pk", None))  # type: ignore[misc]  # None: IS NULL, as above
        .exists()
    ):
        raise ValidationError({"language": _("This item already has a version in that language.")})
    with transaction.atomic():
        if item is not None:
            # An officer may have published it meanwhile: look again under a lock.
            item.refresh_from_db(from_queryset=PublicItem.objects.select_for_update())
            if item.state == PublicState.PUBLISHED:
                raise ValidationError(_("Unpublish the item before changing it."))
        return _save_content(actor, item, kind, language, title, lead, body, translation_of)


def _save_content(
    actor: User,
    item: PublicItem | None,
    kind: str,
    language: str,
    title: str,
    lead: str,
    body: str,
    translation_of: PublicItem | None,
) -> PublicItem:
    item = item or PublicItem(author=actor)
    item.kind, item.language = kind, language
    item.title, item.lead, item.body = title.strip(), lead.strip(), body.strip()
    if translation_of is not None:
        item.translation_of = translation_of.translation_of
    if not item.slug:
        item.slug = _unique_slug(language, title)
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:
        # Two identical submissions at once both found the address free.
        if "public_item_one_per_language" in str(error):
            raise ValidationError(
                {"language": _("This item already has a version in that language.")}
            ) from None
        raise ValidationError(
            _(
                "Another item with the same title was saved at the same moment. "
                "Check the list of items; save again if this one is still needed."
            )
        ) from None
    search_index("public_item", item.pk)
    return item


def public_item_submit(*, actor: User, item: PublicItem) -> PublicItem:
    if not can_draft_public(actor):
        raise PermissionDenied(_("You do not have the right to do this."))
    if item.state not in (PublicState.DRAFT, PublicState.UNPUBLISHED):
        raise ValidationError(_("Only a draft is sent for review."))
    item.state = PublicState.IN_REVIEW
    item.save(update_fields=["state"])
    return item


def public_item_publish(
    *, actor: User, item: PublicItem, publish_at: datetime | None = None
) -> PublicItem:
    """A communications officer reviews and publishes, now or at a set time."""
    if not can_publish_public(actor):
        raise PermissionDenied(_("Only a communications officer publishes on the public site."))
    check_sensible_dates(publish_at=publish_at)
    with transaction.atomic():
        item.refresh_from_db(from_queryset=PublicItem.objects.select_for_update())
        if item.state not in (PublicState.IN_REVIEW, PublicState.UNPUBLISHED):
            raise ValidationError(_("Send the item for review before publishing it."))
        item.state = PublicState.PUBLISHED
        item.published_at = (
            publish_at if publish_at and publish_at > timezone.now() else timezone.now()
        )
        item.reviewed_by = actor
        item.unpublished_at = None
        item.published_title = item.title
        item.save(
            update_fields=[
                "state",
                "published_at",
                "reviewed_by",
                "unpublished_at",
                "published_title",
            ]
        )
        search_index("public_item", item.pk)
    return item


def public_item_unpublish(*, actor: User, item: PublicItem) -> PublicItem:
    """Take an item off the site; its address then says it was withdrawn."""
    if not can_publish_public(actor):
        raise PermissionDenied(_("Only a communications officer publishes on the public site."))
    if item.state != PublicState.PUBLISHED:
        raise ValidationError(_("The item is not published."))
    item.state = PublicState.UNPUBLISHED
    item.unpublished_at = timezone.now()
    item.save(update_fields=["state", "unpublished_at"])
    return item
