"""Password reset and change, and account deletion: who stays signed in afterwards."""

import pytest
from django.core import mail
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from members.models import SignInSession, User
from tests.members.conftest import AppClient, code_from_last_mail

pytestmark = pytest.mark.django_db


def me(client, access):
    return client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {access}")


def login(api_client, email, password) -> tuple[AppClient, dict]:
    app = AppClient(api_client)
    response, body = app.login(email, password)
    assert response.status_code == 200, body
    return app, body["meta"]


def is_blacklisted(refresh_token: str) -> bool:
    return BlacklistedToken.objects.filter(token__token=refresh_token).exists()


def test_reset_request_answers_the_same_for_known_and_unknown_addresses(api_client, make_member):
    make_member("known@example.com")
    known = AppClient(api_client).call(
        "post", "auth/password/request", {"email": "known@example.com"}
    )
    unknown = AppClient(api_client).call(
        "post", "auth/password/request", {"email": "nobody@example.com"}
    )
    assert known[0].status_code == unknown[0].status_code
    assert known[1]["data"]["flows"] == unknown[1]["data"]["flows"]
    assert [m.to for m in mail.outbox] == [["known@example.com"], ["nobody@example.com"]]
    assert "no such account" in mail.outbox[1].body


def test_password_reset_by_code_revokes_every_session(api_client, make_member):
    make_member("ana@example.com", password="old-Passphrase-11")
    _phone, phone_tokens = login(api_client, "ana@example.com", "old-Passphrase-11")
    _laptop, laptop_tokens = login(api_client, "ana@example.com", "old-Passphrase-11")

    reset = AppClient(api_client)
    reset.call("post", "auth/password/request", {"email": "ana@example.com"})
    code = code_from_last_mail()
    response, body = reset.call(
        "post", "auth/password/reset", {"key": code, "password": "new-Passphrase-22"}
    )
    # allauth answers 401 with the login flow: the member signs in again with the new password.
    assert response.status_code == 401, body

    for tokens in (phone_tokens, laptop_tokens):
        assert is_blacklisted(tokens["refresh_token"])
        assert me(api_client, tokens["access_token"]).status_code == 401
    login(api_client, "ana@example.com", "new-Passphrase-22")


def test_wrong_reset_code_changes_nothing(api_client, make_member):
    user = make_member("ana@example.com", password="old-Passphrase-11")
    reset = AppClient(api_client)
    reset.call("post", "auth/password/request", {"email": "ana@example.com"})
    response, _ = reset.call(
        "post", "auth/password/reset", {"key": "WRONG-CODE", "password": "new-Passphrase-22"}
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password("old-Passphrase-11")


def test_password_change_keeps_this_session_and_ends_the_others(api_client, make_member):
    make_member("ana@example.com", password="old-Passphrase-11")
    phone, phone_tokens = login(api_client, "ana@example.com", "old-Passphrase-11")
    _laptop, laptop_tokens = login(api_client, "ana@example.com", "old-Passphrase-11")

    response, body = phone.call(
        "post",
        "account/password/change",
        {"current_password": "old-Passphrase-11", "new_password": "new-Passphrase-22"},
    )
    assert response.status_code == 200, body

    assert me(api_client, phone_tokens["access_token"]).status_code == 200
    assert not is_blacklisted(phone_tokens["refresh_token"])
    assert me(api_client, laptop_tokens["access_token"]).status_code == 401
    assert is_blacklisted(laptop_tokens["refresh_token"])
    assert "password" in mail.outbox[-1].subject.lower()
    assert mail.outbox[-1].alternatives


def test_password_change_with_a_wrong_current_password_is_refused(api_client, make_member):
    make_member("ana@example.com", password="old-Passphrase-11")
    phone, _ = login(api_client, "ana@example.com", "old-Passphrase-11")
    response, _ = phone.call(
        "post",
        "account/password/change",
        {"current_password": "guess", "new_password": "new-Passphrase-22"},
    )
    assert response.status_code == 400


def test_failed_logins_are_rate_limited(api_client, make_member):
    make_member("ana@example.com", password="old-Passphrase-11")
    statuses = [
        AppClient(api_client).login("ana@example.com", f"wrong-{attempt}")[0].status_code
        for attempt in range(7)
    ]
    assert statuses[:5] == [400] * 5
    assert statuses[-1] == 429


def test_deleting_the_account_needs_the_password(member_client, make_member):
    user = make_member("ana@example.com", password="old-Passphrase-11")
    client = member_client(user)
    response = client.delete("/api/v1/me/", {"password": "nope"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()["errors"]
    user.refresh_from_db()
    assert user.is_active


def test_deleting_the_account_erases_personal_data_and_revokes_tokens(
    member_client, make_member, api_client
):
    user = make_member("ana@example.com", password="old-Passphrase-11", first_name="Ana")
    user.profile.bio = "I love languages"
    user.profile.phone = "+44 20 7946 0958"
    user.profile.save()
    client = member_client(user)
    response = client.delete("/api/v1/me/", {"password": "old-Passphrase-11"}, format="json")
    assert response.status_code == 204

    user = User.objects.get(pk=user.pk)
    assert not user.is_active
    assert user.first_name == "" and "ana" not in user.email
    assert not user.has_usable_password()
    assert user.profile.bio == "" and user.profile.phone == ""
    assert not SignInSession.objects.filter(user=user, ended_at__isnull=True).exists()
    assert is_blacklisted(client.refresh_token)
    assert client.get("/api/v1/me/").status_code == 401
    response, _ = AppClient(api_client).login("ana@example.com", "old-Passphrase-11")
    assert response.status_code == 400


def test_refresh_for_a_deactivated_member_is_refused(api_client, make_member):
    user = make_member("ana@example.com", password="old-Passphrase-11")
    app, tokens = login(api_client, "ana@example.com", "old-Passphrase-11")
    User.objects.filter(pk=user.pk).update(is_active=False)
    app.session_token = None
    response, _ = app.refresh(tokens["refresh_token"])
    assert response.status_code == 400


def test_refresh_for_a_deleted_member_is_refused_not_a_500(api_client, make_member):
    user = make_member("ana@example.com", password="old-Passphrase-11")
    app, tokens = login(api_client, "ana@example.com", "old-Passphrase-11")
    user.delete()
    app.session_token = None
    response, _ = app.refresh(tokens["refresh_token"])
    assert response.status_code == 400


def test_a_forged_or_garbage_refresh_token_is_refused(api_client):
    app = AppClient(api_client)
    for token in ("", "garbage", "a.b.c"):
        response, _ = app.refresh(token)
        assert response.status_code == 400
