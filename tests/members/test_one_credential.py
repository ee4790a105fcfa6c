"""One credential: after sign-in an app keeps only its JWT pair.

The access token opens allauth's endpoints that need a signed-in member (who am I, log out,
password change, email addresses) under the rules of /api/v1/: valid, its sign-in session open,
its member active. Logging out with it ends the sign-in session at once, and presenting a
refresh token that was already rotated ends the sign-in session it belongs to.
"""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.headless.internal.sessionkit import session_store
from django.core import mail
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from members.models import SignInSession
from members.tokens import SESSION_CLAIM
from tests.members.conftest import AUTH, AppClient, code_from_last_mail

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


class BearerApp:
    """An app that kept nothing but its JWT pair: every call carries only the access token."""

    def __init__(self, access_token: str, refresh_token: str):
        self.client = APIClient()
        self.access_token = access_token
        self.refresh_token = refresh_token

    def call(self, method: str, path: str, data=None, access_token: str | None = None):
        token = access_token or self.access_token
        response = getattr(self.client, method)(
            f"{AUTH}/{path}", data=data, format="json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        return response, (response.json() if response.content else {})

    def me(self, access_token: str | None = None):
        token = access_token or self.access_token
        return self.client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}")

    def refresh(self, refresh_token: str | None = None):
        response = APIClient().post(
            f"{AUTH}/tokens/refresh",
            {"refresh_token": refresh_token or self.refresh_token},
            format="json",
        )
        return response, response.json()


def sign_in(email: str = "ana@example.com") -> BearerApp:
    """A fresh login on a new device (its own sign-in session), as the app would do it."""
    response, body = AppClient(APIClient()).login(email, PASSWORD)
    assert response.status_code == 200, body
    return BearerApp(body["meta"]["access_token"], body["meta"]["refresh_token"])


@pytest.fixture
def member(make_member):
    return make_member("ana@example.com", password=PASSWORD, verified=True)


def test_the_access_token_alone_says_who_is_signed_in(member):
    app = sign_in()
    response, body = app.call("get", "auth/session")
    assert response.status_code == 200, body
    assert body["data"]["user"]["email"] == "ana@example.com"
    assert body["meta"]["is_authenticated"] is True
    # Nothing new to keep: no session token, no new pair.
    assert not {"session_token", "access_token", "refresh_token"} & set(body["meta"])


def test_logging_out_with_only_the_access_token_ends_the_sign_in_session_at_once(member):
    phone, laptop = sign_in(), sign_in()
    assert phone.me().status_code == 200

    response, body = phone.call("delete", "auth/session")
    assert response.status_code == 401, body  # allauth: signed out
    assert body["meta"]["is_authenticated"] is False

    refused = phone.me()
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_not_valid"
    assert phone.call("get", "auth/session")[0].status_code == 401
    response, body = phone.refresh()
    assert response.status_code == 400
    assert body["errors"][0]["code"] == "invalid_token"
    assert BlacklistedToken.objects.filter(token__token=phone.refresh_token).exists()
    # Another device of the member stays signed in.
    assert laptop.me().status_code == 200
    assert laptop.call("get", "auth/session")[0].status_code == 200


def test_a_password_change_with_the_access_token_keeps_this_device_only(member):
    phone, laptop = sign_in(), sign_in()
    response, body = phone.call(
        "post",
        "account/password/change",
        {"current_password": PASSWORD, "new_password": "a-new-long-passphrase-7"},
    )
    assert response.status_code == 200, body

    # Django cycled the allauth session's key; the access token still finds it.
    assert phone.me().status_code == 200
    response, body = phone.call("get", "auth/session")
    assert response.status_code == 200, body
    response, _ = phone.refresh()
    assert response.status_code == 200
    # Every other sign-in session has ended, on allauth's endpoints as on /api/v1/.
    assert laptop.me().status_code == 401
    assert laptop.call("get", "auth/session")[0].status_code == 401
    assert laptop.refresh()[0].status_code == 400

    response, body = phone.call(
        "post",
        "account/password/change",
        {"current_password": "not-the-password", "new_password": "another-passphrase-8"},
    )
    assert response.status_code == 400
    assert body["errors"][0]["code"] == "enter_current_password"


def test_email_addresses_are_managed_with_the_access_token(member):
    app = sign_in()
    response, body = app.call("get", "account/email")
    assert response.status_code == 200, body
    assert [address["email"] for address in body["data"]] == ["ana@example.com"]

    response, body = app.call("post", "account/email", {"email": "ana.garcia@example.com"})
    assert response.status_code == 200, body
    assert mail.outbox[-1].to == ["ana.garcia@example.com"]
    # The pending verification lives in the session the access token stands for.
    response, body = app.call("post", "auth/email/verify", {"key": code_from_last_mail()})
    assert response.status_code == 200, body
    response, body = app.call(
        "patch", "account/email", {"email": "ana.garcia@example.com", "primary": True}
    )
    assert response.status_code == 200, body
    primary = EmailAddress.objects.get(user=member, primary=True)
    assert (primary.email, primary.verified) == ("ana.garcia@example.com", True)

    response, body = app.call("delete", "account/email", {"email": "ana@example.com"})
    assert response.status_code == 200, body
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "ana.garcia@example.com"
    ]


@pytest.mark.parametrize(
    "token",
    ["not-a-jwt", "a.b.c", "", "Bearer"],
    ids=["garbage", "three-dots", "empty", "scheme-twice"],
)
def test_anything_but_a_valid_access_token_is_not_signed_in_on_allauth(member, token):
    app = sign_in()
    response, body = app.call("get", "auth/session", access_token=token or " ")
    assert response.status_code == 401, body
    assert body["meta"]["is_authenticated"] is False
    response, body = app.call("delete", "auth/session", access_token=token or " ")
    assert response.status_code == 401
    assert app.me().status_code == 200  # nothing was signed out


def test_expired_refresh_and_forged_tokens_are_not_signed_in_on_allauth(member, make_member):
    app = sign_in()
    expired = AccessToken(app.access_token)
    expired.set_exp(lifetime=-timedelta(seconds=1))
    assert app.call("get", "auth/session", access_token=str(expired))[0].status_code == 401
    # A refresh token is not an access token.
    assert app.call("get", "auth/session", access_token=app.refresh_token)[0].status_code == 401

    # A token naming another member's sign-in session opens neither.
    make_member("ben@example.com", password=PASSWORD, verified=True)
    ben = sign_in("ben@example.com")
    forged = AccessToken(app.access_token)
    forged[SESSION_CLAIM] = str(AccessToken(ben.access_token)[SESSION_CLAIM])
    response, body = app.call("get", "auth/session", access_token=str(forged))
    assert response.status_code == 401, body


def test_an_inactive_member_is_not_signed_in_by_their_access_token(member):
    app = sign_in()
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert app.call("get", "auth/session")[0].status_code == 401


def test_an_expired_allauth_session_does_not_sign_out_a_valid_access_token(member):
    app = sign_in()
    sign_in_session = SignInSession.objects.get(pk=AccessToken(app.access_token)[SESSION_CLAIM])
    old_key = sign_in_session.session_key
    assert old_key
    session_store(old_key).delete()  # expired, or cleared by `clearsessions`

    response, body = app.call("get", "auth/session")
    assert response.status_code == 200, body
    sign_in_session.refresh_from_db()
    assert sign_in_session.session_key not in ("", old_key)
    # ...and it is the same sign-in session: logging out still ends it.
    assert app.call("delete", "auth/session")[0].status_code == 401
    assert app.me().status_code == 401


def test_presenting_a_rotated_refresh_token_again_ends_its_sign_in_session(member):
    app, laptop = sign_in(), sign_in()
    response, body = app.refresh()
    assert response.status_code == 200, body
    rotated_access, rotated_refresh = body["data"]["access_token"], body["data"]["refresh_token"]
    assert app.me(rotated_access).status_code == 200

    response, body = app.refresh(app.refresh_token)  # the used one, replayed
    assert response.status_code == 400
    assert body == {
        "status": 400,
        "errors": [
            {
                "message": body["errors"][0]["message"],
                "code": "token_reused",
                "param": "refresh_token",
            }
        ],
    }
    assert "already used" in body["errors"][0]["message"]

    # The pair it was rotated into stops working at once, everywhere.
    assert app.me(rotated_access).status_code == 401
    assert app.call("get", "auth/session", access_token=rotated_access)[0].status_code == 401
    response, body = app.refresh(rotated_refresh)
    assert response.status_code == 400
    assert body["errors"][0]["code"] == "invalid_token"
    sign_in_session = SignInSession.objects.get(pk=AccessToken(rotated_access)[SESSION_CLAIM])
    assert sign_in_session.ended_at is not None
    # A replay after that is just an invalid token; other devices never noticed.
    assert app.refresh(app.refresh_token)[1]["errors"][0]["code"] == "invalid_token"
    assert laptop.me().status_code == 200
    assert laptop.refresh()[0].status_code == 200


def test_reuse_also_refuses_the_session_token_of_that_sign_in(member):
    flow = AppClient(APIClient())
    _response, body = flow.login("ana@example.com", PASSWORD)
    refresh = body["meta"]["refresh_token"]
    assert flow.call("get", "auth/session")[0].status_code == 200
    assert BearerApp("", refresh).refresh()[0].status_code == 200
    assert BearerApp("", refresh).refresh()[0].status_code == 400  # reuse
    response, _ = flow.call("get", "auth/session")
    assert response.status_code == 410  # allauth: this session token is gone


@pytest.mark.parametrize(
    "token",
    ["not-a-jwt", "", None],
    ids=["garbage", "empty", "missing"],
)
def test_a_refresh_with_no_usable_token_answers_a_clear_400(token):
    data = {} if token is None else {"refresh_token": token}
    response = APIClient().post(f"{AUTH}/tokens/refresh", data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["errors"][0]["param"] == "refresh_token"


def test_a_refresh_token_of_an_unknown_or_foreign_issue_is_invalid(member):
    stray = RefreshToken()  # signed with our key but never issued: no outstanding record
    stray["user_id"] = member.pk
    response, body = BearerApp("", str(stray)).refresh()
    assert response.status_code == 400
    assert body["errors"][0]["code"] == "invalid_token"
