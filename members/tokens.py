"""Toto's JWTs: simplejwt pairs tied to the allauth session they were issued in.

Every refresh and access token carries the session key (`sid`). That lets us
- revoke everything a session was given when it logs out (`DELETE auth/session`),
- refuse an access token whose session is gone, even before the token expires,
- revoke all of a member's tokens after a password reset, a password change (other sessions
  only) or an account deactivation.
"""

import logging
from collections.abc import Iterable

from allauth.headless.internal import sessionkit
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from members.models import SessionRefreshToken, User

logger = logging.getLogger(__name__)

SESSION_CLAIM = "sid"


def session_is_alive(session_key: str | None) -> bool:
    return bool(session_key) and sessionkit.session_store().exists(session_key)


def token_pair_issue(*, user: User, session_key: str) -> RefreshToken:
    """A new refresh token (and, through it, an access token) for a session of `user`."""
    refresh = RefreshToken.for_user(user)  # records the OutstandingToken
    refresh[SESSION_CLAIM] = session_key
    # for_user() stored the token text before the claim was added; keep the record exact.
    outstanding = OutstandingToken.objects.get(jti=refresh[jwt_settings.JTI_CLAIM])
    outstanding.token = str(refresh)
    outstanding.save(update_fields=["token"])
    SessionRefreshToken.objects.create(token=outstanding, session_key=session_key)
    return refresh


def token_pair_rotate(raw_refresh_token: str) -> tuple[str, str] | None:
    """Exchange a refresh token for a new pair, blacklisting the used one at once.

    Returns None (allauth answers 400) for anything but a valid, unused refresh token of an
    active member whose session is alive. The row lock makes a token usable once even when two
    requests race with it.
    """
    try:
        refresh = RefreshToken(raw_refresh_token)
    except TokenError:
        return None
    with transaction.atomic():
        outstanding = (
            OutstandingToken.objects.select_for_update()
            .select_related("user")
            .filter(jti=refresh[jwt_settings.JTI_CLAIM])
            .first()
        )
        if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
            return None
        user = outstanding.user
        session_key = refresh.get(SESSION_CLAIM)
        if user is None or not user.is_active or not session_is_alive(session_key):
            return None
        BlacklistedToken.objects.create(token=outstanding)
        new_refresh = token_pair_issue(user=user, session_key=session_key)
    _session_extend(session_key)
    return str(new_refresh.access_token), str(new_refresh)


def _session_extend(session_key: str) -> None:
    """A refreshed session lives as long as its newest refresh token."""
    session: SessionBase = sessionkit.session_store(session_key)
    session.set_expiry(int(jwt_settings.REFRESH_TOKEN_LIFETIME.total_seconds()))
    session.save()


def _blacklist(outstanding_tokens: Iterable[OutstandingToken]) -> int:
    ids = [token.pk for token in outstanding_tokens]
    already = set(
        BlacklistedToken.objects.filter(token_id__in=ids).values_list("token_id", flat=True)
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token_id=token_id) for token_id in ids if token_id not in already],
        ignore_conflicts=True,
    )
    return len(ids) - len(already)


def tokens_revoke_for_session(*, session_key: str) -> int:
    """Blacklist every refresh token issued to one session."""
    tokens = OutstandingToken.objects.filter(session_link__session_key=session_key)
    return _blacklist(tokens)


def tokens_revoke_for_user(*, user: User, keep_session_key: str | None = None) -> int:
    """Blacklist all refresh tokens of `user` and end their sessions, except one if named."""
    tokens = OutstandingToken.objects.filter(user=user).select_related("session_link")
    if keep_session_key:
        tokens = tokens.exclude(session_link__session_key=keep_session_key)
    tokens = list(tokens)
    session_keys = {
        token.session_link.session_key
        for token in tokens
        if hasattr(token, "session_link") and token.session_link.session_key != keep_session_key
    }
    store = sessionkit.session_store()
    for session_key in session_keys:
        store.delete(session_key)
    return _blacklist(tokens)


class JWTTokenStrategy(SessionTokenStrategy):
    """allauth's headless token strategy, handing out Toto's simplejwt pairs."""

    def create_access_token_payload(self, request: HttpRequest) -> dict | None:
        user = request.user
        if not user.is_authenticated:
            return None
        session_key = self.create_session_token(request)
        refresh = token_pair_issue(user=user, session_key=session_key)
        return {
            "access_token": str(refresh.access_token),
            "refresh_token": str(refresh),
            "expires_in": int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()),
        }

    def refresh_token(self, refresh_token: str) -> tuple[str, str] | None:
        try:
            return token_pair_rotate(refresh_token)
        except User.DoesNotExist:  # deleted between issue and refresh
            return None
