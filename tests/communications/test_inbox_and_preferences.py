import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from communications import selectors, services
from communications.kinds import Delivery
from communications.models import Notification
from communications.preference_links import preference_token
from tests.communications.conftest import STATUS_UPDATE, VOTE_NEEDED
from tests.factories import make_user, sign_in

pytestmark = pytest.mark.django_db


def tell(person, count=1, kind=STATUS_UPDATE, **extra):
    for number in range(count):
        services.notify(recipients=[person], kind=kind, params={"title": f"Asia {number}"}, **extra)


def test_the_inbox_shows_the_persons_notifications_newest_first(member_client, member):
    tell(member, 3)

    response = member_client.get(reverse("notifications:inbox"))

    titles = [n.title for n in response.context["page"].object_list]
    assert titles == [
        "New status update: Asia 2",
        "New status update: Asia 1",
        "New status update: Asia 0",
    ]
    assert response.context["unread"] == 3


def test_nobody_sees_anyone_elses_notifications(member_client, member):
    other = make_user()
    tell(other, 2)
    (theirs,) = services.notify(recipients=[other], kind=VOTE_NEEDED, params={"title": "Salainen"})

    inbox = member_client.get(reverse("notifications:inbox"))
    opened = member_client.post(reverse("notifications:open", args=[theirs.pk]))

    assert list(inbox.context["page"].object_list) == []
    assert opened.status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("count", [5, 5000])
def test_the_inbox_uses_the_same_number_of_queries_with_5_or_5000(
    member_client, member, count, django_assert_num_queries
):
    services.notify(recipients=[member], kind=STATUS_UPDATE, params={"title": "x"})
    Notification.objects.bulk_create(
        [
            Notification(recipient=member, kind=STATUS_UPDATE, params={"title": str(i)}, url="/")
            for i in range(count - 1)
        ]
    )

    with django_assert_num_queries(QUERIES_FOR_INBOX):
        response = member_client.get(reverse("notifications:inbox"))

    assert response.context["page"].paginator.count == count


#: session + user + whether a board seat requires two-factor authentication
#: + unread count (header) + unread count (page) + page count + page rows
QUERIES_FOR_INBOX = 7


def test_opening_a_notification_marks_it_read_and_goes_to_its_item(member_client, member):
    (notification,) = services.notify(
        recipients=[member], kind=VOTE_NEEDED, params={"title": "x"}, url="/directory/"
    )

    response = member_client.post(reverse("notifications:open", args=[notification.pk]))

    assert response["Location"] == "/directory/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_mark_all_as_read(member_client, member):
    tell(member, 4)

    member_client.post(reverse("notifications:mark_all_read"))

    assert selectors.unread_count(user=member) == 0


def test_the_header_shows_the_unread_count_and_htmx_refreshes_it(member_client, member):
    tell(member, 2)

    page = member_client.get(reverse("dashboard"))
    badge = member_client.get(reverse("notifications:unread_badge"), HTTP_HX_REQUEST="true")
    tell(member, 1)
    badge_later = member_client.get(reverse("notifications:unread_badge"), HTTP_HX_REQUEST="true")

    assert 'id="unread-badge"' in page.content.decode()
    assert re.search(r">2<span", page.content.decode())
    assert re.search(r">2<span", badge.content.decode())
    assert re.search(r">3<span", badge_later.content.decode())
    assert "<header" not in badge.content.decode()


def test_a_person_chooses_delivery_per_kind_and_the_digest_hour(member_client, member):
    from communications.kinds import all_kinds

    choices = {f"kind_{kind.key}": kind.default_delivery for kind in all_kinds()}
    choices.update({f"kind_{VOTE_NEEDED}": Delivery.DIGEST, f"kind_{STATUS_UPDATE}": Delivery.OFF})
    response = member_client.post(
        reverse("notifications:preferences"), {"digest_hour": "16", **choices}
    )

    assert response.status_code == 302
    chosen = dict(selectors.preferences_for(user=member))
    by_key = {kind.key: delivery for kind, delivery in chosen.items()}
    assert by_key[VOTE_NEEDED] == Delivery.DIGEST
    assert by_key[STATUS_UPDATE] == Delivery.OFF
    assert selectors.digest_hour_for(user=member) == 16


def test_a_bad_choice_is_refused_and_nothing_is_saved(member_client, member):
    response = member_client.post(
        reverse("notifications:preferences"),
        {"digest_hour": "25", f"kind_{VOTE_NEEDED}": "sometimes"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert member.notification_preferences.count() == 0


def test_sensible_defaults_hold_until_a_person_chooses(member):
    by_key = {kind.key: delivery for kind, delivery in selectors.preferences_for(user=member)}

    assert by_key[VOTE_NEEDED] == Delivery.IMMEDIATE
    assert by_key[STATUS_UPDATE] == Delivery.DIGEST


def test_the_signed_link_changes_that_kind_without_signing_in(client):
    person = make_user()
    token = preference_token(user_id=person.pk, kind=VOTE_NEEDED)
    url = reverse("notifications:email_preference", args=[token])

    page = client.get(url)
    response = client.post(url, {"delivery": Delivery.OFF})

    assert page.status_code == 200
    assert response.status_code == 200
    by_key = {k.key: d for k, d in selectors.preferences_for(user=person)}
    assert by_key[VOTE_NEEDED] == Delivery.OFF


def test_mail_clients_one_click_unsubscribe_post_works_without_csrf():
    person = make_user()
    url = reverse(
        "notifications:email_preference",
        args=[preference_token(user_id=person.pk, kind=VOTE_NEEDED)],
    )

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 204
    assert {k.key: d for k, d in selectors.preferences_for(user=person)}[VOTE_NEEDED] == "off"


def test_a_tampered_link_is_refused():
    person = make_user()
    token = preference_token(user_id=person.pk, kind=VOTE_NEEDED)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = Client().post(
        reverse("notifications:email_preference", args=[tampered]), {"delivery": "off"}
    )

    assert response.status_code == 400
    assert person.notification_preferences.count() == 0


def test_a_link_cannot_be_rewritten_to_change_someone_elses_settings():
    person = make_user()
    victim = make_user()
    token = preference_token(user_id=person.pk, kind=VOTE_NEEDED)
    _payload, _sep, signature = token.rpartition(":")
    forged_payload = signing.dumps(
        {"u": victim.pk, "k": VOTE_NEEDED}, salt="another-salt", compress=True
    ).rpartition(":")[0]
    forged = f"{forged_payload}:{signature}"

    response = Client().post(
        reverse("notifications:email_preference", args=[forged]), {"delivery": "off"}
    )

    assert response.status_code == 400
    assert victim.notification_preferences.count() == 0


def test_the_inbox_and_preferences_need_sign_in(client):
    for name in ["notifications:inbox", "notifications:preferences", "notifications:unread_badge"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_person_who_signs_in_sees_their_badge(client):
    person = make_user()
    tell(person, 1)

    sign_in(client, person)

    assert client.get(reverse("dashboard")).context["notification_unread"] == 1
