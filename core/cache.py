"""The Redis cache, made to degrade instead of failing the request.

Toto keeps only disposable state in Redis: cached sessions (the database holds them too), DRF
throttle and allauth rate-limit histories, the login lockout's counters, cached responses.
None of it is worth a 500, so when Redis is down or hung the site keeps answering without it:

- every cache call that cannot reach Redis is ignored (django-redis' `IGNORE_EXCEPTIONS`): a
  read misses, a write is dropped, so sessions come from the database and throttles, rate
  limits and the lockout fail open;
- `add()` answers True when Redis cannot be asked. allauth takes a cache "lock" with `add()`
  before every rate-limited action and waits a second, then refuses, when it never gets it; a
  lockout or a replay check that cannot count must not refuse everyone either;
- a connection that failed opens a short circuit breaker: for `RETRY_AFTER_SECONDS` no call
  waits on Redis again, so a hung server (accepting connections, never answering) costs one
  socket timeout per second per process instead of one per cache call;
- the outage is logged once when it starts and once when Redis answers again (django-redis'
  own log would print a traceback per call), and `/readyz` answers 503 meanwhile.

Settings: `BACKEND: "core.cache.RedisCache"` with `IGNORE_EXCEPTIONS` and short socket
timeouts in its `OPTIONS` (see `toto_site/settings/base.py`).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.cache import omit_exception
from redis.connection import Connection, SSLConnection, UnixDomainSocketConnection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 1.0
_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class RedisSkipped(RedisConnectionError):
    """Not tried: this Redis failed less than `RETRY_AFTER_SECONDS` ago."""


class CircuitBreaker:
    """Per Redis server and process: open after a failure, tried again after a pause."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.open_until = 0.0
        self.down_since: float | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        if time.monotonic() < self.open_until:
            raise RedisSkipped(f"Redis at {self.name} failed just now; not tried")

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self.open_until = time.monotonic() + RETRY_AFTER_SECONDS
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.warning(
                    "Redis at %s unreachable (%s): cache calls are skipped; sessions come "
                    "from the database, throttles, rate limits and the login lockout fail open",
                    self.name,
                    error,
                )

    def answered(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is not None:
                logger.warning(
                    "Redis at %s answers again after %.1f s",
                    self.name,
                    time.monotonic() - self.down_since,
                )
                self.down_since = None


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str) -> CircuitBreaker:
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = CircuitBreaker(name)
        return _breakers[name]


class BreakerConnectionMixin:
    """A redis-py connection that reports to, and obeys, its server's circuit breaker."""

    def _breaker(self) -> CircuitBreaker:
        breaker = getattr(self, "_toto_breaker", None)
        if breaker is None:
            path = getattr(self, "path", None)
            name = path or f"{getattr(self, 'host', '?')}:{getattr(self, 'port', '?')}"
            breaker = self._toto_breaker = breaker_for(name)
        return breaker

    def connect_check_health(self, *args, **kwargs):
        breaker = self._breaker()
        breaker.check()
        try:
            result = super().connect_check_health(*args, **kwargs)
        except _FAILURES as error:
            breaker.failed(error)
            raise
        breaker.answered()
        return result

    def send_packed_command(self, *args, **kwargs):
        breaker = self._breaker()
        breaker.check()  # a pooled socket to a server known to hang: do not wait on it
        try:
            return super().send_packed_command(*args, **kwargs)
        except _FAILURES as error:
            breaker.failed(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except _FAILURES as error:
            self._breaker().failed(error)
            raise


class BreakerConnection(BreakerConnectionMixin, Connection):
    pass


class BreakerSSLConnection(BreakerConnectionMixin, SSLConnection):
    pass


class BreakerUnixDomainSocketConnection(BreakerConnectionMixin, UnixDomainSocketConnection):
    pass


def _connection_class(server: Any) -> type:
    first = server[0] if isinstance(server, (list, tuple)) else str(server).split(",")[0]
    if first.startswith("rediss://"):
        return BreakerSSLConnection
    if first.startswith("unix://"):
        return BreakerUnixDomainSocketConnection
    return BreakerConnection


class RedisCache(DjangoRedisCache):
    """django-redis' cache with the breaker on its connections and a fail-open `add()`."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        pool_kwargs = dict(options.get("CONNECTION_POOL_KWARGS") or {})
        pool_kwargs.setdefault("connection_class", _connection_class(server))
        options["CONNECTION_POOL_KWARGS"] = pool_kwargs
        super().__init__(server, {**params, "OPTIONS": options})

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)

    def ping(self) -> None:
        """Ask Redis itself, past `IGNORE_EXCEPTIONS`: raises when it does not answer."""
        self.client.get_client(write=True).ping()
