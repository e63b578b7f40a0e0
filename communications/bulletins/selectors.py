"""Reusable reads of bulletins."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from communications.audiences import keys_for, people_in
from communications.bulletins.models import Bulletin, BulletinAudience, BulletinRead, BulletinState
from network.models import User


def visible_bulletins(*, user: User) -> QuerySet[Bulletin]:
    """The only definition of which bulletins a person may open (``permissions.can_view``
    asks it about one): their own
    and, for communications officers, all; otherwise the published ones addressed to them."""
    from network.permissions import is_communications_officer, is_member

    if not is_member(user):
        return Bulletin.objects.none()
    if is_communications_officer(user):
        return Bulletin.objects.all()
    condition = Q(pk__in=[])
    for kind, key in keys_for(user):
        condition |= Q(kind=kind, key=key)
    addressed = BulletinAudience.objects.filter(condition, bulletin=OuterRef("pk"))
    return Bulletin.objects.filter(
        Q(author=user) | (Q(state=BulletinState.PUBLISHED) & Exists(addressed))
    )


def bulletins_for(*, user: User) -> QuerySet[Bulletin]:
    """Published bulletins addressed to the person: pinned first, newest next."""
    condition = Q(pk__in=[])
    for kind, key in keys_for(user):
        condition |= Q(kind=kind, key=key)
    addressed = BulletinAudience.objects.filter(condition, bulletin=OuterRef("pk"))
    today = timezone.localdate()
    return (
        Bulletin.objects.filter(state=BulletinState.PUBLISHED)
        .filter(Exists(addressed))
        .select_related("author")
        .annotate(
            is_read=Exists(BulletinRead.objects.filter(bulletin=OuterRef("pk"), user=user)),
            pinned=Case(
                When(pinned_until__gte=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-pinned", "-published_at")
    )


def bulletins_by(*, user: User) -> QuerySet[Bulletin]:
    """What the person has written (drafts and scheduled included)."""
    return Bulletin.objects.filter(author=user).order_by("-created_at")


def receipts(*, bulletin: Bulletin) -> dict:
    """Who of the audience has read it, and per department "read by X of Y departments"."""
    audience_ids = people_in([(a.kind, a.key) for a in bulletin.audience.all()])
    readers = set(BulletinRead.objects.filter(bulletin=bulletin).values_list("user_id", flat=True))
    people = list(
        User.objects.filter(pk__in=audience_ids)
        .select_related("department")
        .order_by("department__name_fi", "last_name")
    )
    departments: dict[int, bool] = {}
    for person in people:
        if person.department_id:
            departments[person.department_id] = departments.get(person.department_id, False) or (
                person.pk in readers
            )
    return {
        "people": [(person, person.pk in readers) for person in people],
        "read_count": len(readers & set(audience_ids)),
        "audience_count": len(audience_ids),
        "departments_read": sum(departments.values()),
        "departments_total": len(departments),
    }
