"""`manage.py load_demo_content`: a starter curriculum for a fresh installation.

Safe to run any number of times (`make run` does, on every start): it only creates what is
missing and never changes what is already there, even if an editor has since edited or
unpublished it.
"""

import logging
from collections import Counter
from contextlib import contextmanager, nullcontext

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from abroad.demo import load_abroad_demo
from lessons.demo.loader import DemoContentError, DemoContentReport, demo_content_load

KINDS = [
    ("category", "categories"),
    ("subcategory", "subcategories"),
    ("lesson", "lessons"),
    ("image", "images"),
    ("sound", "sounds"),
    ("rendition", "renditions"),
]
# Each published page logs a handful of lines at INFO (page events, index tasks); the command
# reports its own progress, so these only show at --verbosity 3.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


def counts(counter: Counter) -> str:
    return ", ".join(
        f"{counter[kind]} {kind if counter[kind] == 1 else plural}"
        for kind, plural in KINDS
        if counter[kind]
    )


@contextmanager
def quieter(logger_names: list[str]):
    """Raise the named loggers to WARNING for the duration, then restore their levels."""
    loggers = [logging.getLogger(name) for name in logger_names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logging.WARNING, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, old_level in zip(loggers, previous, strict=True):
            logger.setLevel(old_level)


class Command(BaseCommand):
    help = (
        "Create the demo curriculum (categories, subcategories, lessons with exercises, images "
        "and sounds) under the default site's home page, and the image renditions the content "
        "API serves. Creates only what is missing; "
        "-v 2 also lists media and what was already there, -v 3 shows Wagtail's own logs."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("There is no default site: run `manage.py migrate` first.")
        root = site.root_page.specific

        def echo(message: str, level: int) -> None:
            if verbosity >= level:
                self.stdout.write(message)

        echo(f"Loading the demo curriculum under “{root.title}” ({root.url_path})", 1)
        echo("+ created, = already there (left unchanged)", 2)
        try:
            with quieter(CHATTY_LOGGERS) if verbosity < 3 else nullcontext():
                report = demo_content_load(root=root, echo=echo)
                load_abroad_demo(echo=echo)  # study-abroad listings, also only what is missing
        except DemoContentError as error:
            raise CommandError(f"The demo curriculum is invalid: {error}") from error
        if verbosity >= 1:
            self.summary(report)

    def summary(self, report: DemoContentReport) -> None:
        for message in report.skipped:
            self.stdout.write(self.style.WARNING(f"Skipped {message}"))
        if report.created.total():
            done = f"Created {counts(report.created)} in {report.seconds:.1f} s."
        else:
            done = "Nothing to create: the demo curriculum is complete."
        self.stdout.write(self.style.SUCCESS(done))
        if report.created["translation"]:
            # lessons.demo.translations: one whole path in the learners' languages.
            self.stdout.write(f"Translated {report.created['translation']} demo pages.")
        if report.existing.total():
            self.stdout.write(f"Already there: {counts(report.existing)}.")
