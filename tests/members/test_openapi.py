"""The API descriptions: allauth's for sign-in, drf-spectacular's for /api/v1/."""

import pytest

pytestmark = pytest.mark.django_db


def test_allauth_serves_its_openapi_document_with_the_app_sign_in_paths(client):
    response = client.get("/_allauth/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("json")  # application/vnd.oai.openapi+json
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in (
        "/_allauth/app/v1/auth/provider/token",
        "/_allauth/app/v1/auth/provider/signup",
        "/_allauth/app/v1/auth/login",
        "/_allauth/app/v1/auth/signup",
        "/_allauth/app/v1/auth/email/verify",
        "/_allauth/app/v1/tokens/refresh",
    ):
        assert path in paths, path
    assert "post" in paths["/_allauth/app/v1/auth/provider/token"]
    # Only the "app" client is served (HEADLESS_CLIENTS).
    assert not any(path.startswith("/_allauth/browser/") for path in paths)


def test_drf_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/me/" in document["paths"]

    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
