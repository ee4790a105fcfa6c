"""Make sure the local admin account used by `make run` exists, and say how to sign in.

The first run creates the account with a random password and prints it; the password is
stored only as Django's hash, so it cannot be shown again. Later runs keep it (an admin who
changed it keeps theirs) and print the email only; `--reset-password` sets a new one.
"""

import os
import secrets
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members.models import Role
from members.roles import member_role_set


def reset_hint() -> str:
    """The command that gives the admin a new password, run with this interpreter."""
    python = os.path.relpath(sys.executable)
    if python.startswith(".."):
        python = "python"
    return f"{python} manage.py ensure_local_admin --reset-password"


class Command(BaseCommand):
    help = (
        "Create the local superuser for development if it is missing and print how to sign in. "
        "An existing admin keeps their password unless --reset-password (or --password) is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@toto.local")
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give an existing admin a new random password (printed).",
        )
        parser.add_argument(
            "--password",
            default=None,
            help="Set this password (on creation, or replacing the existing one).",
        )

    def handle(self, *args, email: str, password: str | None, reset_password: bool, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development (DEBUG=True) only.")
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(email=email, first_name="Local", last_name="Admin")
        # An account without a usable password (made by a social sign-in, say) could never sign
        # in with one: it gets a password as if it were new.
        set_password = (
            created or reset_password or password is not None or not user.has_usable_password()
        )
        promote = not created and not (user.is_staff and user.is_superuser and user.is_active)
        if set_password:
            password = password or secrets.token_urlsafe(12)
            user.set_password(password)
        if created or set_password or promote:
            # A new superuser gets the admin role from the post_save signal.
            user.is_staff = user.is_superuser = user.is_active = True
            user.save()
        if promote:
            # Role, role group and flags change together, only through member_role_set.
            member_role_set(user=user, role=Role.ADMIN)

        sign_in = f"sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/"
        if created:
            self.stdout.write(self.style.SUCCESS(f"Local admin created — {sign_in}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Local admin ready — {sign_in}"))
        self.stdout.write(f"    email:    {user.email}")
        if set_password:
            self.stdout.write(f"    password: {password}")
            self.stdout.write("    (kept from now on; note it down)")
        else:
            self.stdout.write(
                f"    password: unchanged (printed when it was set); for a new one: {reset_hint()}"
            )
