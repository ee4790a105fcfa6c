"""The login lockout: one counter for every way to sign in, kept in the cache.

Every password sign-in goes through `django.contrib.auth.authenticate()`: allauth's API
(`auth/login`, `auth/reauthenticate`), the Wagtail admin (`/admin/login/`), the Django admin
(`/django-admin/login/`) and Wagtail's front-end login (`/_util/login/`). django-axes hooks in
there: its backend, first in `AUTHENTICATION_BACKENDS`, refuses a locked account or client IP
before any password is checked (so the right password is refused too), and its signal handler,
`LoginLockoutHandler` here, counts the failures.

Counting (settings `AXES_FAILURE_LIMIT`, `LOGIN_LOCKOUT_IP_FAILURE_LIMIT`, `AXES_COOLOFF_TIME`):

- per account: the address typed in, lower-cased, whichever form it came from;
- per client IP: `REMOTE_ADDR`, or the `X-Forwarded-For` entry `ALLAUTH_TRUSTED_PROXY_COUNT`
  hops from the right when Toto runs behind that many proxies (allauth's own rule, so its rate
  limits and the lockout agree); IPv6 addresses count per /64.

A counter starts at the first failure and lives for the cool-off time. Reaching its limit locks
that account or IP for the cool-off time (attempts while locked are refused, not counted and do
not extend it) and starts a fresh count afterwards. A successful sign-in of a member clears the
counters of their addresses; IP counters are never cleared by a success, or anyone holding one
account could keep resetting their IP's count while guessing other members' passwords.

Why not axes' own `AxesCacheHandler`: it has one limit for every parameter (a school behind one
IP would be locked out as fast as a single account), it counts a missing username under a key
shared by all such requests, it resets the IP's count on any success (`AXES_RESET_ON_SUCCESS`),
and it cannot tell when a lockout ends (no `Retry-After`). The database handler would write rows
on every failed attempt, which an attacker controls.

A locked attempt is answered 429 with `Retry-After` (seconds until the lockout ends): allauth's
error shape on `/_allauth/`, a short "too many attempts" page elsewhere (`lockout_response`,
`AXES_LOCKOUT_CALLABLE`). The attempt that reaches the limit is still answered as a wrong
password; the next one meets the lockout.

Unlocking by hand: `manage.py axes_reset_username <address>` or `axes_reset_ip <ip>`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import math
import time

from axes.handlers.base import AbstractAxesHandler, AxesBaseHandler
from axes.helpers import get_cache, get_client_username, get_cool_off
from axes.signals import user_locked_out
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

logger = logging.getLogger(__name__)

LOCKOUT_CODE = "too_many_login_attempts"
KEY_PREFIX = "login-lockout"
IPV6_PREFIX_LENGTH = 64


# --- Who is trying ------------------------------------------------------------------------------
def login_key(value) -> str | None:
    """The account a login names, as counted: the typed address, trimmed and lower-cased."""
    if value is None:
        return None
    value = str(value).strip().lower()
    return value or None


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """`AXES_USERNAME_CALLABLE`: the address from allauth's (`email`) or a form's (`username`)
    credentials, so every door counts under the same key."""
    credentials = credentials or {}
    for field in ("email", "username", "login"):
        if credentials.get(field):
            return login_key(credentials[field])
    data = getattr(request, "POST", None) or {}
    for field in ("email", "username", "login"):
        if data.get(field):
            return login_key(data[field])
    return None


def lockout_client_ip(request: HttpRequest) -> str | None:
    """`AXES_CLIENT_IP_CALLABLE`: allauth's client IP (X-Forwarded-For only from trusted
    proxies), IPv6 reduced to its /64 network; None when it cannot be told."""
    from allauth.account.adapter import get_adapter

    try:
        ip = get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured) as error:
        logger.warning("login lockout: no client IP for %s (%s)", request.path, error)
        return None
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        network = ipaddress.ip_network(f"{address}/{IPV6_PREFIX_LENGTH}", strict=False)
        return str(network.network_address)
    return str(address)


def _cool_off_seconds(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    if cool_off is None:
        raise ImproperlyConfigured("AXES_COOLOFF_TIME must be set: lockouts end on their own.")
    return max(1, math.ceil(cool_off.total_seconds()))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def account_counter_key(login: str) -> str:
    return f"{KEY_PREFIX}:account:{_digest(login)}"


def ip_counter_key(ip: str) -> str:
    return f"{KEY_PREFIX}:ip:{ip}"


def _lock_key(counter_key: str) -> str:
    return f"{counter_key}:locked"


# --- The axes handler ---------------------------------------------------------------------------
class LoginLockoutHandler(AbstractAxesHandler, AxesBaseHandler):
    """`AXES_HANDLER`: failures per account and per IP in the cache, each with its own limit."""

    def __init__(self) -> None:
        self.cache = get_cache()

    def _counters(self, request: HttpRequest, credentials: dict | None) -> list[tuple[str, int]]:
        """(counter key, failure limit) for the account and the IP of this attempt."""
        counters = []
        login = get_client_username(request, credentials)
        if login:
            counters.append((account_counter_key(login), settings.AXES_FAILURE_LIMIT))
        ip = getattr(request, "axes_ip_address", None)
        if ip:
            counters.append((ip_counter_key(ip), settings.LOGIN_LOCKOUT_IP_FAILURE_LIMIT))
        return counters

    def lockout_remaining(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Seconds until every lockout on this attempt's account and IP has ended (0: none)."""
        lock_keys = [_lock_key(key) for key, _limit in self._counters(request, credentials)]
        if not lock_keys:
            return 0
        ends = self.cache.get_many(lock_keys).values()
        remaining = max((end - time.time() for end in ends), default=0)
        return math.ceil(remaining) if remaining > 0 else 0

    # axes' handler API
    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return self.lockout_remaining(request, credentials) > 0

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        keys = [key for key, _limit in self._counters(request, credentials)]
        return max(self.cache.get_many(keys).values(), default=0) if keys else 0

    def _count(self, key: str, window: int) -> int:
        # Without Redis (core.cache) add() answers True and incr() None: the lockout then
        # fails open (counts 1, never locks) rather than refusing every sign-in.
        if self.cache.add(key, 1, timeout=window):
            return 1
        try:
            count = self.cache.incr(key)  # keeps the key's expiry: a fixed window
        except ValueError:  # expired between add() and incr()
            self.cache.add(key, 1, timeout=window)
            return 1
        if count is None:
            logger.warning("login lockout: the cache did not count a failure (unavailable)")
            return 1
        return count

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        if request is None:
            logger.error("login lockout: a failed login without a request cannot be counted")
            return
        if request.axes_locked_out:
            # Refused by the axes backend: already locked; not counted, the lockout not extended.
            request.axes_credentials = credentials
            return
        if self.is_whitelisted(request, credentials):
            return
        window = _cool_off_seconds(request)
        counts = []
        for key, limit in self._counters(request, credentials):
            count = self._count(key, window)
            counts.append(count)
            if count < limit:
                continue
            self.cache.set(_lock_key(key), time.time() + window, timeout=window)
            self.cache.delete(key)  # a fresh count once the lockout is over
            kind = "account" if ":account:" in key else "IP"
            logger.warning(
                "login lockout: %s locked for %ss after %s failures (%s, path %s)",
                kind,
                window,
                count,
                key.rsplit(":", 1)[-1][:12] if kind == "account" else request.axes_ip_address,
                request.axes_path_info,
            )
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
        request.axes_failures_since_start = max(counts, default=0)

    def user_logged_in(self, sender, request, user, **kwargs) -> None:
        """A member signed in: their accounts' counters (and any lockout) start over."""
        account_reset(user=user)

    def user_logged_out(self, sender, request, user, **kwargs) -> None:
        pass

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        """For axes' `axes_reset_username` / `axes_reset_ip` commands."""
        if ip_address is None and username is None:
            raise NotImplementedError("The cache cannot list every lockout; name one.")
        keys = []
        if username:
            keys.append(account_counter_key(login_key(username)))
        if ip_address:
            keys.append(ip_counter_key(ip_address))
        found = sum(1 for key in keys if self.cache.get_many([key, _lock_key(key)]))
        self.cache.delete_many([*keys, *(_lock_key(key) for key in keys)])
        return found


def account_reset(*, user=None, email: str | None = None) -> None:
    """Clear the failure count and any lockout of a member's addresses (or of one address)."""
    logins = set()
    if email:
        logins.add(login_key(email))
    if user is not None:
        from allauth.account.models import EmailAddress

        logins.add(login_key(user.email))
        logins.update(
            login_key(address)
            for address in EmailAddress.objects.filter(user_id=user.pk).values_list(
                "email", flat=True
            )
        )
    keys = [account_counter_key(login) for login in logins if login]
    if keys:
        get_cache().delete_many([*keys, *(_lock_key(key) for key in keys)])


# --- The answer to a locked attempt ---------------------------------------------------------------
LOCKOUT_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
<h1>{title}</h1>
<p>{text}</p>
</body>
</html>
"""


def _is_allauth_api(request: HttpRequest) -> bool:
    allauth_state = getattr(request, "allauth", None)
    return hasattr(allauth_state, "headless") or request.path.startswith("/_allauth/")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: 429 with `Retry-After`, in allauth's shape on its API."""
    from axes.handlers.proxy import AxesProxyHandler

    handler = AxesProxyHandler.get_implementation()
    remaining = 0
    if isinstance(handler, LoginLockoutHandler):
        remaining = handler.lockout_remaining(request, credentials)
    retry_after = remaining or _cool_off_seconds(request)

    if _is_allauth_api(request):
        from allauth.account.adapter import get_adapter

        message = get_adapter(request).error_messages[LOCKOUT_CODE]
        response = JsonResponse(
            {"status": 429, "errors": [{"message": str(message), "code": LOCKOUT_CODE}]},
            status=429,
        )
        add_never_cache_headers(response)
    else:
        minutes = math.ceil(retry_after / 60)
        text = ngettext(
            "Signing in is paused after too many failed attempts. Try again in %(n)d minute.",
            "Signing in is paused after too many failed attempts. Try again in %(n)d minutes.",
            minutes,
        ) % {"n": minutes}
        title = gettext("Too many sign-in attempts")
        response = HttpResponse(
            LOCKOUT_PAGE.format(title=escape(title), text=escape(text)),
            status=429,
            content_type="text/html; charset=utf-8",
        )
        add_never_cache_headers(response)
    response["Retry-After"] = str(retry_after)
    return response


# --- allauth's other "too many login attempts" ------------------------------------------------
class AllauthRateLimitStatusMiddleware:
    """Answer 429 where allauth still says "too many login attempts" with a 400.

    Failed logins are the lockout's business (allauth's `login_failed` limit is off), but
    allauth also refuses a *correct* login with that form error while the verification mail of
    an unverified address is rate-limited (`confirm_email`). An app should see 429 for it, as for
    allauth's other rate limits, with the wait in `Retry-After`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 400
            and request.path.startswith("/_allauth/")
            and response.get("Content-Type", "").startswith("application/json")
            and LOCKOUT_CODE.encode() in response.content
        ):
            body = json.loads(response.content)
            if any(error.get("code") == LOCKOUT_CODE for error in body.get("errors", [])):
                body["status"] = 429
                response.content = json.dumps(body)
                response.status_code = 429
                response["Retry-After"] = str(_verification_mail_wait())
        return response


def _verification_mail_wait() -> int:
    """The longest window of allauth's `confirm_email` rate limit, in seconds."""
    from allauth.account import app_settings as account_settings
    from allauth.core.internal.ratelimit import parse_rates

    try:
        rates = parse_rates(account_settings.RATE_LIMITS.get("confirm_email"))
    except ValueError:
        rates = []
    return max((math.ceil(rate.duration) for rate in rates), default=60)
