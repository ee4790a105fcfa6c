"""Who may call the learner and social API at all, and what bad ids get."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/v1/me/progress/"),
    ("get", "/api/v1/lessons/{lesson}/progress/"),
    ("put", "/api/v1/lessons/{lesson}/progress/"),
    ("post", "/api/v1/lessons/{lesson}/attempts/"),
    ("get", "/api/v1/me/attempts/"),
    ("get", "/api/v1/me/bookmarks/"),
    ("post", "/api/v1/me/bookmarks/"),
    ("delete", "/api/v1/me/bookmarks/{lesson}/"),
    ("get", "/api/v1/me/stats/"),
    ("get", "/api/v1/lessons/{lesson}/like/"),
    ("post", "/api/v1/lessons/{lesson}/like/"),
    ("delete", "/api/v1/lessons/{lesson}/like/"),
    ("get", "/api/v1/lessons/{lesson}/comments/"),
    ("post", "/api/v1/lessons/{lesson}/comments/"),
    ("patch", "/api/v1/comments/1/"),
    ("delete", "/api/v1/comments/1/"),
    ("post", "/api/v1/comments/1/report/"),
    ("post", "/api/v1/members/1/follow/"),
    ("delete", "/api/v1/members/1/follow/"),
    ("get", "/api/v1/members/1/followers/"),
    ("get", "/api/v1/members/1/following/"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_learner_endpoint_needs_a_signed_in_member(api_client, exercise_lesson, method, path):
    response = getattr(api_client, method)(
        path.format(lesson=exercise_lesson.pk), {}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_malformed_token_is_refused_everywhere(api_client, exercise_lesson, method, path):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = getattr(api_client, method)(
        path.format(lesson=exercise_lesson.pk), {}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("put", "/api/v1/lessons/99999999999999999999/progress/", 404),
        ("patch", "/api/v1/comments/99999999999999999999/", 404),
        ("post", "/api/v1/members/99999999999999999999/follow/", 404),
        ("delete", "/api/v1/me/bookmarks/99999999999999999999/", 404),
        ("get", "/api/v1/me/attempts/?lesson=99999999999999999999", 200),
        ("get", "/api/v1/lessons/{lesson}/comments/?parent=99999999999999999999", 404),
        ("get", "/api/v1/lessons/{lesson}/comments/?parent=x", 400),
    ],
)
def test_ids_out_of_any_range_are_not_found_never_a_server_error(
    learner_client, exercise_lesson, method, path, status
):
    url = path.format(lesson=exercise_lesson.pk)
    body = None if method == "get" else {"status": "started", "text": "x"}
    response = getattr(learner_client, method)(url, body, format="json")
    assert response.status_code == status
