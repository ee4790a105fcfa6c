"""Learners' voice recordings: the answers to voice-response exercises, kept private.

The audio lives in its own storage, `STORAGES["recordings"]` (settings): a private S3 prefix
whose URLs are signed and short-lived, or, without S3, a folder outside MEDIA_ROOT served only
through a signed, short-lived link (`lessons.recordings`). A recording is never a Wagtail
document, so it never appears in the public documents API.

Deleting a row deletes its file once the transaction commits (`lessons.signals`), whichever
way the row goes: the learner deletes it, or the account is closed.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import LazyObject

RECORDING_MAX_BYTES = 10 * 1024 * 1024
RECORDING_MAX_SECONDS = 120


class RecordingsStorage(LazyObject):
    """`STORAGES["recordings"]`, looked up on first use (as Django's `default_storage` is)."""

    def _setup(self):
        self._wrapped = storages["recordings"]


recordings_storage_instance = RecordingsStorage()


def recordings_storage():
    """The storage of `Recording.file` (a callable, so migrations name it, not its settings)."""
    return recordings_storage_instance


class Recording(models.Model):
    """One uploaded recording of a learner's voice, checked and measured by decoding it."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recordings"
    )
    file = models.FileField(storage=recordings_storage, max_length=255)
    content_type = models.CharField(max_length=32, help_text="As found in the file's bytes.")
    codec = models.CharField(max_length=16)
    duration = models.FloatField(help_text="Seconds of decoded audio.")
    size = models.PositiveIntegerField(help_text="Bytes.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gt=0, duration__lte=RECORDING_MAX_SECONDS + 1),
                name="lessons_recording_duration_limit",
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0, size__lte=RECORDING_MAX_BYTES),
                name="lessons_recording_size_limit",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "-created_at"], name="lessons_recording_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"recording {self.pk} of {self.learner_id} ({self.duration:.1f} s)"
