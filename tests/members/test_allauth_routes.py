"""allauth's routes for phone sign-in are not served: phone sign-in is not configured.

allauth 65.21 serves `account/phone` whatever the settings; without a phone number on the user
model its adapter raises, so it answered 500 to OPTIONS, TRACE and any call with a session.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.members.conftest import AppClient

pytestmark = pytest.mark.django_db

AUTH = "/_allauth/app/v1"
PHONE_PATHS = ["account/phone", "auth/phone/verify", "auth/phone/verify/resend"]
METHODS = ["get", "head", "post", "put", "patch", "delete", "options", "trace"]
PASSWORD = "a-Strong-passphrase-42"


@pytest.fixture
def session_token(api_client, make_member) -> str:
    make_member("ana@example.com", password=PASSWORD)
    response, body = AppClient(api_client).login("ana@example.com", PASSWORD)
    assert response.status_code == 200, body
    return body["meta"]["session_token"]


def call(client, method: str, url: str, headers: dict):
    if method in ("post", "put", "patch"):
        data = {"phone": "+15555550100"}
        return getattr(client, method)(url, data, content_type="application/json", **headers)
    return getattr(client, method)(url, **headers)


@pytest.mark.parametrize("path", PHONE_PATHS)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "session"])
def test_phone_routes_are_not_found(client, session_token, path, method, signed_in):
    """Like any path nothing serves: Django's APPEND_SLASH (or Toto's API slash rule) may send
    the client to the slashed URL first, where nothing answers either."""
    headers = {"HTTP_X_SESSION_TOKEN": session_token} if signed_in else {}
    response = call(client, method, f"{AUTH}/{path}", headers)
    if response.status_code in (301, 308):
        assert response["Location"] == f"{AUTH}/{path}/"
        response = call(client, method, response["Location"], headers)
    assert response.status_code == 404, response.content


def test_the_neighbouring_routes_are_still_served(client, session_token):
    emails = client.get(f"{AUTH}/account/email", HTTP_X_SESSION_TOKEN=session_token)
    assert emails.status_code == 200
    assert [item["email"] for item in emails.json()["data"]] == ["ana@example.com"]
    assert reverse("headless:app:account:manage_email") == f"{AUTH}/account/email"
    assert reverse("headless:app:account:login") == f"{AUTH}/auth/login"
    assert reverse("headless:app:tokens:refresh") == f"{AUTH}/tokens/refresh"
    for name in ("manage_phone", "verify_phone", "resend_phone_verification_code"):
        with pytest.raises(NoReverseMatch):
            reverse(f"headless:app:account:{name}")


def test_the_openapi_document_does_not_offer_phone_routes(client):
    paths = client.get("/_allauth/openapi.json").json()["paths"]
    assert f"{AUTH}/auth/login" in paths
    assert not [path for path in paths if "phone" in path]
