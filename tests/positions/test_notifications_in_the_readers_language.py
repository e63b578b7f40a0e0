"""Each recipient reads a notification in their own language, whoever acted and in
whatever language: in the inbox, in the e-mail and in the digest."""

import pytest
from django.utils import translation

from communications.emails import digest_message, notification_message
from communications.models import Notification, ScheduledNotification
from communications.services import reminders_release_due
from governance.positions import services
from tests.factories import make_director, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def position(cast):
    return services.position_create(
        actor=cast["official"],
        title="Pelastustoimen rahoitusmalli",
        summary="Tiivistelmä.",
        text="Teksti.",
        title_sv="Räddningsväsendets finansieringsmodell",
    )


@pytest.fixture
def erik(departments):
    return make_director(departments["pohjanmaa"], first_name="Erik", language="sv")


def _open(position, cast):
    from datetime import timedelta

    from django.utils import timezone

    with translation.override("fi"):  # a Finnish speaker acts
        services.consultation_open(
            actor=cast["official"],
            position=position,
            deadline=timezone.now() + timedelta(days=10),
            questions=[],
        )


def test_a_swedish_recipients_title_is_swedish_though_a_finnish_speaker_acted(position, cast, erik):
    _open(position, cast)
    mine = Notification.objects.get(recipient=erik, kind="consultation_opened")
    finnish = Notification.objects.get(recipient=cast["m1"], kind="consultation_opened")

    with translation.override("sv"):
        assert (
            mine.title == "Ditt räddningsverks svar begärs: Räddningsväsendets finansieringsmodell"
        )
    with translation.override("fi"):
        assert (
            finnish.title == "Pelastuslaitoksesi vastausta pyydetään: Pelastustoimen rahoitusmalli"
        )


def test_the_email_and_the_digest_are_in_the_recipients_language(position, cast, erik):
    _open(position, cast)
    mine = Notification.objects.get(recipient=erik, kind="consultation_opened")

    with translation.override("fi"):  # the worker's own language does not matter
        message = notification_message(mine)
        digest = digest_message(erik, [mine])

    assert "Räddningsväsendets finansieringsmodell" in message.subject
    assert "Ditt räddningsverks svar begärs" in message.body
    assert "Ditt räddningsverks svar begärs: Räddningsväsendets" in digest.body


def test_a_title_missing_in_the_recipients_language_falls_back_to_finnish(
    position, cast, departments
):
    english = make_director(departments["oulu-koillismaa"], first_name="Emma", language="en")
    _open(position, cast)
    hers = Notification.objects.get(recipient=english, kind="consultation_opened")

    with translation.override("en"):
        assert hers.title == "Your department's answer is asked: Pelastustoimen rahoitusmalli"


def test_a_reminder_written_now_is_read_later_in_each_recipients_language(position, cast, erik):
    _open(position, cast)
    reminder = ScheduledNotification.objects.get(key__endswith="consultation-closing")
    ScheduledNotification.objects.filter(pk=reminder.pk).update(due_at=reminder.created_at)

    reminders_release_due()

    swedish = Notification.objects.get(recipient=erik, kind="reminder")
    finnish = Notification.objects.get(recipient=cast["m1"], kind="reminder")
    with translation.override("sv"):
        assert swedish.title == (
            "Påminnelse: Remissrundan avslutas: Räddningsväsendets finansieringsmodell"
        )
    with translation.override("fi"):
        assert finnish.title.startswith("Muistutus: ")
        assert finnish.title.endswith("Pelastustoimen rahoitusmalli")


def test_a_meeting_time_in_a_title_is_written_the_readers_way(departments):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from communications.kinds import datetime_param, resolve_param

    when = datetime_param(datetime(2018, 3, 12, 13, 0, tzinfo=ZoneInfo("Europe/Helsinki")))

    with translation.override("fi"):
        assert resolve_param(when) == "12.3.2018 13.00"
    with translation.override("sv"):
        assert resolve_param(when) == "12.3.2018 13.00"
    with translation.override("en"):
        assert resolve_param(when) == "12 Mar 2018 13:00"


def test_old_plain_params_still_render(departments):
    from communications.kinds import get_kind

    person = make_user()
    with translation.override("fi"):
        assert get_kind("bulletin").render_title({"title": "Tiedote"}).endswith("Tiedote")
    assert person.pk
