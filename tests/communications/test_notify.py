import re

import pytest
from django.db import transaction
from django.urls import reverse

from communications import services
from communications.kinds import Delivery
from communications.models import EmailState, Notification
from tests.communications.conftest import STATUS_UPDATE, VOTE_NEEDED
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_notify_writes_one_row_per_recipient_in_the_callers_transaction(departments):
    people = [make_user() for _ in range(3)]

    with transaction.atomic():
        created = services.notify(
            recipients=[*people, people[0]], kind=VOTE_NEEDED, params={"title": "Rahoitusmalli"}
        )
        assert Notification.objects.count() == 3

    assert len(created) == 3
    assert {n.recipient_id for n in created} == {p.pk for p in people}


def test_a_rolled_back_event_leaves_no_notification_and_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = make_user()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.notify(recipients=[person], kind=VOTE_NEEDED, params={"title": "X"})
        raise RuntimeError("the event failed")

    assert Notification.objects.count() == 0
    assert callbacks == []
    assert mailoutbox == []


def test_the_fan_out_uses_the_same_number_of_queries_for_5_or_500_recipients(
    django_assert_max_num_queries,
):
    few = [make_user() for _ in range(5)]
    many = [make_user() for _ in range(500)]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        services.notify(recipients=few, kind=STATUS_UPDATE, params={"title": "ICT"})
    with CaptureQueriesContext(connection) as large:
        services.notify(recipients=many, kind=STATUS_UPDATE, params={"title": "ICT"})

    assert len(small) == len(large)


def test_inactive_people_and_excluded_people_are_not_told():
    actor = make_user()
    gone = make_user(is_active=False)
    reader = make_user()

    created = services.notify(
        recipients=[actor, gone, reader], kind=VOTE_NEEDED, params={"title": "X"}, exclude=[actor]
    )

    assert [n.recipient_id for n in created] == [reader.pk]


def test_an_unknown_kind_fails_loudly():
    with pytest.raises(LookupError):
        services.notify(recipients=[make_user()], kind="no_such_kind")


def test_each_kind_is_e_mailed_as_the_person_chose(mailoutbox, django_capture_on_commit_callbacks):
    default_person = make_user()
    digest_person = make_user()
    off_person = make_user()
    services.preference_set(user=digest_person, kind=VOTE_NEEDED, delivery=Delivery.DIGEST)
    services.preference_set(user=off_person, kind=VOTE_NEEDED, delivery=Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify(
            recipients=[default_person, digest_person, off_person],
            kind=VOTE_NEEDED,
            params={"title": "Ensihoidon periaatteet"},
        )

    states = {n.recipient_id: Notification.objects.get(pk=n.pk).email_state for n in created}
    assert states == {
        default_person.pk: EmailState.SENT,
        digest_person.pk: EmailState.DIGEST,
        off_person.pk: EmailState.NONE,
    }
    assert [m.to for m in mailoutbox] == [[default_person.email]]


def test_urgent_notifications_skip_the_digest(mailoutbox, django_capture_on_commit_callbacks):
    person = make_user()

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[person], kind=STATUS_UPDATE, params={"title": "Myrsky"}, urgent=True
        )

    assert len(mailoutbox) == 1
    assert "Myrsky" in mailoutbox[0].subject


def test_the_e_mail_is_in_the_recipients_language_in_text_and_html_with_links(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = make_user(language="sv")

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[person],
            kind="reminder",
            params={"title": "Utlåtande om finansieringsmodellen"},
            url="/positions/12/",
        )

    message = mailoutbox[0]
    assert message.subject.endswith("Påminnelse: Utlåtande om finansieringsmodellen")
    assert "http://127.0.0.1:8000/positions/12/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://127.0.0.1:8000/positions/12/"' in html
    assert re.search(r"/notifications/email-preference/[^\s\"]+/", message.body)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_notification_is_e_mailed_at_most_once_even_if_delivery_runs_twice(mailoutbox):
    from communications import outbox

    person = make_user()
    created = services.notify(recipients=[person], kind=VOTE_NEEDED, params={"title": "X"})
    ids = [n.pk for n in created]

    outbox.deliver(ids)
    outbox.deliver(ids)

    assert len(mailoutbox) == 1


def test_an_outgoing_e_mail_is_sent_at_most_once_even_if_delivery_runs_twice(mailoutbox):
    from django.core.mail import EmailMessage

    from communications import outbox

    rows = outbox.outgoing_queue(EmailMessage(subject="Kutsu", body="Tervetuloa", to=["a@b.fi"]))
    ids = [row.pk for row in rows]

    outbox.deliver_outgoing(ids)
    outbox.deliver_outgoing(ids)

    assert len(mailoutbox) == 1


def test_a_failing_mail_server_leaves_the_e_mail_waiting_and_counts_the_attempt(settings):
    from communications import outbox

    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    person = make_user()
    created = services.notify(recipients=[person], kind=VOTE_NEEDED, params={"title": "X"})

    retry = outbox.deliver([created[0].pk])

    notification = Notification.objects.get(pk=created[0].pk)
    assert retry == [notification.pk]
    assert notification.email_state == EmailState.PENDING
    assert notification.email_attempts == 1
    assert notification.email_error


def test_a_notification_links_to_what_it_is_about(departments):
    person = make_user()
    department = departments["kainuu"]

    (notification,) = services.notify(
        recipients=[person], kind=STATUS_UPDATE, about=department, params={"title": "T"}
    )

    assert notification.url == reverse("department_detail", args=["kainuu"])
    assert notification.about == department
