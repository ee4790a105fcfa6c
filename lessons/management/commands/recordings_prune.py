"""Delete voice recordings no answer uses: `manage.py recordings_prune [--hours 24]`.

An app uploads a recording and then names it in an attempt; a recording still unnamed after
a day was abandoned (the learner recorded again, or closed the app). Run it daily (a cron job
or a scheduled task of the platform); files go with their rows.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from lessons.services import recordings_unused_delete


class Command(BaseCommand):
    help = "Delete voice recordings that no exercise attempt uses, older than --hours."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Keep younger ones (24).")

    def handle(self, *args, hours: int, **options):
        with transaction.atomic():
            deleted = recordings_unused_delete(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"Deleted {deleted} unused recording(s) older than {hours} h.")
