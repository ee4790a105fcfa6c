"""Password-reset requests are capped per address and per IP, per minute and per day.

A reset request mails the address it names, known or not (so nobody learns which addresses have
accounts): without a daily cap anyone could keep mailing an address all day. The limits are
allauth's (`ACCOUNT_RATE_LIMITS["reset_password"]`), counted in the real cache; only allauth's
clock is moved forward here instead of waiting a day.
"""

import time

import pytest
from allauth.core.internal import ratelimit
from django.core import mail
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

REQUEST = "/_allauth/app/v1/auth/password/request"
IP = "203.0.113.50"
DAY = 24 * 60 * 60


class Clock:
    """allauth's rate-limit clock, moved by the test (its cache-lock timing stays real)."""

    def __init__(self) -> None:
        self.now = time.time()
        self.monotonic = time.monotonic
        self.sleep = time.sleep

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


def reset_request(email: str, *, ip: str = IP) -> int:
    response = APIClient().post(REQUEST, {"email": email}, format="json", REMOTE_ADDR=ip)
    assert response.status_code != 500
    if response.status_code == 429:
        assert response.json()["status"] == 429
    return response.status_code


def mails_to(address: str) -> int:
    return sum(address in message.to for message in mail.outbox)


@pytest.mark.parametrize("known", [True, False], ids=["member", "unknown address"])
def test_an_address_gets_one_mail_per_20_seconds_and_five_a_day(clock, make_member, known):
    email = "ana@example.com"
    if known:
        make_member(email)
    statuses = []
    for _ in range(5):
        statuses.append(reset_request(email))
        statuses.append(reset_request(email))  # at once again: too soon
        clock.advance(21)
    assert [status == 429 for status in statuses] == [False, True] * 5
    assert mails_to(email) == 5

    clock.advance(60 * 60)
    assert reset_request(email) == 429  # the sixth of the day
    assert mails_to(email) == 5
    # Other addresses are not held up by it.
    assert reset_request("ben@example.com") != 429

    clock.advance(DAY)
    assert reset_request(email) != 429
    assert mails_to(email) == 6


def test_letter_case_does_not_make_another_address(clock):
    assert reset_request("ana@example.com") != 429
    clock.advance(21)
    for variant in ("Ana@Example.com", "ANA@EXAMPLE.COM", "ana@EXAMPLE.com", "aNa@example.com"):
        assert reset_request(variant) != 429
        clock.advance(21)
    assert reset_request("Ana@example.COM") == 429


def test_one_ip_gets_twenty_requests_a_minute(clock):
    statuses = [reset_request(f"user{n}@example.com") for n in range(21)]
    assert [status == 429 for status in statuses] == [False] * 20 + [True]
    assert reset_request("someone@example.com", ip="198.51.100.1") != 429
    clock.advance(61)
    assert reset_request("late@example.com") != 429


def test_one_ip_gets_a_hundred_requests_a_day(clock):
    statuses = []
    for n in range(101):
        statuses.append(reset_request(f"user{n}@example.com"))
        if n % 20 == 19:
            clock.advance(61)  # stay within the per-minute limit
    assert [status == 429 for status in statuses] == [False] * 100 + [True]
    assert len(mail.outbox) == 100
    # Another IP is not held up; this one is again the next day.
    assert reset_request("other@example.com", ip="198.51.100.1") != 429
    clock.advance(DAY)
    assert reset_request("tomorrow@example.com") != 429
