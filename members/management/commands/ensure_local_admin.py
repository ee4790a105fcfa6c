"""Create (or reset) the local admin account used by `make run`, and print its credentials."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the local superuser for development and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@toto.local")
        parser.add_argument(
            "--password", default=None, help="Defaults to a new random password each run."
        )

    def handle(self, *args, email: str, password: str | None, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development (DEBUG=True) only.")
        password = password or secrets.token_urlsafe(12)
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first() or User(email=email)
        user.is_staff = user.is_superuser = user.is_active = True
        user.first_name = user.first_name or "Local"
        user.last_name = user.last_name or "Admin"
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Local admin ready — sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/"
            )
        )
        self.stdout.write(f"    email:    {email}\n    password: {password}")
