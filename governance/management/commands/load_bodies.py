from django.core.management.base import BaseCommand

from governance.facts import bodies_load_facts


class Command(BaseCommand):
    help = "Load (or update) the directors' meeting, the board and the service areas."

    def handle(self, *args, **options):
        bodies = bodies_load_facts()
        self.stdout.write(self.style.SUCCESS(f"{len(bodies)} bodies loaded."))
