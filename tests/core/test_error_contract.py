"""Everything under /api/ answers errors as `{"detail", "code"}` (+ `errors` for validation),
whatever went wrong and wherever it was caught; /_allauth/ keeps allauth's own shape."""

import json

import pytest
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from core.middleware import JSON_MAX_DEPTH
from core.views import csrf_failure

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(member_client, make_member):
    return member_client(make_member())


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) <= {"detail", "code", "errors"}
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nope/",
        "/api/v2/nope/",
        "/api/nope",
        "/api/v1/lessons/abc/progress/",
        "/api/v1/members/1.5/follow/",
        "/api/v2/pages/abc/",
        "/api/v2/pages/99999999999999999999/",
        "/api/v1/lessons/99999999999999999999/progress/",
    ],
)
def test_unknown_routes_and_bad_ids_are_a_json_404(client, path):
    assert_error(client.get(path), 404, "not_found")


@override_settings(DEBUG=True)
def test_unknown_routes_are_json_even_in_debug(client):
    assert_error(client.get("/api/v1/nope/"), 404, "not_found")


def test_malformed_json_is_a_parse_error(client):
    response = client.post(
        "/api/v1/me/bookmarks/", data='{"lesson": ', content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


@pytest.mark.parametrize("depth", [JSON_MAX_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_a_400_never_a_500(client, depth):
    body = "[" * depth + "]" * depth
    response = client.post("/api/v1/me/bookmarks/", data=body, content_type="application/json")
    assert_error(response, 400, "json_too_deep")


def test_json_nested_within_the_limit_reaches_the_view(client):
    body = json.dumps({"lesson": [[[[1]]]]})
    response = client.post("/api/v1/me/bookmarks/", data=body, content_type="application/json")
    assert_error(response, 400, "validation_error")


def test_deeply_nested_json_to_anonymous_sign_in_is_an_allauth_shaped_400():
    depth = 50_000
    response = APIClient().post(
        "/_allauth/app/v1/auth/login",
        data='{"email": ' + "[" * depth + "]" * depth + "}",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "json_too_deep"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_json_is_a_413(client):
    body = json.dumps({"text": "x" * 2000})
    response = client.post("/api/v1/me/bookmarks/", data=body, content_type="application/json")
    assert_error(response, 413, "request_too_large")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/me/stats/"),
        ("post", "/api/v2/pages/"),
        ("delete", "/api/v1/me/progress/"),
    ],
)
def test_wrong_methods_are_a_405(client, method, path):
    assert_error(getattr(client, method)(path), 405, "method_not_allowed")


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_trailing_slash_is_redirected_keeping_the_method(client, debug):
    with override_settings(DEBUG=debug):
        response = client.post("/api/v1/me/bookmarks?x=1", {"lesson": 1}, format="json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/me/bookmarks/?x=1"


def test_a_missing_trailing_slash_on_an_unknown_route_is_a_404(client):
    assert_error(client.post("/api/v1/nope", {}, format="json"), 404, "not_found")


def test_validation_errors_name_their_fields(client):
    body = assert_error(
        client.post("/api/v1/me/bookmarks/", {}, format="json"), 400, "validation_error"
    )
    assert body["errors"] == {"lesson": ["This field is required."]}
    assert body["detail"] == "lesson: This field is required."


def test_nested_validation_errors_are_flattened_to_dotted_names(client):
    response = client.patch("/api/v1/me/", {"profile": {"timezone": "Mars/Base"}}, format="json")
    body = assert_error(response, 400, "validation_error")
    assert list(body["errors"]) == ["profile.timezone"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/me/bookmarks/?limit=abc",
        "/api/v1/me/bookmarks/?limit=101",
        "/api/v1/me/bookmarks/?offset=-1",
        "/api/v1/me/attempts/?lesson=abc",
    ],
)
def test_bad_query_parameters_are_invalid_parameter(client, path):
    assert_error(client.get(path), 400, "invalid_parameter")


def test_service_refusals_carry_their_own_code(member_client, make_member):
    member = make_member()
    response = member_client(member).post(f"/api/v1/members/{member.pk}/follow/")
    assert_error(response, 400, "cannot_follow_self")


def test_missing_and_bad_credentials_are_401_with_their_code():
    assert_error(APIClient().get("/api/v1/me/"), 401, "not_authenticated")
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    assert_error(bad.get("/api/v1/me/"), 401, "token_not_valid")
    malformed = APIClient()
    malformed.credentials(HTTP_AUTHORIZATION="Bearer two words")
    assert_error(malformed.get("/api/v1/me/"), 401, "authentication_failed")


def test_csrf_failures_under_the_api_are_json():
    request = RequestFactory().post("/api/v1/me/bookmarks/")
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert json.loads(response.content)["code"] == "csrf_failed"


def test_csrf_failures_elsewhere_keep_djangos_page():
    response = csrf_failure(RequestFactory().post("/admin/login/"), reason="x")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_server_errors_under_the_api_are_json(client, monkeypatch):
    from lessons import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "learner_stats_get", broken)
    client.raise_request_exception = False
    assert_error(client.get("/api/v1/me/stats/"), 500, "server_error")


def test_non_api_pages_keep_djangos_html_404(client):
    response = client.get("/definitely-not-a-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
