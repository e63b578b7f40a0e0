"""The scheduled jobs run each on its own: a bad row is logged and skipped, a failing
job is logged, and everything else still goes out in the same run."""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from communications import jobs, services
from communications.bulletins import services as bulletin_services
from communications.bulletins.models import Bulletin, BulletinState
from communications.models import EmailState, Notification, ReminderState, ScheduledNotification
from network.models import NetworkRole
from tests.communications.conftest import STATUS_UPDATE, VOTE_NEEDED
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
#: The moment the relay runs: 7.05 in the morning, Finnish time.
NOW = datetime(2018, 3, 6, 7, 5, tzinfo=HELSINKI)
#: A date typed as year 1 (e.g. a position's review date): PostgreSQL stores the
#: reminder's due time, but it cannot be read back into Python.
YEAR_ONE = timezone.make_aware(datetime(1, 1, 1))


def remind(key: str, person, *, due_at, about=None, title: str):
    return services.reminder_schedule(
        key=key, recipients=[person], kind="reminder", due_at=due_at, about=about,
        params={"title": title},
    )  # fmt: skip


def released_titles(person) -> list[str]:
    return [
        n.params["title"] for n in Notification.objects.filter(recipient=person, kind="reminder")
    ]


@pytest.fixture
def bad_reminders(member):
    """A reminder about an object since deleted, and one due in year 1."""
    gone = make_user()
    about_deleted = remind(
        "about-deleted", member, due_at=NOW - timedelta(hours=1), about=gone, title="Poistettu"
    )
    gone.delete()
    # Stored before the services refused such dates (as the review found it): written past
    # the service, straight into the row.
    year_one = remind("year-one", member, due_at=NOW - timedelta(hours=1), title="Vuosi 1")
    type(year_one).objects.filter(pk=year_one.pk).update(due_at=YEAR_ONE)
    return about_deleted, year_one


def test_bad_reminders_are_logged_and_skipped_while_everything_else_goes_out(
    member, bad_reminders, mailoutbox, caplog
):
    remind("good", member, due_at=NOW - timedelta(minutes=1), title="Lausunto sulkeutuu")
    # An e-mail left waiting while the broker was down.
    (waiting,) = services.notify(recipients=[member], kind=VOTE_NEEDED, params={"title": "Ä"})
    Notification.objects.filter(pk=waiting.pk).update(created_at=NOW - timedelta(minutes=5))
    # A digest due at seven, with something that waited since yesterday.
    reader = make_user()
    services.digest_hour_set(user=reader, hour=7)
    services.notify(recipients=[reader], kind=STATUS_UPDATE, params={"title": "Tilannekatsaus"})
    Notification.objects.filter(recipient=reader).update(created_at=NOW - timedelta(hours=19))

    with caplog.at_level(logging.ERROR):
        results = jobs.run_all(now=NOW)

    assert results[jobs.RELEASE_DUE_REMINDERS] == 1
    assert released_titles(member) == ["Lausunto sulkeutuu"]
    assert results[jobs.RELAY_WAITING_EMAILS] == 1
    assert Notification.objects.get(pk=waiting.pk).email_state == EmailState.SENT
    assert results[jobs.SEND_DUE_DIGESTS] == 1
    assert [m.to for m in mailoutbox] == [[member.email], [reader.email]]
    about_deleted, year_one = bad_reminders
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert {r.getMessage() for r in logged} == {
        f"Reminder {about_deleted.pk} failed and was skipped; it is tried again later.",
        f"Reminder {year_one.pk} failed and was skipped; it is tried again later.",
    }
    assert set(
        ScheduledNotification.objects.filter(state=ReminderState.SCHEDULED).values_list(
            "key", flat=True
        )
    ) == {"about-deleted", "year-one"}


def test_the_next_run_skips_the_bad_reminders_again_and_sends_new_ones(member, bad_reminders):
    jobs.run_job(jobs.RELEASE_DUE_REMINDERS, now=NOW)
    remind("later", member, due_at=NOW + timedelta(minutes=1), title="Myöhempi")

    released = jobs.run_job(jobs.RELEASE_DUE_REMINDERS, now=NOW + timedelta(minutes=2))

    assert released == 1
    assert released_titles(member) == ["Myöhempi"]


def test_a_bulletin_scheduled_for_year_one_is_skipped_and_the_others_are_published(member):
    officer = make_user(roles=[NetworkRole.COMMUNICATIONS])
    tomorrow = timezone.now() + timedelta(days=1)
    bulletins = []
    for title in ("Vuoden 1 tiedote", "Oikea tiedote"):
        bulletin = bulletin_services.bulletin_save(
            actor=officer, title=title, text="Teksti.", audience=[("network", "all")]
        )
        bulletin_services.bulletin_publish(actor=officer, bulletin=bulletin, publish_at=tomorrow)
        bulletins.append(bulletin)
    broken, fine = bulletins
    Bulletin.objects.filter(pk=broken.pk).update(publish_at=YEAR_ONE)

    published = jobs.run_job(jobs.PUBLISH_DUE_BULLETINS, now=tomorrow + timedelta(hours=1))

    assert published == 1
    fine.refresh_from_db()
    assert fine.state == BulletinState.PUBLISHED
    assert Bulletin.objects.filter(pk=broken.pk, state=BulletinState.SCHEDULED).exists()


def test_a_failing_job_is_logged_and_the_other_jobs_still_run(member, caplog):
    def failing(now):
        raise RuntimeError("the job broke")

    remind("good", member, due_at=NOW - timedelta(minutes=1), title="Muistutus")
    jobs.register_job("test_failing_job", failing)
    try:
        with caplog.at_level(logging.ERROR):
            results = jobs.run_all(now=NOW)
    finally:
        jobs.unregister_job("test_failing_job")

    assert results["test_failing_job"] is None
    assert results[jobs.RELEASE_DUE_REMINDERS] == 1
    assert released_titles(member) == ["Muistutus"]
    assert any("test_failing_job" in r.getMessage() and r.exc_info for r in caplog.records)


def test_each_job_has_its_own_beat_entry_and_task():
    from network.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled == {
        "communications.tasks.release_due_reminders",
        "communications.tasks.publish_due_bulletins",
        "communications.tasks.relay_waiting_emails",
        "communications.tasks.send_due_digests",
        "governance.tasks.remind_overdue_groups",
    }
    assert scheduled <= set(app.tasks)
    assert set(jobs.job_names()) >= {
        jobs.RELEASE_DUE_REMINDERS,
        jobs.PUBLISH_DUE_BULLETINS,
        jobs.RELAY_WAITING_EMAILS,
        jobs.SEND_DUE_DIGESTS,
        "remind_overdue_groups",
    }
