"""Settings follow the environment: embedded with none, real services when named, production strict.

Each case runs in a fresh interpreter with an environment built from scratch, so nothing from
the environment `make test` runs in (DATABASE_URL, REDIS_URL, AWS_*) leaks into it.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings

database = settings.DATABASES["default"]
cache = settings.CACHES["default"]
storage = settings.STORAGES["default"]
print(json.dumps({
    "database_engine": database["ENGINE"],
    "database_name": str(database["NAME"]),
    "conn_max_age": database.get("CONN_MAX_AGE", 0),
    "conn_health_checks": database.get("CONN_HEALTH_CHECKS", False),
    "cache_backend": cache["BACKEND"],
    "cache_location": cache.get("LOCATION"),
    "storage_backend": storage["BACKEND"],
    "storage_options": storage.get("OPTIONS", {}),
    "email_backend": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
}, default=repr))
"""


def run_python(args: list[str], settings_module: str, **variables: str):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": settings_module,
        **variables,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(settings_module: str, **variables: str) -> dict:
    result = run_python(["-c", PRINT_SETTINGS], settings_module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SERVICES = {
    "DATABASE_URL": "postgres://toto:secret@db.internal:5432/toto",
    "REDIS_URL": "redis://cache.internal:6379/1",
    "AWS_STORAGE_BUCKET_NAME": "toto-media",
    "AWS_S3_ENDPOINT_URL": "http://s3.internal:9000",
}


def production_env(**overrides: str) -> dict:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": SERVICES["DATABASE_URL"],
        "ALLOWED_HOSTS": "toto.example.com,api.toto.example.com",
        **overrides,
    }


@pytest.mark.parametrize("settings_module", ["toto_site.settings.dev", "toto_site.settings.test"])
def test_without_environment_toto_runs_embedded(settings_module):
    settings = settings_of(settings_module)
    assert settings["database_engine"] == "django.db.backends.sqlite3"
    assert settings["database_name"] == str(ROOT / "db.sqlite3")
    assert settings["cache_backend"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["storage_backend"] == "django.core.files.storage.FileSystemStorage"


def test_dev_settings_send_mail_to_the_console():
    settings = settings_of("toto_site.settings.dev")
    assert settings["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["debug"] is True


@pytest.mark.parametrize("settings_module", ["toto_site.settings.dev", "toto_site.settings.test"])
def test_named_services_switch_on_postgresql_redis_and_s3(settings_module):
    settings = settings_of(settings_module, **SERVICES)
    assert settings["database_engine"] == "django.db.backends.postgresql"
    assert settings["database_name"] == "toto"
    assert settings["conn_max_age"] > 0
    assert settings["conn_health_checks"] is True
    assert settings["cache_backend"] == "core.cache.RedisCache"  # django-redis, degrading
    assert settings["cache_location"] == SERVICES["REDIS_URL"]
    assert settings["storage_backend"] == "storages.backends.s3.S3Storage"
    assert settings["storage_options"]["bucket_name"] == "toto-media"
    assert settings["storage_options"]["endpoint_url"] == "http://s3.internal:9000"


def test_each_service_is_switched_on_independently():
    settings = settings_of("toto_site.settings.dev", REDIS_URL=SERVICES["REDIS_URL"])
    assert settings["cache_backend"] == "core.cache.RedisCache"  # django-redis, degrading
    assert settings["database_engine"] == "django.db.backends.sqlite3"
    assert settings["storage_backend"] == "django.core.files.storage.FileSystemStorage"


def test_s3_without_an_endpoint_means_aws_itself():
    settings = settings_of("toto_site.settings.dev", AWS_STORAGE_BUCKET_NAME="toto-media")
    assert settings["storage_backend"] == "storages.backends.s3.S3Storage"
    assert settings["storage_options"]["endpoint_url"] is None


def test_production_settings_load_with_the_required_environment():
    settings = settings_of("toto_site.settings.production", **production_env(**SERVICES))
    assert settings["debug"] is False
    assert settings["database_engine"] == "django.db.backends.postgresql"
    assert settings["storage_backend"] == "storages.backends.s3.S3Storage"


def missing_variables(stderr: str) -> set[str]:
    match = re.search(r"ImproperlyConfigured: .*environment variables: (.+)$", stderr, re.M)
    assert match, stderr
    return set(match.group(1).split(", "))


@pytest.mark.parametrize(
    "given",
    [
        set(),
        {"SECRET_KEY"},
        {"DATABASE_URL"},
        {"SECRET_KEY", "DATABASE_URL"},
        {"DATABASE_URL", "ALLOWED_HOSTS"},
    ],
    ids=lambda given: "+".join(sorted(given)) or "nothing",
)
def test_production_refuses_to_start_naming_exactly_the_missing_variables(given):
    full = production_env()
    result = run_python(
        ["-c", "import django; django.setup()"],
        "toto_site.settings.production",
        **{name: full[name] for name in given},
    )
    assert result.returncode != 0
    assert (
        missing_variables(result.stderr) == {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"} - given
    )


def test_production_counts_an_empty_variable_as_missing():
    result = run_python(
        ["-c", "import django; django.setup()"],
        "toto_site.settings.production",
        **production_env(SECRET_KEY=""),
    )
    assert result.returncode != 0
    assert missing_variables(result.stderr) == {"SECRET_KEY"}


def test_deploy_check_is_clean_with_a_realistic_production_environment():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "toto_site.settings.production",
        **production_env(**SERVICES),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output
