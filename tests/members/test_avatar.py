"""Avatar uploads against the real S3 server: what is accepted, what is refused, what is kept."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.avatars import MAX_PIXELS

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str = "JPEG", size=(800, 600), *, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif else {}
    Image.new("RGB", size, "orange").save(buffer, format=fmt, **options)
    return buffer.getvalue()


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS IFD
    return exif.tobytes()


def png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def upload(client, content: bytes, name: str = "me.jpg", content_type: str = "image/jpeg"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.put("/api/v1/me/avatar/", {"avatar": file}, format="multipart")


@pytest.fixture
def learner(make_member):
    return make_member("ana@example.com")


@pytest.fixture
def client(member_client, learner):
    return member_client(learner)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_and_stored_in_three_sizes(client, learner, fmt):
    response = upload(client, image_bytes(fmt), name=f"me.{fmt.lower()}")
    assert response.status_code == 200, response.json()
    avatar = response.json()["avatar"]
    assert set(avatar) == {"original", "medium", "small"}
    learner.profile.refresh_from_db()
    for field, longest in (("avatar", 800), ("avatar_medium", 256), ("avatar_small", 64)):
        name = getattr(learner.profile, field).name
        assert name.startswith("avatars/") and "me" not in name.split("/")[-1]
        with default_storage.open(name) as stored:
            image = Image.open(stored)
            assert image.format == "JPEG"
            assert max(image.size) == longest


def test_exif_and_gps_are_dropped(client, learner):
    response = upload(client, image_bytes("JPEG", exif=gps_exif()))
    assert response.status_code == 200
    learner.profile.refresh_from_db()
    with default_storage.open(learner.profile.avatar.name) as stored:
        data = stored.read()
    assert b"SpyCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "evil.svg"),
        (b"#!/bin/sh\nrm -rf /\n", "script.png"),
        (b"<?php system($_GET['c']); ?>", "shell.jpg"),
        (image_bytes("JPEG")[:400], "truncated.jpg"),
        (image_bytes("GIF"), "animated.gif"),
        (image_bytes("BMP"), "old.bmp"),
        (png_bomb(30_000, 30_000), "bomb.png"),
        (png_bomb(6000, 5000), "big.png"),
    ],
)
def test_anything_but_a_sane_image_is_refused_with_400(client, learner, content, name):
    response = upload(client, content, name=name, content_type="image/png")
    assert response.status_code == 400
    assert response.json()["errors"]["avatar"], response.json()
    learner.profile.refresh_from_db()
    assert not learner.profile.avatar


def test_more_than_25_megapixels_is_refused(client):
    side = int(MAX_PIXELS**0.5) + 10
    response = upload(client, png_bomb(side, side), name="huge.png")
    assert response.status_code == 400
    assert "25 megapixels" in response.json()["errors"]["avatar"][0]


def test_files_over_5_mb_are_refused(client):
    response = upload(client, b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "5 MB" in response.json()["errors"]["avatar"][0]


def test_missing_or_empty_file_is_refused(client):
    assert client.put("/api/v1/me/avatar/", {}, format="multipart").status_code == 400
    assert upload(client, b"").status_code == 400


def test_replacing_deletes_the_old_files_and_a_failed_upload_keeps_them(
    client, learner, django_capture_on_commit_callbacks
):
    upload(client, image_bytes("PNG"), name="first.png")
    learner.profile.refresh_from_db()
    first = [learner.profile.avatar.name, learner.profile.avatar_small.name]

    assert upload(client, b"not an image", name="x.png").status_code == 400
    learner.profile.refresh_from_db()
    assert learner.profile.avatar.name == first[0]
    assert all(default_storage.exists(name) for name in first)

    with django_capture_on_commit_callbacks(execute=True):
        assert upload(client, image_bytes("WEBP"), name="second.webp").status_code == 200
    learner.profile.refresh_from_db()
    assert learner.profile.avatar.name != first[0]
    assert not any(default_storage.exists(name) for name in first)


def test_delete_removes_avatar_and_files(client, learner, django_capture_on_commit_callbacks):
    upload(client, image_bytes("JPEG"))
    learner.profile.refresh_from_db()
    name = learner.profile.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete("/api/v1/me/avatar/")
    assert response.status_code == 200
    assert response.json()["avatar"] is None
    assert not default_storage.exists(name)


def test_avatar_needs_a_signed_in_member(api_client):
    response = upload(api_client, image_bytes("JPEG"))
    assert response.status_code == 401
