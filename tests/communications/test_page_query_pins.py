"""The communications pages without a pin of their own ask the same, exactly pinned
number of questions with a little or a lot of data: a bulletin, the public site's home
page and the communications officer's list of public items."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications import services as notifications
from communications.bulletins import services as bulletins
from communications.bulletins.models import BulletinRead
from communications.kinds import all_kinds
from communications.public import services as public
from governance.positions import services as positions
from network.models import Department, NetworkRole
from tests.communications.test_inbox_and_preferences import QUERIES_FOR_INBOX
from tests.factories import make_user, sign_in
from tests.positions import conftest as positions_conftest

pytestmark = pytest.mark.django_db

cast = positions_conftest.cast

#: Each page's exact number of queries, pinned: a change that adds a query per row fails.
BULLETIN_DETAIL_QUERIES = 13
BULLETIN_FIRST_READ_QUERIES = 18
PUBLIC_HOME_QUERIES = 2
PUBLIC_MANAGE_QUERIES = 5


@pytest.fixture
def pinned(django_assert_num_queries):
    """Counts from a cold content-type cache, as in a fresh process: the same every time."""

    def pinned(number):
        ContentType.objects.clear_cache()
        return django_assert_num_queries(number)

    return pinned


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


def bulletin_to_departments(comms, size):
    """A bulletin to ``size`` departments and the directors, with as many files, and a
    comment and a reading from each department."""
    addressed = list(Department.objects.order_by("pk"))[:size]
    bulletin = bulletins.bulletin_save(
        actor=comms,
        title="Tiedote laitoksille",
        text="Asia.",
        audience=[("department", str(d.pk)) for d in addressed] + [("role", "director")],
        attachments=[SimpleUploadedFile(f"liite{n}.pdf", b"%PDF-1.4 x") for n in range(size)],
    )
    bulletin = bulletins.bulletin_publish(actor=comms, bulletin=bulletin)
    for n, department in enumerate(addressed):
        reader = make_user(department=department)
        bulletins.bulletin_comment(user=reader, bulletin=bulletin, text=f"Kommentti {n}")
        BulletinRead.objects.create(bulletin=bulletin, user=reader)
        make_user(department=department)
    return bulletin, addressed


@pytest.mark.parametrize("size", [2, 20])
def test_a_bulletin_asks_its_writer_the_same_questions_with_2_or_20_departments_files_comments_and_readers(  # noqa: E501
    departments, comms, pinned, size
):
    bulletin, _addressed = bulletin_to_departments(comms, size)
    client = sign_in(Client(), comms)

    with pinned(BULLETIN_DETAIL_QUERIES):
        response = client.get(reverse("bulletins:detail", args=[bulletin.pk]))

    assert len(response.context["audience"]) == size + 1
    assert response.context["receipts"]["read_count"] == size


@pytest.mark.parametrize("size", [2, 20])
def test_a_bulletin_read_the_first_time_asks_the_same_questions_with_2_or_20_departments_files_and_comments(  # noqa: E501
    departments, comms, pinned, size
):
    bulletin, addressed = bulletin_to_departments(comms, size)
    reader = make_user(department=addressed[0])
    client = sign_in(Client(), reader)

    with pinned(BULLETIN_FIRST_READ_QUERIES):
        response = client.get(reverse("bulletins:detail", args=[bulletin.pk]))

    assert response.context["receipts"] is None
    assert BulletinRead.objects.filter(bulletin=bulletin, user=reader).exists()


def publish_item(author, publisher, number):
    item = public.public_item_save(
        actor=author,
        kind="news" if number % 2 else "press",
        language="fi",
        title=f"Uutinen {number}",
        lead="Pelastuslaitokset esittävät yhteisen kannan.",
        body="## Taustaa\n\nTeksti.",
    )
    public.public_item_submit(actor=author, item=item)
    return public.public_item_publish(actor=publisher, item=item)


def publish_position(cast, number):
    position = positions.position_create(
        actor=cast["official"],
        title=f"Kannanotto {number}",
        summary="Verkosto esittää.",
        text="Teksti.",
        cornerstones=["influence"],
        workstreams=["finance"],
    )
    position = positions.consultation_open(
        actor=cast["official"],
        position=position,
        deadline=positions_conftest.later(),
        questions=["Onko tämä oikein?"],
    )
    positions_conftest.approve(position, cast)
    return positions.position_publish(actor=cast["comms"], position=position, publication="public")


@pytest.mark.parametrize("size", [1, 12])
def test_the_public_home_asks_the_same_questions_with_1_or_12_news_and_positions(
    cast, client, pinned, size
):
    author = make_user(roles=[NetworkRole.OFFICIAL])
    for number in range(size):
        publish_item(author, cast["comms"], number)
        publish_position(cast, number)

    with pinned(PUBLIC_HOME_QUERIES):
        response = client.get(reverse("public:home", args=["fi"]))

    assert len(response.context["entries"]) == 2 * size


@pytest.mark.parametrize("size", [2, 30])
def test_the_public_items_list_asks_the_same_questions_with_2_or_30_items_by_as_many_people(
    comms, pinned, size
):
    for number in range(size):
        author = make_user(roles=[NetworkRole.OFFICIAL])
        if number % 3:
            publish_item(author, make_user(roles=[NetworkRole.COMMUNICATIONS]), number)
        else:
            public.public_item_save(
                actor=author,
                kind="news",
                language="sv",
                title=f"Nyhet {number}",
                lead="L",
                body="B",
            )
    client = sign_in(Client(), comms)

    with pinned(PUBLIC_MANAGE_QUERIES):
        response = client.get(reverse("public:manage"))

    assert len(response.context["items"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_the_inbox_asks_the_same_questions_with_1_or_3_of_every_kind_about_bulletins_read_or_not(
    comms, pinned, size
):
    reader = make_user()
    for number in range(size):
        bulletin = bulletins.bulletin_save(
            actor=comms, title=f"Tiedote {number}", text="Asia.", audience=[("network", "all")]
        )
        for kind in all_kinds():
            notifications.notify(
                recipients=[reader],
                kind=kind.key,
                about=bulletin,
                params={"title": f"Asia {number}"},
                url=bulletin.get_absolute_url(),
                urgent=bool(number % 2),
            )
    reader.notifications.filter(pk__in=reader.notifications.values("pk")[:size]).update(
        read_at=timezone.now()
    )
    client = sign_in(Client(), reader)

    with pinned(QUERIES_FOR_INBOX):
        response = client.get(reverse("notifications:inbox"))

    assert response.context["page"].paginator.count == size * len(all_kinds())
