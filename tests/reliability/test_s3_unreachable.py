"""S3 unreachable: uploads answer 503 `service_unavailable`, the files already stored stay,
and no row points at a file that was never written."""

import socket

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import empty

from lessons.models import Recording
from lessons.models.recordings import recordings_storage_instance
from members.models import Profile
from tests.conftest import png_bytes
from tests.lessons import audio

pytestmark = pytest.mark.django_db

S3_BACKEND = "storages.backends.s3.S3Storage"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again on leaving: nothing listens there


@pytest.fixture
def s3_unreachable(settings):
    """From now on every storage talks to an S3 endpoint nothing answers on."""
    if settings.STORAGES["default"]["BACKEND"] != S3_BACKEND:
        pytest.skip("needs S3 media (run with `make test`)")
    real = settings.STORAGES

    def switch(stores):
        settings.STORAGES = stores
        recordings_storage_instance._wrapped = empty

    def cut():
        dead = f"http://127.0.0.1:{closed_port()}"
        switch(
            {
                name: {**store, "OPTIONS": {**store["OPTIONS"], "endpoint_url": dead}}
                if store["BACKEND"] == S3_BACKEND
                else store
                for name, store in real.items()
            }
        )

    yield cut
    switch(real)


def avatar_upload(client):
    upload = SimpleUploadedFile("me.png", png_bytes(200, 200), content_type="image/png")
    return client.put("/api/v1/me/avatar/", {"avatar": upload}, format="multipart")


def test_avatar_upload_answers_503_and_keeps_the_old_avatar(
    s3_unreachable, make_member, member_client
):
    member = make_member("ana@example.com")
    client = member_client(member)
    assert avatar_upload(client).status_code == 200
    before = Profile.objects.values("avatar", "avatar_medium", "avatar_small").get(user=member)

    s3_unreachable()
    response = avatar_upload(client)
    assert response.status_code == 503, response.content
    assert response.json()["code"] == "service_unavailable"

    after = Profile.objects.values("avatar", "avatar_medium", "avatar_small").get(user=member)
    assert after == before


def test_old_avatar_files_are_intact_once_s3_answers_again(
    s3_unreachable, make_member, member_client, settings
):
    member = make_member("ana@example.com")
    client = member_client(member)
    assert avatar_upload(client).status_code == 200
    names = list(Profile.objects.values_list("avatar", "avatar_medium", "avatar_small").get())
    real = settings.STORAGES

    s3_unreachable()
    assert avatar_upload(client).status_code == 503

    settings.STORAGES = real
    assert all(default_storage.exists(name) for name in names)


def test_recording_upload_answers_503_and_writes_no_row(s3_unreachable, make_member, member_client):
    client = member_client(make_member("ana@example.com"))
    s3_unreachable()
    upload = SimpleUploadedFile("answer.m4a", audio.m4a())
    response = client.post("/api/v1/me/recordings/", {"audio": upload}, format="multipart")
    assert response.status_code == 503, response.content
    assert response.json()["code"] == "service_unavailable"
    assert not Recording.objects.exists()
