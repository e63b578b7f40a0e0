from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and attachment storage, checksums first."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a directory made by `backup`")

    def handle(self, *args, directory: Path, **options):
        try:
            files = backup_restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {files} attachments from {directory}.")
