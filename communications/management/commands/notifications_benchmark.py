"""Fan one event out to many recipients and time writing and delivering it.

    python manage.py notifications_benchmark --recipients 5000

Starts its own Redis server and one Celery worker (so nothing else is disturbed),
creates throw-away recipients, writes the notifications in one transaction, and waits
until the worker has e-mailed all of them (to files in a temporary folder). Everything
it created is deleted at the end. Refused in production mode.
"""

import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from communications import services
from communications.local_processes import RedisServer, Worker, use_broker
from communications.models import EmailState, Notification
from network.models import User

BENCH_DOMAIN = "benchmark.invalid"


class Command(BaseCommand):
    help = "Time one event fanned out to N recipients: writing, and delivery by one worker."

    def add_arguments(self, parser):
        parser.add_argument("--recipients", type=int, default=5000)
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait")

    def handle(self, *args, recipients: int, timeout: int, **options):
        if settings.PRODUCTION:
            raise CommandError("The benchmark creates throw-away people; not in production.")
        redis = RedisServer().start()
        mail_dir = Path(tempfile.mkdtemp(prefix="verkosto-bench-mail-"))
        worker = Worker(broker_url=redis.url, env={"EMAIL_FILE_PATH": str(mail_dir)})
        try:
            use_broker(redis.url)
            worker.start()
            people = self._create_people(recipients)
            self.stdout.write(f"{len(people)} recipients ready; one worker, Redis on {redis.url}")

            started = time.perf_counter()
            with transaction.atomic():
                created = services.notify(
                    recipients=people,
                    kind="reminder",
                    params={"title": "Benchmark: consultation closes in 3 days"},
                    url="/",
                    urgent=True,
                )
                written = time.perf_counter()
            committed = time.perf_counter()  # on_commit has enqueued the delivery tasks

            ids = [n.pk for n in created]
            deadline = time.monotonic() + timeout
            while Notification.objects.filter(pk__in=ids, email_state=EmailState.PENDING).exists():
                if time.monotonic() > deadline:
                    raise CommandError("Delivery did not finish in time.")
                time.sleep(0.2)
            delivered = time.perf_counter()

            sent = Notification.objects.filter(pk__in=ids, email_state=EmailState.SENT).count()
            self.stdout.write(
                self.style.SUCCESS(
                    f"write {len(ids)} notifications: {(written - started) * 1000:.0f} ms\n"
                    f"commit and enqueue: {(committed - written) * 1000:.0f} ms\n"
                    f"until all delivered by one worker: {delivered - started:.1f} s "
                    f"({sent / (delivered - committed):.0f} e-mails/s), {sent} sent"
                )
            )
        finally:
            worker.stop()
            use_broker(None)
            redis.stop()
            User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
            for file in mail_dir.glob("*"):
                file.unlink()
            mail_dir.rmdir()

    def _create_people(self, count: int) -> list[int]:
        User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
        users = [
            User(
                email=f"bench-{number}@{BENCH_DOMAIN}",
                first_name="Bench",
                last_name=str(number),
                password=make_password(None),  # unusable: nobody signs in as these
            )
            for number in range(count)
        ]
        User.objects.bulk_create(users, batch_size=1000)
        return list(
            User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").values_list("pk", flat=True)
        )
