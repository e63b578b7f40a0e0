import time

from django.core.management.base import BaseCommand

from communications.outbox import relay_run


class Command(BaseCommand):
    help = (
        "Release due reminders, ask again for waiting e-mail and send due digests "
        "(what Celery beat does every minute). With --loop it keeps doing so: useful "
        "in development, where no beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run every --interval seconds")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, loop=False, interval=60, **options):
        while True:
            result = relay_run()
            self.stdout.write(
                f"reminders released: {result['reminders']}, e-mails asked again: "
                f"{result['relayed']}, digests sent: {result['digests']}"
            )
            if not loop:
                return
            time.sleep(interval)
