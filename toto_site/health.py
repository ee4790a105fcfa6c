"""Liveness and readiness probes.

`/healthz` touches nothing, so a slow database never gets a healthy process killed.
`/readyz` answers 200 only when the database, the cache and the media storage all answer, and
503 naming the ones that failed, so a load balancer stops routing to an instance that cannot work.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # The cache ignores its own failures (core.cache: the site degrades without Redis), so
    # ask Redis directly where it can be asked, then prove a write reads back.
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def check_storage() -> None:
    # Write and delete a tiny object: proves credentials, bucket, network and write access.
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
}


@require_GET
@never_cache
def liveness(request):
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readiness(request):
    checks = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:  # any failure of a dependency means "not ready"
            logger.exception("readiness check %s failed", name)
            checks[name] = "failed"
        else:
            checks[name] = "ok"
    failed = [name for name, result in checks.items() if result != "ok"]
    status = 503 if failed else 200
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "checks": checks, "failed": failed},
        status=status,
    )


class HealthProbeMiddleware:
    """Answer the probes first, before host validation and HTTPS redirects.

    Orchestrators probe by pod IP over plain HTTP; neither is in ALLOWED_HOSTS nor HTTPS, and
    neither should make a healthy instance look dead. The probes reveal nothing but up/down.
    """

    PROBES = {"/healthz": liveness, "/readyz": readiness}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = self.PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
