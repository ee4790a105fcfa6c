"""Browsers: the configured app origins may call /api/ and /_allauth/; nobody else gets CORS.

Preflights are answered before authentication and before allauth's views, so a browser app can
send `Authorization`, `X-Session-Token` and JSON bodies at all.
"""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

APP = "http://localhost:3000"
STRANGER = "https://evil.example"
ALLOWED = override_settings(
    CORS_ALLOWED_ORIGINS=[APP, "http://127.0.0.1:3000"],
    CORS_ALLOWED_ORIGIN_REGEXES=[r"^https://[a-z0-9-]+\.preview\.toto\.example$"],
)


def preflight(client, path: str, origin: str = APP, method: str = "GET", headers: str = ""):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


@ALLOWED
@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/api/v1/me/", "GET", "authorization"),
        ("/api/v1/me/", "PATCH", "authorization, content-type"),
        ("/api/v2/pages/6/", "GET", "if-none-match"),
        ("/_allauth/app/v1/auth/login", "POST", "content-type"),
        ("/_allauth/app/v1/auth/session", "DELETE", "authorization, x-session-token"),
    ],
)
def test_a_preflight_from_an_app_origin_is_answered_without_authentication(
    client, path, method, headers
):
    response = preflight(client, path, method=method, headers=headers)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    assert method in response["Access-Control-Allow-Methods"]
    allowed = {name.strip() for name in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "x-session-token", "if-none-match"} <= allowed
    assert "Access-Control-Allow-Credentials" not in response  # bearer tokens, no cookies
    assert int(response["Access-Control-Max-Age"]) > 0


@ALLOWED
def test_a_get_from_an_app_origin_may_be_read_with_its_etag(client, home_page):
    response = client.get(f"/api/v2/pages/{home_page.pk}/", HTTP_ORIGIN=APP)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "retry-after"} <= exposed
    assert "origin" in response["Vary"].lower()  # caches keep one answer per origin


@ALLOWED
def test_errors_carry_the_cors_headers_so_the_app_can_read_them(client):
    unauthenticated = client.get("/api/v1/me/", HTTP_ORIGIN=APP)
    assert unauthenticated.status_code == 401
    assert unauthenticated["Access-Control-Allow-Origin"] == APP
    missing = client.get("/api/v1/nothing-here/", HTTP_ORIGIN=APP)
    assert missing.status_code == 404
    assert missing["Access-Control-Allow-Origin"] == APP
    signed_out = client.get("/_allauth/app/v1/auth/session", HTTP_ORIGIN=APP)
    assert signed_out.status_code == 401
    assert signed_out["Access-Control-Allow-Origin"] == APP


@ALLOWED
def test_an_origin_matching_a_configured_pattern_is_allowed(client):
    origin = "https://pr-42.preview.toto.example"
    response = preflight(client, "/api/v1/me/", origin=origin, headers="authorization")
    assert response["Access-Control-Allow-Origin"] == origin
    other = preflight(client, "/api/v1/me/", origin="https://pr-42.preview.toto.example.evil")
    assert "Access-Control-Allow-Origin" not in other


@ALLOWED
@pytest.mark.parametrize("origin", [STRANGER, "http://localhost:3001", "null"])
def test_a_stranger_origin_gets_no_cors_headers(client, origin):
    response = preflight(client, "/api/v1/me/", origin=origin, headers="authorization")
    assert not any(header.startswith("access-control-") for header in response.headers)
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=origin)
    assert response.status_code == 200  # the server answers; the browser refuses to hand it over
    assert not any(header.startswith("access-control-") for header in response.headers)


@ALLOWED
def test_pages_outside_the_api_get_no_cors_headers(client):
    response = client.get("/admin/login/", HTTP_ORIGIN=APP)
    assert "Access-Control-Allow-Origin" not in response
    response = preflight(client, "/healthz")
    assert "Access-Control-Allow-Origin" not in response


def test_no_origin_is_allowed_unless_configured(settings, client):
    """Production (and tests) allow nothing by default; only dev.py names local app origins."""
    settings.CORS_ALLOWED_ORIGINS = []
    settings.CORS_ALLOWED_ORIGIN_REGEXES = []
    response = preflight(client, "/api/v1/me/", headers="authorization")
    assert "Access-Control-Allow-Origin" not in response


PRINT_CORS = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.CORS_ALLOWED_ORIGINS, settings.CORS_ALLOWED_ORIGIN_REGEXES]))"
)


def cors_settings_of(settings_module: str, **variables: str) -> list:
    import json

    from tests.toto_site.test_settings import run_python

    result = run_python(
        ["-c", f"import django; django.setup(); {PRINT_CORS}"], settings_module, **variables
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dev_settings_allow_the_local_app_origins():
    origins, patterns = cors_settings_of(
        "toto_site.settings.dev", APP_URL="http://192.168.1.20:3000/app"
    )
    assert origins == [
        "http://192.168.1.20:3000",
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://localhost:8081",
    ]
    assert patterns == []


def test_production_allows_exactly_the_origins_of_its_environment():
    from tests.toto_site.test_settings import production_env

    assert cors_settings_of("toto_site.settings.production", **production_env()) == [[], []]
    configured = cors_settings_of(
        "toto_site.settings.production",
        **production_env(
            CORS_ALLOWED_ORIGINS="https://app.toto.example,https://toto.example",
            CORS_ALLOWED_ORIGIN_REGEXES=r"^https://\w+\.preview\.toto\.example$",
        ),
    )
    assert configured == [
        ["https://app.toto.example", "https://toto.example"],
        [r"^https://\w+\.preview\.toto\.example$"],
    ]
