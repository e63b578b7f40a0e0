"""Build the large data set: ten years of the network's work (see ``network.large_data``).

    python manage.py large_data --scale 1.0 --seed 2017

Into an empty, migrated database (refused in production mode, and when people exist).
"""

import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.large_data import large_data_build


class Command(BaseCommand):
    help = "Build ten years of the network's work (a large, realistic data set) reproducibly."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is ten years")
        parser.add_argument("--seed", type=int, default=2017)

    def handle(self, *args, scale: float, seed: int, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10.")
        began = time.perf_counter()
        try:
            with transaction.atomic():
                build = large_data_build(scale=scale, seed=seed, log=self.stdout.write)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        for name, count in sorted(build.counts.items()):
            self.stdout.write(f"{name:>40}: {count:>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"Large data set built in {time.perf_counter() - began:.0f} s.")
        )
