"""Voice recordings: checking an upload, and the short-lived URLs a recording is played from.

Checking: the upload's bytes go to `lessons/audio_probe.py`, run as a separate Python process
with CPU-time and memory limits and a timeout. It recognises the container by content (never
by the name or the declared type), accepts AAC/M4A, WebM (Opus, Vorbis), Ogg (Opus, Vorbis),
MP3 and WAV, and measures the duration by decoding. Anything else, anything damaged or
truncated, empty, longer than 120 s or larger than 10 MB is refused with a message for the
`audio` field, before anything is stored.

URLs: a recording is private to its learner and the teachers who review their answers.
- On S3 (`STORAGES["recordings"]` is an S3Storage with `querystring_auth`), the URL is S3's own
  presigned URL, valid `RECORDING_URL_MAX_AGE` seconds.
- Locally (a FileSystemStorage outside MEDIA_ROOT, never served as media), the URL points to
  `RecordingFileView` with a token signed by SECRET_KEY that names the recording and its file
  and expires after the same time. The token is the credential, as S3's signature is: an
  `<audio>` element cannot send an Authorization header. A deleted recording's token stops
  working at once (the row is gone).
URLs are only ever minted for the learner (`/api/v1/me/recordings/`) and in the teachers'
review screen; the content API never sees recordings.
"""

import datetime
import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone

from lessons.models.recordings import (
    RECORDING_MAX_BYTES,
    RECORDING_MAX_SECONDS,
    Recording,
    recordings_storage,
)

logger = logging.getLogger(__name__)

PROBE_SCRIPT = Path(__file__).with_name("audio_probe.py")
PROBE_TIMEOUT_SECONDS = 20
URL_SALT = "lessons.recording-url"

MESSAGES = {
    "empty": "The file is empty.",
    "too_large": "The recording is larger than 10 MB.",
    "too_long": f"The recording is longer than {RECORDING_MAX_SECONDS} seconds.",
    "not_audio": "Upload a recording in AAC/M4A, WebM, Ogg, MP3 or WAV.",
    "not_audio_only": "Upload sound only, not a video.",
    "damaged": "The recording is damaged or incomplete.",
    "no_sound": "The recording has no sound in it.",
}


@dataclass(frozen=True)
class CheckedAudio:
    """An upload that passed the check: its bytes and what decoding found."""

    data: bytes
    extension: str
    content_type: str
    codec: str
    duration: float


def _refuse(reason: str) -> ValidationError:
    return ValidationError(MESSAGES[reason], code=reason)


def audio_check(upload: UploadedFile) -> CheckedAudio:
    """Check an uploaded recording by decoding it; raise ValidationError saying why not."""
    if upload.size is not None and upload.size > RECORDING_MAX_BYTES:
        raise _refuse("too_large")
    upload.seek(0)
    data = upload.read(RECORDING_MAX_BYTES + 1)
    if len(data) > RECORDING_MAX_BYTES:
        raise _refuse("too_large")
    if not data:
        raise _refuse("empty")
    try:
        completed = subprocess.run(  # noqa: S603 - our own script, no shell, bytes on stdin
            [sys.executable, "-I", str(PROBE_SCRIPT)],
            input=data,
            capture_output=True,
            timeout=PROBE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("audio probe timed out on an upload of %s bytes", len(data))
        raise _refuse("damaged") from None
    if completed.returncode < 0:
        # Killed by a signal: the CPU or memory limit, or a decoder crash on this input.
        logger.warning(
            "audio probe ended by signal %s on an upload of %s bytes",
            -completed.returncode,
            len(data),
        )
        raise _refuse("damaged")
    if completed.returncode != 0:
        # The probe itself could not run (e.g. PyAV missing): a fault of the server.
        raise RuntimeError(
            f"audio probe failed ({completed.returncode}): {completed.stderr[-2000:]!r}"
        )
    result = json.loads(completed.stdout)
    if not result["ok"]:
        raise _refuse(result["reason"])
    return CheckedAudio(
        data=data,
        extension=result["format"],
        content_type=result["content_type"],
        codec=result["codec"],
        duration=result["duration"],
    )


# --- Short-lived URLs -----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordingURL:
    url: str
    expires_at: datetime.datetime


def _max_age() -> int:
    return settings.RECORDING_URL_MAX_AGE


def recording_url(recording: Recording, *, request=None) -> RecordingURL:
    """A URL that plays the recording for the next few minutes (see the module docstring)."""
    storage = recordings_storage()
    expires_at = timezone.now() + datetime.timedelta(seconds=_max_age())
    if getattr(storage, "querystring_auth", False):
        url = storage.url(
            recording.file.name,
            parameters={"ResponseContentType": recording.content_type},
            expire=_max_age(),
        )
        return RecordingURL(url=url, expires_at=expires_at)
    token = signing.TimestampSigner(salt=URL_SALT).sign_object(
        {"id": recording.pk, "name": recording.file.name}
    )
    path = reverse("lessons:recording-file", args=[token])
    url = request.build_absolute_uri(path) if request is not None else path
    return RecordingURL(url=url, expires_at=expires_at)


def recording_from_token(token: str) -> Recording | None:
    """The recording a local playback token names, if it is genuine, unexpired and still there."""
    try:
        claims = signing.TimestampSigner(salt=URL_SALT).unsign_object(token, max_age=_max_age())
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(claims, dict):
        return None
    return Recording.objects.filter(pk=claims.get("id"), file=claims.get("name")).first()
