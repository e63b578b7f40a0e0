from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from network.demo import DEMO_PASSWORD, demo_data_create


class Command(BaseCommand):
    help = "Create realistic demo people (refused in production mode) and say how to sign in."

    def handle(self, *args, **options):
        try:
            key = demo_data_create()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("")
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with the password")
        self.stdout.write(f"    {DEMO_PASSWORD}")
        self.stdout.write("and one of these e-mail addresses:")
        labels = {
            "director": "rescue director (Pirkanmaa), the board's vice-chair",
            "official": "network official",
            "communications": "communications officer",
            "admin": "network admin (staff)",
        }
        for role, label in labels.items():
            self.stdout.write(f"    {key[role].email:<40} {label}")
        self.stdout.write("Every department's director has an account: see the directory.")
        self.stdout.write(
            "Staff, network admins, officials, communications officers and the board's "
            "members set up two-factor authentication (an authenticator app) at their "
            "first sign-in; other directors sign in with the password alone."
        )
