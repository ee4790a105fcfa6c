"""Social login through allauth's headless provider-token flow, verified for real, offline.

The app posts what the provider's SDK gave it to `auth/provider/token`. allauth checks it
itself: id_token signature against the provider's published keys, issuer, audience, expiry and
replay (Google, Apple); for Facebook, the access token through Graph's `debug_token` and `me`.
Only the provider's HTTP answers are fakes (see social_fixtures.py).
"""

import json

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.facebook.constants import GRAPH_API_URL
from django.core import mail

from members.adapters import SocialAccountAdapter
from members.models import Role, User
from tests.members.conftest import code_from_last_mail
from tests.members.social_fixtures import (
    APPLE_KEYS_URL,
    GOOGLE_CERTS_URL,
    FakeApple,
    FakeGoogle,
    FakeGraph,
    FakeProviderTransport,
    signing_key,
)
from toto_site.settings import base as base_settings

pytestmark = pytest.mark.django_db

GOOGLE = {
    "WEB": "1234-web.apps.googleusercontent.com",
    "IOS": "1234-ios.apps.googleusercontent.com",
    "ANDROID": "1234-android.apps.googleusercontent.com",
}
APPLE = {"WEB": "app.toto.signin", "IOS": "app.toto.ios"}  # services id, bundle id
FACEBOOK = {"WEB": "100000000000001", "IOS": "100000000000002", "ANDROID": "100000000000001"}
FACEBOOK_SECRETS = {FACEBOOK["WEB"]: "fb-web-secret", FACEBOOK["IOS"]: "fb-ios-secret"}
PLATFORMS = ("WEB", "IOS", "ANDROID")
RELAY = "k8x2pq7mzd@privaterelay.appleid.com"  # Apple's "Hide My Email" address
PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def social_apps(settings, monkeypatch):
    """The production SOCIALACCOUNT_PROVIDERS, rebuilt from these client ids in the environment."""
    for provider, client_ids in (("GOOGLE", GOOGLE), ("APPLE", APPLE), ("FACEBOOK", FACEBOOK)):
        for platform in PLATFORMS:
            prefix = f"{provider}_{platform}"
            for name in ("CLIENT_ID", "SECRET", "KEY"):
                monkeypatch.delenv(f"{prefix}_{name}", raising=False)
            if client_id := client_ids.get(platform):
                secret = FACEBOOK_SECRETS.get(client_id, f"{prefix.lower()}-secret")
                monkeypatch.setenv(f"{prefix}_CLIENT_ID", client_id)
                monkeypatch.setenv(f"{prefix}_SECRET", secret)
    monkeypatch.delenv("FACEBOOK_EMAIL_VERIFIED", raising=False)
    settings.SOCIALACCOUNT_PROVIDERS = base_settings._social_providers()
    return settings.SOCIALACCOUNT_PROVIDERS


@pytest.fixture
def transport(monkeypatch) -> FakeProviderTransport:
    """Every request allauth makes through the social adapter's session lands here."""
    fake = FakeProviderTransport()
    real_get_requests_session = SocialAccountAdapter.get_requests_session

    def get_requests_session(self):
        session = real_get_requests_session(self)  # allauth's session, timeout and all
        session.mount("https://", fake)
        session.mount("http://", fake)
        return session

    monkeypatch.setattr(SocialAccountAdapter, "get_requests_session", get_requests_session)
    return fake


@pytest.fixture
def google(transport) -> FakeGoogle:
    fake = FakeGoogle()
    fake.register(transport)
    return fake


@pytest.fixture
def apple(transport) -> FakeApple:
    fake = FakeApple()
    fake.register(transport)
    return fake


@pytest.fixture
def graph(transport) -> FakeGraph:
    fake = FakeGraph(GRAPH_API_URL, FACEBOOK_SECRETS)
    fake.register(transport)
    return fake


def provider_token(app, provider: str, client_id: str, **token):
    return app.call(
        "post",
        "auth/provider/token",
        {"provider": provider, "process": "login", "token": {"client_id": client_id, **token}},
    )


def me(api_client, body) -> dict:
    response = api_client.get(
        "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {body['meta']['access_token']}"
    )
    assert response.status_code == 200, response.content
    return response.json()


def assert_signed_in(api_client, app, response, body, email: str) -> User:
    """200 with Toto's JWT pair; the access token opens /me and the refresh token rotates."""
    assert response.status_code == 200, body
    assert body["data"]["user"]["email"] == email
    meta = body["meta"]
    assert meta["access_token"] and meta["refresh_token"] and meta["session_token"]
    assert me(api_client, body)["email"] == email
    refreshed, refreshed_body = app.refresh(meta["refresh_token"])
    assert refreshed.status_code == 200, refreshed_body
    return User.objects.get(email=email)


def b64_json(data: dict) -> str:
    return jwt.utils.base64url_encode(json.dumps(data).encode()).decode()


def pending_flow(body) -> str | None:
    pending = [flow["id"] for flow in body["data"].get("flows", []) if flow.get("is_pending")]
    return pending[0] if pending else None


def assert_refused(response, body, *, users_before: int) -> None:
    assert response.status_code == 400, body
    assert "access_token" not in body.get("meta", {})
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()


def assert_new_verified_student(user: User) -> None:
    assert user.is_verified
    assert user.profile.role == Role.STUDENT
    assert list(user.groups.values_list("name", flat=True)) == ["Students"]
    assert not user.has_usable_password()


# --- Configuration ----------------------------------------------------------------------------
def test_one_app_per_client_id_all_but_the_first_hidden(social_apps):
    google_apps = social_apps["google"]["APPS"]
    assert [app["client_id"] for app in google_apps] == list(GOOGLE.values())
    assert [bool(app["settings"].get("hidden")) for app in google_apps] == [False, True, True]
    # Facebook's Android app id repeats the web one: a single app for both.
    facebook_ids = [app["client_id"] for app in social_apps["facebook"]["APPS"]]
    assert facebook_ids == [FACEBOOK["WEB"], FACEBOOK["IOS"]]
    apple_apps = social_apps["apple"]["APPS"]
    assert [app["client_id"] for app in apple_apps] == list(APPLE.values())
    assert all("certificate_key" in app["settings"] for app in apple_apps)


def test_without_client_ids_there_are_no_apps_and_token_login_is_refused(
    app, settings, monkeypatch, google, transport
):
    for platform in PLATFORMS:
        monkeypatch.delenv(f"GOOGLE_{platform}_CLIENT_ID", raising=False)
    settings.SOCIALACCOUNT_PROVIDERS = base_settings._social_providers()
    assert settings.SOCIALACCOUNT_PROVIDERS["google"]["APPS"] == []
    token = google.id_token(aud=GOOGLE["WEB"])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)
    assert transport.calls == []


# --- Google -----------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", PLATFORMS)
def test_google_sign_in_makes_a_verified_student_with_jwts(
    app, api_client, google, transport, platform
):
    client_id = GOOGLE[platform]
    token = google.id_token(aud=client_id, email="gina@gmail.com")
    response, body = provider_token(app, "google", client_id, id_token=token)

    user = assert_signed_in(api_client, app, response, body, "gina@gmail.com")
    assert_new_verified_student(user)
    assert (user.first_name, user.last_name) == ("Gina", "Moreno")
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("google", "110169484474386276334")
    assert transport.urls_called() == [GOOGLE_CERTS_URL]


def test_google_signing_in_again_is_the_same_member(app, api_client, google):
    first = google.id_token(aud=GOOGLE["WEB"])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=first)
    user = assert_signed_in(api_client, app, response, body, "gina@gmail.com")
    app.session_token = None
    again = google.id_token(aud=GOOGLE["IOS"])  # same Google account, other device
    response, body = provider_token(app, "google", GOOGLE["IOS"], id_token=again)
    assert assert_signed_in(api_client, app, response, body, "gina@gmail.com") == user
    assert User.objects.count() == 1


def test_google_expired_token_is_refused(app, google):
    token = google.id_token(aud=GOOGLE["WEB"], lifetime=-60)
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_google_token_for_another_client_is_refused(app, google):
    token = google.id_token(aud="999-someone-else.apps.googleusercontent.com")
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_google_token_must_come_with_the_client_id_it_was_issued_to(app, google):
    token = google.id_token(aud=GOOGLE["IOS"])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_google_unconfigured_client_id_is_refused_without_asking_google(app, google, transport):
    client_id = "999-someone-else.apps.googleusercontent.com"
    token = google.id_token(aud=client_id)
    response, body = provider_token(app, "google", client_id, id_token=token)
    assert_refused(response, body, users_before=0)
    assert transport.calls == []


def test_google_wrong_issuer_is_refused(app, google):
    token = google.id_token(aud=GOOGLE["WEB"], iss="https://accounts.evil.example")
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_google_token_signed_with_another_key_is_refused(app, google):
    intruder = signing_key("intruder")
    token = google.id_token(aud=GOOGLE["WEB"], key=intruder)
    forged = intruder.sign(jwt.decode(token, options={"verify_signature": False}), kid="google-1")
    for candidate in (token, forged):  # unknown kid; known kid but the wrong key
        response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=candidate)
        assert_refused(response, body, users_before=0)


def test_google_tampered_token_is_refused(app, google):
    header, payload, signature = google.id_token(aud=GOOGLE["WEB"]).split(".")
    claims = jwt.decode(f"{header}.{payload}.{signature}", options={"verify_signature": False})
    tampered = ".".join([header, b64_json(claims | {"email": "admin@toto.example"}), signature])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=tampered)
    assert_refused(response, body, users_before=0)


def test_google_replayed_token_is_refused(app, api_client, google):
    token = google.id_token(aud=GOOGLE["WEB"])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_signed_in(api_client, app, response, body, "gina@gmail.com")
    app.session_token = None
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert response.status_code == 400, body
    assert "access_token" not in body.get("meta", {})


def test_google_verified_email_signs_into_the_existing_member(app, api_client, google, make_member):
    ana = make_member("ana@example.com", password=PASSWORD)
    token = google.id_token(aud=GOOGLE["WEB"], email="Ana@Example.com", email_verified=True)
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)

    assert assert_signed_in(api_client, app, response, body, "ana@example.com") == ana
    assert User.objects.count() == 1
    assert SocialAccount.objects.get(provider="google").user == ana
    ana.refresh_from_db()
    assert ana.has_usable_password()  # her own, verified address: nothing to fear
    app.session_token = None
    assert app.login("ana@example.com", PASSWORD)[0].status_code == 200


def test_google_verified_email_locks_out_whoever_signed_up_unverified_with_it(
    app, api_client, google, make_member
):
    """Someone signed up with Ana's address but never proved it: Google's word wins."""
    squatted = make_member("ana@example.com", password=PASSWORD, verified=False)
    token = google.id_token(aud=GOOGLE["WEB"], email="ana@example.com", email_verified=True)
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)

    assert assert_signed_in(api_client, app, response, body, "ana@example.com") == squatted
    squatted.refresh_from_db()
    assert not squatted.has_usable_password()  # the squatter's password is gone
    assert squatted.is_verified  # Google vouched for it: no code needed
    app.session_token = None
    assert app.login("ana@example.com", PASSWORD)[0].status_code != 200


def test_google_unverified_email_does_not_take_over_an_existing_member(app, google, make_member):
    ana = make_member("ana@example.com", password=PASSWORD)
    token = google.id_token(aud=GOOGLE["WEB"], email="ana@example.com", email_verified=False)
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)

    # allauth answers as if a code had been sent (no account enumeration) and tells Ana instead.
    assert response.status_code == 401, body
    assert pending_flow(body) == "verify_email"
    assert "access_token" not in body["meta"]
    assert User.objects.count() == 1
    assert not SocialAccount.objects.exists()
    assert [message.to for message in mail.outbox] == [["ana@example.com"]]
    ana.refresh_from_db()
    assert ana.has_usable_password()
    app.session_token = None
    assert app.login("ana@example.com", PASSWORD)[0].status_code == 200


def test_google_unverified_email_of_a_new_member_needs_the_emailed_code(app, api_client, google):
    token = google.id_token(aud=GOOGLE["WEB"], email="gina@example.org", email_verified=False)
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert response.status_code == 401, body
    assert pending_flow(body) == "verify_email"
    assert not User.objects.get(email="gina@example.org").is_verified

    response, body = app.verify(code_from_last_mail())
    user = assert_signed_in(api_client, app, response, body, "gina@example.org")
    assert_new_verified_student(user)


@pytest.mark.parametrize("header", [{"alg": "RS256"}, {"alg": "HS256", "kid": "google-1"}])
def test_google_token_with_a_malformed_header_is_refused(app, google, header):
    claims = jwt.decode(google.id_token(aud=GOOGLE["WEB"]), options={"verify_signature": False})
    token = ".".join([b64_json(header), b64_json(claims), "c2lnbmF0dXJl"])
    response, body = provider_token(app, "google", GOOGLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


# --- Apple ------------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", APPLE)
@pytest.mark.parametrize("email_verified", ["true", True])
def test_apple_sign_in_with_a_relayed_email_makes_a_verified_student(
    app, api_client, apple, transport, platform, email_verified
):
    token = apple.id_token(aud=APPLE[platform], email=RELAY, email_verified=email_verified)
    response, body = provider_token(app, "apple", APPLE[platform], id_token=token)

    user = assert_signed_in(api_client, app, response, body, RELAY)
    assert_new_verified_student(user)
    assert (user.first_name, user.last_name) == ("", "")  # Apple never puts a name in it
    assert SocialAccount.objects.get(user=user).provider == "apple"
    assert transport.urls_called() == [APPLE_KEYS_URL]


def test_apple_later_sign_in_without_email_is_the_same_member(app, api_client, apple):
    token = apple.id_token(aud=APPLE["IOS"])
    response, body = provider_token(app, "apple", APPLE["IOS"], id_token=token)
    user = assert_signed_in(api_client, app, response, body, RELAY)
    app.session_token = None
    token = apple.id_token(aud=APPLE["IOS"], email=None)
    response, body = provider_token(app, "apple", APPLE["IOS"], id_token=token)
    assert assert_signed_in(api_client, app, response, body, RELAY) == user
    assert User.objects.count() == 1


def test_apple_shared_email_signs_into_the_existing_member(app, api_client, apple, make_member):
    ana = make_member("ana@example.com")
    token = apple.id_token(aud=APPLE["IOS"], email="ana@example.com", email_verified=True)
    response, body = provider_token(app, "apple", APPLE["IOS"], id_token=token)
    assert assert_signed_in(api_client, app, response, body, "ana@example.com") == ana
    assert User.objects.count() == 1


def test_apple_expired_token_is_refused(app, apple):
    token = apple.id_token(aud=APPLE["WEB"], lifetime=-60)
    response, body = provider_token(app, "apple", APPLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_apple_token_for_another_client_is_refused(app, apple):
    token = apple.id_token(aud="com.someone.else")
    response, body = provider_token(app, "apple", APPLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)
    response, body = provider_token(app, "apple", "com.someone.else", id_token=token)
    assert_refused(response, body, users_before=0)


def test_apple_wrong_issuer_is_refused(app, apple):
    token = apple.id_token(aud=APPLE["WEB"], iss="https://accounts.google.com")
    response, body = provider_token(app, "apple", APPLE["WEB"], id_token=token)
    assert_refused(response, body, users_before=0)


def test_apple_token_signed_with_another_key_is_refused(app, apple):
    intruder = signing_key("intruder")
    for kid in ("intruder", "apple-1"):  # unknown kid; known kid but the wrong key
        token = apple.id_token(aud=APPLE["WEB"], key=intruder)
        claims = jwt.decode(token, options={"verify_signature": False})
        response, body = provider_token(
            app, "apple", APPLE["WEB"], id_token=intruder.sign(claims, kid=kid)
        )
        assert_refused(response, body, users_before=0)


def test_apple_replayed_token_is_refused(app, api_client, apple):
    token = apple.id_token(aud=APPLE["WEB"])
    response, body = provider_token(app, "apple", APPLE["WEB"], id_token=token)
    assert_signed_in(api_client, app, response, body, RELAY)
    app.session_token = None
    response, body = provider_token(app, "apple", APPLE["WEB"], id_token=token)
    assert response.status_code == 400, body
    assert "access_token" not in body.get("meta", {})


# --- Facebook ---------------------------------------------------------------------------------
FB_PROFILE = {
    "id": "10223456789012345",
    "email": "fern@example.org",
    "first_name": "Fern",
    "last_name": "Okafor",
    "name": "Fern Okafor",
}


@pytest.mark.parametrize("platform", ["WEB", "IOS"])
def test_facebook_sign_in_makes_a_verified_student_with_jwts(
    app, api_client, graph, transport, platform
):
    app_id = FACEBOOK[platform]
    access_token = graph.user_token(app_id, FB_PROFILE)
    response, body = provider_token(app, "facebook", app_id, access_token=access_token)

    user = assert_signed_in(api_client, app, response, body, "fern@example.org")
    assert_new_verified_student(user)
    assert (user.first_name, user.last_name) == ("Fern", "Okafor")
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("facebook", FB_PROFILE["id"])
    assert transport.urls_called() == [
        f"{GRAPH_API_URL}/oauth/access_token",
        f"{GRAPH_API_URL}/debug_token",
        f"{GRAPH_API_URL}/me",
    ]


def test_facebook_token_graph_finds_invalid_is_refused(app, graph):
    for access_token in (
        graph.user_token(FACEBOOK["WEB"], FB_PROFILE, valid=False),  # expired or revoked
        "EAAnot-a-token-graph-knows",
    ):
        response, body = provider_token(app, "facebook", FACEBOOK["WEB"], access_token=access_token)
        assert_refused(response, body, users_before=0)


def test_facebook_graph_error_answer_is_refused(app, graph):
    access_token = graph.user_token(FACEBOOK["WEB"], FB_PROFILE, graph_refuses=True)
    response, body = provider_token(app, "facebook", FACEBOOK["WEB"], access_token=access_token)
    assert_refused(response, body, users_before=0)


def test_facebook_token_of_another_app_is_refused(app, graph):
    access_token = graph.user_token(FACEBOOK["IOS"], FB_PROFILE)
    response, body = provider_token(app, "facebook", FACEBOOK["WEB"], access_token=access_token)
    assert_refused(response, body, users_before=0)


def test_facebook_email_signs_into_the_existing_member(app, api_client, graph, make_member):
    ana = make_member("ana@example.com")
    access_token = graph.user_token(FACEBOOK["WEB"], {**FB_PROFILE, "email": "ana@example.com"})
    response, body = provider_token(app, "facebook", FACEBOOK["WEB"], access_token=access_token)
    assert assert_signed_in(api_client, app, response, body, "ana@example.com") == ana
    assert User.objects.count() == 1


def test_facebook_email_unverified_by_setting_does_not_take_over(
    app, settings, monkeypatch, graph, make_member
):
    monkeypatch.setenv("FACEBOOK_EMAIL_VERIFIED", "false")
    settings.SOCIALACCOUNT_PROVIDERS = base_settings._social_providers()
    make_member("ana@example.com")
    access_token = graph.user_token(FACEBOOK["WEB"], {**FB_PROFILE, "email": "ana@example.com"})
    response, body = provider_token(app, "facebook", FACEBOOK["WEB"], access_token=access_token)
    assert response.status_code == 401, body
    assert pending_flow(body) == "verify_email"
    assert "access_token" not in body["meta"]
    assert User.objects.count() == 1
    assert not SocialAccount.objects.exists()


def test_facebook_account_without_email_asks_for_one_then_for_its_code(app, api_client, graph):
    """A Facebook account made with a phone number has no email: the app asks the member."""
    profile = {key: value for key, value in FB_PROFILE.items() if key != "email"}
    access_token = graph.user_token(FACEBOOK["IOS"], profile)
    response, body = provider_token(app, "facebook", FACEBOOK["IOS"], access_token=access_token)
    assert response.status_code == 401, body
    assert pending_flow(body) == "provider_signup"
    assert not User.objects.exists()

    response, body = app.call("post", "auth/provider/signup", {"email": "fern@example.org"})
    assert response.status_code == 401, body
    assert pending_flow(body) == "verify_email"
    response, body = app.verify(code_from_last_mail())
    user = assert_signed_in(api_client, app, response, body, "fern@example.org")
    assert_new_verified_student(user)
    assert SocialAccount.objects.get(user=user).uid == FB_PROFILE["id"]
