"""One login lockout for every way in: allauth's API, both admins and Wagtail's front-end login.

Failures are counted in the real cache (Redis) per address and per client IP by django-axes and
Toto's handler (members/middleware.py); nothing here is mocked but Google's HTTP.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from members.adapters import SocialAccountAdapter
from tests.members.conftest import AppClient, code_from_last_mail
from tests.members.social_fixtures import FakeGoogle, FakeProviderTransport
from toto_site.settings import base as base_settings

pytestmark = pytest.mark.django_db

AUTH = "/_allauth/app/v1"
EMAIL = "ana@example.com"
PASSWORD = "a-Strong-passphrase-42"
IP = "203.0.113.7"
ACCOUNT_LIMIT = 5
GOOGLE_WEB = "1234-web.apps.googleusercontent.com"


@dataclass
class Door:
    """One way to sign in with a password, as a client would use it."""

    name: str
    path: str
    api: bool = False

    def attempt(self, email: str, password: str, *, ip: str = IP, **headers) -> "Attempt":
        if self.api:
            client = APIClient()
            response = client.post(
                self.path,
                {"email": email, "password": password},
                format="json",
                REMOTE_ADDR=ip,
                **headers,
            )
        else:
            client = Client()
            response = client.post(
                self.path, {"username": email, "password": password}, REMOTE_ADDR=ip, **headers
            )
        return Attempt(self, client, response)


@dataclass
class Attempt:
    door: Door
    client: Client
    response: object

    @property
    def outcome(self) -> str:
        """ "in" (signed in), "wrong" (refused as a wrong password) or "locked" (429)."""
        status = self.response.status_code
        assert status != 500
        if status == 429:
            return "locked"
        if self.door.api:
            if status == 200:
                assert self.response.json()["meta"]["access_token"]
                return "in"
            assert status == 400, self.response.content
            return "wrong"
        if "_auth_user_id" in self.client.session:
            assert status == 302
            return "in"
        assert status == 200  # the form again, with its error
        return "wrong"


API = Door("allauth app API", f"{AUTH}/auth/login", api=True)
WAGTAIL_ADMIN = Door("Wagtail admin", "/admin/login/")
DJANGO_ADMIN = Door("Django admin", "/django-admin/login/")
WAGTAIL_FRONTEND = Door("Wagtail front-end login", "/_util/login/")
DOORS = [API, WAGTAIL_ADMIN, DJANGO_ADMIN, WAGTAIL_FRONTEND]


@pytest.fixture
def admin(make_member):
    """A verified admin: every door lets this member in with the right password."""
    return make_member(EMAIL, role="admin", password=PASSWORD)


def fail(door: Door, times: int, *, email: str = EMAIL, ip: str = IP) -> list[str]:
    return [door.attempt(email, f"wrong-{n}", ip=ip).outcome for n in range(times)]


def assert_locked_response(attempt: Attempt, *, max_wait: int = 15 * 60) -> None:
    response = attempt.response
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= max_wait
    if attempt.door.api:
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert body["status"] == 429
        assert [error["code"] for error in body["errors"]] == ["too_many_login_attempts"]
        assert body["errors"][0]["message"]
        assert "meta" not in body or "access_token" not in body["meta"]
    else:
        assert response["Content-Type"].startswith("text/html")
        assert b"Too many sign-in attempts" in response.content


# --- Every door -----------------------------------------------------------------------------
@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.name)
def test_each_door_locks_the_account_and_then_refuses_even_the_right_password(door, admin):
    assert fail(door, ACCOUNT_LIMIT) == ["wrong"] * ACCOUNT_LIMIT
    locked = door.attempt(EMAIL, PASSWORD)
    assert locked.outcome == "locked"
    assert_locked_response(locked)
    assert "_auth_user_id" not in locked.client.session


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.name)
def test_a_door_lets_the_right_password_in_below_the_limit(door, admin):
    assert fail(door, ACCOUNT_LIMIT - 1) == ["wrong"] * (ACCOUNT_LIMIT - 1)
    assert door.attempt(EMAIL, PASSWORD).outcome == "in"


def test_one_count_per_account_across_doors_ips_and_letter_case(admin):
    """No door is a side entrance: failures anywhere add up under the address."""
    assert WAGTAIL_ADMIN.attempt("Ana@Example.com", "guess-1", ip="198.51.100.1").outcome == "wrong"
    assert DJANGO_ADMIN.attempt(" ANA@example.COM", "guess-2", ip="198.51.100.2").outcome == "wrong"
    assert WAGTAIL_FRONTEND.attempt(EMAIL, "guess-3", ip="198.51.100.3").outcome == "wrong"
    assert API.attempt(EMAIL, "guess-4", ip="198.51.100.4").outcome == "wrong"
    assert API.attempt("ana@EXAMPLE.com", "guess-5", ip="198.51.100.5").outcome == "wrong"
    for door in DOORS:
        assert door.attempt(EMAIL, PASSWORD, ip="198.51.100.6").outcome == "locked", door.name


def test_per_account_across_ips(make_member):
    make_member(EMAIL, password=PASSWORD)
    outcomes = [API.attempt(EMAIL, "nope", ip=f"198.51.100.{n}").outcome for n in range(5)]
    assert outcomes == ["wrong"] * 5
    assert API.attempt(EMAIL, PASSWORD, ip="192.0.2.200").outcome == "locked"
    # Another member is not affected, from any of those IPs.
    make_member("ben@example.com", password=PASSWORD)
    assert API.attempt("ben@example.com", PASSWORD, ip="198.51.100.1").outcome == "in"


def test_unknown_addresses_are_counted_like_known_ones(make_member):
    """The lockout tells nobody whether an address has an account."""
    make_member(EMAIL, password=PASSWORD)
    known = [API.attempt(EMAIL, "nope", ip="198.51.100.1").response for _ in range(6)]
    unknown = [
        API.attempt("nobody@example.com", "nope", ip="198.51.100.2").response for _ in range(6)
    ]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [400] * 5 + [429]
    assert known[-1].json()["errors"] == unknown[-1].json()["errors"]


def test_per_ip_across_accounts(settings, make_member):
    make_member(EMAIL, password=PASSWORD)
    limit = settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT
    outcomes = [
        API.attempt(f"guess{n}@example.com", "nope", ip="198.51.100.9").outcome
        for n in range(limit)
    ]
    assert outcomes == ["wrong"] * limit
    locked = API.attempt(EMAIL, PASSWORD, ip="198.51.100.9")
    assert locked.outcome == "locked"
    assert_locked_response(locked)
    assert WAGTAIL_ADMIN.attempt(EMAIL, PASSWORD, ip="198.51.100.9").outcome == "locked"
    # The account itself is not locked: from another IP the member gets in.
    assert API.attempt(EMAIL, PASSWORD, ip="198.51.100.10").outcome == "in"


def test_ipv6_clients_are_counted_per_64_network(settings, make_member):
    settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 3
    make_member(EMAIL, password=PASSWORD)
    for n in range(3):
        assert API.attempt(f"g{n}@example.com", "x", ip=f"2001:db8:1:2::{n + 1}").outcome == "wrong"
    assert API.attempt(EMAIL, PASSWORD, ip="2001:db8:1:2:ffff::9").outcome == "locked"
    assert API.attempt(EMAIL, PASSWORD, ip="2001:db8:1:3::1").outcome == "in"


# --- What ends a lockout --------------------------------------------------------------------
def test_lockout_ends_after_the_cool_off_and_attempts_while_locked_do_not_extend_it(
    settings, make_member
):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    make_member(EMAIL, password=PASSWORD)
    assert fail(API, ACCOUNT_LIMIT) == ["wrong"] * ACCOUNT_LIMIT
    first = API.attempt(EMAIL, PASSWORD)
    assert first.outcome == "locked"
    assert int(first.response["Retry-After"]) <= 2
    time.sleep(1.1)
    again = API.attempt(EMAIL, "still-guessing")
    assert again.outcome == "locked"
    assert int(again.response["Retry-After"]) == 1
    time.sleep(1.1)
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"


def test_after_a_lockout_the_count_starts_over(settings, make_member):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    make_member(EMAIL, password=PASSWORD)
    fail(API, ACCOUNT_LIMIT)
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    time.sleep(1.1)
    assert fail(API, ACCOUNT_LIMIT - 1) == ["wrong"] * (ACCOUNT_LIMIT - 1)
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"


def test_a_successful_sign_in_resets_the_accounts_count(make_member):
    make_member(EMAIL, password=PASSWORD)
    assert fail(API, ACCOUNT_LIMIT - 1) == ["wrong"] * (ACCOUNT_LIMIT - 1)
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"
    assert fail(API, ACCOUNT_LIMIT - 1) == ["wrong"] * (ACCOUNT_LIMIT - 1)
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"


def test_a_successful_sign_in_does_not_reset_the_ips_count(settings, make_member):
    """Else one account of their own would let anyone keep guessing everybody else's."""
    settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 4
    make_member(EMAIL, password=PASSWORD)
    for n in range(4):
        assert API.attempt(f"victim{n}@example.com", "guess").outcome == "wrong"
        if n < 3:
            assert API.attempt(EMAIL, PASSWORD).outcome == "in"
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"


def test_a_password_reset_ends_the_lockout(api_client, make_member):
    make_member(EMAIL, password=PASSWORD)
    fail(API, ACCOUNT_LIMIT)
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    reset = AppClient(api_client)
    reset.call("post", "auth/password/request", {"email": EMAIL}, REMOTE_ADDR=IP)
    response, body = reset.call(
        "post",
        "auth/password/reset",
        {"key": code_from_last_mail(), "password": "new-Passphrase-22"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 401, body  # reset done; allauth asks to sign in again
    assert API.attempt(EMAIL, PASSWORD).outcome == "wrong"  # the old one is gone
    assert API.attempt(EMAIL, "new-Passphrase-22").outcome == "in"


def test_an_admin_can_lift_a_lockout_with_axes_commands(settings, make_member):
    make_member(EMAIL, password=PASSWORD)
    fail(API, ACCOUNT_LIMIT)
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    call_command("axes_reset_username", "Ana@Example.com", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"

    settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 2
    fail(API, 2, email="x@example.com")
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    call_command("axes_reset_ip", IP, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"


# --- Other sign-in paths under the lockout --------------------------------------------------
def test_reauthentication_counts_as_a_password_attempt(api_client, make_member):
    """`auth/reauthenticate` checks the password too: not an oracle beside the lockout."""
    make_member(EMAIL, password=PASSWORD)
    app = AppClient(api_client)
    response, _ = app.login(EMAIL, PASSWORD)
    assert response.status_code == 200
    for n in range(ACCOUNT_LIMIT):
        response, _ = app.call("post", "auth/reauthenticate", {"password": f"wrong-{n}"})
        assert response.status_code == 400
    response, body = app.call("post", "auth/reauthenticate", {"password": PASSWORD})
    assert response.status_code == 429, body
    assert API.attempt(EMAIL, PASSWORD, ip="192.0.2.1").outcome == "locked"


def test_refreshing_tokens_still_works_while_the_account_is_locked(api_client, make_member):
    """The lockout stops password guessing; sessions signed in before it go on."""
    make_member(EMAIL, password=PASSWORD)
    app = AppClient(api_client)
    response, body = app.login(EMAIL, PASSWORD)
    assert response.status_code == 200
    fail(API, ACCOUNT_LIMIT)
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    response, refreshed = app.refresh(body["meta"]["refresh_token"])
    assert response.status_code == 200, refreshed
    assert refreshed["data"]["access_token"]


@pytest.fixture
def google(settings, monkeypatch) -> FakeGoogle:
    """Google sign-in configured for one web client id; Google's HTTP answered offline."""
    monkeypatch.setenv("GOOGLE_WEB_CLIENT_ID", GOOGLE_WEB)
    monkeypatch.setenv("GOOGLE_WEB_SECRET", "google-web-secret")
    settings.SOCIALACCOUNT_PROVIDERS = base_settings._social_providers()
    transport = FakeProviderTransport()
    real_get_requests_session = SocialAccountAdapter.get_requests_session

    def get_requests_session(self):
        session = real_get_requests_session(self)
        session.mount("https://", transport)
        session.mount("http://", transport)
        return session

    monkeypatch.setattr(SocialAccountAdapter, "get_requests_session", get_requests_session)
    fake = FakeGoogle()
    fake.register(transport)
    return fake


def test_provider_token_sign_in_works_for_a_locked_account_and_ends_its_lockout(
    api_client, make_member, google
):
    """No password is involved, so a password lockout does not stop it; signing in proves the
    member is back, so their count starts over (axes gets the request it needs here too)."""
    make_member(EMAIL, password=PASSWORD)
    fail(API, ACCOUNT_LIMIT)
    assert API.attempt(EMAIL, PASSWORD).outcome == "locked"
    app = AppClient(api_client)
    response, body = app.call(
        "post",
        "auth/provider/token",
        {
            "provider": "google",
            "process": "login",
            "token": {
                "client_id": GOOGLE_WEB,
                "id_token": google.id_token(aud=GOOGLE_WEB, email=EMAIL),
            },
        },
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 200, body
    assert body["meta"]["access_token"]
    assert API.attempt(EMAIL, PASSWORD).outcome == "in"


def test_a_login_refused_while_its_verification_mail_is_rate_limited_answers_429(api_client):
    """allauth's other "too many login attempts": the right password of an unverified address
    right after a code was mailed. Not a lockout, but a wait all the same."""
    app = AppClient(api_client)
    app.signup(EMAIL, PASSWORD)
    response, body = AppClient(api_client).login(EMAIL, PASSWORD)
    assert response.status_code == 429, body
    assert body["status"] == 429
    assert body["errors"][0]["code"] == "too_many_login_attempts"
    assert 1 <= int(response["Retry-After"]) <= 60


# --- Behind a proxy -------------------------------------------------------------------------
def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings, make_member):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 3
    make_member(EMAIL, password=PASSWORD)
    for n in range(3):
        attempt = API.attempt(f"g{n}@example.com", "x", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        assert attempt.outcome == "wrong"
    locked = API.attempt(EMAIL, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert locked.outcome == "locked"


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(settings, make_member):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 3
    make_member(EMAIL, password=PASSWORD)
    proxy = "10.0.0.2"
    for n in range(3):
        # The client's own X-Forwarded-For entries are not believed, only the proxy's.
        forwarded = f"192.0.2.{n}, 198.51.100.7"
        attempt = API.attempt(f"g{n}@example.com", "x", ip=proxy, HTTP_X_FORWARDED_FOR=forwarded)
        assert attempt.outcome == "wrong"
    blocked = API.attempt(EMAIL, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert blocked.outcome == "locked"
    other = API.attempt(EMAIL, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.outcome == "in"
