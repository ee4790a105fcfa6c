import re

import pytest
from django.core import mail

AUTH = "/_allauth/app/v1"


def code_from_last_mail() -> str:
    body = mail.outbox[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6,8})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


class AppClient:
    """Drives allauth's headless "app" API the way the mobile app does."""

    def __init__(self, client):
        self.client = client
        self.session_token: str | None = None

    def _headers(self, access_token: str | None = None) -> dict:
        headers = {}
        if self.session_token:
            headers["HTTP_X_SESSION_TOKEN"] = self.session_token
        if access_token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {access_token}"
        return headers

    def call(self, method: str, path: str, data=None, **extra):
        response = getattr(self.client, method)(
            f"{AUTH}/{path}", data=data, format="json", **self._headers(), **extra
        )
        body = response.json() if response.content else {}
        token = body.get("meta", {}).get("session_token")
        if token:
            self.session_token = token
        return response, body

    def signup(self, email: str, password: str):
        return self.call("post", "auth/signup", {"email": email, "password": password})

    def verify(self, code: str):
        return self.call("post", "auth/email/verify", {"key": code})

    def login(self, email: str, password: str):
        return self.call("post", "auth/login", {"email": email, "password": password})

    def refresh(self, refresh_token: str):
        return self.call("post", "tokens/refresh", {"refresh_token": refresh_token})

    def logout(self):
        return self.call("delete", "auth/session")


@pytest.fixture
def app(api_client) -> AppClient:
    return AppClient(api_client)


@pytest.fixture
def member_password() -> str:
    return "correct-horse-battery-9"


@pytest.fixture
def signed_up_member(app, member_password):
    """A learner who signed up and verified their address: (app, tokens)."""
    app.signup("ana@example.com", member_password)
    _response, body = app.verify(code_from_last_mail())
    return body["meta"]
