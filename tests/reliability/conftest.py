"""Fixtures of the reliability tests: services of their own to break, and a lesson to read."""

import pytest
from axes.handlers.proxy import AxesProxyHandler

from tests.lessons import builders
from tests.reliability.servers import RedisServer


@pytest.fixture
def lesson(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    return builders.lesson(tenses, "Present simple")


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_redis(redis_server, settings):
    """The cache, configured as in production, on a Redis this test may stop and start."""
    default = settings.CACHES["default"]
    if "redis" not in default["BACKEND"].lower():
        pytest.skip("needs the Redis cache (run with `make test`)")
    settings.CACHES = {"default": {**default, "LOCATION": redis_server.url}}
    # axes' handler keeps the cache it was made with: a fresh one finds this Redis.
    AxesProxyHandler.implementation = None
    yield redis_server
    AxesProxyHandler.implementation = None
