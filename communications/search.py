"""Communications' kinds of content in the search (``network.search``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from communications.bulletins.models import Bulletin, BulletinState
from communications.bulletins.selectors import visible_bulletins
from communications.public.models import PublicItem
from communications.public.selectors import visible_public_items
from network.search import SearchDocument, SearchSource, register_search_source
from network.translations import versions


def _bulletin_document(bulletin: Bulletin) -> SearchDocument:
    comments = [("fi", comment.text) for comment in bulletin.comments.all()]
    return SearchDocument(
        title=bulletin.title,
        titles=versions(bulletin, "title"),
        url=bulletin.get_absolute_url(),
        parts=[
            ("fi", bulletin.text),
            ("sv", bulletin.title_sv),
            ("sv", bulletin.text_sv),
            ("en", bulletin.title_en),
            ("en", bulletin.text_en),
            *comments,
        ],
        date=bulletin.published_at if bulletin.state == BulletinState.PUBLISHED else None,
    )


def _public_item_document(item: PublicItem) -> SearchDocument:
    return SearchDocument(
        title=item.title,
        url=item.get_absolute_url(),
        parts=[(item.language, item.lead), (item.language, item.body)],
        language=item.language,
        date=item.published_at,
    )


def register() -> None:
    register_search_source(
        SearchSource(
            kind="bulletin",
            label=_("Bulletins"),
            visible=lambda user: visible_bulletins(user=user),
            document=_bulletin_document,
            objects=lambda: Bulletin.objects.prefetch_related("comments"),
            order=30,
        )
    )
    register_search_source(
        SearchSource(
            kind="public_item",
            label=_("Public news"),
            visible=lambda user: visible_public_items(user=user),
            document=_public_item_document,
            objects=lambda: PublicItem.objects.all(),
            order=31,
        )
    )
