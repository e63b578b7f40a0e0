from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from communications import jobs, outbox, services
from communications.following import register_followable, unregister_followable
from communications.models import EmailState, Follow, Notification, ReminderState
from network.models import Department
from tests.communications.conftest import STATUS_UPDATE, VOTE_NEEDED
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(day: int, hour: int, minute: int = 5) -> datetime:
    return datetime(2018, 3, day, hour, minute, tzinfo=HELSINKI)


def test_the_digest_is_one_e_mail_per_person_with_everything_since_the_last(mailoutbox):
    person = make_user()
    services.digest_hour_set(user=person, hour=7)
    for title in ["ICT-yhteistyö", "Rahoitus", "Henkilöstö"]:
        services.notify(recipients=[person], kind=STATUS_UPDATE, params={"title": title})
    Notification.objects.update(created_at=at(5, 12))

    sent_early = outbox.digests_send_due(now=at(6, 6))  # before the chosen hour: waits
    sent = outbox.digests_send_due(now=at(6, 7))
    sent_again = outbox.digests_send_due(now=at(6, 9))

    assert (sent_early, sent, sent_again) == (0, 1, 0)
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert all(title in body for title in ["ICT-yhteistyö", "Rahoitus", "Henkilöstö"])
    assert not Notification.objects.filter(email_state=EmailState.DIGEST).exists()


def test_the_next_days_digest_has_only_what_came_after(mailoutbox):
    person = make_user()
    services.notify(recipients=[person], kind=STATUS_UPDATE, params={"title": "Eilinen"})
    Notification.objects.update(created_at=at(5, 12))
    outbox.digests_send_due(now=at(6, 7))
    services.notify(recipients=[person], kind=STATUS_UPDATE, params={"title": "Tämän päivän"})
    Notification.objects.filter(email_state=EmailState.DIGEST).update(created_at=at(6, 12))

    outbox.digests_send_due(now=at(7, 7))

    assert len(mailoutbox) == 2
    assert "Tämän päivän" in mailoutbox[1].body
    assert "Eilinen" not in mailoutbox[1].body


def test_no_digest_is_sent_when_nothing_is_waiting(mailoutbox):
    make_user()

    assert outbox.digests_send_due(now=timezone.now()) == 0
    assert mailoutbox == []


def test_immediate_kinds_never_wait_for_the_digest(mailoutbox, django_capture_on_commit_callbacks):
    person = make_user()

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[person], kind=VOTE_NEEDED, params={"title": "Äänestys"})
    outbox.digests_send_due(now=timezone.now() + timedelta(days=1))

    assert len(mailoutbox) == 1


def test_a_reminder_is_sent_when_it_falls_due_and_only_once(mailoutbox):
    person = make_user()
    due = timezone.now() + timedelta(days=3)
    services.reminder_schedule(
        key="position:1:consultation-closes",
        recipients=[person],
        kind="reminder",
        due_at=due,
        params={"title": "Lausuntokierros sulkeutuu"},
        url="/positions/1/",
    )

    before = services.reminders_release_due(now=due - timedelta(minutes=1))
    released = services.reminders_release_due(now=due)
    again = services.reminders_release_due(now=due + timedelta(hours=1))

    assert (before, released, again) == (0, 1, 0)
    (notification,) = Notification.objects.filter(recipient=person)
    assert notification.kind == "reminder"
    assert notification.url == "/positions/1/"


def test_a_cancelled_reminder_is_never_sent():
    person = make_user()
    due = timezone.now() + timedelta(days=1)
    services.reminder_schedule(
        key="position:2:closes", recipients=[person], kind="reminder", due_at=due, params={}
    )

    cancelled = services.reminder_cancel(key="position:2:closes")
    released = services.reminders_release_due(now=due + timedelta(days=1))

    assert (cancelled, released) == (1, 0)
    assert not Notification.objects.exists()


def test_scheduling_again_with_the_same_key_replaces_the_earlier_reminder():
    person = make_user()
    now = timezone.now()
    first = services.reminder_schedule(
        key="k", recipients=[person], kind="reminder", due_at=now, params={"title": "vanha"}
    )
    services.reminder_schedule(
        key="k", recipients=[person], kind="reminder", due_at=now, params={"title": "uusi"}
    )

    services.reminders_release_due(now=now + timedelta(minutes=1))

    first.refresh_from_db()
    assert first.state == ReminderState.CANCELLED
    assert [n.params["title"] for n in Notification.objects.all()] == ["uusi"]


def test_the_relay_asks_again_for_e_mail_left_waiting(mailoutbox):
    person = make_user()
    # Written while the broker was down: the row waits, nothing was sent.
    (notification,) = services.notify(recipients=[person], kind=VOTE_NEEDED, params={"title": "x"})
    assert mailoutbox == []

    too_soon = jobs.run_all(now=timezone.now())
    later = jobs.run_all(now=timezone.now() + timedelta(minutes=3))

    assert too_soon["relay_waiting_emails"] == 0
    assert later["relay_waiting_emails"] == 1
    assert len(mailoutbox) == 1
    assert Notification.objects.get(pk=notification.pk).email_state == EmailState.SENT


@pytest.fixture
def followable_departments():
    register_followable(Department, can_follow=lambda user, department: user.is_active)
    yield
    unregister_followable(Department)


def test_a_person_follows_and_unfollows_an_item_and_hears_of_its_changes(
    member_client, member, departments, followable_departments
):
    department = departments["kainuu"]
    from django.contrib.contenttypes.models import ContentType

    follow_url = reverse(
        "notifications:follow",
        args=[ContentType.objects.get_for_model(Department).pk, department.pk],
    )
    actor = make_user()

    member_client.post(follow_url, {"follow": "1"})
    told = services.notify_followers(
        about=department, kind="followed_changed", params={"title": "Kainuu"}, exclude=[actor]
    )
    member_client.post(follow_url, {"follow": "0"})
    told_after = services.notify_followers(
        about=department, kind="followed_changed", params={"title": "Kainuu"}
    )

    assert [n.recipient_id for n in told] == [member.pk]
    assert told_after == []
    assert not Follow.objects.exists()


def test_following_twice_is_one_follow(member, departments):
    services.follow_set(user=member, about=departments["lappi"], following=True)
    services.follow_set(user=member, about=departments["lappi"], following=True)

    assert Follow.objects.count() == 1


def test_items_that_cannot_be_followed_or_seen_are_not_found(member_client, departments):
    from django.contrib.contenttypes.models import ContentType

    follow_url = reverse(
        "notifications:follow",
        args=[ContentType.objects.get_for_model(Department).pk, departments["lappi"].pk],
    )

    assert member_client.post(follow_url, {"follow": "1"}).status_code == 404
    assert not Follow.objects.exists()


def test_the_follow_button_swaps_in_place_with_htmx(
    member_client, departments, followable_departments
):
    from django.contrib.contenttypes.models import ContentType

    follow_url = reverse(
        "notifications:follow",
        args=[ContentType.objects.get_for_model(Department).pk, departments["lappi"].pk],
    )

    response = member_client.post(follow_url, {"follow": "1"}, HTTP_HX_REQUEST="true")

    assert 'aria-pressed="true"' in response.content.decode()
    assert "<header" not in response.content.decode()
