"""Cached content answers kept in the process's memory (core/response_cache.py `LocalAnswers`),
against the real Redis: a kept copy is served only while the generation tokens read from Redis
on that very request say it is current, so a change anywhere makes it stale at once. (With
Redis down nothing kept is served: tests/core/test_response_cache.py.)"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import response_cache
from core.response_cache import LocalAnswers, Stored
from tests.lessons import builders

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]


@pytest.fixture
def lesson(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    return builders.lesson(tenses, "Present simple")


def get(client, url: str, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries.captured_queries)


def answers_in_redis_drop() -> None:
    cache.delete_many(cache.keys(f"{response_cache.PREFIX}:answer:*"))


def test_a_kept_copy_is_served_while_its_tokens_are_current(api_client, lesson):
    url = f"/api/v2/pages/{lesson.pk}/"
    first = api_client.get(url)
    # Gone from Redis, the answer is still served from this process's copy, without a query.
    answers_in_redis_drop()
    again, queries = get(api_client, url)
    assert (again.status_code, queries, again.content) == (200, 0, first.content)
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_a_kept_copy_is_never_served_after_a_change(api_client, lesson):
    url = f"/api/v2/pages/{lesson.pk}/"
    api_client.get(url)
    api_client.get(url)
    lesson.title = "Present simple: routines"
    lesson.save_revision().publish()
    response, queries = get(api_client, url)
    assert queries > 0
    assert response.json()["title"] == "Present simple: routines"


def test_a_token_replaced_by_another_process_makes_the_kept_copy_stale(api_client, lesson):
    url = f"/api/v2/pages/{lesson.pk}/"
    api_client.get(url)
    # What another process's publish does to Redis, and nothing to this process's memory.
    cache.set(response_cache.page_token(lesson.pk), "replaced-elsewhere", timeout=None)
    assert get(api_client, url)[1] > 0


def test_a_fresher_answer_stored_by_another_process_replaces_the_kept_copy(api_client, lesson):
    url = f"/api/v2/pages/{lesson.pk}/"
    first = api_client.get(url)
    key = next(iter(cache.keys(f"{response_cache.PREFIX}:answer:*")))
    stored = cache.get(key)
    token = response_cache.page_token(lesson.pk)
    # Another process: the page changed (new token) and its new answer was stored.
    cache.set(token, "newer", timeout=None)
    newer = Stored(
        tuple((name, "newer" if name == token else value) for name, value in stored.tokens),
        200,
        '"newer"',
        b'{"title": "newer"}',
        tuple((n, '"newer"' if n == "ETag" else v) for n, v in stored.headers),
    )
    cache.set(key, newer, timeout=60)
    response, queries = get(api_client, url)
    assert (queries, response.content) == (0, b'{"title": "newer"}')
    assert response.content != first.content


def test_a_kept_copy_answers_304_without_its_body(api_client, lesson):
    url = f"/api/v2/pages/{lesson.pk}/"
    etag = api_client.get(url)["ETag"]
    answers_in_redis_drop()
    response, queries = get(api_client, url, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content, queries) == (304, b"", 0)
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Content-Type" not in response


def stored(size: int) -> Stored:
    return Stored((), 200, "", b"x" * size, ())


def test_kept_copies_stay_within_their_memory(settings):
    settings.CONTENT_API_LOCAL_CACHE_BYTES = 1000
    answers = LocalAnswers()
    for number in range(5):
        answers.put(f"k{number}", stored(200))
    answers.get("k0")  # recently used: kept
    answers.put("k5", stored(200))
    assert answers.get("k1") is None
    assert all(answers.get(key) is not None for key in ("k0", "k2", "k3", "k4", "k5"))
    # An answer bigger than a quarter of the memory is never kept.
    answers.put("big", stored(400))
    assert answers.get("big") is None
    # Replacing an answer counts its size once.
    for _ in range(10):
        answers.put("k0", stored(200))
    assert answers.get("k5") is not None
