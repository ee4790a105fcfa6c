"""Fixtures shared by the whole suite.

`make test` points the settings at real PostgreSQL, Redis and S3 (moto) servers; the suite
refuses to run on the embedded SQLite default unless TOTO_ALLOW_SQLITE=1 says so on purpose.
"""

import io
import os

import boto3
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from rest_framework.test import APIClient
from wagtail.images import get_image_model
from wagtail.models import Site


def media_s3_client():
    """A boto3 client for the S3 server behind the media storage (moto under `make test`)."""
    options = settings.STORAGES["default"]["OPTIONS"]
    return boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Data made in a module-scoped fixture lives until the module's last test, then goes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session", autouse=True)
def real_services(django_db_setup, django_db_blocker):
    if not os.environ.get("TOTO_ALLOW_SQLITE"):
        with django_db_blocker.unblock():
            from django.db import connection

            assert connection.vendor == "postgresql", "run the suite with `make test`"
        assert settings.REDIS_URL, "run the suite with `make test` (REDIS_URL unset)"
        assert settings.AWS_STORAGE_BUCKET_NAME, "run the suite with `make test` (S3 unset)"
    if settings.AWS_STORAGE_BUCKET_NAME:
        s3 = media_s3_client()
        existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
        if settings.AWS_STORAGE_BUCKET_NAME not in existing:
            s3.create_bucket(Bucket=settings.AWS_STORAGE_BUCKET_NAME)


@pytest.fixture(scope="session")
def live_server(live_server, django_db_blocker):
    """pytest-django's live server, and at the end of the session no connection of its request
    threads left open (one a browser kept alive outlives the server's stop, and PostgreSQL then
    refuses to drop the test database)."""
    yield live_server
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_oembed_network(monkeypatch):
    """No test asks a video provider over the internet: Wagtail's oEmbed call fails as if
    offline, unless a test answers it (tests/lessons/test_video_embeds.py)."""
    import types

    import requests

    def offline(url, *args, **kwargs):
        raise requests.ConnectionError(f"tests are offline: {url}")

    # Only the finder's own `requests` is replaced; the rest of the process keeps the real one.
    monkeypatch.setattr(
        "wagtail.embeds.finders.oembed.requests",
        types.SimpleNamespace(get=offline, RequestException=requests.RequestException),
    )


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


def png_bytes(width: int = 64, height: int = 48, color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def image(db):
    """A real image stored in the media storage (S3 under `make test`)."""
    return get_image_model().objects.create(
        title="A teal square",
        file=ImageFile(io.BytesIO(png_bytes(640, 480)), name="teal.png"),
    )


@pytest.fixture
def make_member(db):
    """Create a member: `make_member("ana@example.com", role="teacher", verified=True)`."""
    from tests.members.factories import MemberFactory

    def make(email: str = "learner@example.com", **fields):
        return MemberFactory(email=email, **fields)

    return make


@pytest.fixture
def member_client(db):
    """An APIClient signed in as `user` with a real Toto JWT: `member_client(user)`.

    The pair belongs to a new sign-in session, exactly as a login through allauth would give;
    `client.refresh_token` and `client.sign_in_session` are set for tests that need them.
    """
    from members.models import SignInSession
    from members.tokens import token_pair_issue

    def sign_in(user) -> APIClient:
        sign_in_session = SignInSession.objects.create(user=user)
        refresh = token_pair_issue(user=user, sign_in_session=sign_in_session)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {refresh.access_token}")
        client.refresh_token = str(refresh)
        client.sign_in_session = sign_in_session
        return client

    return sign_in
