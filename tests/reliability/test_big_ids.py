"""Ids beyond 64 bits, wherever a client can send one, answer 404, 400 or an empty list on
every database, never 500 (SQLite raises OverflowError on them where PostgreSQL finds none)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = 2**70
NEGATIVE_HUGE = -(2**70)


@pytest.fixture
def learner(make_member, member_client):
    return member_client(make_member("lea@example.com"))


@pytest.fixture
def lesson(home_page):
    from tests.lessons import builders

    return builders.lesson(builders.lesson_tree(home_page)[1], "Present simple")


READS = [
    "/api/v2/pages/{huge}/",
    "/api/v2/pages/?child_of={huge}",
    "/api/v2/pages/?descendant_of={huge}",
    "/api/v2/pages/?id={huge}",
    "/api/v2/pages/find/?id={huge}",
    "/api/v2/pages/?translation_of={huge}",
    "/api/v2/images/{huge}/",
    "/api/v2/images/?id={huge}",
    "/api/v2/images/find/?id={huge}",
    "/api/v2/documents/{huge}/",
    "/api/v2/documents/?id={huge}",
    "/api/v1/me/attempts/?lesson={huge}",
    "/api/v1/me/bookmarks/{huge}/",
    "/api/v1/lessons/{huge}/comments/",
    "/api/v1/lessons/{lesson}/comments/?parent={huge}",
    "/api/v1/lessons/{huge}/like/",
    "/api/v1/lessons/{huge}/progress/",
    "/api/v1/comments/{huge}/",
    "/api/v1/members/{huge}/followers/",
    "/api/v1/members/{huge}/following/",
    "/api/v1/members/{huge}/follow/",
    "/api/v1/me/recordings/{huge}/",
]


@pytest.mark.parametrize("huge", [HUGE, NEGATIVE_HUGE])
@pytest.mark.parametrize("path", READS)
def test_reading_with_a_huge_id_is_never_a_server_error(learner, lesson, path, huge):
    response = learner.get(path.format(huge=huge, lesson=lesson.pk))
    assert response.status_code < 500, (path, response.status_code, response.content[:300])


WRITES = [
    ("post", "/api/v1/lessons/{lesson}/comments/", {"text": "Hi", "parent": HUGE}),
    ("post", "/api/v1/lessons/{huge}/attempts/", {"block_id": "x", "answer": [0]}),
    ("post", "/api/v1/comments/{huge}/report/", {"reason": "spam"}),
    ("put", "/api/v1/me/bookmarks/{huge}/", None),
    ("post", "/api/v1/members/{huge}/follow/", None),
    ("put", "/api/v1/lessons/{huge}/progress/", {"status": "completed"}),
    ("post", "/api/v1/me/attempts/", {"lesson": HUGE}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writing_with_a_huge_id_is_never_a_server_error(learner, lesson, method, path, body):
    response = getattr(learner, method)(
        path.format(huge=HUGE, lesson=lesson.pk), body, format="json"
    )
    assert response.status_code < 500, (path, response.status_code, response.content[:300])
