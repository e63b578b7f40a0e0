from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communications.bulletins import selectors, services
from communications.bulletins.models import Bulletin, BulletinRead, BulletinState
from communications.models import Notification
from governance.models import Body, BodyKind, Role
from network.models import NetworkRole
from tests.factories import make_director, make_user, sign_in
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


@pytest.fixture
def bodies(departments):
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    area = Body.objects.create(kind=BodyKind.SERVICE_AREA, slug="ict", name_fi="Tukipalvelut")
    return {"board": board, "area": area}


def write(actor, audience, **extra):
    values = {"title": "Tiedote", "text": "Tärkeä asia.", "audience": audience}
    values.update(extra)
    return services.bulletin_save(actor=actor, **values)


def test_a_person_in_two_targeted_bodies_is_told_once(comms, bodies):
    both = make_user()
    seat(bodies["board"], both)
    seat(bodies["area"], both)
    only_board = make_user()
    seat(bodies["board"], only_board)
    outsider = make_user()
    bulletin = write(comms, [("body", str(bodies["board"].pk)), ("body", str(bodies["area"].pk))])

    services.bulletin_publish(actor=comms, bulletin=bulletin)

    told = list(Notification.objects.filter(kind="bulletin").values_list("recipient_id", flat=True))
    assert sorted(told) == sorted([both.pk, only_board.pk])
    assert outsider.pk not in told


def test_urgent_bulletins_are_e_mailed_at_once_whatever_the_digest_choice(
    comms, departments, mailoutbox, django_capture_on_commit_callbacks
):
    director = make_director(departments["lappi"])
    bulletin = write(comms, [("role", "director")], urgent=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_publish(actor=comms, bulletin=bulletin)

    assert [m.to for m in mailoutbox] == [[director.email]]


def test_only_the_audience_sees_a_bulletin_its_attachments_and_comments(comms, departments):
    reader = make_director(departments["lappi"])
    outsider = make_user()
    bulletin = write(
        comms,
        [("department", str(departments["lappi"].pk))],
        attachments=[SimpleUploadedFile("ohje.pdf", b"%PDF ohje", "application/pdf")],
    )
    services.bulletin_publish(actor=comms, bulletin=bulletin)
    attachment = bulletin.attachments.get()
    reader_client, outsider_client = sign_in(Client(), reader), sign_in(Client(), outsider)

    assert reader_client.get(bulletin.get_absolute_url()).status_code == 200
    assert (
        reader_client.get(reverse("bulletins:attachment", args=[attachment.pk])).status_code == 200
    )
    assert outsider_client.get(bulletin.get_absolute_url()).status_code == 404
    assert (
        outsider_client.get(reverse("bulletins:attachment", args=[attachment.pk])).status_code
        == 404
    )
    assert (
        outsider_client.post(
            reverse("bulletins:comment", args=[bulletin.pk]), {"text": "x"}
        ).status_code
        == 404
    )
    assert bulletin not in selectors.bulletins_for(user=outsider)


def test_read_receipts_count_people_and_departments(comms, departments):
    readers = [make_director(departments[slug]) for slug in ("lappi", "kainuu", "satakunta")]
    bulletin = write(comms, [("role", "director")])
    services.bulletin_publish(actor=comms, bulletin=bulletin)

    for reader in readers[:2]:
        sign_in(Client(), reader).get(bulletin.get_absolute_url())
    receipts = selectors.receipts(bulletin=bulletin)

    assert (receipts["departments_read"], receipts["departments_total"]) == (2, 3)
    assert (receipts["read_count"], receipts["audience_count"]) == (2, 3)
    assert selectors.bulletins_for(user=readers[0]).get().is_read
    assert not selectors.bulletins_for(user=readers[2]).get().is_read


def test_reading_a_bulletin_marks_its_notification_read_for_that_reader_only(comms, departments):
    from communications.models import Notification

    reader, other = (make_director(departments[slug]) for slug in ("lappi", "kainuu"))
    bulletin = write(comms, [("role", "director")])
    services.bulletin_publish(actor=comms, bulletin=bulletin)

    sign_in(Client(), reader).get(bulletin.get_absolute_url())

    unread = Notification.objects.filter(kind="bulletin", read_at__isnull=True)
    assert not unread.filter(recipient=reader).exists()
    assert unread.filter(recipient=other).count() == 1


def test_a_scheduled_bulletin_is_published_and_told_when_its_time_comes(comms, departments):
    reader = make_director(departments["lappi"])
    bulletin = write(comms, [("network", "all")])
    at = timezone.now() + timedelta(hours=2)

    services.bulletin_publish(actor=comms, bulletin=bulletin, publish_at=at)
    assert bulletin.state == BulletinState.SCHEDULED
    assert not selectors.bulletins_for(user=reader).exists()
    assert services.bulletins_publish_due(now=at - timedelta(minutes=1)) == 0

    assert services.bulletins_publish_due(now=at) == 1
    assert selectors.bulletins_for(user=reader).get() == bulletin
    assert Notification.objects.filter(recipient=reader, kind="bulletin").count() == 1
    assert services.bulletins_publish_due(now=at + timedelta(hours=1)) == 0


def test_pinned_bulletins_come_first_until_their_date(comms, departments):
    reader = make_director(departments["lappi"])
    pinned = write(comms, [("network", "all")], title="Pinned", pinned_until=timezone.localdate())
    newer = write(comms, [("network", "all")], title="Newer")
    services.bulletin_publish(actor=comms, bulletin=pinned)
    services.bulletin_publish(actor=comms, bulletin=newer)

    assert [b.title for b in selectors.bulletins_for(user=reader)] == ["Pinned", "Newer"]
    Bulletin.objects.filter(pk=pinned.pk).update(
        pinned_until=timezone.localdate() - timedelta(days=1)
    )
    assert [b.title for b in selectors.bulletins_for(user=reader)] == ["Newer", "Pinned"]


def test_a_chair_addresses_only_their_own_body(bodies):
    chair = make_user()
    seat(bodies["board"], chair, Role.CHAIR)

    write(chair, [("body", str(bodies["board"].pk))])
    with pytest.raises(PermissionDenied):
        write(chair, [("body", str(bodies["area"].pk))])
    with pytest.raises(PermissionDenied):
        write(chair, [("network", "all")])


def test_members_without_a_role_cannot_write_bulletins(db):
    with pytest.raises(PermissionDenied):
        write(make_user(), [("network", "all")])
    response = sign_in(Client(), make_user()).get(reverse("bulletins:new"))
    assert response.status_code == 403


def test_a_bulletin_needs_an_audience(comms):
    with pytest.raises(ValidationError):
        write(comms, [])


def test_markdown_with_scripts_and_event_handlers_comes_out_harmless(comms, departments):
    reader = make_director(departments["lappi"])
    bulletin = write(
        comms,
        [("network", "all")],
        text=(
            'Hei <script>alert(1)</script> <img src=x onerror="alert(2)"> '
            "[klikkaa](javascript:alert(3)) **lihava**"
        ),
    )
    services.bulletin_publish(actor=comms, bulletin=bulletin)

    body = sign_in(Client(), reader).get(bulletin.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in body
    assert "onerror" not in body
    assert "javascript:alert" not in body
    assert "<strong>lihava</strong>" in body


def test_comments_are_for_the_audience(comms, departments):
    reader = make_director(departments["lappi"])
    bulletin = write(comms, [("network", "all")])
    services.bulletin_publish(actor=comms, bulletin=bulletin)

    sign_in(Client(), reader).post(
        reverse("bulletins:comment", args=[bulletin.pk]), {"text": "Kiitos!"}
    )

    assert bulletin.comments.get().text == "Kiitos!"


def test_the_bulletin_form_keeps_what_was_typed_when_the_audience_is_missing(comms):
    response = sign_in(Client(), comms).post(
        reverse("bulletins:new"),
        {"title": "Otsikko talteen", "text": "Teksti talteen", "action": "publish"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["audience"]
    assert "Teksti talteen" in response.content.decode()


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_bulletin_list_and_receipts_use_the_same_queries_with_5_or_500(comms, departments):
    reader = make_director(departments["lappi"])
    reader_client, comms_client = sign_in(Client(), reader), sign_in(Client(), comms)

    def publish(count):
        for _n in range(count):
            services.bulletin_publish(actor=comms, bulletin=write(comms, [("network", "all")]))

    publish(5)
    first = Bulletin.objects.order_by("pk").first()
    few_list = queries(reader_client, reverse("bulletins:list"))
    few_receipts = queries(comms_client, first.get_absolute_url())
    publish(95)
    for _n in range(400):
        BulletinRead.objects.create(bulletin=first, user=make_user())

    assert queries(reader_client, reverse("bulletins:list")) == few_list
    assert queries(comms_client, first.get_absolute_url()) == few_receipts


def test_a_refused_attachment_is_a_service_error_on_the_attachments_field(comms, departments):
    upload = SimpleUploadedFile("ohjelma.exe", b"MZ", content_type="application/octet-stream")

    with pytest.raises(ValidationError) as refused:
        write(comms, [("role", "director")], attachments=[upload])

    assert list(refused.value.message_dict) == ["attachments"]


def test_a_refused_attachment_is_shown_next_to_the_file_field_with_the_text_kept(
    comms, departments
):
    client = Client()
    sign_in(client, comms)
    response = client.post(
        reverse("bulletins:new"),
        {
            "title": "Tiedote liitteellä",
            "text": "Katso liite.",
            "audience": ["role:director"],
            "attachments": SimpleUploadedFile("ohjelma.exe", b"MZ"),
            "action": "save",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["attachments"]
    assert "__all__" not in form.errors
    assert form["title"].value() == "Tiedote liitteellä"
    assert not Bulletin.objects.exists()


def test_an_urgent_unread_bulletin_waits_on_the_dashboard_behind_any_number_of_newer_ones(
    comms, departments
):
    from tests.support.dashboard import waiting_section

    director = make_director(departments["lappi"])
    urgent = write(comms, [("role", "director")], title="Maastopalovaroitus", urgent=True)
    services.bulletin_publish(actor=comms, bulletin=urgent)
    for number in range(6):
        newer = write(comms, [("role", "director")], title=f"Uutiskirje {number}")
        services.bulletin_publish(actor=comms, bulletin=newer)
        Bulletin.objects.filter(pk=newer.pk).update(
            published_at=urgent.published_at + timedelta(minutes=number + 1)
        )

    section = waiting_section(director)
    assert "Maastopalovaroitus" in section
    assert "(yli " not in section
    page = sign_in(Client(), director).get(reverse("dashboard")).content.decode()
    assert "Uutiskirje 2" in page
    assert "Uutiskirje 1" not in page  # the panel lists five: the urgent one and four newest
    assert "Yli viisi lukematonta tiedotetta odottaa sinua." in page

    BulletinRead.objects.create(bulletin=urgent, user=director)
    assert "Maastopalovaroitus" not in waiting_section(director)


def test_five_urgent_bulletins_listed_and_more_unread_say_more_wait(comms, departments):
    from tests.support.dashboard import waiting_section

    director = make_director(departments["lappi"])
    urgent = []
    for number in range(6):
        bulletin = write(comms, [("role", "director")], title=f"Varoitus {number}", urgent=True)
        urgent.append(services.bulletin_publish(actor=comms, bulletin=bulletin))

    section = waiting_section(director)
    assert section.count("Kiireellinen tiedote") == 5
    assert "Odottaa toimiasi (yli 5)" in section

    BulletinRead.objects.create(bulletin=urgent[0], user=director)
    assert "Odottaa toimiasi (5)" in waiting_section(director)
