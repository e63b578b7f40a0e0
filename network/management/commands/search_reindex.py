from django.core.management.base import BaseCommand

from network.search import search_reindex, search_sources


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", choices=[s.kind for s in search_sources()])

    def handle(self, *args, kinds, **options):
        count = search_reindex(kinds or None)
        self.stdout.write(self.style.SUCCESS(f"The search index holds {count} entries."))
