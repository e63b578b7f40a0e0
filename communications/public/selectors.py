from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from communications.public.models import PublicItem, PublicState
from network.permissions import AnyUser


def items_to_review() -> QuerySet[PublicItem]:
    return (
        PublicItem.objects.filter(state=PublicState.IN_REVIEW)
        .select_related("author")
        .order_by("created_at")
    )


def visible_public_items(*, user: AnyUser) -> QuerySet[PublicItem]:
    """What anyone may read of the public site: items published and due (drafts, items
    in review and items taken off the site stay with the communications officers)."""
    return PublicItem.objects.filter(state=PublicState.PUBLISHED, published_at__lte=timezone.now())


def live_items(*, language: str) -> QuerySet[PublicItem]:
    return PublicItem.objects.filter(
        language=language, state=PublicState.PUBLISHED, published_at__lte=timezone.now()
    ).order_by("-published_at")


def language_versions(*, item: PublicItem) -> QuerySet[PublicItem]:
    return PublicItem.objects.filter(
        translation_of=item.translation_of,
        state=PublicState.PUBLISHED,
        published_at__lte=timezone.now(),
    ).exclude(pk=item.pk)
