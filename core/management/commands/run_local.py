"""`manage.py run_local`: what `make run` does, in one process.

Compiles the translation catalogs that changed, applies the migrations, loads the demo
curriculum (its missing parts and renditions), makes sure the local admin exists, then serves
with Django's development server. Starting Django once for all the steps instead of once per
command is most of what makes a warm start quick.

With autoreload, runserver re-runs this command in a child process (marked by RUN_MAIN=true)
and again after each code change; only the first process does the set-up.
"""

import os
import sys
import time
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    # runserver checks the project before serving (and after each reload); checking here too would
    # only add start-up time.
    requires_system_checks = []
    help = (
        "Local development in one go: migrate, load the demo content, ensure the local admin "
        "and serve on ADDRPORT (default 127.0.0.1:8000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Serve without the autoreloader."
        )
        parser.add_argument(
            "--reset-admin-password",
            action="store_true",
            help="Give the local admin a new password (printed).",
        )
        parser.add_argument(
            "--setup-only", action="store_true", help="Do the set-up steps, then exit."
        )

    def handle(self, *args, addrport, noreload, reset_admin_password, setup_only, **options):
        if not settings.DEBUG:
            raise CommandError("run_local is for local development (DEBUG=True) only.")
        verbosity = options["verbosity"]
        if os.environ.get("RUN_MAIN") != "true":
            # The commands below wrap the stream themselves (wrapping self.stdout again would
            # end each migration's "Applying …" before its "OK").
            out = options.get("stdout") or sys.stdout
            self.setup(out, verbosity=verbosity, reset_admin_password=reset_admin_password)
            if setup_only:
                return
            self.step("Serving (the development server, Ctrl-C stops it)")
            # The server (the reloader's child, or this process) opens its own connections.
            connections.close_all()
        # call_command() would skip runserver's system checks: keep them, once per server start.
        call_command(
            "runserver",
            addrport,
            use_reloader=not noreload,
            skip_checks=False,
            verbosity=verbosity,
        )

    def setup(self, out: TextIO, *, verbosity: int, reset_admin_password: bool) -> None:
        started = time.monotonic()
        self.step("Compiling the translation catalogs")
        call_command("compile_catalogs", verbosity=verbosity, stdout=out)
        self.step("Applying migrations")
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=out)
        self.step("Loading the demo content")
        call_command("load_demo_content", verbosity=verbosity, stdout=out)
        self.step("Local admin")
        call_command("ensure_local_admin", reset_password=reset_admin_password, stdout=out)
        self.stdout.write(f"Set-up done in {time.monotonic() - started:.1f} s.")

    def step(self, title: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"==> {title}"))
