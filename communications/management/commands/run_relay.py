import time

from django.core.management.base import BaseCommand

from communications.jobs import run_all


class Command(BaseCommand):
    help = (
        "Run every scheduled job once, each on its own: release due reminders, publish "
        "scheduled bulletins, ask again for waiting e-mail, send due digests, remind "
        "overdue working groups (what Celery beat does). With --loop it keeps doing so: "
        "useful in development, where no beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run every --interval seconds")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, loop=False, interval=60, **options):
        while True:
            results = run_all()
            self.stdout.write(
                ", ".join(
                    f"{name}: {'failed (see the log)' if done is None else done}"
                    for name, done in results.items()
                )
            )
            if not loop:
                return
            time.sleep(interval)
