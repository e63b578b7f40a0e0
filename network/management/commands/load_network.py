from django.core.management.base import BaseCommand

from network.facts import network_load_facts


class Command(BaseCommand):
    help = "Load (or update) the regions and the 22 rescue departments from network/data."

    def handle(self, *args, **options):
        result = network_load_facts()
        self.stdout.write(
            self.style.SUCCESS(
                f"Regions: {result.regions_created} created, {result.regions_updated} updated. "
                f"Rescue departments: {result.departments_created} created, "
                f"{result.departments_updated} updated."
            )
        )
