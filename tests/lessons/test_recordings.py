"""`/api/v1/me/recordings/`: recordings checked by content, stored privately, deleted whole."""

import signal
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils.functional import empty

from lessons import recordings as recordings_module
from lessons.models import ExerciseAttempt, Recording
from lessons.models.recordings import recordings_storage, recordings_storage_instance
from tests.lessons import audio

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/recordings/"


def upload(client, data: bytes, name: str = "answer.m4a"):
    return client.post(URL, {"audio": SimpleUploadedFile(name, data)}, format="multipart")


def stored_files() -> list[str]:
    storage = recordings_storage()
    try:
        _folders, files = storage.listdir("")
    except FileNotFoundError:
        return []
    return files


@pytest.fixture(autouse=True)
def fresh_recordings_storage():
    """Every test starts with an empty recordings storage (S3 under `make test`)."""
    recordings_storage_instance._wrapped = empty
    for name in stored_files():
        recordings_storage().delete(name)
    yield
    recordings_storage_instance._wrapped = empty


@pytest.fixture
def local_storage(tmp_path):
    """Recordings on local disk, as under `make run` (no S3)."""
    stores = {
        **settings.STORAGES,
        "recordings": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "recordings")},
        },
    }
    with override_settings(STORAGES=stores):
        recordings_storage_instance._wrapped = empty
        yield tmp_path / "recordings"
    recordings_storage_instance._wrapped = empty


# --- Accepted ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maker", "content_type"),
    [
        (audio.m4a, "audio/mp4"),
        (audio.mp4_opus, "audio/mp4"),
        (audio.aac, "audio/aac"),
        (audio.webm, "audio/webm"),
        (audio.ogg, "audio/ogg"),
        (audio.mp3, "audio/mpeg"),
        (audio.wav, "audio/wav"),
    ],
)
def test_every_format_apps_record_is_accepted_and_measured(
    learner_client, learner, maker, content_type
):
    data = maker()
    response = upload(learner_client, data, name="whatever.bin")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["duration"] == pytest.approx(2.0, abs=0.06)
    assert body["content_type"] == content_type
    assert body["size"] == len(data)
    recording = Recording.objects.get(pk=body["id"])
    assert recording.learner == learner
    assert recording.file.name in stored_files()
    with recordings_storage().open(recording.file.name) as stored:
        assert stored.read() == data


# Real recordings made by Chromium's MediaRecorder (a fake microphone's beep, 2.5 s): WebM with
# no duration and no cues, and fragmented MP4 with Opus, exactly as a browser app uploads them.
BROWSER_RECORDINGS = Path(__file__).parent / "recordings"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("chrome-mediarecorder.webm", "audio/webm"), ("chrome-mediarecorder.mp4", "audio/mp4")],
)
def test_a_browsers_own_recordings_are_accepted(learner_client, name, content_type):
    data = (BROWSER_RECORDINGS / name).read_bytes()
    response = upload(learner_client, data, name="blob")
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == content_type
    assert 2.2 < response.json()["duration"] < 2.7


@pytest.mark.parametrize("name", ["chrome-mediarecorder.webm", "chrome-mediarecorder.mp4"])
@pytest.mark.parametrize("share", [0.3, 0.9])
def test_a_browsers_recording_cut_short_is_refused(learner_client, name, share):
    data = (BROWSER_RECORDINGS / name).read_bytes()
    response = upload(learner_client, data[: int(len(data) * share)], name="blob")
    assert response.status_code == 400
    assert response.json()["errors"]["audio"] == ["The recording is damaged or incomplete."]
    assert not Recording.objects.exists()


def test_a_recording_in_a_live_webm_without_a_duration_header_is_measured_by_decoding(
    learner_client,
):
    # Browsers' MediaRecorder writes WebM as a stream: no duration in the header.
    response = upload(learner_client, audio.webm(seconds=3, seekable=False), name="a.webm")
    assert response.status_code == 201, response.content
    assert response.json()["duration"] == pytest.approx(3.0, abs=0.06)


def test_the_name_and_declared_type_of_an_upload_do_not_matter(learner_client):
    response = learner_client.post(
        URL,
        {"audio": SimpleUploadedFile("holiday.png", audio.wav(), content_type="image/png")},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    recording = Recording.objects.get()
    assert recording.content_type == "audio/wav"
    assert "holiday" not in recording.file.name
    assert recording.file.name.endswith(".wav")


def test_the_url_is_a_short_lived_signed_s3_url_under_the_private_prefix(learner_client):
    body = upload(learner_client, audio.m4a()).json()
    url = urlparse(body["url"])
    query = parse_qs(url.query)
    assert "/recordings/" in url.path
    assert query["X-Amz-Expires"] == [str(settings.RECORDING_URL_MAX_AGE)]
    assert "X-Amz-Signature" in query
    assert settings.RECORDING_URL_MAX_AGE == 300
    # Not the public media URL of the same key.
    media_url = recordings_storage().url(Recording.objects.get().file.name).split("?")[0]
    assert body["url"] != media_url


def test_recordings_are_never_documents_of_the_content_api(learner_client, api_client):
    upload(learner_client, audio.m4a())
    documents = api_client.get("/api/v2/documents/").json()
    assert documents["meta"]["total_count"] == 0


# --- Refused ----------------------------------------------------------------------------------


def _png() -> bytes:
    from tests.conftest import png_bytes

    return png_bytes()


BAD_UPLOADS = {
    "a renamed image": (
        _png,
        "answer.m4a",
        "Upload a recording in AAC/M4A, WebM, Ogg, MP3 or WAV.",
    ),
    "random bytes": (lambda: b"\x00\x01garbage" * 500, "answer.webm", None),
    "a text file": (lambda: b"hello, this is not audio\n" * 40, "answer.ogg", None),
    "a truncated m4a": (lambda: audio.m4a()[: len(audio.m4a()) // 2], "a.m4a", None),
    "a truncated webm": (lambda: audio.webm()[: len(audio.webm()) // 2], "a.webm", None),
    "a truncated ogg": (lambda: audio.ogg()[: len(audio.ogg()) // 2], "a.ogg", None),
    "a truncated mp3": (lambda: audio.mp3()[: len(audio.mp3()) // 2], "a.mp3", None),
    "a truncated wav": (lambda: audio.wav()[: len(audio.wav()) // 2], "a.wav", None),
    "a truncated aac": (lambda: audio.aac()[: len(audio.aac()) // 2], "a.aac", None),
    "too long": (
        lambda: audio.wav_silence(125),
        "a.wav",
        "The recording is longer than 120 seconds.",
    ),
    "too long, without a duration header": (
        lambda: audio.webm(seconds=125, silent=True, seekable=False),
        "a.webm",
        "The recording is longer than 120 seconds.",
    ),
    "a header claiming hours": (lambda: audio.wav_claiming(3 * 3600), "a.wav", None),
    "a video": (audio.video_mp4, "a.mp4", "Upload sound only, not a video."),
    "larger than 10 MB": (
        lambda: b"\xff\xfb" * (5 * 1024 * 1024 + 1),
        "a.mp3",
        "The recording is larger than 10 MB.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_audio_is_refused_and_leaves_nothing_stored(learner_client, case):
    make, name, message = BAD_UPLOADS[case]
    response = upload(learner_client, make(), name=name)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    assert list(body["errors"]) == ["audio"]
    if message:
        assert body["errors"]["audio"] == [message]
    assert not Recording.objects.exists()
    assert stored_files() == []


def test_an_empty_file_is_refused(learner_client):
    response = upload(learner_client, b"", name="a.m4a")
    assert response.status_code == 400
    assert "audio" in response.json()["errors"]
    assert not Recording.objects.exists()


def test_a_json_body_or_a_missing_file_is_refused(learner_client):
    assert learner_client.post(URL, {"audio": "x"}, format="json").status_code == 415
    response = learner_client.post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert "audio" in response.json()["errors"]


def test_a_decoder_crash_refuses_the_file_and_keeps_the_server_up(
    learner_client, tmp_path, monkeypatch
):
    crashing = tmp_path / "probe.py"
    crashing.write_text(f"import os\nos.kill(os.getpid(), {int(signal.SIGSEGV)})\n")
    monkeypatch.setattr(recordings_module, "PROBE_SCRIPT", crashing)
    response = upload(learner_client, audio.m4a())
    assert response.status_code == 400
    assert response.json()["errors"]["audio"] == ["The recording is damaged or incomplete."]
    assert not Recording.objects.exists()


def test_a_probe_that_cannot_run_is_a_server_fault_not_the_files(tmp_path, monkeypatch):
    broken = tmp_path / "probe.py"
    broken.write_text("import sys\nsys.exit(3)\n")
    monkeypatch.setattr(recordings_module, "PROBE_SCRIPT", broken)
    with pytest.raises(RuntimeError):
        recordings_module.audio_check(SimpleUploadedFile("a.m4a", audio.m4a()))


# --- Reading and deleting ---------------------------------------------------------------------


def test_a_member_reads_only_their_own_recordings(
    learner_client, make_member, member_client, api_client
):
    recording_id = upload(learner_client, audio.m4a()).json()["id"]
    mine = learner_client.get(f"{URL}{recording_id}/")
    assert mine.status_code == 200
    assert set(mine.json()) == {
        "id",
        "duration",
        "content_type",
        "size",
        "created_at",
        "url",
        "url_expires_at",
    }
    stranger = member_client(make_member("other@example.com"))
    assert stranger.get(f"{URL}{recording_id}/").status_code == 404
    assert stranger.delete(f"{URL}{recording_id}/").status_code == 404
    assert stranger.get(URL).json()["meta"]["total_count"] == 0
    assert api_client.get(f"{URL}{recording_id}/").status_code == 401
    assert Recording.objects.filter(pk=recording_id).exists()


def test_the_list_is_newest_first_in_the_envelope_with_a_fixed_number_of_queries(
    learner_client, django_assert_max_num_queries
):
    ids = [upload(learner_client, audio.wav(seconds=0.5)).json()["id"] for _ in range(3)]
    # The member and their session, the count, the page: whatever the number of recordings.
    with django_assert_max_num_queries(4):
        learner_client.get(URL)
    for _ in range(3):
        upload(learner_client, audio.wav(seconds=0.5))
    with django_assert_max_num_queries(4):
        response = learner_client.get(URL)
    body = response.json()
    assert body["meta"]["total_count"] == 6
    assert [item["id"] for item in body["items"]][-3:] == list(reversed(ids))
    assert all(item["url"] for item in body["items"])


def test_deleting_a_recording_removes_its_file_and_unlinks_attempts(
    learner_client, exercise_lesson, django_capture_on_commit_callbacks
):
    recording_id = upload(learner_client, audio.m4a()).json()["id"]
    name = Recording.objects.get().file.name
    learner_client.post(
        f"/api/v1/lessons/{exercise_lesson.pk}/attempts/",
        {"block_id": "voice", "answer": {"transcript": "", "recording": recording_id}},
        format="json",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.delete(f"{URL}{recording_id}/")
    assert response.status_code == 204
    assert not Recording.objects.exists()
    assert not recordings_storage().exists(name)
    attempt = ExerciseAttempt.objects.get()
    assert attempt.recording is None
    assert learner_client.get(f"{URL}{recording_id}/").status_code == 404


def test_closing_the_account_deletes_every_recording_and_its_file(
    learner_client, learner, django_capture_on_commit_callbacks
):
    upload(learner_client, audio.m4a())
    upload(learner_client, audio.ogg())
    names = list(Recording.objects.values_list("file", flat=True))
    assert len(names) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = learner_client.delete(
            "/api/v1/me/", {"password": "a-Strong-passphrase-42"}, format="json"
        )
    assert response.status_code == 204
    assert not Recording.objects.filter(learner=learner).exists()
    assert all(not recordings_storage().exists(name) for name in names)
    assert stored_files() == []


def test_a_failed_upload_after_storing_removes_the_file(learner, monkeypatch):
    from lessons import services
    from lessons.recordings import CheckedAudio

    def refuse(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(Recording, "save", refuse)
    checked = CheckedAudio(
        data=audio.wav(seconds=0.5),
        extension="wav",
        content_type="audio/wav",
        codec="pcm_s16le",
        duration=0.5,
    )
    with pytest.raises(RuntimeError):
        services.recording_create(learner=learner, audio=checked)
    assert stored_files() == []


# --- Local storage: signed links to a Django view ---------------------------------------------


def test_locally_recordings_live_outside_media_and_play_through_a_signed_link(
    local_storage, learner_client, client
):
    data = audio.m4a()
    body = upload(learner_client, data).json()
    recording = Recording.objects.get()
    assert (local_storage / recording.file.name).read_bytes() == data
    assert not str(local_storage).startswith(str(settings.MEDIA_ROOT))
    assert body["url"].startswith("http://testserver/api/v1/recordings/play/")

    played = client.get(body["url"])
    assert played.status_code == 200
    assert played["Content-Type"] == "audio/mp4"
    assert played["Cache-Control"] == "private, no-store"
    assert b"".join(played.streaming_content) == data

    ranged = client.get(body["url"], HTTP_RANGE="bytes=10-19")
    assert ranged.status_code == 206
    assert ranged.content == data[10:20]
    assert ranged["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert client.get(body["url"], HTTP_RANGE=f"bytes={len(data)}-").status_code == 416


def test_a_local_link_expires_and_cannot_be_forged(local_storage, learner_client, client):
    body = upload(learner_client, audio.m4a()).json()
    url = body["url"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = url.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.get(forged).status_code == 404
    later = time.time() + settings.RECORDING_URL_MAX_AGE + 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later)
        assert client.get(url).status_code == 404
    assert client.get(url).status_code == 200


def test_a_local_link_stops_working_once_the_recording_is_deleted(
    local_storage, learner_client, client, django_capture_on_commit_callbacks
):
    body = upload(learner_client, audio.m4a()).json()
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.delete(f"{URL}{body['id']}/")
    assert client.get(body["url"]).status_code == 404
    assert list(local_storage.iterdir()) == []


def test_recordings_no_answer_uses_are_pruned_after_a_day(
    learner_client, exercise_lesson, django_capture_on_commit_callbacks
):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    used, old_unused, fresh_unused = (
        upload(learner_client, audio.wav(seconds=0.5)).json()["id"] for _ in range(3)
    )
    learner_client.post(
        f"/api/v1/lessons/{exercise_lesson.pk}/attempts/",
        {"block_id": "voice", "answer": {"transcript": "", "recording": used}},
        format="json",
    )
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    Recording.objects.filter(pk__in=[used, old_unused]).update(created_at=two_days_ago)
    old_name = Recording.objects.get(pk=old_unused).file.name

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordings_prune", stdout=output)

    assert "Deleted 1 unused recording(s)" in output.getvalue()
    assert set(Recording.objects.values_list("pk", flat=True)) == {used, fresh_unused}
    assert old_name not in stored_files()
