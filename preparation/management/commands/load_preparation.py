from django.core.management.base import BaseCommand

from preparation.facts import preparation_load_facts


class Command(BaseCommand):
    help = "Load (or update) the workstreams, the reform's milestones and the safety indicators."

    def handle(self, *args, **options):
        preparation_load_facts()
        self.stdout.write(self.style.SUCCESS("Preparation facts loaded."))
