"""Receivers of the lessons app: recordings leave no file behind.

- Whenever a `Recording` row is deleted (by the learner, with the account, or by a cascade),
  its file is deleted from the recordings storage once the transaction commits: a rolled-back
  deletion keeps its file.
- When a member closes their account (`members.signals.member_deactivated`), their recordings
  are deleted, files included.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from lessons import services
from lessons.models.recordings import Recording, recordings_storage
from members.signals import member_deactivated

logger = logging.getLogger(__name__)


def _file_delete(name: str) -> None:
    try:
        recordings_storage().delete(name)
    except Exception:
        # The row is gone already; an orphaned file is logged so it can be removed by hand.
        logger.exception("could not delete the recording file %s", name)


@receiver(post_delete, sender=Recording, dispatch_uid="lessons_recording_file_delete")
def recording_file_delete(sender, instance: Recording, **kwargs) -> None:
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: _file_delete(name))


@receiver(member_deactivated, dispatch_uid="lessons_recordings_of_closed_account")
def recordings_of_closed_account_delete(sender, user, **kwargs) -> None:
    services.learner_recordings_delete(learner=user)
