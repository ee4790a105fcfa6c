"""The probes: /healthz touches nothing, /readyz answers for the real database, cache and storage.

Failures are real ones: a Redis URL on a port nobody listens on, a bucket that does not exist
on the S3 server, a PostgreSQL connection to a closed port.
"""

import logging
import socket
import uuid

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import override_settings

from tests.conftest import media_s3_client
from toto_site import health

pytestmark = pytest.mark.django_db

S3_BACKEND = "storages.backends.s3.S3Storage"


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unreachable_cache() -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


def missing_bucket_storage() -> dict:
    default = settings.STORAGES["default"]
    return {
        **settings.STORAGES,
        "default": {
            **default,
            "OPTIONS": {**default["OPTIONS"], "bucket_name": f"toto-missing-{uuid.uuid4().hex}"},
        },
    }


@pytest.fixture
def needs_s3():
    if settings.STORAGES["default"]["BACKEND"] != S3_BACKEND:
        pytest.skip("needs the S3 server `make test` starts")


@pytest.fixture
def needs_redis():
    if not settings.REDIS_URL:
        pytest.skip("needs the Redis server `make test` starts")


@pytest.fixture
def unreachable_database(monkeypatch):
    """Point the readiness check at a PostgreSQL server that is not there.

    The check itself runs unchanged: it gets a real database connection object configured
    like the default one but for a closed port, so connecting fails the way it would in
    production. The test database connection is left alone.
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL server `make test` starts")
    settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": str(closed_port()),
        "OPTIONS": {**connection.settings_dict.get("OPTIONS", {}), "connect_timeout": 2},
    }
    wrapper_class = type(connections["default"])
    unreachable = wrapper_class(settings_dict, alias="readyz-unreachable")
    monkeypatch.setattr(health, "connection", unreachable)
    yield
    unreachable.close()


def readiness(client, expected_status: int) -> dict:
    response = client.get("/readyz")
    assert response.status_code == expected_status, response.content
    assert "no-cache" in response["Cache-Control"]
    return response.json()


# --- /healthz ----------------------------------------------------------------------------------


def test_liveness_answers_ok_without_a_single_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_liveness_answers_ok_even_when_every_dependency_is_down(
    client, unreachable_database, needs_s3
):
    with override_settings(CACHES=unreachable_cache(), STORAGES=missing_bucket_storage()):
        response = client.get("/healthz")
    assert response.status_code == 200


# --- /readyz -----------------------------------------------------------------------------------


def test_readiness_answers_ok_when_all_services_answer(client):
    data = readiness(client, 200)
    assert data == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
        "failed": [],
    }


def test_readiness_leaves_nothing_behind_in_the_bucket(client, needs_s3):
    readiness(client, 200)
    listing = media_s3_client().list_objects_v2(
        Bucket=settings.AWS_STORAGE_BUCKET_NAME, Prefix="readyz/"
    )
    assert listing.get("KeyCount", 0) == 0


def test_readiness_leaves_nothing_behind_in_the_cache(client, needs_redis):
    from django_redis import get_redis_connection

    readiness(client, 200)
    assert get_redis_connection("default").keys("*readyz*") == []


def test_readiness_names_the_cache_when_redis_is_unreachable(client, needs_redis, caplog):
    with (
        caplog.at_level(logging.ERROR, logger="toto_site.health"),
        override_settings(CACHES=unreachable_cache()),
    ):
        data = readiness(client, 503)
    assert data["status"] == "unavailable"
    assert data["failed"] == ["cache"]
    assert data["checks"] == {"database": "ok", "cache": "failed", "storage": "ok"}
    assert "readiness check cache failed" in caplog.text
    assert "ConnectionError" in caplog.text


def test_the_cache_is_back_once_the_setting_is_restored(client, needs_redis):
    with override_settings(CACHES=unreachable_cache()):
        readiness(client, 503)
    assert readiness(client, 200)["failed"] == []


def test_readiness_names_the_storage_when_the_bucket_does_not_exist(client, needs_s3, caplog):
    with (
        caplog.at_level(logging.ERROR, logger="toto_site.health"),
        override_settings(STORAGES=missing_bucket_storage()),
    ):
        data = readiness(client, 503)
    assert "NoSuchBucket" in caplog.text
    assert data["failed"] == ["storage"]
    assert data["checks"] == {"database": "ok", "cache": "ok", "storage": "failed"}


def test_readiness_names_the_database_when_it_is_unreachable(client, unreachable_database, caplog):
    with caplog.at_level(logging.ERROR, logger="toto_site.health"):
        data = readiness(client, 503)
    assert data["failed"] == ["database"]
    assert data["checks"] == {"database": "failed", "cache": "ok", "storage": "ok"}
    # Failed for the right reason: the connection was refused, not a broken test double.
    assert "OperationalError" in caplog.text


def test_readiness_names_every_failed_service(client, unreachable_database, needs_redis, needs_s3):
    with override_settings(CACHES=unreachable_cache(), STORAGES=missing_bucket_storage()):
        data = readiness(client, 503)
    assert data["failed"] == ["database", "cache", "storage"]


def test_readiness_only_answers_get(client):
    assert client.post("/readyz").status_code == 405
