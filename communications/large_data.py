"""Communications' part of the large data set (``network.large_data``): 10,000 bulletins
with read receipts and comments, public news in Finnish and Swedish, and 1,000,000
notifications."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from communications.bulletins.models import (
    Bulletin,
    BulletinAudience,
    BulletinComment,
    BulletinRead,
    BulletinState,
)
from communications.models import EmailState, Notification
from communications.public.models import PublicItem, PublicKind, PublicState
from network.benchmark import register_benchmark_page
from network.large_data import Build, copy_rows, register_large_data_step

BATCH = 5000
#: Kinds whose titles need only these parameters.
NOTIFICATION_KINDS = [
    "bulletin",
    "minutes_approved",
    "status_update_posted",
    "agenda_published",
    "consultation_opened",
    "position_decided",
    "reminder",
    "followed_changed",
]


@register_large_data_step("bulletins", 60)
def build_bulletins(build: Build) -> None:
    people = build.shared["people"]
    officials = build.shared["officials"]
    departments = build.shared["departments"]
    bench = build.shared["benchmark_director"]
    now = timezone.now()
    bulletins = []
    published_times: list[datetime] = []  # of each bulletin, in the same order
    for number in range(build.n(10_000)):
        published = build.moment(build.day()) if number else now - timedelta(hours=2)
        published_times.append(min(published, now))
        bulletins.append(
            Bulletin(
                title=f"{build.text.fi_title()} ({number + 1})",
                text=build.text.fi_paragraphs(3, 3),
                urgent=build.rng.random() < 0.03,
                state=BulletinState.PUBLISHED,
                published_at=min(published, now),
                pinned_until=build.today + timedelta(days=7) if number < 2 else None,
                author=build.rng.choice(officials),
                created_at=min(published, now) - timedelta(hours=1),
            )
        )
    bulletins = Bulletin.objects.bulk_create(bulletins, batch_size=BATCH)
    audiences = []
    for bulletin in bulletins:
        draw = build.rng.random()
        if draw < 0.7:
            audiences.append(BulletinAudience(bulletin=bulletin, kind="network", key="all"))
        elif draw < 0.9:
            department = build.rng.choice(departments)
            audiences.append(
                BulletinAudience(bulletin=bulletin, kind="department", key=str(department.pk))
            )
        else:
            audiences.append(BulletinAudience(bulletin=bulletin, kind="role", key="director"))
    BulletinAudience.objects.bulk_create(audiences, batch_size=BATCH)
    reads = 0

    def read_rows():
        nonlocal reads
        for bulletin, published in zip(bulletins, published_times, strict=True):
            readers = {p.pk for p in build.rng.sample(people, min(len(people), 30))}
            if build.rng.random() < 0.9:
                readers.add(bench.pk)
            for reader in sorted(readers):
                reads += 1
                yield bulletin.pk, reader, published + timedelta(hours=3)

    copy_rows(BulletinRead._meta.db_table, ("bulletin_id", "user_id", "read_at"), read_rows())
    comments = [
        BulletinComment(
            bulletin=bulletin,
            author=build.rng.choice(people),
            text=build.text.fi(1),
            created_at=published + timedelta(hours=5),
        )
        for bulletin, published in zip(bulletins, published_times, strict=True)
        if build.rng.random() < 0.3
    ]
    BulletinComment.objects.bulk_create(comments, batch_size=BATCH)
    build.count("bulletins", len(bulletins))
    build.count("bulletin reads", reads)
    build.count("bulletin comments", len(comments))
    build.shared["bulletins"] = bulletins

    items = []
    for number in range(build.n(500, minimum=2)):
        published = min(build.moment(build.day()), now)
        translation = uuid.UUID(int=build.rng.getrandbits(128))
        title = build.text.fi_title()
        items.append(
            PublicItem(
                kind=build.rng.choice(PublicKind.values),
                language="fi",
                translation_of=translation,
                slug=f"uutinen-{number + 1}",
                title=title,
                lead=build.text.fi(1),
                body=build.text.fi_paragraphs(3, 3),
                state=PublicState.PUBLISHED,
                published_at=published,
                published_title=title,
                author=build.rng.choice(officials),
                reviewed_by=officials[0],
                created_at=published,
            )
        )
        if number % 3 == 0:
            items.append(
                PublicItem(
                    kind=items[-1].kind,
                    language="sv",
                    translation_of=translation,
                    slug=f"nyhet-{number + 1}",
                    title=f"Nyhet {number + 1}",
                    lead=build.text.sv(1),
                    body=build.text.sv(6),
                    state=PublicState.PUBLISHED,
                    published_at=published,
                    published_title=f"Nyhet {number + 1}",
                    author=items[-1].author,
                    reviewed_by=officials[0],
                    created_at=published,
                )
            )
    PublicItem.objects.bulk_create(items, batch_size=BATCH)
    build.count("public items", len(items))


@register_large_data_step("notifications", 900)
def build_notifications(build: Build) -> None:
    """1,000,000 notifications over ten years, most of them read and e-mailed long ago;
    directors get about twice their share."""
    people = build.shared["people"]
    weights = [2 if p.department_role == "director" else 1 for p in people]
    titles = [build.text.fi_title() for _ in range(200)]
    now = timezone.now()
    span = int((now - build.moment(build.start)).total_seconds())
    total = build.n(1_000_000)
    recipients = build.rng.choices(people, weights=weights, k=total)

    def rows():
        rng = build.rng
        for recipient in recipients:
            age = int(span * (rng.random() ** 2))  # more of them recent
            created = now - timedelta(seconds=age)
            read = created + timedelta(hours=2) if age > 3 * 86400 or rng.random() < 0.5 else None
            kind = rng.choice(NOTIFICATION_KINDS)
            params = json.dumps(
                {"title": rng.choice(titles), "when": f"{created:%-d.%-m.%Y}", "body": "Hallitus"},
                ensure_ascii=False,
            )
            emailed = kind != "followed_changed"
            yield (
                recipient.pk,
                kind,
                params,
                "/dashboard/",
                "",
                False,
                created,
                read,
                EmailState.SENT if emailed else EmailState.NONE,
                1 if emailed else 0,
                "",
                created + timedelta(minutes=1) if emailed else None,
            )

    build.count(
        "notifications",
        copy_rows(
            Notification._meta.db_table,
            (
                "recipient_id",
                "kind",
                "params",
                "url",
                "about_id",
                "urgent",
                "created_at",
                "read_at",
                "email_state",
                "email_attempts",
                "email_error",
                "emailed_at",
            ),
            rows(),
        ),
    )


register_benchmark_page("bulletins", 90, lambda user: reverse("bulletins:list"))
register_benchmark_page("inbox", 100, lambda user: reverse("notifications:inbox"))
register_benchmark_page(
    "public site",
    130,
    lambda user: reverse("public:home", kwargs={"language": "fi"}),
    signed_in=False,
)
register_benchmark_page(
    "public feed",
    140,
    lambda user: reverse("public:feed", kwargs={"language": "fi"}),
    signed_in=False,
)
