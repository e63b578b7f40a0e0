from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and every attachment together, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a new directory for the backup")

    def handle(self, *args, directory: Path, **options):
        try:
            summary = backup_create(directory)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the database and {summary.files} attachments to {directory}.")
        for name in summary.missing:
            self.stderr.write(f"Missing from the storage (not in the backup): {name}")
