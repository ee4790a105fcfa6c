"""Sign-up, verification, login, refresh and logout through allauth's headless app API."""

import pytest
from django.core import mail
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from members.models import Role, User
from tests.members.conftest import code_from_last_mail

pytestmark = pytest.mark.django_db


def me(api_client, access_token):
    return api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {access_token}")


def test_signup_is_pending_until_the_emailed_code_is_entered(app, member_password):
    response, body = app.signup("Ana@Example.com", member_password)
    assert response.status_code == 401
    assert any(
        flow["id"] == "verify_email" and flow.get("is_pending") for flow in body["data"]["flows"]
    )
    assert body["meta"]["session_token"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.com"]  # allauth keeps addresses in lower case
    assert message.alternatives, "the mail has an HTML part"

    response, body = app.verify(code_from_last_mail())
    assert response.status_code == 200, body
    assert body["meta"]["access_token"] and body["meta"]["refresh_token"]
    user = User.objects.get(email__iexact="ana@example.com")
    assert user.is_verified
    assert user.profile.role == Role.STUDENT
    assert list(user.groups.values_list("name", flat=True)) == ["Students"]


def test_wrong_code_does_not_verify(app, member_password):
    app.signup("ben@example.com", member_password)
    response, _body = app.verify("WRONG1")
    assert response.status_code == 400
    assert not User.objects.get(email="ben@example.com").is_verified


def test_login_returns_jwts_that_open_the_members_api(
    app, api_client, signed_up_member, member_password
):
    app.session_token = None
    response, body = app.login("ana@example.com", member_password)
    assert response.status_code == 200, body
    access = body["meta"]["access_token"]
    assert me(api_client, access).json()["email"] == "ana@example.com"


def test_login_with_a_wrong_password_fails(app, signed_up_member):
    app.session_token = None
    response, _ = app.login("ana@example.com", "not-the-password")
    assert response.status_code == 400


def test_refresh_rotates_and_the_used_token_is_refused(app, api_client, signed_up_member):
    old_refresh = signed_up_member["refresh_token"]
    response, body = app.refresh(old_refresh)
    assert response.status_code == 200, body
    new_access, new_refresh = body["data"]["access_token"], body["data"]["refresh_token"]
    assert new_refresh != old_refresh
    assert me(api_client, new_access).status_code == 200

    response, _ = app.refresh(old_refresh)
    assert response.status_code == 400
    # Presenting a rotated token again ends its sign-in session: the new pair is gone too, and
    # so is its session token (410; tests/members/test_one_credential.py covers reuse in full).
    assert app.call("get", "auth/session")[0].status_code == 410
    app.session_token = None
    response, _ = app.refresh(new_refresh)
    assert response.status_code == 400
    assert me(api_client, new_access).status_code == 401


def test_logout_revokes_the_session_tokens(app, api_client, signed_up_member):
    access, refresh = signed_up_member["access_token"], signed_up_member["refresh_token"]
    assert me(api_client, access).status_code == 200
    response, _ = app.logout()
    assert response.status_code == 401  # allauth: "not authenticated any more"
    assert me(api_client, access).status_code == 401
    app.session_token = None  # the ended session's token is refused with 410 on its own
    response, _ = app.refresh(refresh)
    assert response.status_code == 400
    assert BlacklistedToken.objects.filter(token__token=refresh).exists()


def test_api_v1_refuses_missing_malformed_and_foreign_tokens(api_client):
    assert api_client.get("/api/v1/me/").status_code == 401
    assert me(api_client, "not-a-jwt").status_code == 401
    assert me(api_client, "a.b.c").status_code == 401
