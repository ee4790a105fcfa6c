"""Toto's JWTs: simplejwt pairs tied to the sign-in session they were issued to.

Every refresh and access token carries the id of a `SignInSession` (claim `sid`). That lets us
- revoke everything a session was given when it logs out (`DELETE auth/session`),
- refuse an access token whose session has ended, even before the token expires,
- end all of a member's sessions after a password reset or an account deactivation, and all
  but the current one after a password change,
- end the sign-in session whose refresh token is presented a second time (a stolen token
  being replayed, or the app's own): the pair it was rotated into stops working too.

One credential: a sign-in session remembers the key of the allauth (Django) session it was
started in (`SignInSession.session_key`, kept current when Django cycles the key), so allauth's
endpoints that need a signed-in member (`auth/session`, password change, email addresses) take
the access token alone as `Authorization: Bearer <access>` — under the same rules as /api/v1/
(the token valid, its sign-in session open, the member active). The app never needs the
session token once it holds the JWT pair.
"""

import uuid

from allauth.account.auth_backends import AuthenticationBackend
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.httpkit import get_authorization_credential
from allauth.headless.internal.sessionkit import lookup_session, session_store
from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken, Token

from members.models import SessionRefreshToken, SignInSession, User

SESSION_CLAIM = "sid"
# Where the allauth (Django) session remembers its sign-in session, and under which key it last
# recorded itself on that sign-in session (to notice when Django cycles the key).
SESSION_DATA_KEY = "toto_sign_in_session"
SESSION_KEY_SEEN = "toto_sign_in_session_key"
_NO_SESSION = object()


class RefreshTokenReused(Exception):
    """A refresh token that was already rotated was presented again; its session has ended."""


class _SignedRefreshToken(RefreshToken):
    """A refresh token checked for signature, expiry and type, not against the blacklist:
    `token_pair_rotate` reads that itself, under a row lock, to tell reuse from rotation."""

    def verify(self, *args, **kwargs) -> None:
        Token.verify(self, *args, **kwargs)


def _session_key_record(sign_in_session: SignInSession, session: SessionBase) -> None:
    """Remember on the sign-in session which allauth session it lives in."""
    if not session.session_key:
        session.save()
    key = session.session_key
    if session.get(SESSION_KEY_SEEN) == key and sign_in_session.session_key == key:
        return
    SignInSession.objects.filter(pk=sign_in_session.pk).update(session_key=key)
    sign_in_session.session_key = key
    session[SESSION_KEY_SEEN] = key


def sign_in_session_for_request(request: HttpRequest) -> SignInSession:
    """The active sign-in session of this allauth session, started on first use."""
    sid = request.session.get(SESSION_DATA_KEY)
    session = None
    if sid:
        session = SignInSession.objects.filter(
            pk=sid, user=request.user, ended_at__isnull=True
        ).first()
    if session is None:
        session = SignInSession.objects.create(user=request.user)
        request.session[SESSION_DATA_KEY] = str(session.pk)
    _session_key_record(session, request.session)
    return session


def sign_in_session_of_access_token(raw_token: str) -> SignInSession | None:
    """The open sign-in session (with its active member) of a valid access token, else None.

    The rules of `members.authentication.SessionBoundJWTAuthentication`, for allauth's views.
    """
    try:
        token = AccessToken(raw_token)
        sid = uuid.UUID(str(token.get(SESSION_CLAIM)))
    except (TokenError, ValueError):
        return None
    return (
        SignInSession.objects.select_related("user")
        .filter(
            pk=sid,
            user_id=token.get(jwt_settings.USER_ID_CLAIM),
            user__is_active=True,
            ended_at__isnull=True,
        )
        .first()
    )


def _session_is_of(session: SessionBase | None, sign_in_session: SignInSession) -> bool:
    return (
        session is not None
        and session.get(SESSION_KEY) == str(sign_in_session.user_id)
        and session.get(SESSION_DATA_KEY) == str(sign_in_session.pk)
    )


def _session_rebuild(sign_in_session: SignInSession) -> str:
    """A signed-in allauth session for an open sign-in session whose own one is gone.

    Django sessions expire on their own clock (SESSION_COOKIE_AGE after the last write) while a
    sign-in session lives as long as its refresh tokens keep being used; the access token stays
    the credential, so its member gets a fresh session rather than a 410.
    """
    user = sign_in_session.user
    session = session_store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = f"{AuthenticationBackend.__module__}.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_DATA_KEY] = str(sign_in_session.pk)
    session.create()
    _session_key_record(sign_in_session, session)
    session.save()
    return session.session_key


def session_key_of_access_token(raw_token: str) -> str | None:
    """The allauth session key a valid access token stands for (None: not signed in)."""
    sign_in_session = sign_in_session_of_access_token(raw_token)
    if sign_in_session is None:
        return None
    key = sign_in_session.session_key
    if key and _session_is_of(lookup_session(key), sign_in_session):
        return key
    return _session_rebuild(sign_in_session)


def token_pair_issue(*, user: User, sign_in_session: SignInSession) -> RefreshToken:
    """A new refresh token (and, through it, an access token) for one sign-in session."""
    refresh = RefreshToken.for_user(user)  # records the OutstandingToken
    refresh[SESSION_CLAIM] = str(sign_in_session.pk)
    # for_user() stored the token text before the claim was added; keep the record exact.
    outstanding = OutstandingToken.objects.get(jti=refresh[jwt_settings.JTI_CLAIM])
    outstanding.token = str(refresh)
    outstanding.save(update_fields=["token"])
    SessionRefreshToken.objects.create(token=outstanding, sign_in_session=sign_in_session)
    return refresh


def token_pair_rotate(raw_refresh_token: str) -> tuple[str, str] | None:
    """Exchange a refresh token for a new pair, blacklisting the used one at once.

    Returns None for anything but a valid, unused refresh token of an active member whose
    sign-in session is open. A token that was already rotated while its session is still open
    is being replayed: the session ends (every token it was given, the pair this one was
    rotated into included) and `RefreshTokenReused` is raised once that is committed. The row
    lock makes a token usable once even when two requests race with it.
    """
    try:
        refresh = _SignedRefreshToken(raw_refresh_token)
    except TokenError:
        return None
    with transaction.atomic():
        outstanding = (
            OutstandingToken.objects.select_for_update(of=("self",))
            .select_related("user", "session_link__sign_in_session")
            .filter(jti=refresh[jwt_settings.JTI_CLAIM])
            .first()
        )
        if outstanding is None:
            return None
        link = getattr(outstanding, "session_link", None)
        session_open = link is not None and link.sign_in_session.ended_at is None
        if BlacklistedToken.objects.filter(token=outstanding).exists():
            if not session_open:
                return None
            # Blacklisted while its session is open: only a rotation does that.
            _sessions_end(SignInSession.objects.filter(pk=link.sign_in_session_id))
            reused = True
        else:
            reused = False
            user = outstanding.user
            if user is None or not user.is_active or not session_open:
                return None
            BlacklistedToken.objects.create(token=outstanding)
            new_refresh = token_pair_issue(user=user, sign_in_session=link.sign_in_session)
    if reused:
        raise RefreshTokenReused
    return str(new_refresh.access_token), str(new_refresh)


def _sessions_end(sessions) -> int:
    """End sign-in sessions and blacklist every refresh token they were given."""
    session_ids = list(sessions.filter(ended_at__isnull=True).values_list("pk", flat=True))
    if not session_ids:
        return 0
    session_keys = SignInSession.objects.filter(pk__in=session_ids).exclude(session_key="")
    session_keys = list(session_keys.values_list("session_key", flat=True))
    SignInSession.objects.filter(pk__in=session_ids).update(ended_at=timezone.now())
    token_ids = SessionRefreshToken.objects.filter(sign_in_session_id__in=session_ids).values_list(
        "token_id", flat=True
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token_id=token_id) for token_id in token_ids], ignore_conflicts=True
    )
    # Their allauth sessions go too, so a session token of theirs is refused (410) as well.
    for key in session_keys:
        session_store(key).delete()
    return len(session_ids)


@transaction.atomic
def sign_in_session_end(*, sid: str) -> int:
    return _sessions_end(SignInSession.objects.filter(pk=sid))


@transaction.atomic
def sign_in_sessions_end_for_user(*, user: User, keep_sid: str | None = None) -> int:
    """End every sign-in session of `user` (except `keep_sid`) and blacklist their tokens.

    Tokens issued outside any session (none are, today) are blacklisted too.
    """
    sessions = SignInSession.objects.filter(user=user)
    if keep_sid:
        sessions = sessions.exclude(pk=keep_sid)
    ended = _sessions_end(sessions)
    unlinked = OutstandingToken.objects.filter(user=user, session_link__isnull=True)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in unlinked], ignore_conflicts=True
    )
    return ended


def refresh_token_error(message: str, code: str) -> JsonResponse:
    """A refused refresh in allauth's documented shape for `tokens/refresh` (400)."""
    body = {"status": 400, "errors": [{"message": message, "code": code, "param": "refresh_token"}]}
    response = JsonResponse(body, status=400)
    add_never_cache_headers(response)
    return response


class JWTTokenStrategy(SessionTokenStrategy):
    """allauth's headless token strategy, handing out Toto's simplejwt pairs.

    Like allauth's own JWT strategy (`allauth.headless.tokens.strategies.jwt`), it lets the
    access token stand for the session token on allauth's endpoints; unlike it, the token is
    Toto's simplejwt token, checked against its sign-in session (`session_key_of_access_token`).
    """

    def get_session_token(self, request: HttpRequest) -> str | None:
        token = super().get_session_token(request)  # X-Session-Token, while a flow is pending
        if token:
            return token
        # allauth asks several times per request; the answer costs queries, so keep it.
        cached = getattr(request, "_toto_bearer_session_key", _NO_SESSION)
        if cached is _NO_SESSION:
            raw = get_authorization_credential(request, "Bearer")
            cached = session_key_of_access_token(raw) if raw else None
            request._toto_bearer_session_key = cached
        return cached

    def create_session_token(self, request: HttpRequest) -> str:
        key = super().create_session_token(request)
        # Called whenever allauth's session changed: Django may have cycled its key (a password
        # change does), and the sign-in session must keep finding it.
        sid = request.session.get(SESSION_DATA_KEY)
        if sid and request.session.get(SESSION_KEY_SEEN) != key:
            sign_in_session = SignInSession.objects.filter(pk=sid, ended_at__isnull=True).first()
            if sign_in_session is not None:
                _session_key_record(sign_in_session, request.session)
                request.session.save()
        return key

    def create_access_token_payload(self, request: HttpRequest) -> dict | None:
        if not request.user.is_authenticated:
            return None
        refresh = token_pair_issue(
            user=request.user, sign_in_session=sign_in_session_for_request(request)
        )
        return {
            "access_token": str(refresh.access_token),
            "refresh_token": str(refresh),
            "expires_in": int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()),
        }

    def refresh_token(self, refresh_token: str) -> tuple[str, str] | None:
        try:
            pair = token_pair_rotate(refresh_token)
        except User.DoesNotExist:  # deleted between issue and refresh
            pair = None
        except RefreshTokenReused:
            message = gettext(
                "This refresh token was already used, so this sign-in has ended on every "
                "device that shared it. Sign in again."
            )
            raise ImmediateHttpResponse(refresh_token_error(message, "token_reused")) from None
        if pair is None:
            message = gettext("The refresh token is invalid, expired or signed out. Sign in again.")
            raise ImmediateHttpResponse(refresh_token_error(message, "invalid_token"))
        return pair
