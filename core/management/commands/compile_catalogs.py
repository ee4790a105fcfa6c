"""`manage.py compile_catalogs`: Toto's translation catalogs (`<app>/locale/*/LC_MESSAGES/*.po`
and `LOCALE_PATHS`) compiled to the `.mo` files Django reads.

Like `compilemessages`, without needing GNU gettext on the machine (the image and a fresh
checkout have none): polib, which wagtail-localize already brings, writes the same files. Only
catalogs newer than their `.mo` are compiled, so `make run` pays nothing on a warm start.
Untranslated and fuzzy entries are left out, so they fall back to English.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def toto_catalogs() -> list[Path]:
    """The `.po` files of Toto's own apps and of `LOCALE_PATHS` (not of installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(path) for path in getattr(settings, "LOCALE_PATHS", [])]
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            folders.append(path / "locale")
    return sorted({po for folder in folders for po in folder.glob("*/LC_MESSAGES/*.po")})


def catalog_compile(po_path: Path, *, force: bool = False) -> bool:
    """Write `po_path`'s `.mo` when it is missing or older; True when it was written."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return True


class Command(BaseCommand):
    help = "Compile Toto's translation catalogs (.po → .mo) that changed since the last time."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalog.")

    def handle(self, *args, force: bool = False, **options) -> None:
        catalogs = toto_catalogs()
        compiled = [po for po in catalogs if catalog_compile(po, force=force)]
        if options["verbosity"] >= 2:
            for po in compiled:
                self.stdout.write(f"compiled {po.relative_to(settings.BASE_DIR)}")
        if options["verbosity"] >= 1:
            self.stdout.write(f"{len(compiled)} of {len(catalogs)} catalogs compiled.")
